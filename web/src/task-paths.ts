import { HOME_PATH } from "./sign-in-redirect.ts";

/** Addresses of the task pages. */
export const NEW_TASK_PATH = `${HOME_PATH}/moi`;
/** Adjustment requests awaiting a decision (staff and heads). */
export const PENDING_ADJUSTMENTS_PATH = "/dieu-chinh";

/** Tabs of the task page as the URL names them (`?tab=tien-trinh`); the overview has no name. */
export const TASK_TABS = [
  "tien-trinh",
  "lich-su",
  "kiem-tra",
  "dieu-chinh",
  "bao-cao",
  "hoi-dong",
  "kinh-phi",
] as const;
export type TaskTab = (typeof TASK_TABS)[number];

export const isTaskTab = (value: unknown): value is TaskTab => TASK_TABS.some((tab) => tab === value);

export const taskPath = (id: number, tab?: TaskTab) => `${HOME_PATH}/${id}${tab ? `?tab=${tab}` : ""}`;
/** The edit form; `back` is the tab to return to when done. */
export const taskEditPath = (id: number, back?: TaskTab) => `${HOME_PATH}/${id}/chinh-sua${back ? `?tab=${back}` : ""}`;

/** A task id from the URL, or null for anything that cannot be one. */
export function parseTaskId(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
