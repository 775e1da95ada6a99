import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canSeeTask } from "../auth/permissions.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { loadTaskFacts } from "../lifecycle/repository.ts";
import { MAX_FILE_BYTES, sniffAllowedType } from "./content-type.ts";
import * as repo from "./repository.ts";
import type { FileStore } from "./storage.ts";

export async function uploadFile(db: Kysely<Database>, store: FileStore, actor: Actor, file: File) {
  if (file.size === 0) throw new DomainError("VALIDATION_FAILED", "The file is empty", { file: "The file is empty" });
  if (file.size > MAX_FILE_BYTES) {
    throw new DomainError("PAYLOAD_TOO_LARGE", "The file is larger than 20 MB", { file: "At most 20 MB" });
  }
  const content = new Uint8Array(await file.arrayBuffer());
  const type = await sniffAllowedType(content);
  if (!type) {
    throw new DomainError(
      "UNSUPPORTED_FILE_TYPE",
      "Only PDF, Word, Excel, OpenDocument, JPEG and PNG files are accepted",
      {
        file: "Unsupported file type",
      },
    );
  }
  const name = cleanName(file.name) || `tep.${type.ext}`;
  const stored = await store.put(content);
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertFile(trx, {
      sha256: stored.sha256,
      originalName: name,
      contentType: type.mime,
      size: content.byteLength,
      key: stored.key,
      uploadedBy: actor.userId,
    });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "file.uploaded",
      entityType: "file",
      entityId: row.id,
      data: { name, size: content.byteLength, sha256: stored.sha256, contentType: type.mime },
    });
    return row;
  });
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
