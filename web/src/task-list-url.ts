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
  sort: SortKey;
  order: SortOrder;
  page: number;
  pageSize: number;
}

export type FilterKey = "stage" | "theme" | "kind" | "field" | "host" | "year" | "q";
export const FILTER_KEYS: readonly FilterKey[] = ["stage", "theme", "kind", "field", "host", "year", "q"];

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
  return params;
}

/** The URL query for a state: defaults left out, stable key order. */
export function toSearchString(state: TaskListState): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state[key];
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  if (state.mine) search.set("mine", "true");
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
  return FILTER_KEYS.filter((key) => state[key] !== undefined && state[key] !== "").length;
}
