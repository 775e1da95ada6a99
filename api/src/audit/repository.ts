import { jsonb } from "@khcn/db/jsonb";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { currentRequest } from "../logging/request-context.ts";

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  taskId?: number | null;
  data?: Record<string, unknown>;
}

/**
 * Appends to the trail inside the caller's transaction: the change and its record land together.
 * The request's context hears of it too, so the event reaches the JSON log once the request is over
 * and only if the row was kept (a rolled-back change is not logged as done).
 */
export async function appendAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  const entityId = entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId);
  const row = await db
    .insertInto("audit_log")
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entityId,
      task_id: entry.taskId ?? null,
      data: jsonb(entry.data ?? {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  currentRequest()?.auditEvents.push({
    id: String(row.id),
    action: entry.action,
    entityType: entry.entityType,
    entityId,
    taskId: entry.taskId ?? null,
    actorUserId: entry.actorUserId,
    inTransaction: db.isTransaction,
  });
}
