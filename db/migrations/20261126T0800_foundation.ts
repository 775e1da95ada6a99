import { type Kysely, sql } from "kysely";

/*
 * Frozen once landed: a schema change is a new file. Statements run one at a time because
 * both drivers use the extended protocol, which takes a single statement per call.
 */
const statements = [
  `create table unit (
    id integer generated always as identity primary key,
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('department', 'former_province')),
    parent_id integer references unit (id),
    created_at timestamptz not null default now()
  )`,
  `create table organisation (
    id integer generated always as identity primary key,
    name text not null unique,
    short_name text,
    kind text not null check (kind in ('institute', 'university', 'enterprise', 'agency', 'hospital', 'school', 'cooperative', 'association')),
    address text,
    former_province_id integer references unit (id),
    contact_name text,
    contact_email text,
    contact_phone text,
    created_at timestamptz not null default now()
  )`,
  `create table app_user (
    id integer generated always as identity primary key,
    email text not null,
    password_hash text not null,
    full_name text not null,
    unit_id integer references unit (id),
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`,
  "create unique index app_user_email_key on app_user (lower(email))",
  `create table user_role (
    user_id integer not null references app_user (id) on delete cascade,
    role text not null check (role in ('admin', 'staff', 'head', 'pi', 'council')),
    primary key (user_id, role)
  )`,
  `create table session (
    id text primary key,
    user_id integer not null references app_user (id) on delete cascade,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
  )`,
  "create index session_user_id_idx on session (user_id)",
  `create table person (
    id integer generated always as identity primary key,
    full_name text not null,
    title text,
    position text,
    organisation_id integer references organisation (id),
    email text,
    phone text,
    user_id integer unique references app_user (id),
    created_at timestamptz not null default now()
  )`,
  `create table theme (
    id integer generated always as identity primary key,
    code text not null unique,
    name_vi text not null,
    name_en text not null,
    parent_id integer references theme (id),
    r57_target text,
    sort_order integer not null default 0
  )`,
  `create table task (
    id integer generated always as identity primary key,
    code text not null unique,
    title text not null check (length(title) between 1 and 1000),
    kind text not null check (kind in ('de_tai', 'du_an_sxtn', 'de_an', 'nhiem_vu_dmst')),
    field text not null check (field in ('natural', 'engineering', 'medical', 'agricultural', 'social', 'humanities')),
    regime text not null check (regime in ('law_2013', 'law_93_2025')),
    managing_unit_id integer not null references unit (id),
    former_province_id integer references unit (id),
    host_organisation_id integer references organisation (id),
    pi_person_id integer references person (id),
    start_date date,
    end_date date,
    funding_mode text not null check (funding_mode in ('full_lump_sum', 'partial_lump_sum')),
    total_budget bigint not null default 0 check (total_budget >= 0),
    state_budget bigint not null default 0 check (state_budget >= 0 and state_budget <= total_budget),
    stage text not null check (stage in ('proposed', 'identified', 'selection', 'budget_appraisal', 'approved', 'in_progress', 'acceptance', 'recognition', 'registration', 'settlement', 'closed', 'rejected', 'terminated', 'failed')),
    objectives text,
    search_text text not null,
    version integer not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (end_date is null or start_date is null or end_date >= start_date)
  )`,
  "create index task_stage_idx on task (stage)",
  "create index task_host_idx on task (host_organisation_id)",
  "create index task_pi_idx on task (pi_person_id)",
  "create index task_start_idx on task (start_date)",
  `create table task_theme (
    task_id integer not null references task (id) on delete cascade,
    theme_id integer not null references theme (id),
    primary key (task_id, theme_id)
  )`,
  "create index task_theme_theme_idx on task_theme (theme_id)",
  `create table task_member (
    task_id integer not null references task (id) on delete cascade,
    person_id integer not null references person (id),
    role text not null check (role in ('pi', 'secretary', 'key_member', 'member')),
    sort_order integer not null default 0,
    primary key (task_id, person_id)
  )`,
  "create index task_member_person_idx on task_member (person_id)",
  `create table audit_log (
    id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    actor_user_id integer references app_user (id),
    action text not null,
    entity_type text not null,
    entity_id text,
    task_id integer references task (id),
    data jsonb not null default '{}'::jsonb
  )`,
  "create index audit_log_task_idx on audit_log (task_id, at)",
  // The trail is append-only: the database itself refuses to rewrite history.
  `create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end
  $$`,
  `create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_append_only()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "audit_log",
    "task_member",
    "task_theme",
    "task",
    "theme",
    "person",
    "session",
    "user_role",
    "app_user",
    "organisation",
    "unit",
  ]) {
    await sql.raw(`drop table if exists ${table} cascade`).execute(db);
  }
  await sql.raw("drop function if exists audit_log_append_only()").execute(db);
}
