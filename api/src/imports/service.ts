import path from "node:path";
import { isUniqueViolation } from "@khcn/db/errors";
import type { Database, Regime } from "@khcn/db/schema";
import { taskSearchText } from "@khcn/db/search-text";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canImportIntoUnit, canImportTasks, canWorkOnImport } from "../auth/permissions.ts";
import { savePlan } from "../budget/repository.ts";
import type { FileStore } from "../files/storage.ts";
import type { ReceivedFile } from "../files/upload-stream.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import { scheduleReports } from "../reports/scheduling.ts";
import { getParameter } from "../rules/parameters.ts";
import {
  type CellValue,
  readSpreadsheet,
  SpreadsheetError,
  type SpreadsheetKind,
  sniffSpreadsheet,
} from "../spreadsheets/read.ts";
import { DEFAULT_REGIME } from "../tasks/record.ts";
import * as tasksRepo from "../tasks/repository.ts";
import { COLUMN_HEADERS, type ColumnKey, type MappedColumn, mapHeader } from "./columns.ts";
import { advanceProgress, endProgress, type Progress, progressOf, startProgress } from "./progress.ts";
import * as repo from "./repository.ts";
import { type Cells, codeKey, codeOccurrences, type PlannedTask, type RowOutcome, validateRow } from "./row-rules.ts";
import type { CellJson } from "./values.ts";
import { foldWords } from "./values.ts";

/*
 * Bringing a unit's existing register in: the file is read into a batch of rows with each row's
 * issues (a preview), staff fix cells or skip rows, and the commit creates the new tasks, with the
 * organisations and people the catalogue lacks, in one transaction. Rows matching a task already
 * on record are left as they are: unchanged, or listed as conflicts, never overwritten.
 */

/** The header row is among the first rows: a register may open with a title and a blank line. */
const HEADER_SEARCH_ROWS = 10;
/** Beyond the row limit, the header and a title may still fit. */
const ROW_SLACK = HEADER_SEARCH_ROWS;
/** An XLSX of `maxRows` rows unpacks to a few MB; more than this is not a register. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

const limitScope = (actor: Actor) => ({ unitId: actor.unitId, regime: DEFAULT_REGIME as Regime });

export async function importLimits(db: Kysely<Database>, actor: Actor) {
  const [maxRows, maxFileBytes] = await Promise.all([
    getParameter(db, limitScope(actor), "import_max_rows"),
    getParameter(db, limitScope(actor), "import_max_file_bytes"),
  ]);
  return { maxRows, maxFileBytes };
}

export function assertMayImport(actor: Actor) {
  if (!canImportTasks(actor)) throw new DomainError("FORBIDDEN", "Only the Department's staff import task registers");
}

const refused = (message: string, fields: Record<string, string>, details?: Record<string, unknown>) =>
  new DomainError("IMPORT_FILE_INVALID", message, fields, details);

// ---- reading the file into a batch

/**
 * Reads an uploaded register into a new batch. A file that cannot be a register (wrong type,
 * wrong columns, merged cells, too many rows) is refused whole, with where the problem is, and
 * not kept.
 */
