import type { Database, Regime } from "@khcn/db/schema";
import { type Kysely, sql } from "kysely";

export interface StoredParameterRow {
  id: number;
  unit_id: number | null;
  regime: "*" | Regime;
  key: string;
  value: unknown;
  updated_at: Date;
  unit_name: string | null;
  updated_by_name: string | null;
}

/** Stored values of every unit (`unitId` "all"), or of all units and one unit (a number), or of all units only (null). */
export function storedParameterRows(
  db: Kysely<Database>,
  units: "all" | number | null,
  key?: string,
): Promise<StoredParameterRow[]> {
  let query = db
    .selectFrom("rule_parameter as p")
    .leftJoin("unit as u", "u.id", "p.unit_id")
    .leftJoin("app_user as a", "a.id", "p.updated_by")
    .select([
      "p.id",
      "p.unit_id",
      "p.regime",
      "p.key",
      "p.value",
      "p.updated_at",
      "u.name as unit_name",
      "a.full_name as updated_by_name",
    ]);
  if (units !== "all") {
    query = query.where((eb) =>
      units === null ? eb("p.unit_id", "is", null) : eb.or([eb("p.unit_id", "is", null), eb("p.unit_id", "=", units)]),
    );
  }
  if (key !== undefined) query = query.where("p.key", "=", key);
  return query.orderBy("p.key").orderBy("p.id").execute() as Promise<StoredParameterRow[]>;
}

/** Serialises changes to one key, so two administrators saving the same new scope cannot both insert it. */
export async function lockParameterKey(db: Kysely<Database>, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`rule_parameter:${key}`}))`.execute(db);
}

export function storedValueAt(db: Kysely<Database>, key: string, unitId: number | null, regime: "*" | Regime) {
  return db
    .selectFrom("rule_parameter")
    .select(["id", "value"])
    .where("key", "=", key)
    .where("regime", "=", regime)
    .where((eb) => (unitId === null ? eb("unit_id", "is", null) : eb("unit_id", "=", unitId)))
    .forUpdate()
    .executeTakeFirst();
}

export async function deleteStoredValue(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("rule_parameter").where("id", "=", id).execute();
}

export async function unitExists(db: Kysely<Database>, unitId: number): Promise<boolean> {
  return (await db.selectFrom("unit").select("id").where("id", "=", unitId).executeTakeFirst()) !== undefined;
}
