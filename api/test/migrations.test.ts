import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { connect, type DatabaseHandle } from "@khcn/db/connect";
import { migrateTo, migrateToLatest, migrationNames } from "@khcn/db/migrate";
import { testServerUrl } from "@khcn/db/test-database";
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { freshPostgresDatabase } from "./server-harness.ts";

/*
 * Migrations from an empty database, and from the previous release's schema with its data.
 *
 * The previous release is commit 8bf7cae, whose last migration is 20261127T1000_import. Its data
 * is frozen in test/data/release-8bf7cae.sql.gz: the demo portfolio as that release's own code
 * seeded it (100 tasks with their teams, budgets, money, reports and history, 12 accounts) plus one
 * signed-in session, dumped as INSERTs (pg_dump --data-only --inserts, migration bookkeeping
 * excluded) — see docs/decisions/016-reliability.md for how to regenerate it for the next release.
 * A frozen file, because the seed code moves on with the schema while the old data must not.
 */
const PREVIOUS_RELEASE_LAST_MIGRATION = "20261127T1000_import";
const STAFF_PASSWORD = "demo-2025-khcn";
/** The session token the fixture's session row was made from (hash stored, as that release did). */
const OLD_SESSION_TOKEN = "upgradefromthepreviousrelease234";

const onPostgres = process.env.TEST_DB === "postgres";
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0).reverse()) await close();
});

/** An empty database: an in-memory PGlite, or a new database on the test server. */
async function emptyDatabase(): Promise<DatabaseHandle> {
  if (!onPostgres) {
    const handle = await connect({ memory: true });
    open.push(() => handle.close());
    return handle;
  }
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed");
  const database = await freshPostgresDatabase(serverUrl);
  open.push(database.drop);
  // One connection: the fixture's SET statements must apply to the statements after them.
  const handle = await connect({ databaseUrl: database.url, maxConnections: 1 });
  open.push(() => handle.close());
  return handle;
}

/** The fixture's statements, one by one (the drivers run one statement per query). */
function fixtureStatements(): string[] {
  const text = gunzipSync(readFileSync(new URL("./data/release-8bf7cae.sql.gz", import.meta.url))).toString("utf8");
  return text
    .split(/;\n(?=INSERT INTO |SELECT pg_catalog\.|SET |--|\n|$)/)
    .map((s) => s.replace(/^(--[^\n]*\n|\s)*/, "").trim())
    .filter((s) => s.length > 0 && !s.startsWith("--"));
}

async function rowCounts(db: Kysely<unknown>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = 'public' and tablename not like 'kysely_migration%' order by tablename`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(name)}`.execute(db);
    counts[name] = Number(r.rows[0]?.n);
  }
  return counts;
}

describe("migrations", () => {
  it("build the whole schema on an empty database, then find nothing to do", async () => {
    const handle = await emptyDatabase();
    const db = handle.db as Kysely<unknown>;
    const all = await migrationNames();
    expect(all).toContain(PREVIOUS_RELEASE_LAST_MIGRATION);
    expect(await migrateToLatest(db)).toEqual(all);
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = Object.keys(await rowCounts(db));
    for (const t of ["app_user", "session", "task", "report_version", "budget_movement", "council", "audit_log"]) {
      expect(tables).toContain(t);
    }
  }, 180_000);

  it("upgrade the previous release's schema with its data, keeping every row and letting its users in", async () => {
    const handle = await emptyDatabase();
    const db = handle.db as Kysely<unknown>;
    await migrateTo(db, PREVIOUS_RELEASE_LAST_MIGRATION);
    for (const statement of fixtureStatements()) await sql.raw(statement).execute(db);
    // The fixture's SET search_path = '' is for its own statements only.
    await sql`set search_path = public`.execute(db);
    const before = await rowCounts(db);
    expect(before.task).toBe(100);
    expect(before.app_user).toBe(12);
    expect(before.session).toBe(1);
    const moneyBefore = await sql<{ total: string }>`select sum(amount)::text as total from budget_movement`.execute(
      db,
    );
    const task = await sql<{ title: string; stage: string; total_budget: string; version: number }>`
      select title, stage, total_budget::text, version from task where code = 'ĐT.2021.01'`.execute(db);

    const upgraded = await migrateToLatest(db);
    const all = await migrationNames();
    expect(upgraded).toEqual(all.slice(all.indexOf(PREVIOUS_RELEASE_LAST_MIGRATION) + 1));

    // Every row is still there (a migration may add tables, never lose rows).
    const after = await rowCounts(db);
    for (const [table, count] of Object.entries(before)) {
      if (table === "session") continue; // a release may end old sessions on purpose: checked below
      expect(after[table], table).toBe(count);
    }
    expect(
      (await sql<{ total: string }>`select sum(amount)::text as total from budget_movement`.execute(db)).rows,
    ).toEqual(moneyBefore.rows);
    expect(
      (await sql`select title, stage, total_budget::text, version from task where code = 'ĐT.2021.01'`.execute(db))
        .rows,
    ).toEqual(task.rows);

    // The app runs on the upgraded data: the old accounts sign in and see their tasks.
    const app = buildApp({ db: handle.db, databaseKind: handle.kind, filesDir: "/nonexistent" });
    const origin = "http://localhost";
    const login = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "Content-Type": "application/json", Origin: origin },
      body: JSON.stringify({ email: "staff@demo.khcn.vn", password: STAFF_PASSWORD }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    const list = await app.request("/api/tasks?pageSize=5", { headers: { Cookie: cookie } });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { total: number }).total).toBe(100);

    // A session from the previous release either carries on or is cleanly ended (401): never a 500.
    const old = await app.request("/api/tasks?pageSize=1", {
      headers: { Cookie: `khcn_session=${OLD_SESSION_TOKEN}` },
    });
    expect([200, 401]).toContain(old.status);
  }, 180_000);
});
