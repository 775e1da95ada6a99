import { jsonb } from "@khcn/db/jsonb";
import type { AdjustmentKind, Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

/** An open adjustment request, inserted as the API would file it (for tests that need one in place). */
export async function buildAdjustment(
  db: Kysely<Database>,
  input: {
    taskId: number;
    requestedBy: number;
    kind?: AdjustmentKind;
    dueBy?: string;
    reason?: string;
    after?: Record<string, unknown>;
  },
) {
  return db
    .insertInto("adjustment_request")
    .values({
      task_id: input.taskId,
      kind: input.kind ?? "other",
      requested_by: input.requestedBy,
      due_by: input.dueBy ?? "2026-12-31",
      reason: input.reason ?? "Đề nghị điều chỉnh thử",
      before: jsonb({}),
      after: jsonb(input.after ?? { description: "Điều chỉnh thử" }),
      extension_months: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
