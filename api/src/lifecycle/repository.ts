import type { AcceptanceOutcome, Database, Stage, TaskRecoveryCause } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { TaskAccessFacts } from "../auth/permissions.ts";

/** The task as the lifecycle and the permission rules see it; `lock` takes the row for update. */
export async function loadTaskFacts(db: Kysely<Database>, taskId: number, lock = false) {
  let query = db
    .selectFrom("task")
    .select([
      "id",
      "stage",
      "version",
      "managing_unit_id",
      "host_organisation_id",
      "pi_person_id",
      "total_budget",
      "state_budget",
      "start_date",
      "end_date",
      "funding_mode",
      "selection_method",
      "regime",
    ])
    .where("id", "=", taskId);
  if (lock) query = query.forUpdate();
  const task = await query.executeTakeFirst();
  if (!task) return undefined;
  const team = await db.selectFrom("task_member").select("person_id").where("task_id", "=", taskId).execute();
  const seats = await councilSeatsOfTask(db, taskId);
  const access: TaskAccessFacts = {
    managingUnitId: task.managing_unit_id,
    piPersonId: task.pi_person_id,
    teamPersonIds: team.map((m) => m.person_id),
    stage: task.stage,
    councilPersonIds: seats.personIds,
  };
  return { task, access, acceptanceCouncil: seats.acceptanceCouncil };
}

/**
 * Who sits on the task's councils (they may see the task), and the state of its latest acceptance
 * council: an open one records the outcome itself when it closes.
 */
async function councilSeatsOfTask(db: Kysely<Database>, taskId: number) {
  const rows = await db
    .selectFrom("council_task as ct")
    .innerJoin("council as c", "c.id", "ct.council_id")
    .leftJoin("council_member as m", "m.council_id", "c.id")
    .select(["c.id", "c.kind", "c.status", "m.person_id"])
    .where("ct.task_id", "=", taskId)
    .orderBy("c.id")
    .execute();
  const acceptance = rows.filter((r) => r.kind === "acceptance").at(-1);
  return {
    personIds: [...new Set(rows.flatMap((r) => (r.person_id === null ? [] : [r.person_id])))],
    acceptanceCouncil: !acceptance
      ? ("none" as const)
      : acceptance.status === "closed"
        ? ("closed" as const)
        : ("open" as const),
  };
}

export type LoadedTask = NonNullable<Awaited<ReturnType<typeof loadTaskFacts>>>;

export async function findDocumentByNumber(
  db: Kysely<Database>,
  key: { number: string; docType: string; issuer: string; year: number },
) {
  return db
    .selectFrom("document")
    .selectAll()
    .where((eb) => eb(eb.fn("upper", ["issuer"]), "=", key.issuer.toUpperCase()))
    .where((eb) => eb(eb.fn("upper", ["doc_type"]), "=", key.docType.toUpperCase()))
    .where("number", "=", key.number)
    .where("issued_year", "=", key.year)
    .executeTakeFirst();
}

/** The tasks whose transitions, inspections, adjustment decisions, budget movements or councils cite a document. */
export async function tasksCitingDocument(db: Kysely<Database>, documentId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("task_transition")
    .select("task_id")
    .where("document_id", "=", documentId)
    .union(db.selectFrom("inspection").select("task_id").where("minutes_document_id", "=", documentId))
    .union(db.selectFrom("adjustment_request").select("task_id").where("decision_document_id", "=", documentId))
    .union(db.selectFrom("budget_movement").select("task_id").where("document_id", "=", documentId))
    .union(
      db
        .selectFrom("council_task")
        .innerJoin("council", "council.id", "council_task.council_id")
        .select("council_task.task_id")
        .where("council.establishment_document_id", "=", documentId),
    )
    .execute();
  return rows.map((r) => r.task_id);
}