export async function createImport(
  db: Kysely<Database>,
  store: FileStore,
  actor: Actor,
  file: ReceivedFile,
  requestedUnitId: number | undefined,
) {
  try {
    assertMayImport(actor);
    const unitId = requestedUnitId ?? actor.unitId;
    if (unitId === null) throw new DomainError("VALIDATION_FAILED", "Choose the unit", { managingUnitId: "Required" });
    const unit = await repo.unitName(db, unitId);
    if (!canImportIntoUnit(actor, unitId)) {
      throw new DomainError("FORBIDDEN", "You import into your own unit only", { managingUnitId: "Not your unit" });
    }
    if (unit?.kind !== "department") {
      throw new DomainError("VALIDATION_FAILED", "No such department", { managingUnitId: "No such department" });
    }
    const limits = await importLimits(db, actor);
    if (file.size === 0) throw refused("The file is empty", { file: "The file is empty" });
    if (file.size > limits.maxFileBytes) {
      throw new DomainError(
        "PAYLOAD_TOO_LARGE",
        `A register file may be at most ${megabytes(limits.maxFileBytes)} MB`,
        { file: `At most ${megabytes(limits.maxFileBytes)} MB` },
        { maxFileBytes: limits.maxFileBytes },
      );
    }
    const kind = await sniff(file.head);
    const sheet = await read(path.join(store.dir, file.key), kind, limits.maxRows);
    const { columns, dataRows } = shapeSheet(sheet.rows, sheet.merges, limits.maxRows);

    const cellsOf = (cells: CellValue[]): Cells => {
      const out: Cells = {};
      for (const column of columns) out[column.key] = toJson(cells[column.index] ?? null);
      return out;
    };
    const rows: repo.StoredRow[] = dataRows.map((r) => ({
      rowNumber: r.rowNumber,
      cells: cellsOf(r.cells),
      issues: [],
      status: "error",
      outcome: {},
      skipped: false,
      fixed: false,
      taskId: null,
    }));
    const name = cleanName(file.name) || `danh-muc.${kind}`;
    return await db.transaction().execute(async (trx) => {
      const stored = await trx
        .insertInto("stored_file")
        .values({
          sha256: file.sha256,
          original_name: name,
          content_type: kind === "xlsx" ? XLSX_MIME : "text/csv",
          size_bytes: file.size,
          storage_key: file.key,
          uploaded_by: actor.userId,
        })
        .returning(["id"])
        .executeTakeFirstOrThrow();
      const outcomes = await evaluate(trx, unitId, columns, rows);
      for (const row of rows) Object.assign(row, storedOutcome(outcomes.get(row.rowNumber)));
      const batch = await repo.insertBatch(trx, {
        managingUnitId: unitId,
        fileId: stored.id,
        fileName: name,
        format: kind,
        columns,
        rowCount: rows.length,
        createdBy: actor.userId,
      });
      await repo.insertRows(trx, batch.id, rows);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "import.uploaded",
        entityType: "import_batch",
        entityId: batch.id,
        data: { file: name, fileId: stored.id, rows: rows.length, unitId, sha256: file.sha256 },
      });
      return getImport(trx, actor, batch.id, { page: 1, pageSize: 50, filter: "all" });
    });
  } catch (error) {
    await store.remove(file.key);
    throw error;
  }
}

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function sniff(head: Uint8Array): Promise<SpreadsheetKind> {
  try {
    return await sniffSpreadsheet(head);
  } catch (error) {
    if (error instanceof SpreadsheetError) {
      throw new DomainError(
        "UNSUPPORTED_FILE_TYPE",
        `${error.message}: save the register as .xlsx or as CSV (UTF-8)`,
        { file: "Not an XLSX or CSV file" },
        { problem: error.problem },
      );
    }
    throw error;
  }
}

async function read(path: string, kind: SpreadsheetKind, maxRows: number) {
  try {
    return await readSpreadsheet(path, kind, { maxRows: maxRows + ROW_SLACK, maxUnpackedBytes: MAX_UNPACKED_BYTES });
  } catch (error) {
    if (!(error instanceof SpreadsheetError)) throw error;
    if (error.problem.code === "TOO_MANY_ROWS") throw tooManyRows(maxRows);
    if (error.problem.code === "TOO_LARGE_UNPACKED") {
      throw new DomainError("PAYLOAD_TOO_LARGE", error.message, { file: error.message }, { problem: error.problem });
    }
    throw refused(error.message, { file: error.message }, { problem: error.problem });
  }
}

const tooManyRows = (maxRows: number) =>
  refused(
    `A register import holds at most ${maxRows} tasks: split the file`,
    { file: `At most ${maxRows} rows` },
    { problem: { code: "TOO_MANY_ROWS", maxRows } },
  );

