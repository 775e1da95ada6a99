import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export async function insertFile(
  db: Kysely<Database>,
  row: { sha256: string; originalName: string; contentType: string; size: number; key: string; uploadedBy: number },
) {
  return db
    .insertInto("stored_file")
    .values({
      sha256: row.sha256,
      original_name: row.originalName,
      content_type: row.contentType,
      size_bytes: row.size,
      storage_key: row.key,
      uploaded_by: row.uploadedBy,
    })
    .returning(["id", "original_name", "content_type", "size_bytes", "sha256", "created_at"])
    .executeTakeFirstOrThrow();
}

export async function findFile(db: Kysely<Database>, id: number) {
  return db.selectFrom("stored_file").selectAll().where("id", "=", id).executeTakeFirst();
}

/**
 * The tasks whose transitions, inspection minutes, adjustment decisions or councils cite a document
 * carrying this file, or whose reports or closed councils' reviews attach it.
 */
export async function tasksCitingFile(db: Kysely<Database>, fileId: number) {
  return (
    db
      .selectFrom("task_transition")
      .innerJoin("document", "document.id", "task_transition.document_id")
      .select("task_transition.task_id")
      .where("document.file_id", "=", fileId)
      .union(
        db
          .selectFrom("report_version")
          .innerJoin("report_period", "report_period.id", "report_version.period_id")
          .select("report_period.task_id")
          .where("report_version.host_file_id", "=", fileId),
      )
      .union(
        db
          .selectFrom("inspection")
          .innerJoin("document", "document.id", "inspection.minutes_document_id")
          .select("inspection.task_id")
          .where("document.file_id", "=", fileId),
      )
      .union(
        db
          .selectFrom("adjustment_request")
          .innerJoin("document", "document.id", "adjustment_request.decision_document_id")
          .select("adjustment_request.task_id")
          .where("document.file_id", "=", fileId),
      )
      // A council's establishing decision, and its reviewers' written reviews once the council has closed.
      .union(
        db
          .selectFrom("council_task")
          .innerJoin("council", "council.id", "council_task.council_id")
          .innerJoin("document", "document.id", "council.establishment_document_id")
          .select("council_task.task_id")
          .where("document.file_id", "=", fileId),
      )
      .union(
        db
          .selectFrom("council_score")
          .innerJoin("council", "council.id", "council_score.council_id")
          .select("council_score.task_id")
          .where("council_score.review_file_id", "=", fileId)
          .where("council.status", "=", "closed"),
      )
      .execute()
  );
}
