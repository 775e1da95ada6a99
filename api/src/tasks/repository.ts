import type { Database, Stage, TaskField, TaskKind } from "@khcn/db/schema";
import { foldVietnamese } from "@khcn/db/search-text";
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import type { TaskScope } from "../auth/permissions.ts";

export interface TaskFilter {
  scope: TaskScope;
  stages?: Stage[];
  themeId?: number;
  kind?: TaskKind;
  field?: TaskField;
  hostId?: number;
  year?: number;
  text?: string;
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

/** The filter as one WHERE expression, usable by the count, the page and the detail query alike. */
function matches(f: TaskFilter) {
  return (eb: TaskExpressions): Expression<SqlBool> => {
    const all: Expression<SqlBool>[] = [];
    const scope = f.scope;
    if (!scope.all) {
      const either: Expression<SqlBool>[] = [];
      if (scope.unitId !== null) either.push(eb("task.managing_unit_id", "=", scope.unitId));
      if (scope.personId !== null) either.push(visibleTo(eb, scope.personId));
      all.push(either.length ? eb.or(either) : sql<boolean>`false`);
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

export async function countTasks(db: Kysely<Database>, filter: TaskFilter): Promise<number> {
  const row = await db
    .selectFrom("task")
    .where(matches(filter))
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
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
    ]);
}

export type TaskSummaryRow = Awaited<ReturnType<typeof listTasks>>[number];

export async function findTask(db: Kysely<Database>, id: number, scope: TaskScope) {
  return summaryQuery(db)
    .where(matches({ scope }))
    .innerJoin("unit as mu", "mu.id", "task.managing_unit_id")
    .select([
      "task.objectives",
      "task.funding_mode",
      "task.state_budget",
      "task.managing_unit_id",
      "mu.name as managing_unit_name",
      "task.version",
      "task.created_at",
      "task.updated_at",
    ])
    .where("task.id", "=", id)
    .executeTakeFirst();
}

export async function themesOfTasks(db: Kysely<Database>, taskIds: number[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("task_theme")
    .innerJoin("theme", "theme.id", "task_theme.theme_id")
    .select(["task_theme.task_id", "theme.id", "theme.code", "theme.name_vi", "theme.name_en"])
    .where("task_theme.task_id", "in", taskIds)
    .orderBy("theme.sort_order")
    .orderBy("theme.id")
    .execute();
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
