import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export function listThemes(db: Kysely<Database>) {
  return db
    .selectFrom("theme")
    .select(["id", "code", "name_vi", "name_en", "parent_id", "r57_target"])
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export function listOrganisations(db: Kysely<Database>) {
  return db.selectFrom("organisation").select(["id", "name", "short_name", "kind"]).orderBy("name").execute();
}
