import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { connect } from "@khcn/db/connect";
import { sql } from "kysely";

/*
 * The real Node entry (`src/server.ts`, as `pnpm start` runs it) as a child process, for the drills
 * that need a real port and real signals: graceful shutdown and database faults.
 */
const apiDir = fileURLToPath(new URL("..", import.meta.url));

export interface RunningServer {
  child: ChildProcess;
  base: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export function startServer(options: {
  port: number;
  dataDir?: string;
  databaseUrl?: string;
  filesDir: string;
}): RunningServer {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: {
      ...process.env,
      NODE_ENV: "development",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir ?? "",
      DATABASE_URL: options.databaseUrl ?? "",
      TEST_DATABASE_URL: "",
      FILES_DIR: options.filesDir,
      SEED_DEMO: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, base: `http://127.0.0.1:${options.port}`, output: () => output, exited };
}

export async function waitHealthy(server: RunningServer): Promise<void> {
  for (let i = 0; i < 480; i++) {
    if (server.child.exitCode !== null) throw new Error(`server exited: ${server.output()}`);
    const ok = await fetch(`${server.base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server never became healthy: ${server.output()}`);
}

/** Signs in as a demo account; returns the `Cookie` header value. */
export async function signInDemo(base: string, who = "staff"): Promise<string> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: `${who}@demo.khcn.vn`, password: "demo-2025-khcn" }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: ${login.status} ${await login.text()}`);
  return (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
}

/** A fresh, empty database on the test PostgreSQL server, dropped by the returned function. */
export async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `khcn_drill_${randomBytes(6).toString("hex")}`;
  const admin = await connect({ databaseUrl: serverUrl, maxConnections: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}
