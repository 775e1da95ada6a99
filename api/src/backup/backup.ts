import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { connect } from "@khcn/db/connect";
import { dumpPGliteFolder, loadPGliteFolder } from "@khcn/db/pglite-archive";
import { sql } from "kysely";
import {
  attachmentFigures,
  compareTables,
  type Difference,
  type Manifest,
  sha256File,
  tableFigures,
} from "./manifest.ts";

/*
 * `pnpm db:backup` and `pnpm db:restore`. A backup is one folder:
 *
 *   manifest.json    row counts and checksums per table, SHA-256 per attachment
 *   database.dump    PostgreSQL: pg_dump custom format (restored with pg_restore)
 *   pgdata.tar.gz    PGlite: the data folder as PGlite dumps it
 *   files/           the attachments of FILES_DIR, byte for byte
 *
 * Consistency: on PostgreSQL the dump and the manifest read the same exported snapshot, so a
 * backup taken while the server runs is one moment in time. PGlite is a single-user database in
 * a folder the server holds: its backup takes the folder's lock, so it refuses while the server
 * runs (stop it, back up, start it — a cron job does the three). Attachments are only ever added
 * under new random names, so copying them after the database snapshot loses nothing the snapshot
 * refers to.
 */

export type BackupDatabase = { databaseUrl: string } | { dataDir: string };

export class BackupError extends Error {}

type Log = (line: string) => void;

const MANIFEST = "manifest.json";

export async function createBackup(options: {
  database: BackupDatabase;
  filesDir: string;
  archiveDir: string;
  log?: Log;
}): Promise<Manifest> {
  const log = options.log ?? (() => {});
  if (existsSync(options.archiveDir) && (await readdir(options.archiveDir)).length > 0) {
    throw new BackupError(`${options.archiveDir} exists and is not empty: choose a new backup folder`);
  }
  await mkdir(path.join(options.archiveDir, "files"), { recursive: true });
  let manifest: Manifest;
  try {
    const database =
      "databaseUrl" in options.database
        ? await dumpPostgres(options.database.databaseUrl, options.archiveDir)
        : await dumpPGlite(options.database.dataDir, options.archiveDir);
    const files = await attachmentFigures(options.filesDir);
    for (const name of Object.keys(files)) {
      await copyFile(path.join(options.filesDir, name), path.join(options.archiveDir, "files", name));
    }
    manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database: database.entry,
      tables: database.tables,
      files,
    };
    // Written last: a folder without a manifest is an unfinished backup, and restore refuses it.
    await writeFile(path.join(options.archiveDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  } catch (error) {
    await rm(options.archiveDir, { recursive: true, force: true });
    throw error;
  }
  const files = manifest.files;
  const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
  log(
    `Backup written to ${options.archiveDir}: ${Object.keys(manifest.tables).length} tables, ${rows} rows, ${Object.keys(files).length} attachments`,
  );
  return manifest;
}

async function dumpPostgres(databaseUrl: string, archiveDir: string) {
  const handle = await connect({ databaseUrl, maxConnections: 1 });
  try {
    const file = "database.dump";
    const target = path.join(archiveDir, file);
    // The manifest and pg_dump see the same snapshot: exported here, held open until the dump ends.
    const tables = await handle.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const snapshot = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
        const figures = await tableFigures(trx);
        await run(postgresTool("pg_dump"), [
          "--format=custom",
          `--snapshot=${snapshot.rows[0]?.id}`,
          "--no-owner",
          "--no-privileges",
          `--file=${target}`,
          `--dbname=${databaseUrl}`,
        ]);
        return figures;
      });
    return { entry: { kind: "postgres" as const, file, sha256: await sha256File(target) }, tables };
  } finally {
    await handle.close();
  }
}

async function dumpPGlite(dataDir: string, archiveDir: string) {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new BackupError(`${dataDir} holds no database`);
  const file = "pgdata.tar.gz";
  const target = path.join(archiveDir, file);
  const tables = await dumpPGliteFolder(dataDir, target, tableFigures);
  return { entry: { kind: "pglite" as const, file, sha256: await sha256File(target) }, tables };
}

export interface RestoreResult {
  manifest: Manifest;
  differences: Difference[];
}

/**
 * Restores a backup into an empty database and FILES_DIR (or over existing ones with `force`),
 * then recomputes every figure and prints the comparison. Throws when anything differs.
 */
