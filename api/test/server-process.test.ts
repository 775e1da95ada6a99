import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/*
 * The real Node entry, as `pnpm start` runs it, on a fresh data folder: one process holds the
 * folder, a second is refused with a message, a SIGTERM stops cleanly and the data survives.
 */
const apiDir = fileURLToPath(new URL("..", import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), "khcn-server-"));
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const running: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startServer(): Started {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      TEST_DATABASE_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitHealthy(started: Started) {
  for (let i = 0; i < 240; i++) {
    if (started.child.exitCode !== null) throw new Error(`server exited: ${started.output()}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server never became healthy: ${started.output()}`);
}

async function countTasksAsStaff(): Promise<number> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: "staff@demo.khcn.vn", password: "demo-2025-khcn" }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
  const list = await fetch(`${base}/api/tasks?pageSize=1`, { headers: { Cookie: cookie } });
  return ((await list.json()) as { total: number }).total;
}

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

describe.skipIf(process.env.TEST_DB === "postgres")("the server process on an embedded database", () => {
  it("holds its data folder, refuses a second process, stops cleanly and keeps the data", async () => {
    const first = startServer();
    await waitHealthy(first);
    expect(first.output()).toContain("demo-2025-khcn");
    const before = await countTasksAsStaff();
    expect(before).toBeGreaterThanOrEqual(90);

    const second = startServer();
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/in use by process \d+/);
    expect(second.output()).not.toMatch(/at .*\.ts:\d+/);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("Stopped cleanly");

    const third = startServer();
    await waitHealthy(third);
    expect(await countTasksAsStaff()).toBe(before);
    third.child.kill("SIGINT");
    expect(await third.exited).toBe(0);
  }, 180_000);
});
