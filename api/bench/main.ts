import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect, type DatabaseHandle } from "@khcn/db/connect";
import { CompiledQuery } from "kysely";
import postgres from "postgres";
import { buildApp } from "../src/app.ts";
import { vietnamToday } from "../src/reports/schedule.ts";
import { prepareDataset } from "./database.ts";
import { BENCH_PASSWORD, BENCH_UNIT, benchEmail, PI_UNIT, piUserId, sizeAt } from "./dataset.ts";
import { type LoadFigures, type PlannedRequest, runLoad } from "./load.ts";
import { QueryCapture, type RawFigures, type RequestPlan, replay } from "./raw-sql.ts";
import { printMachine, printResults, type Row } from "./report.ts";
import { type RunningServer, startServer } from "./server-process.ts";

/*
 * `pnpm bench`: the national-size data set on the local PostgreSQL, then the ~100-task demo on
 * PGlite, each served by the real server in a child process and loaded with autocannon. Prints
 * figures and PASS/MISS per target; asserts nothing (a slow machine is not a failed build).
 *
 * BENCH_SCALE (default 1: 100,000 tasks), BENCH_DURATION seconds per run (default 10),
 * BENCH_CONNECTIONS (default 1,10,50), BENCH_DATABASE_URL, BENCH_ONLY=postgres|pglite.
 */

const scale = Number(process.env.BENCH_SCALE ?? 1);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const levels = (process.env.BENCH_CONNECTIONS ?? "1,10,50").split(",").map(Number);
const only = process.env.BENCH_ONLY;
if (!(scale > 0) || !(duration > 0) || levels.some((n) => !(n > 0))) {
  throw new Error("BENCH_SCALE, BENCH_DURATION and BENCH_CONNECTIONS must be positive numbers");
}

const DEMO_PASSWORD = "demo-2025-khcn";
const log = (line: string) => console.log(line);

interface Sessions {
  staff: string;
  head: string;
  pi: string;
}

interface SubmitTarget {
  periodId: number;
  revision: number;
}

async function signIn(url: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: url },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.includes("="));
  if (!cookie) throw new Error(`Sign-in as ${email} set no cookie`);
  return cookie.split(";")[0] ?? "";
}

