import type { Database } from "@khcn/db/schema";
import { type Kysely, sql } from "kysely";
import type { TaskScope } from "../auth/permissions.ts";
import { taskIdsInScope } from "../tasks/repository.ts";

/*
 * The SQL behind the portfolio's signals and the head's dashboard. Counts are of tasks in the
 * scope; money sums run in the database on int8 and come back as decimal strings.
 */

/** Running tasks whose contract ended before `today`: candidates for an overdue acceptance dossier. */
export async function runningTasksEndedBefore(db: Kysely<Database>, scope: TaskScope, today: string) {
  return db
    .selectFrom("task")
    .select(["task.id", "task.code", "task.title", "task.end_date", "task.managing_unit_id", "task.regime"])
    .where("task.stage", "=", "in_progress")
    .where("task.end_date", "is not", null)
    .where("task.end_date", "<", today)
    .where("task.id", "in", taskIdsInScope(db, scope))
    .orderBy("task.end_date")
    .execute();
}

/** Running tasks whose contract ends from `from` to `to` (inclusive). */
export async function runningTasksEndingBetween(db: Kysely<Database>, scope: TaskScope, from: string, to: string) {
  return db
    .selectFrom("task")
    .select(["task.id", "task.code", "task.title", "task.end_date", "task.managing_unit_id", "task.regime"])
    .where("task.stage", "=", "in_progress")
    .where("task.end_date", ">=", from)
    .where("task.end_date", "<=", to)
    .where("task.id", "in", taskIdsInScope(db, scope))
    .execute();
}

/** Unsubmitted reports of running tasks falling due from `from` to `to`. */
export async function reportsDueBetween(db: Kysely<Database>, scope: TaskScope, from: string, to: string) {
  return db
    .selectFrom("report_period as p")
    .innerJoin("task", "task.id", "p.task_id")
    .select(["p.id", "p.due_on", "task.id as task_id", "task.code", "task.title"])
    .where("p.status", "in", ["upcoming", "draft"])
    .where("p.due_on", ">=", from)
    .where("p.due_on", "<=", to)
    .where("task.stage", "=", "in_progress")
    .where("p.task_id", "in", taskIdsInScope(db, scope))
    .execute();
}

/** Open adjustment requests in the scope, with their decision deadlines. */
export async function openAdjustmentRequests(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("adjustment_request as a")
    .innerJoin("task", "task.id", "a.task_id")
    .select(["a.id", "a.kind", "a.due_by", "task.id as task_id", "task.code", "task.title"])
    .where("a.status", "=", "submitted")
    .where("a.task_id", "in", taskIdsInScope(db, scope))
    .orderBy("a.due_by")
    .orderBy("a.id")
    .execute();
}

/** Tasks in a stage, in the scope. */
export async function tasksInStage(db: Kysely<Database>, scope: TaskScope, stage: "recognition" | "acceptance") {
  return db
    .selectFrom("task")
    .select(["task.id", "task.code", "task.title", "task.end_date", "task.updated_at"])
    .where("task.stage", "=", stage)
    .where("task.id", "in", taskIdsInScope(db, scope))
    .orderBy("task.code")
    .execute();
}

// ---- the dashboard's aggregates

export async function countByStage(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("task")
    .select(["task.stage", (eb) => eb.fn.countAll<string>().as("n")])
    .where("task.id", "in", taskIdsInScope(db, scope))
    .groupBy("task.stage")
    .execute();
}

export async function countByField(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("task")
    .select(["task.field", (eb) => eb.fn.countAll<string>().as("n")])
    .where("task.id", "in", taskIdsInScope(db, scope))
    .groupBy("task.field")
    .execute();
}

export async function countByHost(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("task")
    .innerJoin("organisation as o", "o.id", "task.host_organisation_id")
    .select(["o.id", "o.name", "o.short_name", (eb) => eb.fn.countAll<string>().as("n")])
    .where("task.id", "in", taskIdsInScope(db, scope))
    .groupBy(["o.id", "o.name", "o.short_name"])
    .execute();
}

export async function countByFormerProvince(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("task")
    .innerJoin("unit as u", "u.id", "task.former_province_id")
    .select(["u.id", "u.name", (eb) => eb.fn.countAll<string>().as("n")])
    .where("task.id", "in", taskIdsInScope(db, scope))
    .groupBy(["u.id", "u.name"])
    .execute();
}

/**
 * Tasks per top-level theme, a task counted once under a theme whether it links the theme itself
 * or one of its sub-themes, as the task list's theme filter finds them.
 */
export async function countByRootTheme(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("theme as root")
    .innerJoin("theme as t", (join) =>
      join.on((eb) => eb.or([eb("t.id", "=", eb.ref("root.id")), eb("t.parent_id", "=", eb.ref("root.id"))])),
    )
    .innerJoin("task_theme as tt", "tt.theme_id", "t.id")
    .select([
      "root.id",
      "root.code",
      "root.name_vi",
      "root.name_en",
      "root.sort_order",
      (eb) => eb.fn.count<string>("tt.task_id").distinct().as("n"),
    ])
    .where("root.parent_id", "is", null)
    .where("tt.task_id", "in", taskIdsInScope(db, scope))
    .groupBy(["root.id", "root.code", "root.name_vi", "root.name_en", "root.sort_order"])
    .execute();
}

/** The approved plan per year (the current budget lines). */
export async function planByYear(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("budget_line")
    .select(["budget_line.year", sql<string>`sum(budget_line.amount)::text`.as("amount")])
    .where("budget_line.task_id", "in", taskIdsInScope(db, scope))
    .groupBy("budget_line.year")
    .execute();
}

/** Money moved per year and kind. */
export async function movementsByYear(db: Kysely<Database>, scope: TaskScope) {
  return db
    .selectFrom("budget_movement")
    .select([
      "budget_movement.year",
      "budget_movement.kind",
      sql<string>`sum(budget_movement.amount)::text`.as("amount"),
    ])
    .where("budget_movement.task_id", "in", taskIdsInScope(db, scope))
    .groupBy(["budget_movement.year", "budget_movement.kind"])
    .execute();
}
