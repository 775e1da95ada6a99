import { type Kysely, sql } from "kysely";

/*
 * Periodic progress reports: the schedule of reporting periods, the one draft per period, the
 * frozen versions the PI submits with the host organisation's confirmation, the staff's reviews;
 * rule parameters per unit and regime; notifications; stored answers of idempotent requests.
 * Frozen once landed.
 */
const statements = [
  // Rule parameters: a value for one unit or for all (unit_id null), for one regime or for all ('*').
  // The code holds the defaults; a row overrides them.
  `create table rule_parameter (
    id integer generated always as identity primary key,
    unit_id integer references unit (id),
    regime text not null default '*' check (regime in ('*', 'law_2013', 'law_93_2025')),
    key text not null check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
    value jsonb not null,
    updated_by integer references app_user (id),
    updated_at timestamptz not null default now()
  )`,
  "create unique index rule_parameter_scope_key on rule_parameter (key, regime, coalesce(unit_id, 0))",
  // 'due' and 'overdue' are never stored: they follow from due_on and the day it is.
  `create table report_period (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    seq integer not null check (seq > 0),
    period_start date not null,
    period_end date not null,
    due_on date not null,
    status text not null default 'upcoming' check (status in ('upcoming', 'draft', 'submitted', 'returned', 'accepted')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (period_end >= period_start),
    check (due_on >= period_end)
  )`,
  "create unique index report_period_task_start_key on report_period (task_id, period_start)",
  "create index report_period_status_due_idx on report_period (status, due_on)",
  // The PI's work in progress: one per period, saved whole, guarded by its revision.
  `create table report_draft (
    period_id integer primary key references report_period (id) on delete cascade,
    content jsonb not null check (jsonb_typeof(content) = 'object'),
    revision integer not null check (revision > 0),
    saved_at timestamptz not null default now(),
    saved_by integer not null references app_user (id)
  )`,
  // Each submission is frozen as it was sent, with the context it was written against.
  `create table report_version (
    id integer generated always as identity primary key,
    period_id integer not null references report_period (id),
    version_no integer not null check (version_no > 0),
    content jsonb not null check (jsonb_typeof(content) = 'object'),
    draft_revision integer not null check (draft_revision >= 0),
    submitted_at timestamptz not null default now(),
    submitted_by integer not null references app_user (id),
    host_confirmed_by text not null check (length(host_confirmed_by) between 1 and 200),
    host_confirmer_position text check (length(host_confirmer_position) <= 200),
    host_confirmed_on date not null,
    host_file_id integer references stored_file (id),
    unique (period_id, version_no)
  )`,
  "create index report_version_host_file_idx on report_version (host_file_id) where host_file_id is not null",
  // One decision per version: a returned version is answered by a new version, never re-reviewed.
  `create table report_review (
    id integer generated always as identity primary key,
    version_id integer not null unique references report_version (id),
    decision text not null check (decision in ('accepted', 'returned')),
    comments jsonb not null check (jsonb_typeof(comments) = 'object'),
    reviewer_id integer not null references app_user (id),
    reviewed_at timestamptz not null default now()
  )`,
  // Kinds are 'area.event' (report.returned, adjustment.decided …): other areas add their own.
  `create table notification (
    id integer generated always as identity primary key,
    user_id integer not null references app_user (id) on delete cascade,
    kind text not null check (kind ~ '^[a-z_]+\\.[a-z_]+$'),
    task_id integer references task (id) on delete cascade,
    payload jsonb not null check (jsonb_typeof(payload) = 'object'),
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`,
  "create index notification_user_idx on notification (user_id, id)",
  // A retried request with the same Idempotency-Key gets the first answer back, not a second effect.
  `create table idempotency_key (
    user_id integer not null references app_user (id) on delete cascade,
    key text not null check (length(key) between 1 and 200),
    request_hash text not null check (request_hash ~ '^[0-9a-f]{64}$'),
    response_status integer not null check (response_status between 200 and 299),
    response_body jsonb not null,
    created_at timestamptz not null default now(),
    primary key (user_id, key)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "idempotency_key",
    "notification",
    "report_review",
    "report_version",
    "report_draft",
    "report_period",
    "rule_parameter",
  ]) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
}
