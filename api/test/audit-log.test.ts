import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { connect } from "@khcn/db/connect";
import { migrateToLatest } from "@khcn/db/migrate";
import { testServerUrl } from "@khcn/db/test-database";
import { type Kysely, sql } from "kysely";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { appendAudit } from "../src/audit/repository.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { ORIGIN, startTestApi, type TestApi } from "./support.ts";

/*
 * The audit trail only grows. On both databases the triggers refuse UPDATE, DELETE and TRUNCATE
 * through the application's own connection; on PostgreSQL the least-privilege role of
 * db/sql/app-role.sql refuses them by privilege as well, and the app still works under it.
 */

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
  await buildPortfolio(api.db);
  for (const n of [1, 2, 3])
    await appendAudit(api.db, { actorUserId: null, action: "test.recorded", entityType: "test", entityId: n });
}, 180_000);
afterAll(() => api?.close());

const count = async () =>
  (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(api.db)).rows[0]?.n ?? -1;

describe("the audit trail on the application's connection", () => {
  it("refuses UPDATE, DELETE and TRUNCATE and keeps every row", async () => {
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(3);
    const snapshot = await sql`select id, action, entity_id from audit_log order by id`.execute(api.db);
    const attempts = [
      sql`update audit_log set action = 'rewritten'`,
      sql`update audit_log set data = '{}'::jsonb where action = 'test.recorded'`,
      sql`delete from audit_log`,
      sql`delete from audit_log where id = (select min(id) from audit_log)`,
      sql`truncate audit_log`,
      sql`truncate audit_log cascade`,
    ];
    for (const attempt of attempts) await expect(attempt.execute(api.db)).rejects.toThrow(/append-only/);
    // Inside a transaction too: the refusal aborts it.
    await expect(
      api.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actorUserId: null, action: "test.inside", entityType: "test" });
        await sql`delete from audit_log where action = 'test.recorded'`.execute(trx);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    expect((await sql`select id, action, entity_id from audit_log order by id`.execute(api.db)).rows).toEqual(
      snapshot.rows,
    );
  });

  it("still takes new rows", async () => {
    const before = await count();
    await appendAudit(api.db, { actorUserId: null, action: "test.appended", entityType: "test" });
    expect(await count()).toBe(before + 1);
  });
});

const serverUrl = testServerUrl();
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

describe.skipIf(process.env.TEST_DB !== "postgres" || !serverUrl)("the least-privilege role on PostgreSQL", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on audit_log by privilege, inside SET ROLE", async () => {
    const role = `khcn_test_ro_${randomBytes(4).toString("hex")}`;
    // Roles are cluster-wide: created and dropped in one transaction that is rolled back.
    const refused = await api.db
      .transaction()
      .execute(async (trx) => {
        await sql.raw(`create role ${role} nologin`).execute(trx);
        await sql.raw(`grant usage on schema public to ${role}`).execute(trx);
        await sql.raw(`grant select, insert on audit_log to ${role}`).execute(trx);
        await sql.raw(`set local role ${role}`).execute(trx);
        const errors: string[] = [];
        for (const statement of ["update audit_log set action = 'x'", "delete from audit_log", "truncate audit_log"]) {
          await sql.raw("savepoint attempt").execute(trx);
          try {
            await sql.raw(statement).execute(trx);
            errors.push(`${statement}: allowed`);
          } catch (error) {
            errors.push(`${statement}: ${(error as Error).message}`);
          }
          await sql.raw("rollback to savepoint attempt").execute(trx);
        }
        const rows = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(trx);
        expect(rows.rows[0]?.n).toBeGreaterThan(0);
        throw Object.assign(new Error("roll back"), { errors });
      })
      .catch((error: Error & { errors?: string[] }) => error.errors);
    expect(refused).toHaveLength(3);
    // Refused by privilege: the check comes before any trigger could run.
    for (const message of refused ?? []) expect(message).toMatch(/permission denied for table audit_log/);
  });

  it("runs the app under the roles of db/sql/app-role.sql: it works, and cannot rewrite the trail", async () => {
    const suffix = randomBytes(4).toString("hex");
    const owner = `khcn_test_owner_${suffix}`;
    const appRole = `khcn_test_app_${suffix}`;
    const dbName = `khcn_test_roles_${suffix}`;
    const password = randomBytes(12).toString("hex");
    const admin = postgres(serverUrl as string, { max: 1, onnotice: () => {} });
    const url = (user: string, pass: string | null, database: string) => {
      const u = new URL(serverUrl as string);
      u.username = user;
      u.password = pass ?? "";
      u.pathname = `/${database}`;
      return u.toString();
    };
    const script = readFileSync(path.join(repoRoot, "db/sql/app-role.sql"), "utf8")
      .replace(/:owner_password/g, `'${password}'`)
      .replace(/:app_password/g, `'${password}'`)
      .replaceAll("khcn_owner", owner)
      .replaceAll("khcn_app", appRole)
      .replace(/database khcn\b/g, `database ${dbName}`);
    const cleanups: (() => Promise<unknown>)[] = [];
    try {
      await admin.unsafe(`create database ${dbName}`);
      cleanups.push(() => admin.unsafe(`drop database if exists ${dbName} with (force)`));
      // Migrate as the superuser first (the script grants on the tables that exist), then apply it.
      const setup = await connect({ databaseUrl: url(new URL(serverUrl as string).username, null, dbName) });
      await migrateToLatest(setup.db as Kysely<unknown>);
      await buildPortfolio(setup.db);
      await setup.close();
      cleanups.push(
        () => admin.unsafe(`drop role if exists ${owner}`),
        () => admin.unsafe(`drop role if exists ${appRole}`),
      );
      const scoped = postgres(url(new URL(serverUrl as string).username, null, dbName), { max: 1, onnotice: () => {} });
      await scoped.unsafe(script);
      await scoped.end();

      const asApp = await connect({ databaseUrl: url(appRole, password, dbName) });
      try {
        // Start-up's migration step finds nothing to do and needs no DDL.
        expect(await migrateToLatest(asApp.db as Kysely<unknown>)).toEqual([]);
        const app = buildApp({
          db: asApp.db,
          databaseKind: "postgres",
          filesDir: mkdtempSync(path.join(tmpdir(), "f-")),
        });
        const login = await app.request("/api/auth/login", {
          method: "POST",
          headers: { Origin: ORIGIN, "Content-Type": "application/json" },
          body: JSON.stringify({ email: "staff@test.vn", password: PASSWORD }),
        });
        expect(login.status).toBe(200);
        const before = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(asApp.db);
        expect(before.rows[0]?.n).toBeGreaterThan(0);
        for (const statement of ["update audit_log set action = 'x'", "delete from audit_log", "truncate audit_log"])
          await expect(sql.raw(statement).execute(asApp.db)).rejects.toThrow(/permission denied/);
        // Nor can it switch the protection off.
        await expect(sql.raw("drop trigger audit_log_no_update on audit_log").execute(asApp.db)).rejects.toThrow(
          /must be owner/,
        );
        const after = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(asApp.db);
        expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
      } finally {
        await asApp.close();
      }
    } finally {
      for (const cleanup of cleanups) await cleanup().catch(() => undefined);
      await admin.end();
    }
  }, 120_000);
});
