import { type Kysely, sql } from "kysely";

/*
 * Indexes found by the national-size benchmark (docs/benchmarks.md): the unit's own tasks are
 * what staff and heads list and count, so the unit leads; the theme filter and the dashboard's
 * money sums read only what these indexes carry (index-only scans, no visits to the wide rows).
 * Frozen once landed.
 */
const statements = [
  // Staff and heads see their unit: count, count by stage and page through it without a table scan.
  "create index if not exists task_unit_stage_idx on task (managing_unit_id, stage, id)",
  // "Tasks of theme X": the theme's task ids straight from the index; it replaces the one-column index.
  "create index if not exists task_theme_theme_task_idx on task_theme (theme_id, task_id)",
  "drop index if exists task_theme_theme_idx",
  // The dashboard's plan and money per year summed from the indexes alone.
  "create index if not exists budget_line_task_year_idx on budget_line (task_id, year) include (amount)",
  "create index if not exists budget_movement_task_sums_idx on budget_movement (task_id, year, kind) include (amount)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop index if exists budget_movement_task_sums_idx",
    "drop index if exists budget_line_task_year_idx",
    "create index if not exists task_theme_theme_idx on task_theme (theme_id)",
    "drop index if exists task_theme_theme_task_idx",
    "drop index if exists task_unit_stage_idx",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
