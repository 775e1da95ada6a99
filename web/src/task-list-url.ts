import type { TaskListFilter } from "@khcn/api/dashboard/schemas";
import type { TaskListParams } from "./api/client.ts";
import type { SortKey, SortOrder, Stage, TaskField, TaskKind } from "./api/types.ts";
import { FIELD_OPTIONS, KIND_OPTIONS, PAGE_SIZE_OPTIONS, SORT_OPTIONS, STAGE_OPTIONS } from "./options.ts";

/*
 * The task list's filters, sort and page live in the URL query, so a link reproduces the view and
 * the back button undoes a change. This module reads that query leniently (unknown values are
 * ignored, not errors) and writes it minimally (defaults are left out).
 */

export interface TaskListState {
  stage: Stage | undefined;
  theme: number | undefined;
  kind: TaskKind | undefined;
  field: TaskField | undefined;
  host: number | undefined;
  year: number | undefined;
  q: string;
  /** Only the tasks the signed-in person leads or works on ("my tasks"); a scope rather than a filter. */
  mine: boolean;
  /** The dashboard's filters: what is late, what waits, what falls due (see WATCH_KEYS). */
  formerProvince: number | undefined;
  overdueReports: boolean;
  overdueDossier: boolean;
  pendingAdjustment: boolean;
  deadlineWithin: number | undefined;
  deadlineKind: DeadlineKind | undefined;
  budgetYear: number | undefined;
  sort: SortKey;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export type FilterKey = "stage" | "theme" | "kind" | "field" | "host" | "year" | "q";
export const FILTER_KEYS: readonly FilterKey[] = ["stage", "theme", "kind", "field", "host", "year", "q"];

export const DEADLINE_KINDS = ["report", "contract_end", "dossier", "adjustment"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * Filters the dashboard's figures open the list with. The list's own form does not offer them;
 * the list shows each one set as a chip that removes it.
 */
export type WatchKey =
  | "formerProvince"
  | "overdueReports"
  | "overdueDossier"
  | "pendingAdjustment"
  | "deadlineWithin"
  | "budgetYear";
export const WATCH_KEYS: readonly WatchKey[] = [
  "formerProvince",
  "overdueReports",
  "overdueDossier",
  "pendingAdjustment",
  "deadlineWithin",
  "budgetYear",
];

/** The state with every watch filter cleared. */
export const NO_WATCH_FILTERS = {
  formerProvince: undefined,
  overdueReports: false,
  overdueDossier: false,
  pendingAdjustment: false,
  deadlineWithin: undefined,
  deadlineKind: undefined,
  budgetYear: undefined,
} as const satisfies Partial<TaskListState>;

export const DEFAULT_SORT: SortKey = "code";
export const DEFAULT_ORDER: SortOrder = "asc";
export const DEFAULT_PAGE_SIZE = 20;

/** Sorting a column for the first time: money and recency read best largest/newest first. */
export function firstOrderFor(sort: SortKey): SortOrder {
  return sort === "totalBudget" || sort === "updatedAt" ? "desc" : "asc";
}

type RawQuery = Partial<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(options: readonly T[], value: string | undefined): T | undefined {
  return options.find((option) => option === value);
}

function positiveInt(value: string | undefined, max = 2_147_483_647): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const n = Number(value);
  return n >= 1 && n <= max ? n : undefined;
}

export function readTaskListState(query: RawQuery): TaskListState {
  const year = positiveInt(first(query.year), 2100);
  const budgetYear = positiveInt(first(query.budgetYear), 2100);
  const deadlineWithin = positiveInt(first(query.deadlineWithin), 366);
  const pageSize = positiveInt(first(query.pageSize));
  return {
    // The API accepts several stages; the list offers one, so the first known one is kept.
    stage: oneOf(STAGE_OPTIONS, first(query.stage)?.split(",")[0]?.trim()),
    theme: positiveInt(first(query.theme)),
    kind: oneOf(KIND_OPTIONS, first(query.kind)),
    field: oneOf(FIELD_OPTIONS, first(query.field)),
    host: positiveInt(first(query.host)),
    year: year !== undefined && year >= 2000 ? year : undefined,
    q: (first(query.q) ?? "").trim().slice(0, 200),
    mine: first(query.mine) === "true",
    formerProvince: positiveInt(first(query.formerProvince)),
    overdueReports: first(query.overdueReports) === "true",
    overdueDossier: first(query.overdueDossier) === "true",
    pendingAdjustment: first(query.pendingAdjustment) === "true",
    deadlineWithin,
    // A kind narrows a window; alone it means nothing.
    deadlineKind: deadlineWithin !== undefined ? oneOf(DEADLINE_KINDS, first(query.deadlineKind)) : undefined,
    budgetYear: budgetYear !== undefined && budgetYear >= 2000 ? budgetYear : undefined,
    sort: oneOf(SORT_OPTIONS, first(query.sort)) ?? DEFAULT_SORT,
    order: oneOf(["asc", "desc"] as const, first(query.order)) ?? DEFAULT_ORDER,
    page: positiveInt(first(query.page), 100_000) ?? 1,
    pageSize: pageSize !== undefined && PAGE_SIZE_OPTIONS.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** What the API is asked for. */
export function toTaskListParams(state: TaskListState): TaskListParams {
  const params: TaskListParams = {
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
  if (state.stage) params.stage = [state.stage];
  if (state.theme !== undefined) params.theme = state.theme;
  if (state.kind) params.kind = state.kind;
  if (state.field) params.field = state.field;
  if (state.host !== undefined) params.host = state.host;
  if (state.year !== undefined) params.year = state.year;
  if (state.q) params.q = state.q;
  if (state.mine) params.mine = true;
  if (state.formerProvince !== undefined) params.formerProvince = state.formerProvince;
  if (state.overdueReports) params.overdueReports = true;
  if (state.overdueDossier) params.overdueDossier = true;
  if (state.pendingAdjustment) params.pendingAdjustment = true;
  if (state.deadlineWithin !== undefined) params.deadlineWithin = state.deadlineWithin;
  if (state.deadlineKind) params.deadlineKind = state.deadlineKind;
  if (state.budgetYear !== undefined) params.budgetYear = state.budgetYear;
  return params;
}

/** The query of the list's export: the same filters and order, no page. */
export function toExportSearch(state: TaskListState, format: "xlsx" | "csv"): string {
  const { page: _page, pageSize: _pageSize, ...params } = toTaskListParams(state);
  const search = new URLSearchParams({ format });
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    search.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  return `?${search.toString()}`;
}

/** The list's URL query for a dashboard figure's filter. */
export function filterSearch(filter: TaskListFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    // The list shows one stage; a figure never stands for more.
    search.set(key, Array.isArray(value) ? String(value[0]) : String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** The watch filters set in a state, for chips that remove them. */
export function activeWatchKeys(state: TaskListState): WatchKey[] {
  return WATCH_KEYS.filter((key) => {
    const value = state[key];
    return value !== undefined && value !== false;
  });
}

/** The URL query for a state: defaults left out, stable key order. */
export function toSearchString(state: TaskListState): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  if (state.mine) search.set("mine", "true");
  for (const key of WATCH_KEYS) {
    const value = state[key];
    if (value !== undefined && value !== false) search.set(key, String(value));
  }
  if (state.deadlineKind) search.set("deadlineKind", state.deadlineKind);
  if (state.sort !== DEFAULT_SORT || state.order !== DEFAULT_ORDER) {
    search.set("sort", state.sort);
    search.set("order", state.order);
  }
  if (state.page !== 1) search.set("page", String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) search.set("pageSize", String(state.pageSize));
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function activeFilterCount(state: TaskListState): number {
  return (
    FILTER_KEYS.filter((key) => state[key] !== undefined && state[key] !== "").length + activeWatchKeys(state).length
  );
}
