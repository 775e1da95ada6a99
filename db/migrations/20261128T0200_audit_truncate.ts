import { type Kysely, sql } from "kysely";

/*
 * The audit trail already refuses UPDATE and DELETE row by row (foundation migration). TRUNCATE
 * fires no row triggers, so it needs a statement trigger of its own; the same function raises.
 * (A least-privilege role without TRUNCATE, db/sql/app-role.sql, is the other half.) Frozen once landed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
}
