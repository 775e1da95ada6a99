import { type Kysely, sql } from "kysely";

/*
 * Importing a unit's existing task register from a spreadsheet: an import batch holds the file's
 * rows as read (cells by column) with each row's issues, so staff can fix or skip rows in a
 * preview before the batch is committed whole in one transaction. Frozen once landed.
 */
const statements = [
  `create table import_batch (
    id integer generated always as identity primary key,
    managing_unit_id integer not null references unit (id),
    file_id integer not null references stored_file (id),
    file_name text not null check (length(file_name) between 1 and 255),
    format text not null check (format in ('xlsx', 'csv')),
    -- The recognised columns in file order: [{ key, header, letter, unit?, year?, source? }].
    columns jsonb not null check (jsonb_typeof(columns) = 'array'),
    status text not null default 'preview' check (status in ('preview', 'committed')),
    row_count integer not null check (row_count >= 0),
    -- What the commit did: counts and the created tasks, organisations and people.
    result jsonb check (result is null or jsonb_typeof(result) = 'object'),
    created_by integer not null references app_user (id),
    created_at timestamptz not null default now(),
    committed_by integer references app_user (id),
    committed_at timestamptz,
    check ((status = 'committed') = (committed_at is not null))
  )`,
  "create index import_batch_unit_idx on import_batch (managing_unit_id, created_at)",
  `create table import_row (
    batch_id integer not null references import_batch (id) on delete cascade,
    -- The row's number in the spreadsheet, as the user sees it.
    row_number integer not null check (row_number > 0),
    -- The cells by column key as read (text, number or ISO date), after any fixes made in the preview.
    cells jsonb not null check (jsonb_typeof(cells) = 'object'),
    -- [{ column, code, message }] found by the last validation.
    issues jsonb not null default '[]' check (jsonb_typeof(issues) = 'array'),
    status text not null check (status in ('new', 'unchanged', 'conflict', 'error')),
    -- Details of the last validation: differences from the existing task, organisations and people to create.
    outcome jsonb not null default '{}' check (jsonb_typeof(outcome) = 'object'),
    skipped boolean not null default false,
    fixed boolean not null default false,
    task_id integer references task (id),
    primary key (batch_id, row_number)
  )`,
  "create index import_row_status_idx on import_row (batch_id, status)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of ["drop table if exists import_row", "drop table if exists import_batch"]) {
    await sql.raw(statement).execute(db);
  }
}