export async function insertDocument(
  db: Kysely<Database>,
  d: {
    number: string;
    docType: string;
    issuer: string;
    issuedOn: string;
    year: number;
    yearInNumber: boolean;
    signer: string;
    summary: string | null;
    fileId: number | null;
    createdBy: number;
  },
) {
  return db
    .insertInto("document")
    .values({
      number: d.number,
      doc_type: d.docType,
      issuer: d.issuer,
      issued_on: d.issuedOn,
      issued_year: d.year,
      year_in_number: d.yearInNumber,
      signer: d.signer,
      summary: d.summary,
      file_id: d.fileId,
      created_by: d.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function moveTask(
  db: Kysely<Database>,
  taskId: number,
  to: Stage,
  outcome: AcceptanceOutcome | null,
  records: {
    registration?: { number: string; registeredOn: string } | null;
    recovery?: { cause: TaskRecoveryCause; amount: bigint } | null;
  } = {},
) {
  return db
    .updateTable("task")
    .set((eb) => ({
      stage: to,
      version: eb("version", "+", 1),
      updated_at: new Date(),
      ...(outcome ? { acceptance_outcome: outcome } : {}),
      ...(records.registration
        ? { registration_number: records.registration.number, registered_on: records.registration.registeredOn }
        : {}),
      ...(records.recovery ? { recovery_cause: records.recovery.cause, recovery_amount: records.recovery.amount } : {}),
    }))
    .where("id", "=", taskId)
    .returning(["version", "stage"])
    .executeTakeFirstOrThrow();
}

export async function insertTransition(
  db: Kysely<Database>,
  t: {
    taskId: number;
    action: string;
    from: Stage;
    to: Stage;
    documentId: number | null;
    outcome: AcceptanceOutcome | null;
    comment: string | null;
    actorUserId: number;
  },
) {
  return db
    .insertInto("task_transition")
    .values({
      task_id: t.taskId,
      action: t.action,
      from_stage: t.from,
      to_stage: t.to,
      document_id: t.documentId,
      outcome: t.outcome,
      comment: t.comment,
      actor_user_id: t.actorUserId,
    })
    .returning(["id", "at"])
    .executeTakeFirstOrThrow();
}

/** The task's path so far, oldest first, with the documents and who moved it. */
export async function timeline(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_transition as t")
    .innerJoin("app_user as u", "u.id", "t.actor_user_id")
    .leftJoin("document as d", "d.id", "t.document_id")
    .leftJoin("stored_file as f", "f.id", "d.file_id")
    .select([
      "t.id",
      "t.action",
      "t.from_stage",
      "t.to_stage",
      "t.outcome",
      "t.comment",
      "t.at",
      "u.full_name as actor_name",
      "d.id as document_id",
      "d.number",
      "d.doc_type",
      "d.issuer",
      "d.issued_on",
      "d.issued_year",
      "d.year_in_number",
      "d.signer",
      "d.summary",
      "f.id as file_id",
      "f.original_name as file_name",
    ])
    .where("t.task_id", "=", taskId)
    .orderBy("t.id")
    .execute();
}

/** Everything the audit trail holds about the task, newest first. */
/** The councils a task sits before, each with its unit and the people seated on it (who may see it). */
export async function councilsOfTask(db: Kysely<Database>, taskId: number) {
  const rows = await db
    .selectFrom("council_task as ct")
    .innerJoin("council as c", "c.id", "ct.council_id")
    .leftJoin("council_member as m", "m.council_id", "c.id")
    .select(["c.id", "c.unit_id", "m.person_id"])
    .where("ct.task_id", "=", taskId)
    .orderBy("c.id")
    .execute();
  const councils = new Map<number, { id: number; unitId: number; memberPersonIds: number[] }>();
  for (const r of rows) {
    const council = councils.get(r.id) ?? { id: r.id, unitId: r.unit_id, memberPersonIds: [] };
    if (r.person_id !== null) council.memberPersonIds.push(r.person_id);
    councils.set(r.id, council);
  }
  return [...councils.values()];
}

/**
 * A task's audit trail. Entries about its councils are kept only for the councils given (those the
 * reader may see): the others' members, declarations and scoring stay out of the task's history.
 */
const historyOf = (db: Kysely<Database>, taskId: number, visibleCouncilIds: readonly number[]) =>
  db
    .selectFrom("audit_log as a")
    .where("a.task_id", "=", taskId)
    .where((eb) =>
      visibleCouncilIds.length === 0
        ? eb("a.entity_type", "!=", "council")
        : eb.or([
            eb("a.entity_type", "!=", "council"),
            eb(
              "a.entity_id",
              "in",
              visibleCouncilIds.map((id) => String(id)),
            ),
          ]),
    );

export async function history(
  db: Kysely<Database>,
  taskId: number,
  limit: number,
  offset: number,
  visibleCouncilIds: readonly number[],
) {
  return historyOf(db, taskId, visibleCouncilIds)
    .leftJoin("app_user as u", "u.id", "a.actor_user_id")
    .select(["a.id", "a.at", "a.action", "a.entity_type", "a.entity_id", "a.data", "u.full_name as actor_name"])
    .orderBy("a.id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

export async function countHistory(db: Kysely<Database>, taskId: number, visibleCouncilIds: readonly number[]) {
  const row = await historyOf(db, taskId, visibleCouncilIds)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Documents by id with their attached file's name, for the areas that cite them. */
export async function documentsWithFiles(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("document as d")
    .leftJoin("stored_file as f", "f.id", "d.file_id")
    .select([
      "d.id",
      "d.number",
      "d.doc_type",
      "d.issuer",
      "d.issued_on",
      "d.issued_year",
      "d.year_in_number",
      "d.signer",
      "d.summary",
      "f.id as file_id",
      "f.original_name as file_name",
    ])
    .where("d.id", "in", [...ids])
    .execute();
}
