import { mkdtempSync } from "node:fs";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect, type DatabaseHandle } from "@khcn/db/connect";
import { testServerUrl } from "@khcn/db/test-database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  freshPostgresDatabase,
  type RunningServer,
  signInDemo,
  startServer,
  waitHealthy,
} from "./server-harness.ts";

/*
 * Database faults, drilled on PostgreSQL: the real server talks to PostgreSQL through a TCP proxy
 * owned by the test, which can cut every connection (as a network fault or a server restart does)
 * or stop listening (the database is down). Requests then answer 503 DATABASE_UNAVAILABLE — each
 * answer arrives, none is a 500, the process stays up — health reports not ready, and once the
 * proxy listens again the server recovers by itself, without a restart.
 *
 * PostgreSQL only: PGlite runs inside the server process, so there is no connection to lose and
 * no separate database to stop; its failure modes are the process's own (see the shutdown drill).
 */
const onPostgres = process.env.TEST_DB === "postgres";

/** A TCP proxy to PostgreSQL that the test can break. */
class FaultyProxy {
  #server: Server | null = null;
  #sockets = new Set<Socket>();
  /** The local ports of the proxy's connections to PostgreSQL: the app's backends show them as client_port. */
  readonly upstreamPorts = new Set<number>();
  connections = 0;

  constructor(
    readonly port: number,
    readonly target: { host: string; port: number },
  ) {}

