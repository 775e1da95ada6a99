import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect, type DatabaseHandle } from "@khcn/db/connect";
import { DataFolderLockedError } from "@khcn/db/data-lock";
import { migrateToLatest } from "@khcn/db/migrate";
import { buildPerson } from "@khcn/db/seed/builders";
import { createTestDatabase, testServerUrl } from "@khcn/db/test-database";
import type { Kysely } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { BackupError, createBackup, restoreBackup } from "../src/backup/backup.ts";
import { tableFigures } from "../src/backup/manifest.ts";
import { buildPortfolio } from "./fixtures.ts";
import { freshPostgresDatabase } from "./server-harness.ts";

/*
 * `pnpm db:backup` / `pnpm db:restore` round trip: a database with data and attachments is backed
 * up, restored into a fresh target, and the target has the same rows (counts and checksums
 * computed independently of the manifest) and byte-equal attachments. Restoring over data is
 * refused without --force, a damaged backup is refused, and on PGlite a folder in use is refused.
 */
const onPostgres = process.env.TEST_DB === "postgres";
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `khcn-backup-${name}-`));
const quiet = () => {};

/** Data worth backing up: the test portfolio, and attachments (binary, and one empty). */
async function seed(handle: DatabaseHandle, filesDir: string) {
  await buildPortfolio(handle.db);
  mkdirSync(filesDir, { recursive: true });
  for (let i = 0; i < 3; i++)
    writeFileSync(path.join(filesDir, randomBytes(16).toString("hex")), randomBytes(5000 * (i + 1)));
  writeFileSync(path.join(filesDir, randomBytes(16).toString("hex")), "");
}

async function figuresOf(handle: DatabaseHandle) {
  // One connection: the figures set the session time zone.
  return tableFigures(handle.db);
}

function expectSameFiles(from: string, to: string) {
  const names = readdirSync(from).sort();
  expect(readdirSync(to).sort()).toEqual(names);
  for (const name of names)
    expect(readFileSync(path.join(to, name)).equals(readFileSync(path.join(from, name)))).toBe(true);
}

function damage(archiveDir: string) {
  const files = readdirSync(path.join(archiveDir, "files"));
  const victim = path.join(
    archiveDir,
    "files",
    files.find((f) => readFileSync(path.join(archiveDir, "files", f)).length > 0) ?? "",
  );
  const bytes = readFileSync(victim);
  bytes[0] = (bytes[0] ?? 0) ^ 0xff;
  writeFileSync(victim, bytes);
}

describe.skipIf(onPostgres)("backup and restore on PGlite", () => {
  it("round-trips the data folder and the attachments, and refuses what would be unsafe", async () => {
    const dataDir = temp("data");
    const filesDir = temp("files");
    const source = await connect({ dataDir });
    await migrateToLatest(source.db as Kysely<unknown>);
    await seed(source, filesDir);
    const before = await figuresOf(source);
    expect(before.task?.rows).toBe(3);

    // While the server (here: this open handle) holds the folder, a backup is refused.
    await expect(
      createBackup({ database: { dataDir }, filesDir, archiveDir: path.join(temp("archive"), "b"), log: quiet }),
    ).rejects.toBeInstanceOf(DataFolderLockedError);
    await source.close();

    const archiveDir = path.join(temp("archive"), "khcn-backup");
    const manifest = await createBackup({ database: { dataDir }, filesDir, archiveDir, log: quiet });
    expect(manifest.tables).toEqual(before);
    expect(Object.keys(manifest.files)).toHaveLength(4);

    const targetData = temp("target-data");
    const targetFiles = temp("target-files");
    const lines: string[] = [];
    const restored = await restoreBackup({
      archiveDir,
      database: { dataDir: targetData },
      filesDir: targetFiles,
      log: (l) => lines.push(l),
    });
    expect(restored.differences).toEqual([]);
    expect(lines.join("\n")).toMatch(/task\s+3\s+3\s+equal/);
    expectSameFiles(filesDir, targetFiles);

    const target = await connect({ dataDir: targetData });
    try {
      expect(await figuresOf(target)).toEqual(before);
      // The restored database is a working one: migrations find nothing to do, writes work.
      expect(await migrateToLatest(target.db as Kysely<unknown>)).toEqual([]);
      const person = await buildPerson(target.db, { full_name: "Sau khôi phục", title: "TS.", organisation_id: null });
      expect(person.id).toBeGreaterThan(0);
    } finally {
      await target.close();
    }

    // Over data only with --force; a damaged backup never.
    await expect(
      restoreBackup({ archiveDir, database: { dataDir: targetData }, filesDir: temp("f"), log: quiet }),
    ).rejects.toThrow(/not empty/);
    const forced = await restoreBackup({
      archiveDir,
      database: { dataDir: targetData },
      filesDir: targetFiles,
      force: true,
      log: quiet,
    });
    expect(forced.differences).toEqual([]);
    damage(archiveDir);
    await expect(
      restoreBackup({ archiveDir, database: { dataDir: temp("d") }, filesDir: temp("f"), log: quiet }),
    ).rejects.toBeInstanceOf(BackupError);
  }, 180_000);
});

