import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canSeeTask } from "../auth/permissions.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { lockKey, requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import { loadTaskFacts } from "../lifecycle/repository.ts";
import { sniffAllowedType } from "./content-type.ts";
import * as repo from "./repository.ts";
import type { FileStore } from "./storage.ts";
import type { ReceivedFile } from "./upload-stream.ts";

/**
 * Keeps an upload that has reached the disk: judged by its content, then recorded with its
 * audit entry in one transaction. A refused or unrecorded file is removed again, so the disk
 * and the database hold the same files.
 */
export interface KeptFile {
  id: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * With an Idempotency-Key, a retried upload (same key, same name and bytes) gets the first answer
 * back and its second copy on disk is removed: one file row, one file.
 */
export async function keepUpload(
  db: Kysely<Database>,
  store: FileStore,
  actor: Actor,
  file: ReceivedFile,
  idempotencyKey?: string,
): Promise<{ file: KeptFile; replayed: boolean }> {
  try {
    if (file.size === 0) throw new DomainError("VALIDATION_FAILED", "The file is empty", { file: "The file is empty" });
    const type = await sniffAllowedType(file.head);
    if (!type) {
      throw new DomainError(
        "UNSUPPORTED_FILE_TYPE",
        "Only PDF, Word, Excel, OpenDocument, ZIP, JPEG and PNG files are accepted",
        {
          file: "Unsupported file type",
        },
      );
    }
    const name = cleanName(file.name) || `tep.${type.ext}`;
    const hash = idempotencyKey ? requestHash("POST", "/files", { name, sha256: file.sha256, size: file.size }) : null;
    const outcome = await db.transaction().execute(async (trx) => {
      if (idempotencyKey && hash) {
        await lockKey(trx, actor.userId, idempotencyKey);
        const stored = await storedAnswer<KeptFile>(trx, actor.userId, idempotencyKey, hash);
        if (stored) return { file: stored.body, replayed: true };
      }
      const row = await repo.insertFile(trx, {
        sha256: file.sha256,
        originalName: name,
        contentType: type.mime,
        size: file.size,
        key: file.key,
        uploadedBy: actor.userId,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "file.uploaded",
        entityType: "file",
        entityId: row.id,
        data: { name, size: file.size, sha256: file.sha256, contentType: type.mime },
      });
      const kept: KeptFile = {
        id: row.id,
        name: row.original_name,
        contentType: row.content_type,
        size: Number(row.size_bytes),
        sha256: row.sha256,
      };
      if (idempotencyKey && hash)
        await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 201, body: kept });
      return { file: kept, replayed: false };
    });
    // The retry's bytes are the first upload's: keep only the recorded copy.
    if (outcome.replayed) await store.remove(file.key);
    return outcome;
  } catch (error) {
    await store.remove(file.key);
    throw error;
  }
}

/** The uploader may fetch a file; so may anyone who may see a task whose record cites it. */
export async function downloadFile(db: Kysely<Database>, store: FileStore, actor: Actor, id: number) {
  const file = await repo.findFile(db, id);
  if (!file) throw notFound("File");
  if (file.uploaded_by !== actor.userId) {
    const tasks = await repo.tasksCitingFile(db, id);
    let visible = false;
    for (const { task_id } of tasks) {
      const loaded = await loadTaskFacts(db, task_id);
      if (loaded && canSeeTask(actor, loaded.access)) {
        visible = true;
        break;
      }
    }
    if (!visible) throw notFound("File");
  }
  return { file, content: await store.get(file.storage_key) };
}

/** Keeps a display name: no path parts, no control characters, at most 255 characters. */
function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .slice(0, 255);
}
