import type { Database, Regime, Stage, TaskField, TaskKind, TaskTable } from "@khcn/db/schema";
import { foldVietnamese } from "@khcn/db/search-text";
import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type SqlBool,
  sql,
  type Updateable,
} from "kysely";
import type { TaskScope } from "../auth/permissions.ts";
import type { ApplicationSite, ContentItem, Product, TeamEntry } from "./record.ts";

export interface TaskFilter {
  scope: TaskScope;
  stages?: Stage[];
  themeId?: number;
  kind?: TaskKind;
  field?: TaskField;
  hostId?: number;
  year?: number;
  text?: string;
  /** Only tasks this person leads or works on ("my tasks"); null means the actor has no person record. */
  memberPersonId?: number | null;
  formerProvinceId?: number;
  /** Only tasks with an adjustment request awaiting a decision. */
  pendingAdjustment?: boolean;
  /** Only tasks with planned budget or money moved in this budget year. */
  budgetYear?: number;
  /** Only these tasks: a set computed by rules that are not SQL (overdue work, deadlines). */
  taskIds?: readonly number[];
}

export type TaskSortKey = "code" | "title" | "startDate" | "endDate" | "totalBudget" | "stage" | "updatedAt";

const SORT_COLUMNS = {
  code: "task.code",
  title: "task.title",
  startDate: "task.start_date",
  endDate: "task.end_date",
  totalBudget: "task.total_budget",
  stage: "task.stage",
  updatedAt: "task.updated_at",
} as const;

type TaskExpressions = ExpressionBuilder<Database, "task">;

function visibleTo(eb: TaskExpressions, personId: number) {
  return eb.or([
    eb("task.pi_person_id", "=", personId),
    eb.exists(
      eb
        .selectFrom("task_member")
        .select("task_member.task_id")
        .whereRef("task_member.task_id", "=", "task.id")
        .where("task_member.person_id", "=", personId),
    ),
  ]);
}

/** A council member sees the tasks of the councils they sit on. */
function seatedOnCouncilOf(eb: TaskExpressions, personId: number) {
  return eb.exists(
    eb
      .selectFrom("council_task")
      .innerJoin("council_member", "council_member.council_id", "council_task.council_id")
      .select("council_task.task_id")
      .whereRef("council_task.task_id", "=", "task.id")
      .where("council_member.person_id", "=", personId),
  );
}

