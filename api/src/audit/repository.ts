import { jsonb } from "@khcn/db/jsonb";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  taskId?: number | null;
  data?: Record<string, unknown>;
}

/** Appends to the trail inside the caller's transaction: the change and its record land together. */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      task_id: entry.taskId ?? null,
      data: jsonb(entry.data ?? {}),
    })
    .execute();
}
