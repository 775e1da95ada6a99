import { type RawBuilder, sql } from "kysely";

/**
 * A value for a jsonb column that both drivers store as the same JSON. Sent as text and cast in
 * SQL: handed a jsonb-typed parameter, the postgres driver would encode a string a second time.
 */
export function jsonb(value: unknown): RawBuilder<unknown> {
  return sql`cast(${JSON.stringify(value)}::text as jsonb)`;
}
