import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import postgres from "postgres";
import { connect, type DatabaseHandle } from "./connect.ts";
import { migrateToLatest } from "./migrate.ts";

/** The PostgreSQL server the tests may use, if any. */
export function testServerUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or (TEST_DB=postgres) a new
 * database on the test server, dropped again on close. No test shares state with another.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.TEST_DB !== "postgres") {
    const handle = await connect({ memory: true });
    await migrateToLatest(handle.db as Kysely<unknown>);
    return handle;
  }
  const serverUrl = testServerUrl();
  if (!serverUrl) throw new Error("TEST_DB=postgres needs TEST_DATABASE_URL");
  const name = `khcn_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await connect({ databaseUrl: url.toString(), maxConnections: 5 });
  await migrateToLatest(handle.db as Kysely<unknown>);
  return {
    ...handle,
    location: name,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
