import { type Kysely, sql } from "kysely";

/*
 * The lifecycle: official documents, stage transitions, the task's registry record (content
 * items, products, application sites), uploaded files and configurable settings.
 */
const statements = [
  `create table stored_file (
    id integer generated always as identity primary key,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    original_name text not null check (length(original_name) between 1 and 255),
    content_type text not null,
    size_bytes bigint not null check (size_bytes >= 0),
    storage_key text not null unique,
    uploaded_by integer references app_user (id),
    created_at timestamptz not null default now()
  )`,
  // One official document may justify moves of several tasks (a People's Committee decision lists
  // many ordered tasks), so documents stand on their own and transitions point at them.
  `create table document (
    id integer generated always as identity primary key,
    number text not null check (number ~ '^[0-9]{1,6}[a-z]?$'),
    doc_type text not null check (length(doc_type) between 1 and 20),
    issuer text not null check (length(issuer) between 1 and 40),
    issued_on date not null,
    issued_year integer not null,
    -- Legal documents carry their year in the number (19/2024/QĐ-UBND); others do not (135/QĐ-SKHCN).
    year_in_number boolean not null default false,
    signer text not null check (length(signer) between 1 and 200),
    summary text check (length(summary) <= 2000),
    file_id integer references stored_file (id),
    created_by integer references app_user (id),
    created_at timestamptz not null default now(),
    check (issued_year = extract(year from issued_on)::integer)
  )`,
  "create unique index document_number_key on document (upper(issuer), upper(doc_type), number, issued_year)",
  `create table task_transition (
    id integer generated always as identity primary key,
    task_id integer not null references task (id),
    action text not null,
    from_stage text not null,
    to_stage text not null,
    document_id integer references document (id),
    outcome text check (outcome in ('excellent', 'pass', 'fail')),
    comment text check (length(comment) <= 4000),
    actor_user_id integer not null references app_user (id),
    at timestamptz not null default now()
  )`,
  "create index task_transition_task_idx on task_transition (task_id, id)",
  "alter table task add column ordering_agency text check (length(ordering_agency) <= 300)",
  "alter table task add column selection_method text check (selection_method in ('open_call', 'direct_assignment'))",
  "alter table task add column created_by integer references app_user (id)",
  "alter table task add column acceptance_outcome text check (acceptance_outcome in ('excellent', 'pass', 'fail'))",
  `create table task_content_item (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    sort_order integer not null default 0,
    title text not null check (length(title) between 1 and 500),
    description text check (length(description) <= 4000)
  )`,
  "create index task_content_item_task_idx on task_content_item (task_id, sort_order)",
  `create table task_product (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    sort_order integer not null default 0,
    product_class text not null check (product_class in ('I', 'II', 'III')),
    name text not null check (length(name) between 1 and 500),
    specification text check (length(specification) <= 4000),
    quantity numeric(14, 2) not null check (quantity > 0),
    unit text not null check (length(unit) between 1 and 50)
  )`,
  "create index task_product_task_idx on task_product (task_id, sort_order)",
  `create table task_application_site (
    id integer generated always as identity primary key,
    task_id integer not null references task (id) on delete cascade,
    sort_order integer not null default 0,
    name text not null check (length(name) between 1 and 300),
    location text check (length(location) <= 300),
    scale text check (length(scale) <= 300)
  )`,
  "create index task_application_site_task_idx on task_application_site (task_id, sort_order)",
  "alter table theme add column archived boolean not null default false",
  // Rule parameters and settings: data with defaults, optionally per regime.
  `create table app_setting (
    key text not null,
    regime text not null default '*' check (regime in ('*', 'law_2013', 'law_93_2025')),
    value jsonb not null,
    updated_by integer references app_user (id),
    updated_at timestamptz not null default now(),
    primary key (key, regime)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    "drop table if exists app_setting",
    "alter table theme drop column if exists archived",
    "drop table if exists task_application_site",
    "drop table if exists task_product",
    "drop table if exists task_content_item",
    "alter table task drop column if exists acceptance_outcome",
    "alter table task drop column if exists created_by",
    "alter table task drop column if exists selection_method",
    "alter table task drop column if exists ordering_agency",
    "drop table if exists task_transition",
    "drop table if exists document",
    "drop table if exists stored_file",
  ]) {
    await sql.raw(statement).execute(db);
  }
}
