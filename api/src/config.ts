import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default("data"),
  /** Uploaded attachments, outside any folder the web server publishes. */
  FILES_DIR: z.string().min(1).default("files"),
  /** Origins allowed to send state-changing requests besides the server's own. Comma-separated. */
  TRUSTED_ORIGINS: z.string().default(""),
  /** Set when served over HTTPS behind a proxy: the session cookie then carries Secure. */
  SECURE_COOKIES: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  /** Loads the demo portfolio into an empty database. Never with NODE_ENV=production. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  database: { databaseUrl: string } | { dataDir: string };
  filesDir: string;
  trustedOrigins: string[];
  secureCookies: boolean;
  seedDemo: boolean;
  webDist: string;
}

export class ConfigError extends Error {}

/** Parsed once at start-up: a bad value stops the server with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as shells and .env files commonly write it.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && e.SEED_DEMO === "true") {
    throw new ConfigError("SEED_DEMO=true is refused with NODE_ENV=production: demo accounts never reach production.");
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { dataDir: path.resolve(repoRoot, e.DATA_DIR) },
    filesDir: path.resolve(repoRoot, e.FILES_DIR),
    trustedOrigins: e.TRUSTED_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: e.SECURE_COOKIES,
    seedDemo: e.NODE_ENV !== "production" && e.SEED_DEMO !== "false",
    webDist: path.join(repoRoot, "web", "dist"),
  };
}
