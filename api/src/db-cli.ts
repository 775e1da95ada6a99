import path from "node:path";
import { fileURLToPath } from "node:url";
import { connect } from "@khcn/db/connect";
import { DataFolderLockedError } from "@khcn/db/data-lock";
import { migrateToLatest } from "@khcn/db/migrate";
import { type Kysely, sql } from "kysely";
import { BackupError, createBackup, restoreBackup } from "./backup/backup.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { prepareData } from "./startup.ts";

/** `pnpm db:migrate | db:seed | db:reset | db:backup | db:restore` on the same database the server would use. */
async function main(command: string | undefined, args: string[]) {
  if (!command || !["migrate", "seed", "reset", "backup", "restore"].includes(command)) {
    console.error("Usage: db-cli migrate | seed | reset | backup [folder] | restore <folder> [--force]");
    process.exit(2);
  }
  const config = loadConfig();
  if (command === "backup" || command === "restore") return backupCommand(command, args, config);
  if (command !== "migrate" && !config.seedDemo) {
    throw new ConfigError("The demo seed is not loaded with NODE_ENV=production or SEED_DEMO=false.");
  }
  const handle = await connect(config.database);
  try {
    if (command === "reset") {
      await sql`drop schema public cascade`.execute(handle.db);
      await sql`create schema public`.execute(handle.db);
      console.log(`Emptied ${handle.location}`);
    }
    const applied = await migrateToLatest(handle.db as Kysely<unknown>);
    console.log(applied.length ? `Migrations applied: ${applied.join(", ")}` : "Schema is up to date");
    if (command !== "migrate") {
      const prepared = await prepareData(handle.db, { seedDemo: true });
      console.log(
        prepared.demoTasks > 0
          ? `Demo portfolio loaded: ${prepared.demoTasks} tasks`
          : "Database already has tasks; seed skipped",
      );
    }
  } finally {
    await handle.close();
  }
}

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Paths on the command line are the user's: pnpm runs this script from api/, so they are resolved
 * against the folder `pnpm db:backup` was typed in (INIT_CWD).
 */
async function backupCommand(command: "backup" | "restore", args: string[], config: Config) {
  const here = process.env.INIT_CWD || process.cwd();
  const folder = args.find((a) => !a.startsWith("--"));
  const log = (line: string) => console.log(line);
  if (command === "backup") {
    const stamp = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d+Z$/, "Z");
    const archiveDir = folder ? path.resolve(here, folder) : path.join(repoRoot, "backups", `khcn-${stamp}`);
    await createBackup({ database: config.database, filesDir: config.filesDir, archiveDir, log });
    return;
  }
  if (!folder) throw new BackupError("Usage: pnpm db:restore <backup folder> [--force]");
  await restoreBackup({
    archiveDir: path.resolve(here, folder),
    database: config.database,
    filesDir: config.filesDir,
    force: args.includes("--force"),
    log,
  });
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  const known = error instanceof DataFolderLockedError || error instanceof ConfigError || error instanceof BackupError;
  console.error(known ? `Cannot run: ${(error as Error).message}` : error);
  process.exit(1);
});
