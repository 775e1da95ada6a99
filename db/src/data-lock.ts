import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export class DataFolderLockedError extends Error {
  readonly code = "DATA_FOLDER_LOCKED";
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

/**
 * PGlite keeps a single-user PostgreSQL in the folder: two processes writing it would corrupt it.
 * The lock file names its holder, so a second start says who holds the folder; a lock left by a
 * process that no longer runs (a crash) is taken over.
 */
export function lockDataFolder(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "khcn.lock");
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = readHolder(path);
      if (holder && isAlive(holder)) {
        throw new DataFolderLockedError(
          `The data folder ${dir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}). ` +
            "Stop that process first, or set DATA_DIR to another folder.",
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataFolderLockedError(`Could not lock the data folder ${dir}`);
}

function readHolder(path: string): Holder | null {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Holder;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  // A lock from another host cannot be checked from here, so it is honoured.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