describe.skipIf(!onPostgres)("backup and restore on PostgreSQL", () => {
  it("round-trips through pg_dump/pg_restore with the attachments, and refuses what would be unsafe", async () => {
    const serverUrl = testServerUrl();
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is needed");
    const source = await createTestDatabase();
    cleanups.push(() => source.close());
    const sourceUrl = new URL(serverUrl);
    sourceUrl.pathname = `/${source.location}`;
    const filesDir = temp("files");
    await seed(source, filesDir);
    const one = await connect({ databaseUrl: sourceUrl.toString(), maxConnections: 1 });
    const before = await figuresOf(one);
    await one.close();
    expect(before.task?.rows).toBe(3);

    // Taken while the database is in use: pg_dump reads one snapshot, as the manifest does.
    const archiveDir = path.join(temp("archive"), "khcn-backup");
    const manifest = await createBackup({
      database: { databaseUrl: sourceUrl.toString() },
      filesDir,
      archiveDir,
      log: quiet,
    });
    expect(manifest.tables).toEqual(before);
    expect(manifest.database.kind).toBe("postgres");

    const target = await freshPostgresDatabase(serverUrl);
    cleanups.push(target.drop);
    const targetFiles = temp("target-files");
    const lines: string[] = [];
    const restored = await restoreBackup({
      archiveDir,
      database: { databaseUrl: target.url },
      filesDir: targetFiles,
      log: (l) => lines.push(l),
    });
    expect(restored.differences).toEqual([]);
    expect(lines.join("\n")).toMatch(/task\s+3\s+3\s+equal/);
    expectSameFiles(filesDir, targetFiles);

    const restoredDb = await connect({ databaseUrl: target.url, maxConnections: 1 });
    try {
      expect(await figuresOf(restoredDb)).toEqual(before);
      expect(await migrateToLatest(restoredDb.db as Kysely<unknown>)).toEqual([]);
      // Sequences came back too: a new row takes a fresh id.
      const person = await buildPerson(restoredDb.db, {
        full_name: "Sau khôi phục",
        title: "TS.",
        organisation_id: null,
      });
      expect(person.id).toBeGreaterThan(before.person?.rows ?? 0);
    } finally {
      await restoredDb.close();
    }

    await expect(
      restoreBackup({ archiveDir, database: { databaseUrl: target.url }, filesDir: temp("f"), log: quiet }),
    ).rejects.toThrow(/not empty/);
    const forced = await restoreBackup({
      archiveDir,
      database: { databaseUrl: target.url },
      filesDir: targetFiles,
      force: true,
      log: quiet,
    });
    expect(forced.differences).toEqual([]);
    damage(archiveDir);
    await expect(
      restoreBackup({
        archiveDir,
        database: { databaseUrl: target.url },
        filesDir: temp("f"),
        force: true,
        log: quiet,
      }),
    ).rejects.toBeInstanceOf(BackupError);
  }, 180_000);
});
