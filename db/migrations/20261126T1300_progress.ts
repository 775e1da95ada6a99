import { type Kysely, sql } from "kysely";

/*
 * Progress while a task runs: planned dates on the contract's content items and products (the
 * milestones), inspections and mid-term reviews with their minutes, and adjustment requests with
 * the decision that settles them. Frozen once landed.
 */
const statements = [
  "alter table task_content_item add column planned_start date",
  "alter table task_content_item add column planned_end date",
  `alter table task_content_item add constraint task_content_item_planned_order
    check (planned_start is null or planned_end is null or planned_end >= planned_start)`,
  "alter table task_product add column due_on date",
  `create table inspection (
    id integer generated always as identity primary key,
    task_id integer not null references task (id),
    kind text not null check (kind in ('inspection', 'mid_term')),
    inspected_on date not null,
    -- The inspection team: [{ name, role, organisation }], named people rather than accounts.
    team jsonb not null check (jsonb_typeof(team) = 'array' and jsonb_array_length(team) between 1 and 30),
    findings text not null check (length(findings) between 1 and 20000),
    conclusion text not null check (conclusion in ('continue', 'continue_with_adjustments', 'propose_termination')),
    recommendations text check (length(recommendations) <= 10000),
    minutes_document_id integer not null references document (id),
    created_by integer not null references app_user (id),
    created_at timestamptz not null default now()
  )`,
  "create index inspection_task_idx on inspection (task_id, inspected_on, id)",
  `create table adjustment_request (
    id integer generated always as identity primary key,
    task_id integer not null references task (id),
    kind text not null check (kind in ('duration', 'budget', 'content', 'products', 'pi', 'host_organisation', 'other')),
    status text not null default 'submitted' check (status in ('submitted', 'approved', 'rejected', 'withdrawn')),
    requested_by integer not null references app_user (id),
    requested_at timestamptz not null default now(),
    -- The decision is due by this date (the rule parameter adjustment_decision_days after the request).
    due_by date not null,
    reason text not null check (length(reason) between 1 and 10000),
    exceptional boolean not null default false,
    before jsonb not null check (jsonb_typeof(before) = 'object'),
    after jsonb not null check (jsonb_typeof(after) = 'object'),
    -- For a duration request: by how many months (rounded up) the end date moves.
    extension_months integer check (extension_months > 0),
    decision_document_id integer references document (id),
    decided_by integer references app_user (id),
    decided_at timestamptz,
    decision_comment text check (length(decision_comment) <= 4000),
    check ((status = 'submitted') = (decided_at is null)),
    check (status <> 'approved' or decision_document_id is not null),
    check ((kind = 'duration') = (extension_months is not null))
  )`,
  "create index adjustment_request_task_idx on adjustment_request (task_id, id)",
  // One open request of each kind per task.
  `create unique index adjustment_request_open_key on adjustment_request (task_id, kind)
    where status = 'submitted'`,
  "create index adjustment_request_due_idx on adjustment_request (due_by) where status = 'submitted'",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop table if exists adjustment_request",
    "drop table if exists inspection",
    "alter table task_product drop column if exists due_on",
    "alter table task_content_item drop constraint if exists task_content_item_planned_order",
    "alter table task_content_item drop column if exists planned_end",
    "alter table task_content_item drop column if exists planned_start",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