/** Finds the header row, maps its columns and refuses a sheet whose shape is not a register's. */
export function shapeSheet(
  rows: readonly { rowNumber: number; cells: CellValue[] }[],
  merges: readonly string[],
  maxRows: number,
): { columns: MappedColumn[]; headerRowNumber: number; dataRows: { rowNumber: number; cells: CellValue[] }[] } {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  let headerAt = candidates.findIndex((r) => mapHeader(r.cells.map(toJson)).columns.length >= 3);
  if (headerAt < 0) headerAt = 0;
  const header = rows[headerAt];
  if (!header) throw refused("The sheet is empty", { file: "The sheet is empty" });
  const mapping = mapHeader(header.cells.map(toJson));
  if (mapping.missing.length > 0 || mapping.unknown.length > 0 || mapping.repeated.length > 0) {
    const parts = [
      mapping.missing.length > 0 ? `missing ${mapping.missing.map((k) => `“${COLUMN_HEADERS[k]}”`).join(", ")}` : "",
      mapping.unknown.length > 0
        ? `not recognised ${mapping.unknown.map((u) => `${u.letter}${header.rowNumber} “${u.header}”`).join(", ")}`
        : "",
      mapping.repeated.length > 0
        ? `repeated ${mapping.repeated.map((u) => `${u.letter}${header.rowNumber} “${u.header}”`).join(", ")}`
        : "",
    ].filter(Boolean);
    throw refused(
      `The columns do not match the register (row ${header.rowNumber}): ${parts.join("; ")}`,
      { columns: parts.join("; ") },
      {
        problem: {
          code: "COLUMNS",
          headerRow: header.rowNumber,
          missing: mapping.missing.map((key) => ({ key, header: COLUMN_HEADERS[key] })),
          unknown: mapping.unknown,
          repeated: mapping.repeated,
        },
      },
    );
  }
  // A merged title above the header is harmless; merged cells in the table hide which row a value belongs to.
  const inTable = merges.filter((range) => lastRowOf(range) >= header.rowNumber);
  if (inTable.length > 0) {
    throw refused(
      `The table has merged cells (${inTable.join(", ")}): unmerge them so each row carries its own values`,
      { file: `Merged cells: ${inTable.join(", ")}` },
      { problem: { code: "MERGED_CELLS", ranges: inTable } },
    );
  }
  const dataRows = rows.slice(headerAt + 1);
  if (dataRows.length === 0) throw refused("The register has no task rows", { file: "No task rows" });
  if (dataRows.length > maxRows) throw tooManyRows(maxRows);
  return { columns: mapping.columns, headerRowNumber: header.rowNumber, dataRows };
}

function lastRowOf(range: string): number {
  const end = range.split(":").pop() ?? range;
  return Number(/\d+$/.exec(end)?.[0] ?? 0);
}

/** Cells as they are stored: a date cell becomes its ISO date (read-excel-file gives UTC midnight). */
function toJson(value: CellValue): CellJson {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return value;
}

function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  return base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .slice(0, 255);
}

// ---- validation against the catalogue and the unit's tasks

async function evaluate(
  db: Kysely<Database>,
  unitId: number,
  columns: readonly MappedColumn[],
  rows: readonly repo.StoredRow[],
): Promise<Map<number, RowOutcome>> {
  const codeRows = codeOccurrences(rows);
  const allCodes = new Set(codeRows.keys());
  for (const row of rows) {
    const code = row.cells.code;
    if (row.skipped && typeof code === "string") allCodes.add(codeKey(code));
  }
  const [catalogue, existing] = await Promise.all([repo.loadCatalogue(db), repo.tasksWithCodes(db, [...allCodes])]);
  const ctx = {
    unitId,
    columns,
    catalogue,
    existing: new Map(existing.map((t) => [codeKey(t.code), t])),
    codeRows,
  };
  return new Map(rows.map((row) => [row.rowNumber, validateRow(row.cells, ctx)]));
}

