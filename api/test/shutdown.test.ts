import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect, type DatabaseHandle } from "@khcn/db/connect";
import { testServerUrl } from "@khcn/db/test-database";
import { afterAll, describe, expect, it } from "vitest";
import {
  freePort,
  freshPostgresDatabase,
  type RunningServer,
  signInDemo,
  startServer,
  waitHealthy,
} from "./server-harness.ts";

/*
 * The graceful-shutdown drill: the real server under write load (20 clients creating tasks in a
 * loop over HTTP), SIGTERM in the middle. Every request that got a 2xx must be in the database
 * after a restart; every other one got a clean refusal (503 SERVICE_UNAVAILABLE while draining,
 * or a refused/closed connection once the port is shut) and never a 500; no task exists that
 * no client was told about; the server exits 0, releases the PGlite data lock and the database
 * opens again. On PGlite by default, on a fresh PostgreSQL database in the api-postgres project.
 */
const CLIENTS = 20;
const SIGTERM_AFTER = 40;

const onPostgres = process.env.TEST_DB === "postgres";
const running: RunningServer[] = [];
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const server of running) if (server.child.exitCode === null) server.child.kill("SIGKILL");
  for (const cleanup of cleanups) await cleanup();
});

type Outcome =
  | { kind: "created"; id: number; title: string }
  | { kind: "refused"; status: number; code: string | undefined; connection: string | null }
  | { kind: "network"; code: string };

async function createLoop(base: string, cookie: string, client: number, outcomes: Outcome[]) {
  for (let n = 0; ; n++) {
    const title = `Tải ghi khi dừng máy ${client}-${n}`;
    let res: Response;
    try {
      res = await fetch(`${base}/api/tasks`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: base, Cookie: cookie },
        body: JSON.stringify({ title, kind: "de_tai", field: "agricultural" }),
      });
    } catch (error) {
      // The port is closed (ECONNREFUSED) or the connection was closed after a 503: the client stops.
      const cause = (error as { cause?: { code?: string } }).cause;
      outcomes.push({ kind: "network", code: cause?.code ?? String(error) });
      return;
    }
    const body = (await res.json().catch(() => ({}))) as { id?: number; code?: string };
    if (res.status === 201 && typeof body.id === "number") {
      outcomes.push({ kind: "created", id: body.id, title });
      continue;
    }
    outcomes.push({ kind: "refused", status: res.status, code: body.code, connection: res.headers.get("Connection") });
    if (res.status === 503) return;
  }
}

async function drill(target: { dataDir?: string; databaseUrl?: string }, openDirectly: () => Promise<DatabaseHandle>) {
  const filesDir = mkdtempSync(path.join(tmpdir(), "khcn-drill-files-"));
  const port = await freePort();
  const first = startServer({ port, filesDir, ...target });
  running.push(first);
  await waitHealthy(first);
  const cookie = await signInDemo(first.base);

  const outcomes: Outcome[] = [];
  const clients = Array.from({ length: CLIENTS }, (_, i) => createLoop(first.base, cookie, i, outcomes));
  while (outcomes.filter((o) => o.kind === "created").length < SIGTERM_AFTER) {
    if (first.child.exitCode !== null) throw new Error(`server died under load: ${first.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  first.child.kill("SIGTERM");
  await Promise.all(clients);
  expect(await first.exited, first.output()).toBe(0);
  expect(first.output()).toContain("Stopped cleanly");
  expect(first.output()).not.toMatch(/Unhandled error/);
  if (target.dataDir) expect(existsSync(path.join(target.dataDir, "khcn.lock"))).toBe(false);

  const created = outcomes.filter((o): o is Extract<Outcome, { kind: "created" }> => o.kind === "created");
  const refused = outcomes.filter((o): o is Extract<Outcome, { kind: "refused" }> => o.kind === "refused");
  // Every client ended with a clean refusal: a 503 while draining, or the connection refused or closed.
  const network = outcomes.filter((o): o is Extract<Outcome, { kind: "network" }> => o.kind === "network");
  expect(outcomes.length).toBe(created.length + refused.length + network.length);
  for (const n of network) expect(["ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET"]).toContain(n.code);
  for (const r of refused) {
    expect(r, JSON.stringify(r)).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE", connection: "close" });
  }
  expect(created.length).toBeGreaterThanOrEqual(SIGTERM_AFTER);
  console.info(
    `shutdown drill (${target.dataDir ? "PGlite" : "PostgreSQL"}): ${created.length} created, ${refused.length} answered 503, ${outcomes.length - created.length - refused.length} connections refused/closed`,
  );

  // Restart on the same data: every acknowledged task is there.
  const second = startServer({ port, filesDir, ...target });
  running.push(second);
  await waitHealthy(second);
  const again = await signInDemo(second.base);
  for (const c of created) {
    const res = await fetch(`${second.base}/api/tasks/${c.id}`, { headers: { Cookie: again } });
    expect(res.status, `task ${c.id}`).toBe(200);
    expect(((await res.json()) as { title: string }).title).toBe(c.title);
  }
  second.child.kill("SIGTERM");
  expect(await second.exited).toBe(0);

  // And nothing more: no task was written that its client was not told about.
  const handle = await openDirectly();
  try {
    const rows = await handle.db
      .selectFrom("task")
      .select("id")
      .where("title", "like", "Tải ghi khi dừng máy %")
      .execute();
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(created.map((c) => c.id).sort((a, b) => a - b));
  } finally {
    await handle.close();
  }
}

describe("SIGTERM under write load", () => {
  it.skipIf(onPostgres)(
    "on PGlite: acknowledged writes survive, the rest are refused cleanly, the folder reopens",
    async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), "khcn-drill-data-"));
      await drill({ dataDir }, () => connect({ dataDir }));
    },
    300_000,
  );

  it.skipIf(!onPostgres)(
    "on PostgreSQL: acknowledged writes survive, the rest are refused cleanly",
    async () => {
      const serverUrl = testServerUrl();
      if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed");
      const database = await freshPostgresDatabase(serverUrl);
      cleanups.push(database.drop);
      await drill({ databaseUrl: database.url }, () => connect({ databaseUrl: database.url, maxConnections: 1 }));
    },
    300_000,
  );
});
