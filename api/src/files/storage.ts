import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Files live on disk in FILES_DIR under random names, never a name a user chose, outside any
 * folder the web server publishes. Written to a temporary name first, so a crash leaves no
 * half-written file under a real key.
 */
export class FileStore {
  constructor(readonly dir: string) {}

  async put(content: Uint8Array): Promise<{ key: string; sha256: string }> {
    await mkdir(this.dir, { recursive: true });
    const key = randomBytes(16).toString("hex");
    const temporary = path.join(this.dir, `${key}.partial`);
    await writeFile(temporary, content, { flag: "wx" });
    await rename(temporary, path.join(this.dir, key));
    return { key, sha256: createHash("sha256").update(content).digest("hex") };
  }

  async get(key: string): Promise<Buffer> {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error("invalid storage key");
    return readFile(path.join(this.dir, key));
  }
}