function storedOutcome(outcome: RowOutcome | undefined): Pick<repo.StoredRow, "issues" | "status" | "outcome"> {
  if (!outcome) return { issues: [], status: "error", outcome: {} };
  return {
    issues: outcome.issues,
    status: outcome.status,
    outcome: {
      ...(Object.keys(outcome.creates).length > 0 && outcome.status === "new" ? { creates: outcome.creates } : {}),
      ...(outcome.differences.length > 0 ? { differences: outcome.differences } : {}),
      existingTaskId: outcome.existingTaskId,
    },
  };
}

/** Judges every row again (a fix or a skip can settle or raise a duplicate elsewhere) and stores what changed. */
async function revalidate(db: Kysely<Database>, batch: { id: number; managing_unit_id: number; columns: unknown }) {
  const rows = await repo.allRows(db, batch.id);
  const outcomes = await evaluate(db, batch.managing_unit_id, batch.columns as MappedColumn[], rows);
  for (const row of rows) {
    const next = storedOutcome(outcomes.get(row.rowNumber));
    const before = JSON.stringify([row.issues, row.status, row.outcome]);
    if (before !== JSON.stringify([next.issues, next.status, next.outcome])) {
      await repo.updateRow(db, batch.id, row.rowNumber, next);
    }
  }
  return { rows, outcomes };
}

// ---- the preview

export interface PreviewQuery {
  page: number;
  pageSize: number;
  filter: repo.RowFilter;
}

async function visibleBatch(db: Kysely<Database>, actor: Actor, id: number) {
  const batch = await repo.findBatch(db, id);
  if (!batch || !canWorkOnImport(actor, { managingUnitId: batch.managing_unit_id })) throw notFound("Import");
  return batch;
}

export async function getImport(db: Kysely<Database>, actor: Actor, id: number, query: PreviewQuery) {
  const batch = await visibleBatch(db, actor, id);
  const all = await repo.allRows(db, id);
  const page = await repo.pageOfRows(db, id, query.filter, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const columns = batch.columns as MappedColumn[];
  const counts = { total: all.length, new: 0, unchanged: 0, conflict: 0, error: 0, skipped: 0 };
  const organisations = new Map<string, string>();
  const people = new Map<string, { fullName: string; organisation: string }>();
  for (const row of all) {
    if (row.skipped) {
      counts.skipped++;
      continue;
    }
    counts[row.status]++;
    const creates = row.status === "new" ? row.outcome.creates : undefined;
    if (creates?.organisation) organisations.set(foldWords(creates.organisation), creates.organisation);
    if (creates?.person) {
      const organisation = String(row.cells.host ?? "");
      people.set(`${foldWords(creates.person)}|${foldWords(organisation)}`, {
        fullName: creates.person,
        organisation,
      });
    }
  }
  const progress: Progress | null =
    progressOf(id) ?? (batch.status === "committed" ? { done: 1, total: 1, state: "done" } : null);
  return {
    id: batch.id,
    fileName: batch.file_name,
    format: batch.format,
    status: batch.status,
    managingUnit: { id: batch.managing_unit_id, name: batch.unit_name },
    createdAt: batch.created_at.toISOString(),
    committedAt: batch.committed_at ? batch.committed_at.toISOString() : null,
    columns: columns.map((c) => ({
      key: c.key,
      header: c.header,
      letter: c.letter,
      unit: c.unit ?? null,
      year: c.year ?? null,
      source: c.source ?? null,
    })),
    counts,
    creates: { organisations: [...organisations.values()], people: [...people.values()] },
    canCommit: batch.status === "preview" && counts.error === 0 && counts.new + counts.unchanged + counts.conflict > 0,
    progress,
    result: (batch.result as CommitResult | null) ?? null,
    rows: page.rows.map((row) => rowView(row, columns)),
    page: query.page,
    pageSize: query.pageSize,
    rowTotal: page.total,
  };
}

function rowView(row: repo.StoredRow, columns: readonly MappedColumn[]) {
  const letterOf = new Map(columns.map((c) => [c.key, c.letter]));
  return {
    rowNumber: row.rowNumber,
    cells: row.cells as Record<string, CellJson>,
    status: row.status,
    skipped: row.skipped,
    fixed: row.fixed,
    issues: row.issues.map((issue) => {
      const letter = issue.column === "row" ? undefined : letterOf.get(issue.column);
      return { ...issue, cell: letter ? `${letter}${row.rowNumber}` : null };
    }),
    creates: row.status === "new" ? (row.outcome.creates ?? {}) : {},
    differences: row.outcome.differences ?? [],
    existingTaskId: row.outcome.existingTaskId ?? null,
    taskId: row.taskId,
  };
}

// ---- fixing and skipping rows

async function lockedPreview(trx: Kysely<Database>, actor: Actor, id: number) {
  const batch = await repo.lockBatch(trx, id);
  if (!batch || !canWorkOnImport(actor, { managingUnitId: batch.managing_unit_id })) throw notFound("Import");
  if (batch.status !== "preview") {
    throw new DomainError("IMPORT_CLOSED", "This import has been committed: upload the file again to import more");
  }
  return batch;
}

export async function fixRow(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  rowNumber: number,
  cells: Record<string, string | null>,
) {
  const row = await db.transaction().execute(async (trx) => {
    const batch = await lockedPreview(trx, actor, id);
    const row = await repo.findRow(trx, id, rowNumber);
    if (!row) throw notFound("Row");
    const known = new Set((batch.columns as MappedColumn[]).map((c) => c.key as string));
    const unknown = Object.keys(cells).filter((k) => !known.has(k));
    if (unknown.length > 0) {
      throw new DomainError(
        "VALIDATION_FAILED",
        "The file has no such column",
        Object.fromEntries(unknown.map((k) => [`cells.${k}`, "Not a column of this file"])),
      );
    }
    const next: Cells = { ...row.cells };
    for (const [key, value] of Object.entries(cells)) {
      const trimmed = value === null ? null : value.trim();
      next[key as ColumnKey] = trimmed === "" ? null : trimmed;
    }
    await repo.updateRow(trx, id, rowNumber, { cells: next, fixed: true });
    await revalidate(trx, batch);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "import.row_fixed",
      entityType: "import_batch",
      entityId: id,
      data: { rowNumber, cells },
    });
    const after = await repo.findRow(trx, id, rowNumber);
    return rowView(after ?? row, batch.columns as MappedColumn[]);
  });
  return row;
}