/** The filter as one WHERE expression, usable by the count, the page and the detail query alike. */
function matches(f: TaskFilter) {
  return (eb: TaskExpressions): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    const scope = f.scope;
    if (!scope.all) {
      const either: Expression<SqlBool>[] = [];
      if (scope.unitId !== null) either.push(eb("task.managing_unit_id", "=", scope.unitId));
      if (scope.personId !== null) either.push(visibleTo(eb, scope.personId));
      if (scope.councilPersonId) either.push(seatedOnCouncilOf(eb, scope.councilPersonId));
      all.push(either.length ? eb.or(either) : sql<boolean>`false`);
    }
    if (f.memberPersonId !== undefined) {
      all.push(f.memberPersonId === null ? sql<boolean>`false` : visibleTo(eb, f.memberPersonId));
    }
    if (f.stages?.length) all.push(eb("task.stage", "in", f.stages));
    if (f.kind) all.push(eb("task.kind", "=", f.kind));
    if (f.field) all.push(eb("task.field", "=", f.field));
    if (f.hostId !== undefined) all.push(eb("task.host_organisation_id", "=", f.hostId));
    if (f.themeId !== undefined) {
      const themeId = f.themeId;
      // A theme includes its sub-themes: "high-tech agriculture" finds the rice and cattle tasks.
      all.push(
        eb.exists(
          eb
            .selectFrom("task_theme")
            .innerJoin("theme", "theme.id", "task_theme.theme_id")
            .select("task_theme.task_id")
            .whereRef("task_theme.task_id", "=", "task.id")
            .where((t) => t.or([t("theme.id", "=", themeId), t("theme.parent_id", "=", themeId)])),
        ),
      );
    }
    if (f.year !== undefined) {
      const first = `${f.year}-01-01`;
      const last = `${f.year}-12-31`;
      // A proposal has no dates yet: it counts in the year it was registered.
      all.push(sql<boolean>`coalesce(task.start_date, task.created_at::date) <= ${last}::date`);
      all.push(eb.or([eb("task.end_date", "is", null), eb("task.end_date", ">=", first)]));
    }
    if (f.formerProvinceId !== undefined) all.push(eb("task.former_province_id", "=", f.formerProvinceId));
    if (f.pendingAdjustment) {
      all.push(
        eb.exists(
          eb
            .selectFrom("adjustment_request as ar")
            .select("ar.id")
            .whereRef("ar.task_id", "=", "task.id")
            .where("ar.status", "=", "submitted"),
        ),
      );
    }
    if (f.budgetYear !== undefined) {
      const year = f.budgetYear;
      all.push(
        eb.or([
          eb.exists(
            eb
              .selectFrom("budget_line as bl")
              .select("bl.id")
              .whereRef("bl.task_id", "=", "task.id")
              .where("bl.year", "=", year),
          ),
          eb.exists(
            eb
              .selectFrom("budget_movement as bm")
              .select("bm.id")
              .whereRef("bm.task_id", "=", "task.id")
              .where("bm.year", "=", year),
          ),
        ]),
      );
    }
    if (f.taskIds !== undefined) {
      all.push(f.taskIds.length ? eb("task.id", "in", f.taskIds) : sql<boolean>`false`);
    }
    if (f.text) {
      for (const word of foldVietnamese(f.text).split(" ").filter(Boolean)) {
        all.push(eb("task.search_text", "like", `%${escapeLike(word)}%`));
      }
    }
    return eb.and(all);
  };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

