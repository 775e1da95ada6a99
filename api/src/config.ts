import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { AuthOptions } from "./auth/middleware.ts";
import { parseTrustProxy, type TrustedProxies } from "./http/client-address.ts";

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
  /**
   * The session cookie carries Secure and the __Host- name: on by default with NODE_ENV=production,
   * off otherwise (http://localhost must keep working); either way this variable decides when set.
   */
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  /** Sessions end after this many hours without use, and this many days after sign-in (decision 013). */
  SESSION_IDLE_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  SESSION_MAX_DAYS: z.coerce.number().positive().max(365).default(30),
  /** Proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDR ranges; unset means none. */
  TRUST_PROXY: z.string().optional(),
  /** Sign-in throttling (decision 013): the account lock, and the bucket of failures per client address. */
  SIGNIN_LOCK_AFTER: z.coerce.number().int().min(1).max(100).default(5),
  SIGNIN_LOCK_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  SIGNIN_LOCK_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  SIGNIN_ADDRESS_BURST: z.coerce.number().int().min(1).max(10_000).default(20),
  SIGNIN_ADDRESS_REFILL_SECONDS: z.coerce.number().positive().max(86_400).default(30),
  /** Loads the demo portfolio into an empty database. Never with NODE_ENV=production. */
  SEED_DEMO: z.enum(["true", "false"]).optional(),
  /** JSON log lines at this level and above go to stdout. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Seconds the dashboard's figures are reused; this server's own changes drop them at once (0: off). */
  DASHBOARD_CACHE_SECONDS: z.coerce.number().min(0).max(600).default(5),
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
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  dashboardCacheSeconds: number;
  /** Session lifetimes, throttling and trusted proxies (decision 013). */
  auth: AuthOptions;
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
  let trustProxy: TrustedProxies | null;
  try {
    trustProxy = parseTrustProxy(e.TRUST_PROXY);
  } catch (error) {
    throw new ConfigError(`Invalid environment: TRUST_PROXY: ${error instanceof Error ? error.message : error}`);
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
    secureCookies: e.SECURE_COOKIES === undefined ? e.NODE_ENV === "production" : e.SECURE_COOKIES === "true",
    seedDemo: e.NODE_ENV !== "production" && e.SEED_DEMO !== "false",
    webDist: path.join(repoRoot, "web", "dist"),
    logLevel: e.LOG_LEVEL,
    dashboardCacheSeconds: e.DASHBOARD_CACHE_SECONDS,
    auth: {
      sessionIdleHours: e.SESSION_IDLE_HOURS,
      sessionMaxDays: e.SESSION_MAX_DAYS,
      trustProxy,
      throttle: {
        lockAfter: e.SIGNIN_LOCK_AFTER,
        lockBaseMs: e.SIGNIN_LOCK_BASE_SECONDS * 1000,
        lockMaxMs: Math.max(e.SIGNIN_LOCK_BASE_SECONDS, e.SIGNIN_LOCK_MAX_SECONDS) * 1000,
        addressBurst: e.SIGNIN_ADDRESS_BURST,
        addressRefillMs: e.SIGNIN_ADDRESS_REFILL_SECONDS * 1000,
      },
    },
  };
}
