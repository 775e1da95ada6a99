import { type Kysely, sql } from "kysely";

/*
 * The task list's default view (one unit's tasks at one stage, by end date, a page at a time)
 * read every matching task, sorted them and threw all but a page away (2,400 rows at national
 * size, docs/benchmarks.md). With the end date in the index the rows come in order and the
 * scan stops after the page, checking the theme filter only on the rows it passes.
 * Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists task_unit_stage_end_idx on task (managing_unit_id, stage, end_date, id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists task_unit_stage_end_idx`.execute(db);
}
