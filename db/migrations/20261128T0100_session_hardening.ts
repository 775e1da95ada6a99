import { type Kysely, sql } from "kysely";

/*
 * Session hardening (decision 013): sessions gain a public id (to list and end them without ever
 * showing the token's hash), the time of last use (for the inactivity timeout) and where they were
 * opened from; sign-in throttling keeps its counters in the database so that a lockout survives a
 * restart and holds across processes. Frozen once landed.
 */
const statements = [
  "alter table session add column public_id text",
  // Sessions opened before this migration get a random public id of their own.
  "update session set public_id = replace(gen_random_uuid()::text, '-', '')",
  "alter table session alter column public_id set not null",
  "create unique index session_public_id_key on session (public_id)",
  "alter table session add column last_used_at timestamptz not null default now()",
  "alter table session add column user_agent text check (user_agent is null or length(user_agent) <= 256)",
  "alter table session add column ip_address text check (ip_address is null or length(ip_address) <= 64)",
  "create index session_expires_at_idx on session (expires_at)",
  // Per account (keyed by the SHA-256 of the lower-cased e-mail, whether or not an account has it):
  // consecutive failures and the lock they earned.
  `create table sign_in_lockout (
    account_key text primary key,
    failures integer not null check (failures > 0),
    locked_until timestamptz,
    last_failure_at timestamptz not null
  )`,
  "create index sign_in_lockout_last_failure_idx on sign_in_lockout (last_failure_at)",
  // Per client address: a token bucket of failed attempts.
  `create table sign_in_address_bucket (
    address text primary key check (length(address) <= 64),
    tokens double precision not null,
    updated_at timestamptz not null
  )`,
  "create index sign_in_address_bucket_updated_idx on sign_in_address_bucket (updated_at)",
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
