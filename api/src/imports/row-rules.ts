import type {
  BudgetSource,
  FundingMode,
  ImportRowStatus,
  OrganisationKind,
  Regime,
  Stage,
  TaskField,
  TaskKind,
} from "@khcn/db/schema";
import { DEFAULT_FUNDING_MODE } from "../tasks/record.ts";
import type { ColumnKey, MappedColumn } from "./columns.ts";
import {
  type CellJson,
  cellText,
  foldWords,
  parseAmount,
  parseDate,
  parseField,
  parseKind,
  parseStage,
  splitList,
  splitPersonName,
} from "./values.ts";

/*
 * What one register row means, checked against the catalogue and the unit's tasks: the task it
 * would create (with the organisation and person it would add), or the existing task it matches
 * (unchanged, or in conflict: the differences are listed, never applied), or why it cannot be read.
 * Pure, so the preview, each fix and the commit judge a row the same way.
 */

export type Cells = Partial<Record<ColumnKey, CellJson>>;

export const ISSUE_CODES = [
  "REQUIRED",
  "TEXT_TOO_LONG",
  "CODE_INVALID",
  "UNKNOWN_KIND",
  "UNKNOWN_FIELD",
  "UNKNOWN_STAGE",
  "UNKNOWN_THEME",
  "ARCHIVED_THEME",
  "DATE_INVALID",
  "DATE_ORDER",
  "DATES_REQUIRED",
  "AMOUNT_TEXT",
  "AMOUNT_NEGATIVE",
  "AMOUNT_FRACTIONAL",
  "AMOUNT_TOO_LARGE",
  "BUDGET_SUM_MISMATCH",
  "STATE_SUM_MISMATCH",
  "STATE_OVER_TOTAL",
  "YEAR_OUTSIDE_TASK",
  "DUPLICATE_CODE_IN_FILE",
  "CODE_OF_OTHER_UNIT",
  "PERSON_AMBIGUOUS",
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface Issue {
  column: ColumnKey | "row";
  code: IssueCode;
  message: string;
  params?: Record<string, string | number>;
}

export interface CatalogueTheme {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string;
  archived: boolean;
}
export interface CatalogueOrganisation {
  id: number;
  name: string;
  shortName: string | null;
}
export interface CataloguePerson {
  id: number;
  fullName: string;
  organisationId: number | null;
}

export interface BudgetLine {
  source: BudgetSource;
  year: number;
  /** Whole đồng as a decimal string. */
  amount: string;
}

/** What the comparison needs of a task that already has the row's code. */
export interface ExistingTask {
  id: number;
  code: string;
  managingUnitId: number;
  title: string;
  kind: TaskKind;
  field: TaskField;
  stage: Stage;
  startDate: string | null;
  endDate: string | null;
  totalBudget: string;
  stateBudget: string;
  hostOrganisationId: number | null;
  hostName: string | null;
  piPersonId: number | null;
  piName: string | null;
  themeIds: number[];
  /** Summed over categories, per source and year. */
  lines: BudgetLine[];
}

export interface Catalogue {
  themes: CatalogueTheme[];
  organisations: CatalogueOrganisation[];
  people: CataloguePerson[];
}

export interface ValidationContext {
  unitId: number;
  columns: readonly MappedColumn[];
  catalogue: Catalogue;
  /** Tasks of any unit holding a code the file uses, by code. */
  existing: ReadonlyMap<string, ExistingTask>;
  /** Row numbers of the non-skipped rows using each code. */
  codeRows: ReadonlyMap<string, readonly number[]>;
}

export type OrganisationRef = { id: number; name: string } | { create: { name: string; kind: OrganisationKind } };
export type PersonRef =
  | { id: number; fullName: string }
  | { create: { fullName: string; title: string | null; organisation: string } };

export interface PlannedTask {
  code: string;
  title: string;
  kind: TaskKind;
  field: TaskField;
  stage: Stage;
  regime: Regime;
  fundingMode: FundingMode;
  startDate: string | null;
  endDate: string | null;
  totalBudget: string;
  stateBudget: string;
  lines: BudgetLine[];
  themeIds: number[];
  host: OrganisationRef;
  pi: PersonRef;
}

export interface Difference {
  field: string;
  file: string;
  current: string;
}

export interface RowOutcome {
  status: ImportRowStatus;
  issues: Issue[];
  task: PlannedTask | null;
  /** Names of the organisation and person the row adds to the catalogue. */
  creates: { organisation?: string; person?: string };
  existingTaskId: number | null;
  differences: Difference[];
}

/** Stages a task reaches only with a decision fixing its duration: its dates must be known. */
const DATED_STAGES: readonly Stage[] = [
  "approved",
  "in_progress",
  "acceptance",
  "recognition",
  "registration",
  "settlement",
  "closed",
  "terminated",
  "failed",
];

/** Law 93/2025/QH15 is in force from this day; a task started before stays under the 2013 law. */
const LAW_93_IN_FORCE = "2025-10-01";

const AMOUNT_MESSAGES = {
  AMOUNT_TEXT: "Not an amount of money",
  AMOUNT_NEGATIVE: "An amount cannot be negative",
  AMOUNT_FRACTIONAL: "An amount must be whole đồng",
  AMOUNT_TOO_LARGE: "The amount is too large",
} as const;

export function codeKey(code: string): string {
  return code.normalize("NFC").trim().toUpperCase();
}

/** The row numbers using each code among the rows that will be imported. */
export function codeOccurrences(rows: readonly { rowNumber: number; cells: Cells; skipped: boolean }[]) {
  const map = new Map<string, number[]>();
  for (const row of rows) {
    if (row.skipped) continue;
    const code = cellText(row.cells.code ?? null);
    if (!code) continue;
    const key = codeKey(code);
    map.set(key, [...(map.get(key) ?? []), row.rowNumber]);
  }
  return map;
}

/** An organisation kind from the words of its name, for one the row creates. */
export function guessOrganisationKind(name: string): OrganisationKind {
  const n = foldWords(name);
  if (/^benh vien\b/.test(n)) return "hospital";
  if (/\b(dai hoc|hoc vien|cao dang)\b/.test(n)) return "university";
  if (/^truong\b/.test(n)) return "school";
  if (/^vien\b/.test(n)) return "institute";
  if (/^(cong ty|doanh nghiep|tap doan)\b/.test(n)) return "enterprise";
  if (/^(hop tac xa|htx)\b/.test(n)) return "cooperative";
  if (/^(hoi|lien hiep)\b/.test(n)) return "association";
  return "agency";
}

export function validateRow(cells: Cells, ctx: ValidationContext): RowOutcome {
  const issues: Issue[] = [];
  const creates: RowOutcome["creates"] = {};
  const add = (column: Issue["column"], code: IssueCode, message: string, params?: Issue["params"]) =>
    issues.push({ column, code, message, ...(params ? { params } : {}) });
  const present = new Set(ctx.columns.map((c) => c.key));
  const text = (key: ColumnKey) => cellText(cells[key] ?? null);
  const required = (key: ColumnKey, label: string) => {
    const value = text(key);
    if (value === null) add(key, "REQUIRED", `${label} is missing`);
    return value;
  };

  const code = required("code", "The task code");
  if (code !== null && (code.length > 50 || !/^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u.test(code))) {
    add("code", "CODE_INVALID", "A code has at most 50 letters, digits and . / _ -");
  }
  const title = required("title", "The title");
  if (title !== null && title.length > 1000) add("title", "TEXT_TOO_LONG", "At most 1000 characters", { max: 1000 });

  const vocabulary = <T>(key: ColumnKey, label: string, parse: (c: CellJson) => T | null, problem: IssueCode) => {
    const raw = required(key, label);
    if (raw === null) return null;
    const value = parse(cells[key] ?? null);
    if (value === null) add(key, problem, `“${raw}” is not a known ${label.toLowerCase()}`, { value: raw });
    return value;
  };
  const kind = vocabulary("kind", "Kind", parseKind, "UNKNOWN_KIND");
  const field = vocabulary("field", "Field", parseField, "UNKNOWN_FIELD");
  const stage = vocabulary("stage", "Stage", parseStage, "UNKNOWN_STAGE");

  // Dates
  const date = (key: "startDate" | "endDate") => {
    const parsed = parseDate(cells[key] ?? null);
    if (parsed && !parsed.ok) {
      add(key, "DATE_INVALID", "Not a date: write dd/mm/yyyy", { value: text(key) ?? "" });
      return undefined;
    }
    return parsed?.value ?? null;
  };
  const startDate = date("startDate");
  const endDate = date("endDate");
  if (startDate && endDate && endDate < startDate)
    add("endDate", "DATE_ORDER", "The end date is before the start date");
  if (stage && DATED_STAGES.includes(stage)) {
    for (const key of ["startDate", "endDate"] as const) {
      if ((key === "startDate" ? startDate : endDate) === null) {
        add(key, "DATES_REQUIRED", "A task in this stage has a start and an end date", { stage });
      }
    }
  }

  // Money
  const amount = (column: MappedColumn) => {
    const parsed = parseAmount(cells[column.key] ?? null, column.unit ?? "dong");
    if (parsed && !parsed.ok) {
      add(column.key, parsed.problem, AMOUNT_MESSAGES[parsed.problem], { value: text(column.key) ?? "" });
      return undefined;
    }
    return parsed?.value ?? null;
  };
  const columnOf = (key: ColumnKey) => ctx.columns.find((c) => c.key === key);
  const totalColumn = columnOf("totalBudget");
  const total = totalColumn ? amount(totalColumn) : null;
  if (total === null) add("totalBudget", "REQUIRED", "The total budget is missing: write 0 if none is approved yet");
  const stateColumn = columnOf("stateBudget");
  const stateGiven = stateColumn ? amount(stateColumn) : null;
  const lines: BudgetLine[] = [];
  let linesReadable = true;
  const yearsOk =
    startDate && endDate && startDate <= endDate ? [Number(startDate.slice(0, 4)), Number(endDate.slice(0, 4))] : null;
  for (const column of ctx.columns) {
    if (column.year === undefined || column.source === undefined) continue;
    const value = amount(column);
    if (value === undefined) linesReadable = false;
    if (!value) continue;
    if (yearsOk && (column.year < (yearsOk[0] ?? 0) || column.year > (yearsOk[1] ?? 0))) {
      add(column.key, "YEAR_OUTSIDE_TASK", `${column.year} is outside the task's years`, { year: column.year });
    }
    lines.push({ source: column.source, year: column.year, amount: value.toString() });
  }
  let state: bigint | null = null;
  if (typeof total === "bigint" && stateGiven !== undefined && linesReadable) {
    const stateLines = lines.filter((l) => l.source === "state").reduce((s, l) => s + BigInt(l.amount), 0n);
    const sum = lines.reduce((s, l) => s + BigInt(l.amount), 0n);
    state = stateGiven ?? (lines.length > 0 ? stateLines : total);
    if (lines.length > 0 && sum !== total) {
      add("totalBudget", "BUDGET_SUM_MISMATCH", "The budget by year does not add up to the total", {
        total: total.toString(),
        sum: sum.toString(),
      });
    }
    if (lines.length > 0 && stateGiven !== null && stateLines !== stateGiven) {
      add("stateBudget", "STATE_SUM_MISMATCH", "The state budget by year does not add up to the state budget", {
        state: stateGiven.toString(),
        sum: stateLines.toString(),
      });
    }
    if (state > total) add("stateBudget", "STATE_OVER_TOTAL", "The state budget cannot exceed the total budget");
  }

  // Themes
  const themeIds: number[] = [];
  for (const entry of splitList(cells.themes ?? null)) {
    const key = foldWords(entry);
    const theme = ctx.catalogue.themes.find(
      (t) => t.code.toUpperCase() === entry.toUpperCase() || foldWords(t.nameVi) === key || foldWords(t.nameEn) === key,
    );
    if (!theme) add("themes", "UNKNOWN_THEME", `No theme “${entry}”`, { value: entry });
    else if (theme.archived) add("themes", "ARCHIVED_THEME", `The theme “${entry}” is archived`, { value: entry });
    else if (!themeIds.includes(theme.id)) themeIds.push(theme.id);
  }
  themeIds.sort((a, b) => a - b);

  // Host organisation and PI: found in the catalogue, or created with the import
  const hostName = required("host", "The host organisation");
  let host: OrganisationRef | null = null;
  if (hostName !== null) {
    const key = foldWords(hostName);
    const found = ctx.catalogue.organisations.find(
      (o) => foldWords(o.name) === key || (o.shortName !== null && foldWords(o.shortName) === key),
    );
    if (found) host = { id: found.id, name: found.name };
    else {
      host = { create: { name: hostName, kind: guessOrganisationKind(hostName) } };
      creates.organisation = hostName;
    }
  }
  const piText = required("pi", "The PI");
  let pi: PersonRef | null = null;
  if (piText !== null) {
    const { title: academicTitle, fullName } = splitPersonName(piText);
    const key = foldWords(fullName);
    const namesakes = ctx.catalogue.people.filter((p) => foldWords(p.fullName) === key);
    const atHost = host && "id" in host ? namesakes.filter((p) => p.organisationId === host.id) : [];
    const match = atHost.length === 1 ? atHost[0] : namesakes.length === 1 ? namesakes[0] : undefined;
    if (match) pi = { id: match.id, fullName: match.fullName };
    else if (namesakes.length > 1) {
      add("pi", "PERSON_AMBIGUOUS", `Several people are named ${fullName}: none of them at the host organisation`, {
        value: fullName,
        count: namesakes.length,
      });
    } else if (hostName !== null) {
      pi = { create: { fullName, title: academicTitle, organisation: hostName } };
      creates.person = fullName;
    }
  }

  // The code across the file and the portfolio
  let existing: ExistingTask | undefined;
  if (code !== null) {
    const rows = ctx.codeRows.get(codeKey(code)) ?? [];
    if (rows.length > 1) {
      add("code", "DUPLICATE_CODE_IN_FILE", `The code ${code} is used by rows ${rows.join(", ")}`, {
        rows: rows.join(", "),
      });
    }
    existing = ctx.existing.get(codeKey(code));
    if (existing && existing.managingUnitId !== ctx.unitId) {
      add("code", "CODE_OF_OTHER_UNIT", `Another unit already has a task with the code ${code}`);
      existing = undefined;
    }
  }

  if (
    issues.length > 0 ||
    code === null ||
    title === null ||
    kind === null ||
    field === null ||
    stage === null ||
    startDate === undefined ||
    endDate === undefined ||
    typeof total !== "bigint" ||
    state === null ||
    host === null ||
    pi === null
  ) {
    return { status: "error", issues, task: null, creates, existingTaskId: existing?.id ?? null, differences: [] };
  }

  const regime: Regime =
    kind === "nhiem_vu_dmst" || startDate === null || startDate >= LAW_93_IN_FORCE ? "law_93_2025" : "law_2013";
  const task: PlannedTask = {
    code: code.normalize("NFC"),
    title: title.normalize("NFC"),
    kind,
    field,
    stage,
    regime,
    fundingMode: DEFAULT_FUNDING_MODE[regime],
    startDate,
    endDate,
    totalBudget: total.toString(),
    stateBudget: state.toString(),
    lines: lines.sort((a, b) => a.year - b.year || a.source.localeCompare(b.source)),
    themeIds,
    host,
    pi,
  };
  if (!existing) return { status: "new", issues, task, creates, existingTaskId: null, differences: [] };
  const themeCodes = new Map(ctx.catalogue.themes.map((t) => [t.id, t.code]));
  const differences = compareWithExisting(task, existing, present, (id) => themeCodes.get(id) ?? String(id));
  return {
    status: differences.length === 0 ? "unchanged" : "conflict",
    issues,
    task,
    creates,
    existingTaskId: existing.id,
    differences,
  };
}

/** The fields where the row says something other than the task on record; columns absent from the file are not compared. */
export function compareWithExisting(
  task: PlannedTask,
  existing: ExistingTask,
  present: ReadonlySet<ColumnKey>,
  themeCode: (id: number) => string = String,
): Difference[] {
  const out: Difference[] = [];
  const differ = (field: string, file: unknown, current: unknown) => {
    const a = file === null || file === undefined ? "" : String(file);
    const b = current === null || current === undefined ? "" : String(current);
    if (a !== b) out.push({ field, file: a, current: b });
  };
  differ("title", task.title, existing.title.normalize("NFC"));
  differ("kind", task.kind, existing.kind);
  differ("field", task.field, existing.field);
  differ("stage", task.stage, existing.stage);
  if (present.has("startDate")) differ("startDate", task.startDate, existing.startDate);
  if (present.has("endDate")) differ("endDate", task.endDate, existing.endDate);
  differ("totalBudget", task.totalBudget, existing.totalBudget);
  differ("stateBudget", task.stateBudget, existing.stateBudget);
  const hostId = "id" in task.host ? task.host.id : null;
  if (hostId === null || hostId !== existing.hostOrganisationId) {
    out.push({
      field: "host",
      file: "id" in task.host ? task.host.name : task.host.create.name,
      current: existing.hostName ?? "",
    });
  }
  const piId = "id" in task.pi ? task.pi.id : null;
  if (piId === null || piId !== existing.piPersonId) {
    out.push({
      field: "pi",
      file: "id" in task.pi ? task.pi.fullName : task.pi.create.fullName,
      current: existing.piName ?? "",
    });
  }
  if (present.has("themes")) {
    const codes = (ids: readonly number[]) =>
      [...ids]
        .sort((a, b) => a - b)
        .map(themeCode)
        .join("; ");
    differ("themes", codes(task.themeIds), codes(existing.themeIds));
  }
  if ([...present].some((k) => k.includes(":"))) {
    const show = (lines: BudgetLine[]) =>
      lines
        .filter((l) => l.amount !== "0")
        .map((l) => `${l.source}:${l.year}=${l.amount}`)
        .sort()
        .join("; ");
    differ("lines", show(task.lines), show(existing.lines));
  }
  return out;
}
