import type { SortKey } from "./api/types.ts";
import { vi } from "./i18n/vi.ts";

/*
 * Choices offered in selects. The vocabularies come from the catalogue's keys (typed against the
 * API's unions with `satisfies`), so a value cannot be offered without a name to show for it.
 */

function keysOf<T extends Record<string, unknown>>(record: T): (keyof T & string)[] {
  return Object.keys(record) as (keyof T & string)[];
}

/** Lifecycle order, as the catalogue lists them. */
export const STAGE_OPTIONS = keysOf(vi.stage);
export const KIND_OPTIONS = keysOf(vi.kind);
export const FIELD_OPTIONS = keysOf(vi.field);
export const SORT_OPTIONS: SortKey[] = keysOf(vi.taskList.sort);

export const YEAR_OPTIONS: readonly number[] = [2021, 2022, 2023, 2024, 2025, 2026, 2027];
export const PAGE_SIZE_OPTIONS: readonly number[] = [20, 50, 100];
