import { type Kysely, sql } from "kysely";

/*
 * Councils: the expert registry, councils of every kind attached to one or more tasks, their
 * members with roles and conflict declarations, each member's score sheet (versioned, signed off,
 * reopened only by the secretary with a recorded reason), the computed outcome and the minutes.
 * Also the task's results registration and, after a failure or termination, the recovery cause.
 * Frozen once landed.
 */
const statements = [
  // An expert is a person with a field: name, title, organisation and contact stay on the person.
  `create table expert (
    id integer generated always as identity primary key,
    person_id integer not null unique references person (id),
    field text not null check (field in ('natural', 'engineering', 'medical', 'agricultural', 'social', 'humanities')),
    specialty text check (length(specialty) <= 300),
    active boolean not null default true,
    created_by integer references app_user (id),
    created_at timestamptz not null default now()
  )`,
  "create index expert_field_idx on expert (field)",
  `create table council (
    id integer generated always as identity primary key,
    kind text not null check (kind in ('identification', 'selection', 'budget_appraisal', 'inspection', 'expert_verification', 'acceptance')),
    status text not null default 'forming' check (status in ('forming', 'established', 'closed')),
    title text not null check (length(title) between 1 and 500),
    unit_id integer not null references unit (id),
    -- The regime whose rule parameters (size, quorum, thresholds) the council follows.
    regime text not null check (regime in ('law_2013', 'law_93_2025')),
    meeting_on date,
    location text check (length(location) <= 300),
    dossier_sent_on date,
    establishment_document_id integer references document (id),
    -- The administrative secretary: department staff, not a member.
    admin_secretary_user_id integer references app_user (id),
    acting_chair_member_id integer,
    attendance_recorded boolean not null default false,
    outcome_result text check (outcome_result in ('excellent', 'pass', 'fail', 'winner', 'no_winner')),
    outcome jsonb check (outcome is null or jsonb_typeof(outcome) = 'object'),
    minutes_file_id integer references stored_file (id),
    closed_at timestamptz,
    closed_by integer references app_user (id),
    version integer not null default 1,
    created_by integer not null references app_user (id),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'closed') = (closed_at is not null)),
    check (status <> 'closed' or outcome is not null),
    check (status = 'forming' or establishment_document_id is not null)
  )`,
  "create index council_unit_idx on council (unit_id, status)",
  `create table council_task (
    council_id integer not null references council (id) on delete cascade,
    task_id integer not null references task (id),
    primary key (council_id, task_id)
  )`,
  "create index council_task_task_idx on council_task (task_id)",
  // Selection councils score applicants (host organisations that applied) for a task.
  `create table council_applicant (
    id integer generated always as identity primary key,
    council_id integer not null references council (id) on delete cascade,
    task_id integer not null references task (id),
    organisation_id integer references organisation (id),
    name text not null check (length(name) between 1 and 300),
    pi_name text check (length(pi_name) <= 200),
    created_at timestamptz not null default now()
  )`,
  "create index council_applicant_council_idx on council_applicant (council_id, task_id)",
  `create table council_member (
    id integer generated always as identity primary key,
    council_id integer not null references council (id) on delete cascade,
    person_id integer not null references person (id),
    role text not null check (role in ('chair', 'vice_chair', 'reviewer', 'scientific_secretary', 'member')),
    conflict_status text not null default 'undeclared' check (conflict_status in ('undeclared', 'none', 'declared')),
    conflict_note text check (length(conflict_note) <= 2000),
    conflict_declared_at timestamptz,
    recused boolean not null default false,
    recusal_reason text check (length(recusal_reason) <= 2000),
    recused_at timestamptz,
    recused_by integer references app_user (id),
    -- Null until attendance is taken.
    attended boolean,
    created_at timestamptz not null default now(),
    unique (council_id, person_id),
    check ((conflict_status = 'undeclared') = (conflict_declared_at is null)),
    check (recused = (recusal_reason is not null))
  )`,
  "create index council_member_person_idx on council_member (person_id)",
  `alter table council add constraint council_acting_chair_fk
    foreign key (acting_chair_member_id) references council_member (id)`,
  // One sheet per member, task and applicant (none for acceptance): grades or points, and the derived grade.
  `create table council_score (
    id integer generated always as identity primary key,
    council_id integer not null references council (id) on delete cascade,
    member_id integer not null references council_member (id) on delete cascade,
    task_id integer not null references task (id),
    applicant_id integer references council_applicant (id) on delete cascade,
    sheet jsonb not null check (jsonb_typeof(sheet) = 'object'),
    derived_grade text check (derived_grade in ('excellent', 'pass', 'fail')),
    review_file_id integer references stored_file (id),
    status text not null default 'draft' check (status in ('draft', 'signed_off')),
    version integer not null default 1,
    signed_off_at timestamptz,
    updated_at timestamptz not null default now(),
    check ((status = 'signed_off') = (signed_off_at is not null))
  )`,
  "create unique index council_score_key on council_score (member_id, task_id, coalesce(applicant_id, 0))",
  "create index council_score_council_idx on council_score (council_id)",
  // A signed sheet reopened by the secretary: who, when and why, kept for good.
  `create table council_score_reopen (
    id integer generated always as identity primary key,
    score_id integer not null references council_score (id) on delete cascade,
    member_id integer not null references council_member (id) on delete cascade,
    reason text not null check (length(reason) between 1 and 2000),
    previous_sheet jsonb not null,
    previous_version integer not null,
    actor_user_id integer not null references app_user (id),
    at timestamptz not null default now()
  )`,
  "create index council_score_reopen_member_idx on council_score_reopen (member_id, id)",
  // Results registration with the S&T information body: the certificate number and date.
  "alter table task add column registration_number text check (length(registration_number) between 1 and 100)",
  "alter table task add column registered_on date",
  // After a failed acceptance (or a termination): why money is or is not recovered, and how much.
  `alter table task add column recovery_cause text
    check (recovery_cause in ('honest_failure', 'non_compliance', 'misuse_of_funds', 'unfinished_work', 'other'))`,
  "alter table task add column recovery_amount bigint check (recovery_amount >= 0)",
  "alter table task add constraint task_recovery_pair check ((recovery_cause is null) = (recovery_amount is null))",
  "alter table task add constraint task_registration_pair check ((registration_number is null) = (registered_on is null))",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "alter table task drop constraint if exists task_registration_pair",
    "alter table task drop constraint if exists task_recovery_pair",
    "alter table task drop column if exists recovery_amount",
    "alter table task drop column if exists recovery_cause",
    "alter table task drop column if exists registered_on",
    "alter table task drop column if exists registration_number",
    "drop table if exists council_score_reopen",
    "drop table if exists council_score",
    "alter table council drop constraint if exists council_acting_chair_fk",
    "drop table if exists council_member",
    "drop table if exists council_applicant",
    "drop table if exists council_task",
    "drop table if exists council",
    "drop table if exists expert",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
