import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import postgres from "postgres";
import { lockDataFolder } from "./data-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { SafePostgresJSDialect } from "./postgres-js-dialect.ts";
import type { Database } from "./schema.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where the data lives, for messages: the data folder or the server (without password). */
  location: string;
  /** Flushes to disk (PGlite) and closes; releases the data-folder lock. Safe to call twice. */
  close(): Promise<void>;
}

export type ConnectOptions = { databaseUrl: string; maxConnections?: number } | { dataDir: string } | { memory: true };

const INT8 = 20;
const DATE = 1082;

/** One factory for every process: the server, the CLI, the tests. */
export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  if ("databaseUrl" in options) return connectPostgres(options.databaseUrl, options.maxConnections ?? 10);
  if ("dataDir" in options) return connectPGlite(options.dataDir);
  return connectPGlite(undefined);
}

async function connectPGlite(dataDir: string | undefined): Promise<DatabaseHandle> {
  const unlock = dataDir ? lockDataFolder(dataDir) : () => {};
  let pglite: PGlite;
  try {
    // int8 and date stay strings, as with the postgres driver: money never becomes a float.
    pglite = await PGlite.create(dataDir ?? "memory://", {
      parsers: { [INT8]: (v: string) => v, [DATE]: (v: string) => v },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    db,
    kind: "pglite",
    location: dataDir ?? "memory",
    async close() {
      if (closed) return;
      closed = true;
      try {
        if (dataDir) await sql`checkpoint`.execute(db);
        await db.destroy();
        await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}

async function connectPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // A lost server must fail requests fast (503, see api/src/http/database-faults.ts) rather than
    // hang them: give up connecting after 5 s, retire idle connections (a restarted server leaves
    // them dead), and let the server end a transaction its client abandoned. No statement_timeout:
    // the bulk loads (import, bench) legitimately run long statements. Reconnection is per query.
    connect_timeout: 5,
    idle_timeout: 60,
    connection: {
      application_name: "khcn",
      idle_in_transaction_session_timeout: 60_000,
    },
    types: {
      int8: { to: INT8, from: [INT8], serialize: (v: unknown) => String(v), parse: (v: string) => v },
      date: { to: DATE, from: [DATE], serialize: (v: unknown) => String(v), parse: (v: string) => v },
    },
  });
  const db = new Kysely<Database>({ dialect: new SafePostgresJSDialect({ postgres: client }) });
  let closed = false;
  return {
    db,
    kind: "postgres",
    location: describeUrl(url),
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return "postgres";
  }
}
