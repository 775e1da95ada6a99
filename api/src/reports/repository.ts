import { jsonb } from "@khcn/db/jsonb";
import type { Database, ReportDecision, ReportStatus } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { TaskAccessFacts, TaskScope } from "../auth/permissions.ts";
import { taskIdsInScope } from "../tasks/repository.ts";

/** The task as the reports see it; `lock` takes the row (share: others may read, nobody moves it). */
export async function loadTask(db: Kysely<Database>, taskId: number, lock?: "share" | "update") {
  let query = db
    .selectFrom("task")
    .leftJoin("person as pi", "pi.id", "task.pi_person_id")
    .select([
      "task.id",
      "task.code",
      "task.title",
      "task.stage",
      "task.regime",
      "task.managing_unit_id",
      "task.pi_person_id",
      "pi.full_name as pi_name",
      "pi.user_id as pi_user_id",
      "task.start_date",
      "task.end_date",
      "task.total_budget",
      "task.state_budget",
    ])
    .where("task.id", "=", taskId);
  // Only the task row is locked: the PI's person row is read, not held.
  if (lock === "share") query = query.forShare("task");
  if (lock === "update") query = query.forUpdate("task");
  const task = await query.executeTakeFirst();
  if (!task) return undefined;
  const team = await db.selectFrom("task_member").select("person_id").where("task_id", "=", taskId).execute();
  const access: TaskAccessFacts = {
    managingUnitId: task.managing_unit_id,
    piPersonId: task.pi_person_id,
    teamPersonIds: team.map((m) => m.person_id),
    stage: task.stage,
  };
  return { task, access };
}

export type ReportTask = NonNullable<Awaited<ReturnType<typeof loadTask>>>["task"];

// ---- periods

export async function periodsOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("report_period as p")
    .leftJoin("report_draft as d", "d.period_id", "p.id")
    .select(["p.id", "p.task_id", "p.seq", "p.period_start", "p.period_end", "p.due_on", "p.status", "d.saved_at"])
    .where("p.task_id", "=", taskId)
    .orderBy("p.period_start")
    .execute();
}

export async function findPeriod(db: Kysely<Database>, periodId: number, lock = false) {
  let query = db.selectFrom("report_period").selectAll().where("id", "=", periodId);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type PeriodRow = NonNullable<Awaited<ReturnType<typeof findPeriod>>>;

export async function insertPeriods(
  db: Kysely<Database>,
  taskId: number,
  periods: readonly { seq: number; periodStart: string; periodEnd: string; dueOn: string }[],
) {
  if (periods.length === 0) return;
  await db
    .insertInto("report_period")
    .values(
      periods.map((p) => ({
        task_id: taskId,
        seq: p.seq,
        period_start: p.periodStart,
        period_end: p.periodEnd,
        due_on: p.dueOn,
      })),
    )
    .execute();
}

export async function updatePeriodDates(
  db: Kysely<Database>,
  periodId: number,
  values: { seq: number; dueOn: string },
): Promise<void> {
  await db
    .updateTable("report_period")
    .set({ seq: values.seq, due_on: values.dueOn, updated_at: new Date() })
    .where("id", "=", periodId)
    .execute();
}

export async function deletePeriods(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .deleteFrom("report_period")
    .where("id", "in", [...ids])
    .execute();
}

export async function setPeriodStatus(db: Kysely<Database>, periodId: number, status: ReportStatus): Promise<void> {
  await db.updateTable("report_period").set({ status, updated_at: new Date() }).where("id", "=", periodId).execute();
}

/** In-progress tasks with contract dates and no reporting periods yet. */
export async function unscheduledTasksInProgress(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("task")
    .select("task.id")
    .where("task.stage", "=", "in_progress")
    .where("task.start_date", "is not", null)
    .where("task.end_date", "is not", null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("report_period").select("report_period.id").whereRef("task_id", "=", "task.id"))),
    )
    .orderBy("task.id")
    .execute();
  return rows.map((r) => r.id);
}

// ---- drafts

export async function findDraft(db: Kysely<Database>, periodId: number) {
  return db
    .selectFrom("report_draft as d")
    .innerJoin("app_user as u", "u.id", "d.saved_by")
    .select(["d.period_id", "d.content", "d.revision", "d.saved_at", "d.saved_by", "u.full_name as saved_by_name"])
    .where("d.period_id", "=", periodId)
    .executeTakeFirst();
}

export type DraftRow = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

