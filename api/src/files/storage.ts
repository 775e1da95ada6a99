import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Enough of the start of a file for content sniffing. */
const HEAD_BYTES = 4100;

export interface StoredContent {
  key: string;
  sha256: string;
  size: number;
  /** The first bytes, for judging the type by content. */
  head: Uint8Array;
}

export class FileTooLargeError extends Error {}

/**
 * Files live on disk in FILES_DIR under random names, never a name a user chose, outside any
 * folder the web server publishes. An upload streams to a temporary name while it is hashed and
 * measured, and takes its real name only once complete: a crash or an oversized upload leaves
 * no half-written file under a real key.
 */
export class FileStore {
  constructor(readonly dir: string) {}

  async putStream(source: Readable, isTruncated: () => boolean): Promise<StoredContent> {
    await mkdir(this.dir, { recursive: true });
    const key = randomBytes(16).toString("hex");
    const temporary = path.join(this.dir, `${key}.partial`);
    const hash = createHash("sha256");
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headLength));
          headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, measure, createWriteStream(temporary, { flags: "wx" }));
      if (isTruncated()) throw new FileTooLargeError("file over the size limit");
      await rename(temporary, path.join(this.dir, key));
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    return { key, sha256: hash.digest("hex"), size, head: new Uint8Array(Buffer.concat(head)) };
  }

  async get(key: string): Promise<Buffer> {
    return readFile(this.pathOf(key));
  }

  /** Removes a stored file whose database row could not be written. */
  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string) {
    if (!/^[0-9a-f]{32}$/.test(key)) throw new Error("invalid storage key");
    return path.join(this.dir, key);
  }
}
