import { jsonb } from "@khcn/db/jsonb";
import type { Database, ImportRowStatus, OrganisationKind } from "@khcn/db/schema";
import { type Kysely, sql } from "kysely";
import type { MappedColumn } from "./columns.ts";
import type { BudgetLine, Catalogue, Cells, ExistingTask, Issue } from "./row-rules.ts";

export interface StoredOutcome {
  creates?: { organisation?: string; person?: string };
  differences?: { field: string; file: string; current: string }[];
  existingTaskId?: number | null;
}

export interface StoredRow {
  rowNumber: number;
  cells: Cells;
  issues: Issue[];
  status: ImportRowStatus;
  outcome: StoredOutcome;
  skipped: boolean;
  fixed: boolean;
  taskId: number | null;
}

const INSERT_CHUNK = 500;

export async function insertBatch(
  db: Kysely<Database>,
  values: {
    managingUnitId: number;
    fileId: number;
    fileName: string;
    format: "xlsx" | "csv";
    columns: MappedColumn[];
    rowCount: number;
    createdBy: number;
  },
) {
  return db
    .insertInto("import_batch")
    .values({
      managing_unit_id: values.managingUnitId,
      file_id: values.fileId,
      file_name: values.fileName,
      format: values.format,
      columns: jsonb(values.columns),
      row_count: values.rowCount,
      created_by: values.createdBy,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function insertRows(db: Kysely<Database>, batchId: number, rows: StoredRow[]) {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await db
      .insertInto("import_row")
      .values(
        rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          batch_id: batchId,
          row_number: r.rowNumber,
          cells: jsonb(r.cells),
          issues: jsonb(r.issues),
          status: r.status,
          outcome: jsonb(r.outcome),
          skipped: r.skipped,
          fixed: r.fixed,
        })),
      )
      .execute();
  }
}

const batchColumns = [
  "import_batch.id",
  "import_batch.managing_unit_id",
  "import_batch.file_id",
  "import_batch.file_name",
  "import_batch.format",
  "import_batch.columns",
  "import_batch.status",
  "import_batch.row_count",
  "import_batch.result",
  "import_batch.created_by",
  "import_batch.created_at",
  "import_batch.committed_by",
  "import_batch.committed_at",
] as const;

export async function findBatch(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("import_batch")
    .innerJoin("unit", "unit.id", "import_batch.managing_unit_id")
    .select([...batchColumns, "unit.name as unit_name"])
    .where("import_batch.id", "=", id)
    .executeTakeFirst();
}

export type BatchRow = NonNullable<Awaited<ReturnType<typeof findBatch>>>;

export async function lockBatch(db: Kysely<Database>, id: number) {
  return db.selectFrom("import_batch").select(batchColumns).where("id", "=", id).forUpdate().executeTakeFirst();
}

function toStoredRow(r: {
  row_number: number;
  cells: unknown;
  issues: unknown;
  status: ImportRowStatus;
  outcome: unknown;
  skipped: boolean;
  fixed: boolean;
  task_id: number | null;
}): StoredRow {
  return {
    rowNumber: r.row_number,
    cells: r.cells as Cells,
    issues: r.issues as Issue[],
    status: r.status,
    outcome: r.outcome as StoredOutcome,
    skipped: r.skipped,
    fixed: r.fixed,
    taskId: r.task_id,
  };
}

const rowColumns = ["row_number", "cells", "issues", "status", "outcome", "skipped", "fixed", "task_id"] as const;

export async function allRows(db: Kysely<Database>, batchId: number): Promise<StoredRow[]> {
  const rows = await db
    .selectFrom("import_row")
    .select(rowColumns)
    .where("batch_id", "=", batchId)
    .orderBy("row_number")
    .execute();
  return rows.map(toStoredRow);
}

export type RowFilter = ImportRowStatus | "skipped" | "all";