export async function saveDraft(
  db: Kysely<Database>,
  d: { periodId: number; content: unknown; revision: number; savedBy: number; savedAt: Date },
) {
  if (d.revision === 1) {
    await db
      .insertInto("report_draft")
      .values({
        period_id: d.periodId,
        content: jsonb(d.content),
        revision: 1,
        saved_by: d.savedBy,
        saved_at: d.savedAt,
      })
      .execute();
    return;
  }
  await db
    .updateTable("report_draft")
    .set({ content: jsonb(d.content), revision: d.revision, saved_by: d.savedBy, saved_at: d.savedAt })
    .where("period_id", "=", d.periodId)
    .execute();
}

// ---- versions and reviews

const versionColumns = [
  "v.id",
  "v.period_id",
  "v.version_no",
  "v.draft_revision",
  "v.submitted_at",
  "v.submitted_by",
  "su.full_name as submitted_by_name",
  "v.host_confirmed_by",
  "v.host_confirmer_position",
  "v.host_confirmed_on",
  "v.host_file_id",
  "f.original_name as host_file_name",
  "r.decision",
  "r.comments",
  "r.reviewed_at",
  "ru.full_name as reviewer_name",
] as const;

function versionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom("report_version as v")
    .innerJoin("app_user as su", "su.id", "v.submitted_by")
    .leftJoin("stored_file as f", "f.id", "v.host_file_id")
    .leftJoin("report_review as r", "r.version_id", "v.id")
    .leftJoin("app_user as ru", "ru.id", "r.reviewer_id");
}

/** A period's versions, oldest first, each with its review if it has one. */
export async function versionsOfPeriod(db: Kysely<Database>, periodId: number) {
  return versionsQuery(db).select(versionColumns).where("v.period_id", "=", periodId).orderBy("v.version_no").execute();
}

export type VersionRow = Awaited<ReturnType<typeof versionsOfPeriod>>[number];

export async function findVersion(db: Kysely<Database>, periodId: number, versionId: number) {
  return versionsQuery(db)
    .select([...versionColumns, "v.content"])
    .where("v.period_id", "=", periodId)
    .where("v.id", "=", versionId)
    .executeTakeFirst();
}