async function getJson<T>(url: string, cookie: string, pathname: string): Promise<T> {
  const res = await fetch(`${url}${pathname}`, { headers: { Cookie: cookie } });
  if (!res.ok) throw new Error(`GET ${pathname} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** What the read scenarios vary over: the root themes (list filter) and tasks of the staff's unit (task page). */
async function readInputs(url: string, sessions: Sessions) {
  const themes = await getJson<{ items: { id: number; parentId: number | null }[] }>(
    url,
    sessions.staff,
    "/api/themes",
  );
  const roots = themes.items.filter((t) => t.parentId === null).map((t) => t.id);
  const taskIds: number[] = [];
  for (let page = 1; page <= 2; page++) {
    const list = await getJson<{ items: { id: number }[] }>(
      url,
      sessions.staff,
      `/api/tasks?pageSize=100&page=${page}&sort=updatedAt&order=desc`,
    );
    taskIds.push(...list.items.map((t) => t.id));
  }
  return { roots, taskIds };
}

const listPath = (roots: number[], i: number) =>
  `/api/tasks?stage=in_progress&theme=${roots[i % roots.length]}&sort=endDate&order=asc&pageSize=50&page=${1 + (Math.floor(i / roots.length) % 3)}`;

interface ReadScenario {
  name: string;
  who: keyof Sessions;
  path: (i: number) => string;
  /** How many different requests the raw-SQL capture samples. */
  samples: number;
}

function readScenarios(inputs: { roots: number[]; taskIds: number[] }): ReadScenario[] {
  return [
    { name: "task list", who: "staff", path: (i) => listPath(inputs.roots, i), samples: inputs.roots.length * 3 },
    {
      name: "task page",
      who: "staff",
      path: (i) => `/api/tasks/${inputs.taskIds[i % inputs.taskIds.length]}`,
      samples: Math.min(20, inputs.taskIds.length),
    },
    { name: "dashboard", who: "head", path: () => "/api/dashboard", samples: 1 },
  ];
}

function submitRequest(run: string, targets: readonly SubmitTarget[], today: string) {
  return (i: number): PlannedRequest => {
    const target = targets[i % targets.length] as SubmitTarget;
    return {
      method: "POST",
      path: `/api/reports/${target.periodId}/submit`,
      headers: { "Content-Type": "application/json", "Idempotency-Key": `bench-${run}-${i}` },
      // A different confirmer each time: a period submitted again gets a new version, not ALREADY_SUBMITTED.
      body: JSON.stringify({
        revision: target.revision,
        hostConfirmation: { confirmedBy: `Thủ trưởng đơn vị ${run}-${i}`, position: "Viện trưởng", confirmedOn: today },
      }),
    };
  };
}

interface Measured {
  rows: Row[];
  peakMiB: number;
}

/** Every scenario at every concurrency against one running server. */
async function measure(
  label: string,
  server: RunningServer,
  sessions: Sessions,
  inputs: { roots: number[]; taskIds: number[] },
  submit: { prepare: () => Promise<SubmitTarget[]>; repeatable: boolean },
): Promise<Measured> {
  const rows: Row[] = [];
  const today = vietnamToday(new Date());
  for (const scenario of readScenarios(inputs)) {
    for (const connections of levels) {
      const figures = await runLoad({
        url: server.url,
        connections,
        durationSeconds: duration,
        headers: { Cookie: sessions[scenario.who], Origin: server.url },
        next: (i) => ({ method: "GET", path: scenario.path(i) }),
      });
      rows.push(row(label, scenario.name, connections, figures, server));
      log(describe(rows[rows.length - 1] as Row));
    }
  }
  for (const connections of levels) {
    const targets = await submit.prepare();
    if (targets.length === 0) {
      log(`${label} report submission: no report to submit, skipped`);
      break;
    }
    const figures = await runLoad({
      url: server.url,
      connections,
      durationSeconds: duration,
      headers: { Cookie: sessions.pi, Origin: server.url },
      next: submitRequest(`${Date.now()}`, targets, today),
      ...(submit.repeatable ? {} : { amount: targets.length }),
    });
    rows.push(row(label, "report submission", connections, figures, server));
    log(describe(rows[rows.length - 1] as Row));
  }
  return { rows, peakMiB: server.memory().peakMiB };
}

function row(db: string, scenario: string, connections: number, figures: LoadFigures, server: RunningServer): Row {
  const memory = server.memory();
  return { db, scenario, connections, figures, rssMiB: memory.rssMiB, peakMiB: memory.peakMiB, raw: null };
}

const describe = (r: Row) =>
  `  ${r.db} ${r.scenario} ×${r.connections}: ${r.figures.requests} requests, p50 ${r.figures.p50.toFixed(1)} ms, p95 ${r.figures.p95.toFixed(1)} ms, ${r.figures.errors} errors${r.figures.errorKinds.length ? ` (${r.figures.errorKinds.join(", ")})` : ""}`;

/** Captures the read scenarios' SQL in-process (the same app code), then replays it through the driver. */
async function rawFigures(
  rows: Row[],
  handle: DatabaseHandle,
  sessions: Sessions,
  inputs: { roots: number[]; taskIds: number[] },
  run: (sql: string, parameters: readonly unknown[]) => Promise<unknown>,
  label: string,
) {
  const capture = new QueryCapture();
  const filesDir = mkdtempSync(path.join(tmpdir(), "khcn-bench-files-"));
  // The server's cookie name follows its secure-cookie setting (`__Host-` in production): the same here.
  const secureCookies = sessions.staff.startsWith("__Host-");
  const app = buildApp({ db: handle.db.withPlugin(capture), databaseKind: handle.kind, filesDir, secureCookies });
  for (const scenario of readScenarios(inputs)) {
    const plans: RequestPlan[] = [];
    for (let i = 0; i < scenario.samples; i++) {
      const send = async () => {
        const res = await app.request(scenario.path(i), { headers: { Cookie: sessions[scenario.who] } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${scenario.path(i)} answered ${res.status} in-process`);
      };
      await send(); // warm: caches and plans as the server had them
      plans.push(await capture.record(send));
    }
    for (const connections of levels) {
      const raw: RawFigures = await replay(plans, run, connections, Math.min(duration, 5));
      const target = rows.find((r) => r.db === label && r.scenario === scenario.name && r.connections === connections);
      if (target) target.raw = raw;
    }
  }
  rmSync(filesDir, { recursive: true, force: true });
}

