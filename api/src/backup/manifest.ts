import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { type QueryExecutorProvider, sql } from "kysely";

/*
 * What a backup promises, written next to it: the row count and a checksum of every table, and
 * the size and SHA-256 of every attachment. A restore recomputes the same figures on what it
 * restored and compares them line by line, so "the backup restored" is checked, not assumed.
 */

export interface TableFigures {
  rows: number;
  /** md5 of the table's rows as text, in sorted order: equal rows give an equal checksum. */
  md5: string;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  database: { kind: "pglite" | "postgres"; file: string; sha256: string };
  tables: Record<string, TableFigures>;
  files: Record<string, { size: number; sha256: string }>;
}

/** Row counts and checksums of every table in the public schema (migration bookkeeping included). */
/** `db` must be one connection (PGlite, a transaction, or a pool of one): the time zone is set on it. */
export async function tableFigures(db: QueryExecutorProvider): Promise<Record<string, TableFigures>> {
  // Timestamps print in the session's time zone: fix it so both sides print the same text.
  await sql`set timezone = 'UTC'`.execute(db);
  const tables = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' order by tablename`.execute(db);
  const figures: Record<string, TableFigures> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ rows: string; md5: string }>`
      select count(*)::text as rows,
             md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as md5
      from ${sql.table(name)} as t`.execute(db);
    const row = r.rows[0];
    figures[name] = { rows: Number(row?.rows ?? 0), md5: row?.md5 ?? "" };
  }
  return figures;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(file), hash);
  return hash.digest("hex");
}

/** Every stored attachment (FILES_DIR is flat: one file per random key). Half-written `.partial` files are skipped. */
export async function attachmentFigures(filesDir: string): Promise<Manifest["files"]> {
  const files: Manifest["files"] = {};
  let names: string[] = [];
  try {
    names = (await readdir(filesDir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return files;
    throw error;
  }
  for (const name of names) {
    if (name.endsWith(".partial")) continue;
    const full = path.join(filesDir, name);
    const info = await stat(full);
    if (!info.isFile()) continue;
    files[name] = { size: info.size, sha256: await sha256File(full) };
  }
  return files;
}

export interface Difference {
  what: string;
  expected: string;
  actual: string;
}

/** Line by line, where the restored figures differ from the manifest's. */
export function compareTables(expected: Manifest["tables"], actual: Manifest["tables"]): Difference[] {
  const differences: Difference[] = [];
  for (const name of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const e = expected[name];
    const a = actual[name];
    const show = (f: TableFigures | undefined) => (f ? `${f.rows} rows, md5 ${f.md5}` : "missing");
    if (!e || !a || e.rows !== a.rows || e.md5 !== a.md5)
      differences.push({ what: name, expected: show(e), actual: show(a) });
  }
  return differences;
}
