import { type Kysely, sql } from "kysely";

/*
 * Money: a task's approved budget plan (source × year × expense category) with its revision
 * history, and the money that moves against it (annual allocations, advances, settlements and
 * recoveries). Outstanding advances are derived from the movements, never stored. Frozen once landed.
 */
const statements = [
  `create table budget_line (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    source text not null check (source in ('state', 'other')),
    year integer not null check (year between 1990 and 2200),
    -- An expense-category code from the expense_categories rule parameter (a configurable list, so no
    -- CHECK on the values); null means "not yet split by category", e.g. an imported register.
    category text check (length(category) between 1 and 40),
    amount bigint not null check (amount >= 0)
  )`,
  // One line per source, year and category; a missing category counts as one value.
  `create unique index budget_line_key on budget_line (task_id, source, year, coalesce(category, ''))`,
  `create table budget_plan_revision (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    revision integer not null check (revision > 0),
    reason text not null check (length(reason) between 1 and 4000),
    adjustment_request_id integer references adjustment_request (id),
    -- The plan as saved: [{ source, year, category, amount }] with amounts as decimal strings.
    lines jsonb not null check (jsonb_typeof(lines) = 'array'),
    total bigint not null check (total >= 0),
    state_total bigint not null check (state_total >= 0 and state_total <= total),
    created_by integer references app_user (id),
    created_at timestamptz not null default now(),
    unique (task_id, revision)
  )`,
  `create table budget_movement (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    kind text not null check (kind in ('allocation', 'advance', 'settlement', 'recovery')),
    year integer not null check (year between 1990 and 2200),
    source text not null check (source in ('state', 'other')),
    amount bigint not null check (amount > 0),
    occurred_on date not null,
    document_id integer references document (id),
    note text check (length(note) <= 2000),
    recovery_cause text check (recovery_cause in ('unspent', 'unjustified', 'failed_acceptance', 'terminated', 'other')),
    created_by integer references app_user (id),
    created_at timestamptz not null default now(),
    check ((kind = 'recovery') = (recovery_cause is not null))
  )`,
  "create index budget_movement_task_idx on budget_movement (task_id, year, id)",
  "create index budget_movement_year_idx on budget_movement (year, kind)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop table if exists budget_movement",
    "drop table if exists budget_plan_revision",
    "drop table if exists budget_line",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