async function benchPostgres(): Promise<{ rows: Row[]; peakMiB: number; dataset: string }> {
  const size = sizeAt(scale);
  const prepared = await prepareDataset(size, log);
  const dataset = `${Object.entries(prepared.counts)
    .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
    .join(", ")}; generated in ${prepared.seconds.toFixed(0)} s${prepared.generated ? "" : " (reused)"}`;
  const work = mkdtempSync(path.join(tmpdir(), "khcn-bench-pg-"));
  const server = await startServer({
    NODE_ENV: "production",
    SEED_DEMO: "false",
    DATABASE_URL: prepared.url,
    DATA_DIR: path.join(work, "data"),
    FILES_DIR: path.join(work, "files"),
  });
  const client = postgres(prepared.url, { max: 10, onnotice: () => {} });
  try {
    const sessions: Sessions = {
      staff: await signIn(server.url, benchEmail("staff", BENCH_UNIT), BENCH_PASSWORD),
      head: await signIn(server.url, benchEmail("head", BENCH_UNIT), BENCH_PASSWORD),
      pi: await signIn(server.url, benchEmail("pi", PI_UNIT), BENCH_PASSWORD),
    };
    const inputs = await readInputs(server.url, sessions);
    log(`PostgreSQL: server pid ${server.pid} at ${server.url}`);
    const measured = await measure("postgres", server, sessions, inputs, {
      prepare: () => resetSubmissions(client),
      repeatable: false,
    });
    await server.stop();
    await resetSubmissions(client);
    const handle = await connect({ databaseUrl: prepared.url, maxConnections: 10 });
    try {
      await rawFigures(
        measured.rows,
        handle,
        sessions,
        inputs,
        (text, parameters) => client.unsafe(text, parameters as postgres.ParameterOrJSON<never>[]),
        "postgres",
      );
    } finally {
      await handle.close();
    }
    return { ...measured, dataset };
  } finally {
    await server.stop();
    await client.end();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The benchmark PI's past-due reports, unsubmitted again: what an earlier run submitted is taken
 * back (versions, drafts, stored idempotent answers; the audit rows stay, as they must).
 */
async function resetSubmissions(client: postgres.Sql): Promise<SubmitTarget[]> {
  const piUser = piUserId(PI_UNIT);
  const rows = await client<{ id: number }[]>`
    select p.id from report_period p join task t on t.id = p.task_id join person pi on pi.id = t.pi_person_id
    where pi.user_id = ${piUser} and t.stage = 'in_progress' and p.period_end - 30 <= current_date
    order by p.id`;
  const ids = rows.map((r) => r.id);
  await client.begin(async (trx) => {
    await trx`delete from report_version where period_id = any(${ids}::int[]) and submitted_by = ${piUser}`;
    await trx`delete from report_draft where period_id = any(${ids}::int[])`;
    await trx`update report_period set status = 'upcoming' where id = any(${ids}::int[]) and status <> 'upcoming'`;
    await trx`delete from idempotency_key where user_id = ${piUser}`;
  });
  return ids.map((periodId) => ({ periodId, revision: 0 }));
}

async function benchPGlite(): Promise<{ rows: Row[]; peakMiB: number }> {
  const work = mkdtempSync(path.join(tmpdir(), "khcn-bench-pglite-"));
  const dataDir = path.join(work, "data");
  const server = await startServer({ DATA_DIR: dataDir, FILES_DIR: path.join(work, "files") });
  try {
    const sessions: Sessions = {
      staff: await signIn(server.url, "staff@demo.khcn.vn", DEMO_PASSWORD),
      head: await signIn(server.url, "head@demo.khcn.vn", DEMO_PASSWORD),
      pi: await signIn(server.url, "pi@demo.khcn.vn", DEMO_PASSWORD),
    };
    const inputs = await readInputs(server.url, sessions);
    log(`PGlite demo: server pid ${server.pid} at ${server.url}`);
    const targets = await demoSubmitTargets(server.url, sessions.pi);
    const measured = await measure("pglite", server, sessions, inputs, {
      prepare: async () => targets,
      repeatable: true,
    });
    await server.stop();
    const handle = await connect({ dataDir });
    try {
      await rawFigures(
        measured.rows,
        handle,
        sessions,
        inputs,
        (text, parameters) => handle.db.executeQuery(CompiledQuery.raw(text, [...parameters])),
        "pglite",
      );
    } finally {
      await handle.close();
    }
    return measured;
  } finally {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The demo has a handful of reports its PI can submit: each is submitted once (finding its draft
 * revision), after which the load submits new versions of them, each with another confirmer.
 */
async function demoSubmitTargets(url: string, cookie: string): Promise<SubmitTarget[]> {
  const today = vietnamToday(new Date());
  const tasks = await getJson<{ items: { id: number }[] }>(
    url,
    cookie,
    "/api/tasks?mine=true&stage=in_progress&pageSize=100",
  );
  const targets: SubmitTarget[] = [];
  for (const task of tasks.items) {
    const reports = await getJson<{ periods: { id: number; state: string }[] }>(
      url,
      cookie,
      `/api/tasks/${task.id}/reports`,
    );
    for (const period of reports.periods) {
      if (!["due", "overdue", "draft", "returned", "submitted"].includes(period.state)) continue;
      for (let revision = 0, tries = 0; tries < 2; tries++) {
        const res = await fetch(`${url}/api/reports/${period.id}/submit`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: url, Cookie: cookie },
          body: JSON.stringify({
            revision,
            hostConfirmation: { confirmedBy: "Thủ trưởng đơn vị", position: "Viện trưởng", confirmedOn: today },
          }),
        });
        const body = (await res.json()) as { code?: string; details?: { draft?: { revision?: number } } };
        if (res.status === 201) {
          targets.push({ periodId: period.id, revision: Math.max(revision, 1) });
          break;
        }
        if (body.code !== "STALE_DRAFT" || body.details?.draft?.revision === undefined) break;
        revision = body.details.draft.revision;
      }
    }
  }
  return targets;
}

printMachine();
const results: { label: string; rows: Row[]; peakMiB: number; dataset?: string }[] = [];
if (only !== "pglite") {
  const pg = await benchPostgres();
  results.push({ label: `PostgreSQL, national data set (scale ${scale})`, ...pg });
}
if (only !== "postgres") {
  const demo = await benchPGlite();
  results.push({ label: "PGlite, demo portfolio", ...demo });
}
printResults(results, { duration, levels });