export async function skipRow(db: Kysely<Database>, actor: Actor, id: number, rowNumber: number, skipped: boolean) {
  return db.transaction().execute(async (trx) => {
    const batch = await lockedPreview(trx, actor, id);
    const row = await repo.findRow(trx, id, rowNumber);
    if (!row) throw notFound("Row");
    if (row.skipped !== skipped) {
      await repo.updateRow(trx, id, rowNumber, { skipped });
      await revalidate(trx, batch);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: skipped ? "import.row_skipped" : "import.row_restored",
        entityType: "import_batch",
        entityId: id,
        data: { rowNumber },
      });
    }
    const after = await repo.findRow(trx, id, rowNumber);
    return rowView(after ?? row, batch.columns as MappedColumn[]);
  });
}

// ---- the commit

export interface CommitResult {
  created: number;
  unchanged: number;
  conflicts: number;
  skipped: number;
  organisationsCreated: string[];
  peopleCreated: string[];
  tasks: { id: number; code: string; title: string; rowNumber: number }[];
  conflictRows: { rowNumber: number; code: string; taskId: number | null }[];
}

/**
 * Creates the batch's new tasks in one transaction, every row judged again first: any row not
 * skipped that has an error refuses the whole commit, and a failure on any row undoes them all.
 */
export async function commitImport(db: Kysely<Database>, actor: Actor, id: number, idempotencyKey?: string) {
  const hash = idempotencyKey ? requestHash("POST", `/imports/${id}/commit`, {}) : null;
  try {
    return await db.transaction().execute(async (trx) => {
      if (idempotencyKey && hash) {
        const stored = await storedAnswer<CommitResult>(trx, actor.userId, idempotencyKey, hash);
        if (stored) return { result: stored.body, replayed: true };
      }
      const batch = await lockedPreview(trx, actor, id);
      const rows = await repo.allRows(trx, id);
      const outcomes = await evaluate(trx, batch.managing_unit_id, batch.columns as MappedColumn[], rows);
      const live = rows.filter((r) => !r.skipped);
      const failing = live.filter((r) => outcomes.get(r.rowNumber)?.status === "error");
      if (failing.length > 0) {
        throw new DomainError(
          "IMPORT_NOT_READY",
          `${failing.length} rows still have errors: fix or skip them first`,
          {
            rows: failing
              .slice(0, 20)
              .map((r) => r.rowNumber)
              .join(", "),
          },
          { errorRows: failing.map((r) => r.rowNumber) },
        );
      }
      const toCreate = live.filter((r) => outcomes.get(r.rowNumber)?.status === "new");
      if (live.length === 0) {
        throw new DomainError("IMPORT_NOT_READY", "Every row is skipped: there is nothing to import");
      }
      startProgress(id, idempotencyKey, toCreate.length);
      const created = new Creator(trx, actor, batch.managing_unit_id);
      const result: CommitResult = {
        created: 0,
        unchanged: live.filter((r) => outcomes.get(r.rowNumber)?.status === "unchanged").length,
        conflicts: 0,
        skipped: rows.length - live.length,
        organisationsCreated: [],
        peopleCreated: [],
        tasks: [],
        conflictRows: live
          .filter((r) => outcomes.get(r.rowNumber)?.status === "conflict")
          .map((r) => ({
            rowNumber: r.rowNumber,
            code: String(r.cells.code ?? ""),
            taskId: outcomes.get(r.rowNumber)?.existingTaskId ?? null,
          })),
      };
      result.conflicts = result.conflictRows.length;
      for (const [i, row] of toCreate.entries()) {
        const task = outcomes.get(row.rowNumber)?.task;
        if (!task) continue;
        const taskId = await created.task(task, id, row.rowNumber);
        await repo.updateRow(trx, id, row.rowNumber, { taskId });
        result.tasks.push({ id: taskId, code: task.code, title: task.title, rowNumber: row.rowNumber });
        advanceProgress(id, i + 1);
      }
      result.created = result.tasks.length;
      result.organisationsCreated = created.organisationNames;
      result.peopleCreated = created.personNames;
      await repo.markCommitted(trx, id, actor.userId, result);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "import.committed",
        entityType: "import_batch",
        entityId: id,
        data: {
          file: batch.file_name,
          unitId: batch.managing_unit_id,
          created: result.created,
          unchanged: result.unchanged,
          conflicts: result.conflicts,
          skipped: result.skipped,
          organisationsCreated: result.organisationsCreated,
          peopleCreated: result.peopleCreated,
          taskIds: result.tasks.map((t) => t.id),
        },
      });
      if (idempotencyKey && hash)
        await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 200, body: result });
      return { result, replayed: false };
    });
  } catch (error) {
    endProgress(id, "failed");
    // Show in the preview what the commit found: the data may have moved since the file was read.
    if (error instanceof DomainError && error.code === "IMPORT_NOT_READY") {
      await db.transaction().execute(async (trx) => {
        const batch = await repo.lockBatch(trx, id);
        if (batch?.status === "preview") await revalidate(trx, batch);
      });
    }
    throw error;
  } finally {
    if (progressOf(id)?.state === "running") endProgress(id, "done");
  }
}