export async function insertVersion(
  db: Kysely<Database>,
  v: {
    periodId: number;
    versionNo: number;
    content: unknown;
    draftRevision: number;
    submittedBy: number;
    submittedAt: Date;
    hostConfirmedBy: string;
    hostConfirmerPosition: string | null;
    hostConfirmedOn: string;
    hostFileId: number | null;
  },
) {
  return db
    .insertInto("report_version")
    .values({
      period_id: v.periodId,
      version_no: v.versionNo,
      content: jsonb(v.content),
      draft_revision: v.draftRevision,
      submitted_by: v.submittedBy,
      submitted_at: v.submittedAt,
      host_confirmed_by: v.hostConfirmedBy,
      host_confirmer_position: v.hostConfirmerPosition,
      host_confirmed_on: v.hostConfirmedOn,
      host_file_id: v.hostFileId,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

/** Each period's latest version (with its review's decision, if any) for a task. */
export async function latestVersionsOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("report_version as v")
    .innerJoin("report_period as p", "p.id", "v.period_id")
    .leftJoin("report_review as r", "r.version_id", "v.id")
    .select(["v.period_id", "v.id", "v.version_no", "v.submitted_at", "r.decision"])
    .where("p.task_id", "=", taskId)
    .where((eb) =>
      eb(
        "v.version_no",
        "=",
        eb
          .selectFrom("report_version as w")
          .select((w) => w.fn.max("w.version_no").as("n"))
          .whereRef("w.period_id", "=", "v.period_id"),
      ),
    )
    .execute();
}

/** The latest version's content of a period, the one a new submission is compared with. */
export async function latestVersionContent(db: Kysely<Database>, periodId: number) {
  return db
    .selectFrom("report_version")
    .select([
      "id",
      "version_no",
      "content",
      "host_confirmed_by",
      "host_confirmer_position",
      "host_confirmed_on",
      "host_file_id",
    ])
    .where("period_id", "=", periodId)
    .orderBy("version_no", "desc")
    .limit(1)
    .executeTakeFirst();
}

export async function insertReview(
  db: Kysely<Database>,
  r: { versionId: number; decision: ReportDecision; comments: Record<string, string>; reviewerId: number; at: Date },
) {
  await db
    .insertInto("report_review")
    .values({
      version_id: r.versionId,
      decision: r.decision,
      comments: jsonb(r.comments),
      reviewer_id: r.reviewerId,
      reviewed_at: r.at,
    })
    .execute();
}

/**
 * The report that stands for each period of the task that has one: the latest version of each
 * submitted or accepted period (a returned version is not taken as what happened), oldest first.
 */
export async function standingVersions(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("report_version as v")
    .innerJoin("report_period as p", "p.id", "v.period_id")
    .select([
      "p.id as period_id",
      "p.seq",
      "p.period_start",
      "p.period_end",
      "p.status",
      "v.id",
      "v.version_no",
      "v.content",
    ])
    .where("p.task_id", "=", taskId)
    .where("p.status", "in", ["submitted", "accepted"])
    .where((eb) =>
      eb(
        "v.version_no",
        "=",
        eb
          .selectFrom("report_version as w")
          .select((w) => w.fn.max("w.version_no").as("n"))
          .whereRef("w.period_id", "=", "v.period_id"),
      ),
    )
    .orderBy("p.period_start")
    .execute();
}

// ---- lists across tasks

/** Submitted reports awaiting review in the scope, the longest waiting first. */
export async function submittedAwaitingReview(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("report_period as p")
    .innerJoin("task", "task.id", "p.task_id")
    .leftJoin("person as pi", "pi.id", "task.pi_person_id")
    .innerJoin("report_version as v", "v.period_id", "p.id")
    .select([
      "p.id",
      "p.seq",
      "p.period_start",
      "p.period_end",
      "p.due_on",
      "task.id as task_id",
      "task.code",
      "task.title",
      "pi.full_name as pi_name",
      "v.id as version_id",
      "v.version_no",
      "v.submitted_at",
      (eb) =>
        eb
          .selectFrom("report_version as first")
          .select((f) => f.fn.min("first.submitted_at").as("t"))
          .whereRef("first.period_id", "=", "p.id")
          .as("first_submitted_at"),
    ])
    .where("p.status", "=", "submitted")
    .where("p.task_id", "in", taskIdsInScope(db, scope))
    .where((eb) =>
      eb(
        "v.version_no",
        "=",
        eb
          .selectFrom("report_version as w")
          .select((w) => w.fn.max("w.version_no").as("n"))
          .whereRef("w.period_id", "=", "p.id"),
      ),
    )
    .orderBy("v.submitted_at")
    .orderBy("p.id")
    .execute();
}

/**
 * Unsubmitted periods of running tasks in the scope that fell due before `today`: the candidates
 * for overdue, which the service narrows with each task's grace days.
 */
export async function unsubmittedPastDue(db: Kysely<Database>, scope: TaskScope, today: string) {
  return db
    .selectFrom("report_period as p")
    .innerJoin("task", "task.id", "p.task_id")
    .leftJoin("person as pi", "pi.id", "task.pi_person_id")
    .leftJoin("report_draft as d", "d.period_id", "p.id")
    .select([
      "p.id",
      "p.seq",
      "p.period_start",
      "p.period_end",
      "p.due_on",
      "p.status",
      "d.saved_at",
      "task.id as task_id",
      "task.code",
      "task.title",
      "task.regime",
      "task.managing_unit_id",
      "pi.full_name as pi_name",
    ])
    .where("p.status", "in", ["upcoming", "draft"])
    .where("p.due_on", "<", today)
    .where("task.stage", "=", "in_progress")
    .where("p.task_id", "in", taskIdsInScope(db, scope))
    .orderBy("p.due_on")
    .orderBy("task.code")
    .execute();
}

/** The task's content items and products with their planned dates, for the progress view. */
export async function plannedWork(db: Kysely<Database>, taskId: number) {
  const [items, products] = await Promise.all([
    db
      .selectFrom("task_content_item")
      .select(["id", "title", "description", "planned_end"])
      .where("task_id", "=", taskId)
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("task_product")
      .select(["id", "product_class", "name", "quantity", "unit", "due_on"])
      .where("task_id", "=", taskId)
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
  ]);
  return { items, products };
}

// ---- the demo's report history

/** Who confirms for the host organisation: its contact, if recorded. */
export async function hostContact(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task")
    .leftJoin("organisation as o", "o.id", "task.host_organisation_id")
    .select(["o.name", "o.contact_name"])
    .where("task.id", "=", taskId)
    .executeTakeFirst();
}

/** A staff member of the unit to stand as reviewer (the first active one, else any). */
export async function staffOfUnit(db: Kysely<Database>, unitId: number) {
  const row = await db
    .selectFrom("app_user as u")
    .innerJoin("user_role as r", "r.user_id", "u.id")
    .select("u.id")
    .where("r.role", "=", "staff")
    .where("u.unit_id", "=", unitId)
    .orderBy("u.active", "desc")
    .orderBy("u.id")
    .executeTakeFirst();
  return row?.id ?? null;
}

/** In-progress tasks with reporting periods, in id order. */
export async function scheduledTasksInProgress(db: Kysely<Database>) {
  const rows = await db
    .selectFrom("task")
    .select("task.id")
    .where("task.stage", "=", "in_progress")
    .where((eb) =>
      eb.exists(eb.selectFrom("report_period").select("report_period.id").whereRef("task_id", "=", "task.id")),
    )
    .orderBy("task.id")
    .execute();
  return rows.map((r) => r.id);
}