export async function restoreBackup(options: {
  archiveDir: string;
  database: BackupDatabase;
  filesDir: string;
  force?: boolean;
  log?: Log;
}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const manifestText = await readFile(path.join(options.archiveDir, MANIFEST), "utf8").catch(() => {
    throw new BackupError(`${options.archiveDir} has no ${MANIFEST}: not a backup, or an unfinished one`);
  });
  const manifest = JSON.parse(manifestText) as Manifest;
  if (manifest.format !== 1) throw new BackupError(`Unknown backup format ${String(manifest.format)}`);
  const dump = path.join(options.archiveDir, manifest.database.file);
  if ((await sha256File(dump)) !== manifest.database.sha256) {
    throw new BackupError(
      `${manifest.database.file} does not match its checksum in the manifest: the backup is damaged`,
    );
  }
  for (const [name, expected] of Object.entries(manifest.files)) {
    if ((await sha256File(path.join(options.archiveDir, "files", name))) !== expected.sha256) {
      throw new BackupError(`Attachment ${name} does not match its checksum in the manifest: the backup is damaged`);
    }
  }
  const wantKind = "databaseUrl" in options.database ? "postgres" : "pglite";
  if (manifest.database.kind !== wantKind) {
    throw new BackupError(`This is a ${manifest.database.kind} backup; the target is ${wantKind}`);
  }

  const existingFiles = existsSync(options.filesDir)
    ? (await readdir(options.filesDir)).filter((f) => !f.startsWith("."))
    : [];
  if (existingFiles.length > 0 && !options.force) {
    throw new BackupError(`FILES_DIR ${options.filesDir} is not empty: restore with --force to replace it`);
  }

  const restored =
    "databaseUrl" in options.database
      ? await restorePostgres(options.database.databaseUrl, dump, options.force ?? false)
      : await restorePGlite(options.database.dataDir, dump, options.force ?? false);

  if (options.force) for (const f of existingFiles) await rm(path.join(options.filesDir, f), { force: true });
  await mkdir(options.filesDir, { recursive: true });
  for (const name of Object.keys(manifest.files)) {
    await copyFile(path.join(options.archiveDir, "files", name), path.join(options.filesDir, name));
  }

  const differences = compareTables(manifest.tables, restored);
  const files = await attachmentFigures(options.filesDir);
  for (const [name, expected] of Object.entries(manifest.files)) {
    const actual = files[name];
    if (!actual || actual.sha256 !== expected.sha256) {
      differences.push({ what: `file ${name}`, expected: expected.sha256, actual: actual?.sha256 ?? "missing" });
    }
  }
  log(`Restored ${options.archiveDir} (taken ${manifest.createdAt}):`);
  log(`  ${"table".padEnd(32)} ${"rows in backup".padStart(14)} ${"rows restored".padStart(14)}  checksum`);
  for (const [name, expected] of Object.entries(manifest.tables)) {
    const actual = restored[name];
    const same = actual?.md5 === expected.md5 ? "equal" : "DIFFERENT";
    log(
      `  ${name.padEnd(32)} ${String(expected.rows).padStart(14)} ${String(actual?.rows ?? "-").padStart(14)}  ${same}`,
    );
  }
  log(`  attachments: ${Object.keys(manifest.files).length} in backup, ${Object.keys(files).length} restored`);
  if (differences.length > 0) {
    throw new BackupError(
      `The restored data differs from the backup's manifest: ${differences.map((d) => `${d.what} (expected ${d.expected}, got ${d.actual})`).join("; ")}`,
    );
  }
  log("Every table and attachment matches the manifest.");
  return { manifest, differences };
}

async function restorePostgres(databaseUrl: string, dump: string, force: boolean) {
  const handle = await connect({ databaseUrl, maxConnections: 1 });
  try {
    const existing = await sql<{ n: string }>`
      select count(*)::text as n from pg_tables where schemaname = 'public'`.execute(handle.db);
    if (Number(existing.rows[0]?.n) > 0) {
      if (!force) throw new BackupError("The target database is not empty: restore with --force to replace it");
      await sql`drop schema public cascade`.execute(handle.db);
      await sql`create schema public`.execute(handle.db);
    }
    await run(postgresTool("pg_restore"), [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${databaseUrl}`,
      dump,
    ]);
    return await tableFigures(handle.db);
  } finally {
    await handle.close();
  }
}

async function restorePGlite(dataDir: string, dump: string, force: boolean) {
  const present = existsSync(dataDir) ? (await readdir(dataDir)).filter((f) => f !== "khcn.lock") : [];
  if (present.length > 0 && !force) {
    throw new BackupError(`The data folder ${dataDir} is not empty: restore with --force to replace it`);
  }
  await mkdir(dataDir, { recursive: true });
  return loadPGliteFolder(dataDir, dump, { replace: force }, tableFigures);
}

/** pg_dump/pg_restore: PG_BIN if set, else the PATH (Debian's wrappers pick the right version). */
function postgresTool(name: "pg_dump" | "pg_restore"): string {
  return process.env.PG_BIN ? path.join(process.env.PG_BIN, name) : name;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.on("error", (error) =>
      reject(
        new BackupError(`Cannot run ${command}: ${error.message} (install the PostgreSQL client tools or set PG_BIN)`),
      ),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