/** Writes a commit's tasks, creating each missing organisation and person once. */
class Creator {
  readonly organisationNames: string[] = [];
  readonly personNames: string[] = [];
  readonly #organisations = new Map<string, number>();
  readonly #people = new Map<string, number>();
  constructor(
    readonly trx: Kysely<Database>,
    readonly actor: Actor,
    readonly unitId: number,
  ) {}

  async task(task: PlannedTask, batchId: number, rowNumber: number): Promise<number> {
    try {
      return await this.#task(task, batchId, rowNumber);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // What the database refused that the rules did not foresee: name the row, undo everything.
      console.warn(`Import ${batchId}, row ${rowNumber} failed`, error);
      const duplicate = isUniqueViolation(error, "task_code_key");
      throw new DomainError(
        "IMPORT_ROW_FAILED",
        duplicate
          ? `Row ${rowNumber}: another task took the code ${task.code} meanwhile; nothing was imported`
          : `Row ${rowNumber} could not be saved; nothing was imported`,
        { row: String(rowNumber) },
        { rowNumber },
      );
    }
  }

  async #task(task: PlannedTask, batchId: number, rowNumber: number): Promise<number> {
    const hostId = await this.#organisation(task.host);
    const piId = await this.#person(task.pi, hostId);
    const { id } = await tasksRepo.insertTask(this.trx, {
      code: task.code,
      title: task.title,
      kind: task.kind,
      field: task.field,
      regime: task.regime,
      managing_unit_id: this.unitId,
      former_province_id: null,
      host_organisation_id: hostId,
      pi_person_id: piId,
      start_date: task.startDate,
      end_date: task.endDate,
      funding_mode: task.fundingMode,
      total_budget: task.totalBudget,
      state_budget: task.stateBudget,
      stage: task.stage,
      objectives: null,
      created_by: this.actor.userId,
      search_text: taskSearchText(task.code, task.title),
    });
    await tasksRepo.replaceThemes(this.trx, id, task.themeIds);
    await tasksRepo.replaceTeam(this.trx, id, [{ personId: piId, role: "pi" }]);
    if (task.lines.length > 0) {
      await savePlan(this.trx, {
        taskId: id,
        reason: `Nhập từ danh mục nhiệm vụ (lượt nhập ${batchId}, dòng ${rowNumber})`,
        lines: task.lines.map((l) => ({ source: l.source, year: l.year, category: null, amount: l.amount })),
        createdBy: this.actor.userId,
      });
    }
    if (task.stage === "in_progress") await scheduleReports(this.trx, id, { actorUserId: this.actor.userId });
    await appendAudit(this.trx, {
      actorUserId: this.actor.userId,
      action: "task.imported",
      entityType: "task",
      entityId: id,
      taskId: id,
      data: {
        batchId,
        rowNumber,
        code: task.code,
        stage: task.stage,
        totalBudget: task.totalBudget,
        stateBudget: task.stateBudget,
        hostOrganisationId: hostId,
        piPersonId: piId,
        themeIds: task.themeIds,
      },
    });
    return id;
  }

  async #organisation(ref: PlannedTask["host"]): Promise<number> {
    if ("id" in ref) return ref.id;
    const key = foldWords(ref.create.name);
    const known = this.#organisations.get(key);
    if (known !== undefined) return known;
    const { id } = await repo.insertOrganisation(this.trx, ref.create.name, ref.create.kind);
    await appendAudit(this.trx, {
      actorUserId: this.actor.userId,
      action: "organisation.created",
      entityType: "organisation",
      entityId: id,
      data: { name: ref.create.name, kind: ref.create.kind, source: "import" },
    });
    this.#organisations.set(key, id);
    this.organisationNames.push(ref.create.name);
    return id;
  }

  async #person(ref: PlannedTask["pi"], hostId: number): Promise<number> {
    if ("id" in ref) return ref.id;
    const key = `${foldWords(ref.create.fullName)}|${hostId}`;
    const known = this.#people.get(key);
    if (known !== undefined) return known;
    const { id } = await repo.insertPerson(this.trx, {
      fullName: ref.create.fullName,
      title: ref.create.title,
      organisationId: hostId,
    });
    await appendAudit(this.trx, {
      actorUserId: this.actor.userId,
      action: "person.created",
      entityType: "person",
      entityId: id,
      data: { fullName: ref.create.fullName, title: ref.create.title, organisationId: hostId, source: "import" },
    });
    this.#people.set(key, id);
    this.personNames.push(ref.create.fullName);
    return id;
  }
}