  async listen(): Promise<void> {
    const server = createServer((client) => {
      this.connections += 1;
      const upstream = createConnection(this.target, () => {
        if (upstream.localPort) this.upstreamPorts.add(upstream.localPort);
      });
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on("close", () => this.#sockets.delete(s));
        s.on("error", () => {}); // a cut connection is the point of the drill
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.#server = server;
  }

  /** Every connection through the proxy is cut, as by a network fault. */
  cut(): void {
    for (const s of this.#sockets) s.destroy();
  }

  /** The database is down: connections are cut and new ones refused. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    this.cut();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

let server: RunningServer;
let proxy: FaultyProxy;
let direct: DatabaseHandle;
let cookie = "";
let dropDatabase: (() => Promise<void>) | null = null;

beforeAll(async () => {
  if (!onPostgres) return;
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed");
  const database = await freshPostgresDatabase(serverUrl);
  dropDatabase = database.drop;
  const real = new URL(database.url);
  proxy = new FaultyProxy(await freePort(), { host: real.hostname, port: Number(real.port || 5432) });
  await proxy.listen();
  const viaProxy = new URL(database.url);
  viaProxy.hostname = "127.0.0.1";
  viaProxy.port = String(proxy.port);
  // The test's own connection goes straight to PostgreSQL, around the proxy.
  direct = await connect({ databaseUrl: database.url, maxConnections: 2 });
  server = startServer({
    port: await freePort(),
    databaseUrl: viaProxy.toString(),
    filesDir: mkdtempSync(path.join(tmpdir(), "khcn-faults-files-")),
  });
  await waitHealthy(server);
  cookie = await signInDemo(server.base);
}, 300_000);

afterAll(async () => {
  if (!onPostgres) return;
  if (server?.child.exitCode === null) server.child.kill("SIGKILL");
  await proxy?.stop();
  await direct?.close();
  await dropDatabase?.();
});

// Each answer must arrive: a hang would abort the request (and fail the test) rather than wait forever.
const get = (url: string) =>
  fetch(`${server.base}${url}`, { headers: { Cookie: cookie }, signal: AbortSignal.timeout(25_000) });
/** The readiness probe, as a load balancer sends it: no session. */
const health = () => fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(25_000) });

/**
 * The server recovers by itself: connections the fault killed are replaced by the driver as they
 * are next used, so within a few requests (no restart, nothing done by hand) answers are 200 again.
 */
async function recovers(send: () => Promise<Response>): Promise<number> {
  let status = 0;
  for (let i = 0; i < 40 && status !== 200; i++) {
    status = (await send()).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  return status;
}
const createTask = (title: string) =>
  fetch(`${server.base}/api/tasks`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: server.base, Cookie: cookie },
    body: JSON.stringify({ title, kind: "de_tai", field: "agricultural" }),
    signal: AbortSignal.timeout(25_000),
  });

async function expectUnavailable(pending: Promise<Response>) {
  const res = await pending.catch((error: unknown) => {
    throw new Error(`no answer (${String(error)}); server output:\n${server.output().slice(-3000)}`);
  });
  const body = (await res.json()) as { code?: string };
  expect([res.status, body.code], JSON.stringify(body)).toEqual([503, "DATABASE_UNAVAILABLE"]);
}

/**
 * Holds an exclusive lock on the task table from the test's own connection, so that a request
 * touching tasks waits inside PostgreSQL — genuinely mid-request — until the fault is injected.
 */
async function withTaskTableLocked(during: () => Promise<void>): Promise<void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = direct.db.transaction().execute(async (trx) => {
    await sql`lock table task in access exclusive mode`.execute(trx);
    locked();
    await released;
  });
  await isLocked;
  try {
    await during();
  } finally {
    release();
    await holder;
  }
}

/** Waits until one of the app's connections is blocked on a lock: the request is in flight. */
async function appWaitingOnLock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const waiting = await sql<{ n: string }>`
      select count(*)::text as n from pg_stat_activity
      where application_name = 'khcn' and wait_event_type = 'Lock' and datname = current_database()`.execute(direct.db);
    if (Number(waiting.rows[0]?.n) > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the request never reached the database");
}

const taskCount = async (title: string) =>
  (await direct.db.selectFrom("task").select("id").where("title", "=", title).execute()).length;

describe.skipIf(!onPostgres)("PostgreSQL faults through a breakable proxy", () => {
  it("answers 503 when the app's backend is terminated mid-request (pg_terminate_backend)", async () => {
    await withTaskTableLocked(async () => {
      const pending = get("/api/tasks?pageSize=5");
      await appWaitingOnLock();
      // The app's backends only (those behind the proxy), not the test's own connections.
      const ended = await sql<{ pid: number }>`select pid from pg_stat_activity
        where client_port = any(${[...proxy.upstreamPorts]}::int[]) and pg_terminate_backend(pid)`.execute(direct.db);
      expect(ended.rows.length).toBeGreaterThan(0);
      await expectUnavailable(pending);
    });
    expect(server.child.exitCode).toBeNull();
    expect(await recovers(() => get("/api/tasks?pageSize=5"))).toBe(200);
  }, 120_000);

  it("answers 503 when the connection is cut mid-write, and writes nothing", async () => {
    expect(await recovers(() => get("/api/tasks?pageSize=5"))).toBe(200);
    const title = "Ghi dở khi mất kết nối";
    await withTaskTableLocked(async () => {
      const pending = createTask(title);
      await appWaitingOnLock();
      proxy.cut();
      await expectUnavailable(pending);
    });
    expect(await taskCount(title)).toBe(0);
    expect(server.child.exitCode).toBeNull();
    expect(await recovers(health)).toBe(200);
    const res = await createTask(title);
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await taskCount(title)).toBe(1);
  }, 120_000);

  it("answers 503 while the database is down, reports not ready, and recovers by itself", async () => {
    await proxy.stop();
    await expectUnavailable(get("/api/tasks?pageSize=5"));
    await expectUnavailable(createTask("Ghi khi cơ sở dữ liệu tắt"));
    const probe = await health();
    expect(probe.status).toBe(503);
    expect(await probe.json()).toMatchObject({ status: "unavailable", database: { kind: "postgres", ok: false } });
    expect(server.child.exitCode).toBeNull();
    expect(await taskCount("Ghi khi cơ sở dữ liệu tắt")).toBe(0);

    await proxy.listen();
    expect(await recovers(health)).toBe(200);
    const res = await createTask("Ghi sau khi cơ sở dữ liệu trở lại");
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await taskCount("Ghi sau khi cơ sở dữ liệu trở lại")).toBe(1);
    expect(server.output()).not.toMatch(/Unhandled error/);
  }, 120_000);
});
