import { connect } from "@khcn/db/connect";
import { DataFolderLockedError } from "@khcn/db/data-lock";
import { migrateToLatest } from "@khcn/db/migrate";
import { type Kysely, sql } from "kysely";
import { ConfigError, loadConfig } from "./config.ts";
import { prepareData } from "./startup.ts";

/** `pnpm db:migrate | db:seed | db:reset` on the same database the server would use. */
async function main(command: string | undefined) {
  if (!command || !["migrate", "seed", "reset"].includes(command)) {
    console.error("Usage: db-cli migrate | seed | reset");
    process.exit(2);
  }
  const config = loadConfig();
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

main(process.argv[2]).catch((error: unknown) => {
  const known = error instanceof DataFolderLockedError || error instanceof ConfigError;
  console.error(known ? `Cannot run: ${(error as Error).message}` : error);
  process.exit(1);
});
