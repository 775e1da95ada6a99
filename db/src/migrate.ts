import { readdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Kysely, type Migration, type MigrationProvider, Migrator } from "kysely";

const migrationFolder = fileURLToPath(new URL("../migrations", import.meta.url));

/**
 * Reads the timestamped files of db/migrations. The import happens here rather than inside
 * Kysely's FileMigrationProvider so that it goes through whichever TypeScript loader runs this
 * code (tsx for the server, Vite for the tests).
 */
class MigrationFolder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(migrationFolder)).filter((f) => /^\d{8}T\d{4}_[a-z0-9_]+\.ts$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(migrationFolder, file)).href)) as Migration;
      migrations[file.replace(/\.ts$/, "")] = { up: module.up, ...(module.down ? { down: module.down } : {}) };
    }
    return migrations;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new MigrationFolder() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "before any migration ran";
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/**
 * Migrates up (or down) to exactly the named migration: for tests that start from an earlier
 * release's schema and then upgrade to the latest, as a deployed database does.
 */
export async function migrateTo(db: Kysely<unknown>, name: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new MigrationFolder() });
  const { error, results } = await migrator.migrateTo(name);
  if (error) throw new Error(`Migrating to ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** The names of every migration in db/migrations, in the order they run. */
export async function migrationNames(): Promise<string[]> {
  return Object.keys(await new MigrationFolder().getMigrations()).sort();
}
