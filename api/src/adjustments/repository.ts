import { jsonb } from "@khcn/db/jsonb";
import type { AdjustmentKind, AdjustmentStatus, Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export async function insertAdjustment(
  db: Kysely<Database>,
  a: {
    taskId: number;
    kind: AdjustmentKind;
    requestedBy: number;
    dueBy: string;
    reason: string;
    exceptional: boolean;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    extensionMonths: number | null;
  },
) {
  return db
    .insertInto("adjustment_request")
    .values({
      task_id: a.taskId,
      kind: a.kind,
      requested_by: a.requestedBy,
      due_by: a.dueBy,
      reason: a.reason,
      exceptional: a.exceptional,
      before: jsonb(a.before),
      after: jsonb(a.after),
      extension_months: a.extensionMonths,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

function adjustments(db: Kysely<Database>) {
  return db
    .selectFrom("adjustment_request as a")
    .innerJoin("task as t", "t.id", "a.task_id")
    .innerJoin("app_user as r", "r.id", "a.requested_by")
    .leftJoin("app_user as d", "d.id", "a.decided_by")
    .select([
      "a.id",
      "a.task_id",
      "a.kind",
      "a.status",
      "a.reason",
      "a.exceptional",
      "a.before",
      "a.after",
      "a.extension_months",
      "a.requested_by",
      "a.requested_at",
      "a.due_by",
      "a.decision_document_id",
      "a.decided_at",
      "a.decision_comment",
      "r.full_name as requester_name",
      "d.full_name as decider_name",
      "t.code as task_code",
      "t.title as task_title",
      "t.managing_unit_id",
      "t.pi_person_id",
      "t.stage",
    ]);
}

export type AdjustmentRow = NonNullable<Awaited<ReturnType<typeof findAdjustment>>>;

export async function findAdjustment(db: Kysely<Database>, id: number) {
  return adjustments(db).where("a.id", "=", id).executeTakeFirst();
}

/** The request's row, locked for the rest of the transaction: one decision at a time. */
export async function lockAdjustment(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("adjustment_request")
    .select(["id", "status"])
    .where("id", "=", id)
    .forUpdate()
    .executeTakeFirst();
}

export async function adjustmentsOfTask(db: Kysely<Database>, taskId: number) {
  return adjustments(db).where("a.task_id", "=", taskId).orderBy("a.id", "desc").execute();
}

/** Open requests, the earliest deadline first: of one unit's tasks, or of all (null). */
export async function openAdjustments(db: Kysely<Database>, unitId: number | null) {
  let query = adjustments(db).where("a.status", "=", "submitted");
  if (unitId !== null) query = query.where("t.managing_unit_id", "=", unitId);
  return query.orderBy("a.due_by").orderBy("a.id").execute();
}

export async function countApprovedExtensions(db: Kysely<Database>, taskId: number): Promise<number> {
  const row = await db
    .selectFrom("adjustment_request")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("task_id", "=", taskId)
    .where("kind", "=", "duration")
    .where("status", "=", "approved")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function openKinds(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("adjustment_request")
    .select(["id", "kind"])
    .where("task_id", "=", taskId)
    .where("status", "=", "submitted")
    .execute();
}

export async function closeAdjustment(
  db: Kysely<Database>,
  id: number,
  c: {
    status: Exclude<AdjustmentStatus, "submitted">;
    decidedBy: number;
    documentId: number | null;
    comment: string | null;
  },
) {
  await db
    .updateTable("adjustment_request")
    .set({
      status: c.status,
      decided_by: c.decidedBy,
      decided_at: new Date(),
      decision_document_id: c.documentId,
      decision_comment: c.comment,
    })
    .where("id", "=", id)
    .execute();
}

export async function personNames(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom("person")
    .select(["id", "full_name", "title"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((p) => [p.id, p.title ? `${p.title} ${p.full_name}` : p.full_name]));
}

export async function organisationNames(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, string>();
  const rows = await db
    .selectFrom("organisation")
    .select(["id", "name"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((o) => [o.id, o.name]));
}
