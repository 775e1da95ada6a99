import type { Database, ThemeTable } from "@khcn/db/schema";
import { foldVietnamese } from "@khcn/db/search-text";
import { type Insertable, type Kysely, sql, type Updateable } from "kysely";

export function listThemes(db: Kysely<Database>) {
  return db
    .selectFrom("theme")
    .select(["id", "code", "name_vi", "name_en", "parent_id", "r57_target", "sort_order", "archived"])
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export type ThemeRow = Awaited<ReturnType<typeof listThemes>>[number];

/** The whole taxonomy, locked: placement checks see it as it will be when the edit commits. */
export function lockThemes(db: Kysely<Database>) {
  return db
    .selectFrom("theme")
    .select(["id", "code", "name_vi", "name_en", "parent_id", "r57_target", "sort_order", "archived"])
    .orderBy("id")
    .forUpdate()
    .execute();
}

export async function themeCodeTaken(db: Kysely<Database>, code: string): Promise<boolean> {
  return (await db.selectFrom("theme").select("id").where("code", "=", code).executeTakeFirst()) !== undefined;
}

export function insertTheme(db: Kysely<Database>, values: Insertable<ThemeTable>) {
  return db
    .insertInto("theme")
    .values(values)
    .returning(["id", "code", "name_vi", "name_en", "parent_id", "r57_target", "sort_order", "archived"])
    .executeTakeFirstOrThrow();
}

export function updateTheme(db: Kysely<Database>, id: number, values: Updateable<ThemeTable>) {
  return db
    .updateTable("theme")
    .set(values)
    .where("id", "=", id)
    .returning(["id", "code", "name_vi", "name_en", "parent_id", "r57_target", "sort_order", "archived"])
    .executeTakeFirstOrThrow();
}

export async function deleteTheme(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("theme").where("id", "=", id).execute();
}

export async function tasksLabelledWith(db: Kysely<Database>, themeId: number): Promise<number> {
  const row = await db
    .selectFrom("task_theme")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("theme_id", "=", themeId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listOrganisations(db: Kysely<Database>) {
  return db.selectFrom("organisation").select(["id", "name", "short_name", "kind"]).orderBy("name").execute();
}

export function listUnits(db: Kysely<Database>) {
  return db
    .selectFrom("unit")
    .select(["id", "code", "name", "kind", "parent_id"])
    .orderBy(sql`case kind when 'department' then 0 else 1 end`)
    .orderBy("name")
    .execute();
}

/*
 * Names are folded in SQL the way foldVietnamese folds them in code: translate() maps each
 * precomposed Vietnamese letter to its base letter, so both databases match without unaccent.
 */
const FOLD = (() => {
  let from = "đĐ";
  let to = "dd";
  for (const base of "aăâeêioôơuưy") {
    for (const tone of ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]) {
      for (const letter of [base, base.toUpperCase()]) {
        const composed = `${letter}${tone}`.normalize("NFC");
        const folded = foldVietnamese(composed);
        if (composed.length === 1 && folded !== composed && folded.length === 1) {
          from += composed;
          to += folded;
        }
      }
    }
  }
  return { from, to };
})();

/** People whose name holds every word of the query, with or without diacritics. */
export function searchPeople(db: Kysely<Database>, query: string | undefined, limit: number) {
  const words = foldVietnamese(query ?? "")
    .split(" ")
    .filter(Boolean);
  let select = db
    .selectFrom("person")
    .leftJoin("organisation", "organisation.id", "person.organisation_id")
    .select([
      "person.id",
      "person.full_name",
      "person.title",
      "person.organisation_id",
      "organisation.name as organisation_name",
    ]);
  const folded = sql<string>`lower(translate(person.full_name, ${FOLD.from}, ${FOLD.to}))`;
  for (const word of words) {
    select = select.where(folded, "like", `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  }
  return select.orderBy("person.full_name").orderBy("person.id").limit(limit).execute();
}