export async function countTasksByStage(db: Kysely<Database>, filter: TaskFilter) {
  return db
    .selectFrom("task")
    .where(matches(filter))
    .select(["task.stage", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("task.stage")
    .execute();
}

export async function listTasks(
  db: Kysely<Database>,
  filter: TaskFilter,
  page: { sort: TaskSortKey; order: "asc" | "desc"; limit: number; offset: number },
) {
  return summaryQuery(db)
    .where(matches(filter))
    .orderBy(SORT_COLUMNS[page.sort], page.order)
    .orderBy("task.id", page.order)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom("task")
    .leftJoin("organisation as host", "host.id", "task.host_organisation_id")
    .leftJoin("person as pi", "pi.id", "task.pi_person_id")
    .leftJoin("unit as fp", "fp.id", "task.former_province_id")
    .select([
      "task.id",
      "task.code",
      "task.title",
      "task.kind",
      "task.field",
      "task.regime",
      "task.stage",
      "task.start_date",
      "task.end_date",
      "task.total_budget",
      "task.host_organisation_id",
      "host.name as host_name",
      "host.short_name as host_short_name",
      "task.pi_person_id",
      "pi.full_name as pi_name",
      "pi.title as pi_title",
      "task.former_province_id",
      "fp.name as former_province_name",
      themesOfTask.as("themes"),
    ]);
}

/** A task's themes as the API shows them, in the catalogue's order. */
export interface TaskThemeJson {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
}

/*
 * The themes come with each row rather than from a second round trip after the page. PostgreSQL
 * evaluates the subquery only for the rows the LIMIT keeps (after any sort), so a page of 50 costs
 * 50 index probes; json_agg arrives as an array through both drivers.
 */
const themesOfTask = sql<
  TaskThemeJson[]
>`(select coalesce(json_agg(json_build_object('id', theme.id, 'code', theme.code, 'nameVi', theme.name_vi, 'nameEn', theme.name_en) order by theme.sort_order, theme.id), '[]'::json) from task_theme join theme on theme.id = task_theme.theme_id where task_theme.task_id = task.id)`;

export type TaskSummaryRow = Awaited<ReturnType<typeof listTasks>>[number];

function findTaskQuery(db: Kysely<Database>, id: number, scope: TaskScope) {
  return summaryQuery(db)
    .where(matches({ scope }))
    .innerJoin("unit as mu", "mu.id", "task.managing_unit_id")
    .select([
      "task.objectives",
      "task.funding_mode",
      "task.ordering_agency",
      "task.selection_method",
      "task.state_budget",
      "task.registration_number",
      "task.registered_on",
      "task.recovery_cause",
      "task.recovery_amount",
      "task.managing_unit_id",
      "mu.name as managing_unit_name",
      "task.version",
      "task.created_at",
      "task.updated_at",
    ])
    .where("task.id", "=", id);
}

/*
 * The task page's repeatable parts, each a JSON array in the row of the task itself: one statement
 * instead of the task and then four more (docs/benchmarks.md). Keys and value types are those of the
 * separate queries below (numeric as text, dates as YYYY-MM-DD), so the service maps them alike.
 */
const teamJson = sql<
  Awaited<ReturnType<typeof teamOfTask>>
>`(select coalesce(json_agg(json_build_object('person_id', person.id, 'full_name', person.full_name, 'title', person.title, 'position', person.position, 'organisation_name', organisation.name, 'role', task_member.role) order by case task_member.role when 'pi' then 0 when 'secretary' then 1 when 'key_member' then 2 else 3 end, task_member.sort_order, person.full_name), '[]'::json) from task_member join person on person.id = task_member.person_id left join organisation on organisation.id = person.organisation_id where task_member.task_id = task.id)`;
const contentItemsJson = sql<
  Awaited<ReturnType<typeof contentItemsOfTask>>
>`(select coalesce(json_agg(json_build_object('id', c.id, 'title', c.title, 'description', c.description, 'planned_start', c.planned_start, 'planned_end', c.planned_end) order by c.sort_order, c.id), '[]'::json) from task_content_item c where c.task_id = task.id)`;
const productsJson = sql<
  Awaited<ReturnType<typeof productsOfTask>>
>`(select coalesce(json_agg(json_build_object('id', p.id, 'product_class', p.product_class, 'name', p.name, 'specification', p.specification, 'quantity', p.quantity::text, 'unit', p.unit, 'due_on', p.due_on) order by p.sort_order, p.id), '[]'::json) from task_product p where p.task_id = task.id)`;
const sitesJson = sql<
  Awaited<ReturnType<typeof applicationSitesOfTask>>
>`(select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'location', a.location, 'scale', a.scale) order by a.sort_order, a.id), '[]'::json) from task_application_site a where a.task_id = task.id)`;

/** The task page in one statement: the task (if in scope) with its team and record lists. */
export async function findTaskDetail(db: Kysely<Database>, id: number, scope: TaskScope) {
  return findTaskQuery(db, id, scope)
    .select([
      teamJson.as("team"),
      contentItemsJson.as("content_items"),
      productsJson.as("products"),
      sitesJson.as("application_sites"),
    ])
    .executeTakeFirst();
}

export async function teamOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_member")
    .innerJoin("person", "person.id", "task_member.person_id")
    .leftJoin("organisation", "organisation.id", "person.organisation_id")
    .select([
      "person.id as person_id",
      "person.full_name",
      "person.title",
      "person.position",
      "organisation.name as organisation_name",
      "task_member.role",
    ])
    .where("task_member.task_id", "=", taskId)
    .orderBy(sql`case task_member.role when 'pi' then 0 when 'secretary' then 1 when 'key_member' then 2 else 3 end`)
    .orderBy("task_member.sort_order")
    .orderBy("person.full_name")
    .execute();
}

export async function contentItemsOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_content_item")
    .select(["id", "title", "description", "planned_start", "planned_end"])
    .where("task_id", "=", taskId)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export async function productsOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_product")
    .select(["id", "product_class", "name", "specification", "quantity", "unit", "due_on"])
    .where("task_id", "=", taskId)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export async function applicationSitesOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_application_site")
    .select(["id", "name", "location", "scale"])
    .where("task_id", "=", taskId)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

// ---- editing the record

/** The task row, locked for the rest of the transaction: concurrent edits queue behind it. */
export async function lockTaskRow(db: Kysely<Database>, id: number) {
  return db.selectFrom("task").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function teamEntriesOfTask(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_member")
    .select(["person_id", "role"])
    .where("task_id", "=", taskId)
    .orderBy(sql`case role when 'pi' then 0 else 1 end`)
    .orderBy("sort_order")
    .orderBy("person_id")
    .execute();
}

export async function themeIdsOfTask(db: Kysely<Database>, taskId: number): Promise<number[]> {
  const rows = await db
    .selectFrom("task_theme")
    .select("theme_id")
    .where("task_id", "=", taskId)
    .orderBy("theme_id")
    .execute();
  return rows.map((r) => r.theme_id);
}

/** A setting for a regime, falling back to the one for every regime ('*'). */
export async function readSetting(db: Kysely<Database>, key: string, regime: Regime): Promise<unknown> {
  const rows = await db
    .selectFrom("app_setting")
    .select(["regime", "value"])
    .where("key", "=", key)
    .where("regime", "in", [regime, "*"])
    .execute();
  return (rows.find((r) => r.regime === regime) ?? rows.find((r) => r.regime === "*"))?.value;
}

/**
 * Serialises code generation for one series (e.g. `ĐT.2026.`) until the transaction ends, so two
 * proposals registered at once do not both take the same next number.
 */
export async function lockCodeSeries(db: Kysely<Database>, series: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`task_code:${series}`}))`.execute(db);
}

export async function codesStartingWith(db: Kysely<Database>, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom("task")
    .select("code")
    .where("code", "like", `${escapeLike(prefix)}%`)
    .execute();
  return rows.map((r) => r.code);
}

export async function codeTaken(db: Kysely<Database>, code: string, exceptTaskId?: number): Promise<boolean> {
  let query = db.selectFrom("task").select("id").where("code", "=", code);
  if (exceptTaskId !== undefined) query = query.where("id", "<>", exceptTaskId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function existingPersonIds(db: Kysely<Database>, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("person")
    .select("id")
    .where("id", "in", [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function organisationExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom("organisation").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export async function findUnit(db: Kysely<Database>, id: number) {
  return db.selectFrom("unit").select(["id", "kind"]).where("id", "=", id).executeTakeFirst();
}

export async function departmentIds(db: Kysely<Database>): Promise<number[]> {
  const rows = await db.selectFrom("unit").select("id").where("kind", "=", "department").orderBy("id").execute();
  return rows.map((r) => r.id);
}

export async function themesByIds(db: Kysely<Database>, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom("theme")
    .select(["id", "archived"])
    .where("id", "in", [...ids])
    .execute();
}

/** Ids of the rows of one list that belong to the task: an id from elsewhere is refused. */
export async function listItemIds(db: Kysely<Database>, table: ListTable, taskId: number): Promise<Set<number>> {
  const rows = await db.selectFrom(table).select("id").where("task_id", "=", taskId).execute();
  return new Set(rows.map((r) => r.id));
}

export async function insertTask(db: Kysely<Database>, values: Insertable<TaskTable>) {
  return db.insertInto("task").values(values).returning(["id"]).executeTakeFirstOrThrow();
}

/** Writes the changed columns and moves the version on by one. */
export async function updateTaskRow(db: Kysely<Database>, id: number, values: Updateable<TaskTable>) {
  return db
    .updateTable("task")
    .set((eb) => ({ ...values, version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", id)
    .returning(["version"])
    .executeTakeFirstOrThrow();
}

export async function replaceThemes(db: Kysely<Database>, taskId: number, themeIds: readonly number[]) {
  await db.deleteFrom("task_theme").where("task_id", "=", taskId).execute();
  if (themeIds.length > 0) {
    await db
      .insertInto("task_theme")
      .values(themeIds.map((themeId) => ({ task_id: taskId, theme_id: themeId })))
      .execute();
  }
}

export async function replaceTeam(db: Kysely<Database>, taskId: number, team: readonly TeamEntry[]) {
  await db.deleteFrom("task_member").where("task_id", "=", taskId).execute();
  if (team.length > 0) {
    await db
      .insertInto("task_member")
      .values(team.map((m, i) => ({ task_id: taskId, person_id: m.personId, role: m.role, sort_order: i })))
      .execute();
  }
}

/*
 * Lists are replaced with the given rows in order: rows that carry an id are updated in place (so
 * what refers to a product keeps referring to it), the others inserted, the rest deleted.
 */
type ListTable = "task_content_item" | "task_product" | "task_application_site";

async function deleteRowsNotIn(db: Kysely<Database>, table: ListTable, taskId: number, rows: { id?: number }[]) {
  const kept = rows.flatMap((r) => (r.id !== undefined ? [r.id] : []));
  let removal = db.deleteFrom(table).where("task_id", "=", taskId);
  if (kept.length > 0) removal = removal.where("id", "not in", kept);
  await removal.execute();
}

export async function syncContentItems(db: Kysely<Database>, taskId: number, items: ContentItem[]) {
  await deleteRowsNotIn(db, "task_content_item", taskId, items);
  for (const [i, c] of items.entries()) {
    const values = {
      title: c.title,
      description: c.description,
      planned_start: c.plannedStart,
      planned_end: c.plannedEnd,
      sort_order: i,
    };
    if (c.id === undefined) {
      await db
        .insertInto("task_content_item")
        .values({ ...values, task_id: taskId })
        .execute();
    } else {
      await db
        .updateTable("task_content_item")
        .set(values)
        .where("id", "=", c.id)
        .where("task_id", "=", taskId)
        .execute();
    }
  }
}

export async function syncProducts(db: Kysely<Database>, taskId: number, items: Product[]) {
  await deleteRowsNotIn(db, "task_product", taskId, items);
  for (const [i, p] of items.entries()) {
    const values = {
      product_class: p.productClass,
      name: p.name,
      specification: p.specification,
      quantity: p.quantity,
      unit: p.unit,
      due_on: p.dueOn,
      sort_order: i,
    };
    if (p.id === undefined) {
      await db
        .insertInto("task_product")
        .values({ ...values, task_id: taskId })
        .execute();
    } else {
      await db.updateTable("task_product").set(values).where("id", "=", p.id).where("task_id", "=", taskId).execute();
    }
  }
}

export async function syncApplicationSites(db: Kysely<Database>, taskId: number, items: ApplicationSite[]) {
  await deleteRowsNotIn(db, "task_application_site", taskId, items);
  for (const [i, a] of items.entries()) {
    const values = { name: a.name, location: a.location, scale: a.scale, sort_order: i };
    if (a.id === undefined) {
      await db
        .insertInto("task_application_site")
        .values({ ...values, task_id: taskId })
        .execute();
    } else {
      await db
        .updateTable("task_application_site")
        .set(values)
        .where("id", "=", a.id)
        .where("task_id", "=", taskId)
        .execute();
    }
  }
}

/** The ids of the tasks a scope sees, as a subquery for other areas' lists (reports, overdue work). */
export function taskIdsInScope(db: Kysely<Database>, scope: TaskScope) {
  return db.selectFrom("task").select("task.id").where(matches({ scope }));
}