export async function pageOfRows(
  db: Kysely<Database>,
  batchId: number,
  filter: RowFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: StoredRow[]; total: number }> {
  let query = db.selectFrom("import_row").where("batch_id", "=", batchId);
  if (filter === "skipped") query = query.where("skipped", "=", true);
  else if (filter !== "all") query = query.where("status", "=", filter).where("skipped", "=", false);
  const [rows, count] = await Promise.all([
    query.select(rowColumns).orderBy("row_number").limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(toStoredRow), total: Number(count.n) };
}

export async function findRow(db: Kysely<Database>, batchId: number, rowNumber: number) {
  const row = await db
    .selectFrom("import_row")
    .select(rowColumns)
    .where("batch_id", "=", batchId)
    .where("row_number", "=", rowNumber)
    .executeTakeFirst();
  return row ? toStoredRow(row) : null;
}

export async function updateRow(
  db: Kysely<Database>,
  batchId: number,
  rowNumber: number,
  values: Partial<Pick<StoredRow, "cells" | "issues" | "status" | "outcome" | "skipped" | "fixed" | "taskId">>,
) {
  await db
    .updateTable("import_row")
    .set({
      ...(values.cells !== undefined ? { cells: jsonb(values.cells) } : {}),
      ...(values.issues !== undefined ? { issues: jsonb(values.issues) } : {}),
      ...(values.status !== undefined ? { status: values.status } : {}),
      ...(values.outcome !== undefined ? { outcome: jsonb(values.outcome) } : {}),
      ...(values.skipped !== undefined ? { skipped: values.skipped } : {}),
      ...(values.fixed !== undefined ? { fixed: values.fixed } : {}),
      ...(values.taskId !== undefined ? { task_id: values.taskId } : {}),
    })
    .where("batch_id", "=", batchId)
    .where("row_number", "=", rowNumber)
    .execute();
}

export async function markCommitted(db: Kysely<Database>, batchId: number, userId: number, result: unknown) {
  await db
    .updateTable("import_batch")
    .set({ status: "committed", committed_by: userId, committed_at: new Date(), result: jsonb(result) })
    .where("id", "=", batchId)
    .execute();
}

// ---- what rows are checked against

export async function loadCatalogue(db: Kysely<Database>): Promise<Catalogue> {
  const [themes, organisations, people] = await Promise.all([
    db.selectFrom("theme").select(["id", "code", "name_vi", "name_en", "archived"]).execute(),
    db.selectFrom("organisation").select(["id", "name", "short_name"]).execute(),
    db.selectFrom("person").select(["id", "full_name", "organisation_id"]).execute(),
  ]);
  return {
    themes: themes.map((t) => ({ id: t.id, code: t.code, nameVi: t.name_vi, nameEn: t.name_en, archived: t.archived })),
    organisations: organisations.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name })),
    people: people.map((p) => ({ id: p.id, fullName: p.full_name, organisationId: p.organisation_id })),
  };
}

/** The tasks (of any unit) whose code, upper-cased, is one of these keys. */
export async function tasksWithCodes(db: Kysely<Database>, keys: readonly string[]): Promise<ExistingTask[]> {
  const out: ExistingTask[] = [];
  for (let i = 0; i < keys.length; i += INSERT_CHUNK) {
    const chunk = keys.slice(i, i + INSERT_CHUNK);
    const tasks = await db
      .selectFrom("task")
      .leftJoin("organisation", "organisation.id", "task.host_organisation_id")
      .leftJoin("person", "person.id", "task.pi_person_id")
      .select([
        "task.id",
        "task.code",
        "task.managing_unit_id",
        "task.title",
        "task.kind",
        "task.field",
        "task.stage",
        "task.start_date",
        "task.end_date",
        "task.total_budget",
        "task.state_budget",
        "task.host_organisation_id",
        "organisation.name as host_name",
        "task.pi_person_id",
        "person.full_name as pi_name",
      ])
      .where(sql<string>`upper(task.code)`, "in", chunk)
      .execute();
    if (tasks.length === 0) continue;
    const ids = tasks.map((t) => t.id);
    const [themes, lines] = await Promise.all([
      db.selectFrom("task_theme").select(["task_id", "theme_id"]).where("task_id", "in", ids).execute(),
      db
        .selectFrom("budget_line")
        .select(["task_id", "source", "year", (eb) => eb.fn.sum<string>("amount").as("amount")])
        .where("task_id", "in", ids)
        .groupBy(["task_id", "source", "year"])
        .execute(),
    ]);
    for (const t of tasks) {
      out.push({
        id: t.id,
        code: t.code,
        managingUnitId: t.managing_unit_id,
        title: t.title,
        kind: t.kind,
        field: t.field,
        stage: t.stage,
        startDate: t.start_date,
        endDate: t.end_date,
        totalBudget: t.total_budget,
        stateBudget: t.state_budget,
        hostOrganisationId: t.host_organisation_id,
        hostName: t.host_name,
        piPersonId: t.pi_person_id,
        piName: t.pi_name,
        themeIds: themes.filter((x) => x.task_id === t.id).map((x) => x.theme_id),
        lines: lines
          .filter((l) => l.task_id === t.id)
          .map((l): BudgetLine => ({ source: l.source, year: l.year, amount: String(l.amount) })),
      });
    }
  }
  return out;
}

export async function insertOrganisation(db: Kysely<Database>, name: string, kind: OrganisationKind) {
  return db.insertInto("organisation").values({ name, kind }).returning(["id"]).executeTakeFirstOrThrow();
}

export async function insertPerson(
  db: Kysely<Database>,
  values: { fullName: string; title: string | null; organisationId: number | null },
) {
  return db
    .insertInto("person")
    .values({ full_name: values.fullName, title: values.title, organisation_id: values.organisationId })
    .returning(["id"])
    .executeTakeFirstOrThrow();
}

export async function unitName(db: Kysely<Database>, id: number) {
  return db.selectFrom("unit").select(["id", "name", "kind"]).where("id", "=", id).executeTakeFirst();
}
