import { existsSync } from "node:fs";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, sql } from "kysely";
import { lockDataFolder } from "./data-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";

/*
 * A PGlite data folder as one file and back, for `pnpm db:backup` / `db:restore` on the embedded
 * database. Both hold the folder's lock for their whole run, so neither runs beside the server
 * (a copy of a live single-user database would not be consistent); `inspect` gets the open
 * database for the caller's checks (the backup's manifest) while the lock is held.
 */

export async function dumpPGliteFolder<T>(
  dataDir: string,
  tarball: string,
  inspect: (db: Kysely<unknown>) => Promise<T>,
): Promise<T> {
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) throw new Error(`${dataDir} holds no database`);
  const unlock = lockDataFolder(dataDir);
  try {
    const pglite = await PGlite.create(dataDir);
    try {
      const result = await inspect(new Kysely<unknown>({ dialect: new PGliteDialect(pglite) }));
      const dump = await pglite.dumpDataDir("gzip");
      await writeFile(tarball, new Uint8Array(await dump.arrayBuffer()));
      return result;
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}

/** Unpacks a dumped folder into `dataDir`, which must be empty unless `replace` (then it is emptied). */
export async function loadPGliteFolder<T>(
  dataDir: string,
  tarball: string,
  options: { replace: boolean },
  inspect: (db: Kysely<unknown>) => Promise<T>,
): Promise<T> {
  const unlock = lockDataFolder(dataDir);
  try {
    const present = (await readdir(dataDir)).filter((f) => f !== "khcn.lock");
    if (present.length > 0) {
      if (!options.replace)
        throw new Error(`The data folder ${dataDir} is not empty: restore with --force to replace it`);
      for (const f of present) await rm(path.join(dataDir, f), { recursive: true, force: true });
    }
    const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([new Uint8Array(await readFile(tarball))]) });
    try {
      const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
      await sql`checkpoint`.execute(db);
      return await inspect(db);
    } finally {
      await pglite.close();
    }
  } finally {
    unlock();
  }
}
