import type { Database, Stage, TaskField } from "@khcn/db/schema";
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

/**
 * Tasks per stage, field, host organisation and former province in one pass over the scope's tasks
 * (grouping sets): at national size a unit has thousands of tasks, and four scans cost four times one.
 * Tasks without a host or a former province are not counted under either.
 */
export async function countByDimensions(db: Kysely<Database>, scope: TaskScope) {
  const rows = await db
    .selectFrom("task")
    .leftJoin("organisation as o", "o.id", "task.host_organisation_id")
    .leftJoin("unit as u", "u.id", "task.former_province_id")
    .select([
      sql<"stage" | "field" | "host" | "province">`case
        when grouping(task.stage) = 0 then 'stage'
        when grouping(task.field) = 0 then 'field'
        when grouping(o.id) = 0 then 'host'
        else 'province' end`.as("dimension"),
      "task.stage",
      "task.field",
      "o.id as host_id",
      "o.name as host_name",
      "o.short_name as host_short_name",
      "u.id as province_id",
      "u.name as province_name",
      (eb) => eb.fn.countAll<string>().as("n"),
    ])
    .where("task.id", "in", taskIdsInScope(db, scope))
    .groupBy(sql`grouping sets ((task.stage), (task.field), (o.id, o.name, o.short_name), (u.id, u.name))`)
    .execute();
  const stages: { stage: Stage; n: string }[] = [];
  const fields: { field: TaskField; n: string }[] = [];
  const hosts: { id: number; name: string; short_name: string | null; n: string }[] = [];
  const provinces: { id: number; name: string; n: string }[] = [];
  for (const r of rows) {
    if (r.dimension === "stage") stages.push({ stage: r.stage, n: r.n });
    else if (r.dimension === "field") fields.push({ field: r.field, n: r.n });
    else if (r.dimension === "host" && r.host_id !== null && r.host_name !== null)
      hosts.push({ id: r.host_id, name: r.host_name, short_name: r.host_short_name, n: r.n });
    else if (r.dimension === "province" && r.province_id !== null && r.province_name !== null)
      provinces.push({ id: r.province_id, name: r.province_name, n: r.n });
  }
  return { stages, fields, hosts, provinces };
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
