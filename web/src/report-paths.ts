import { HOME_PATH } from "./sign-in-redirect.ts";

/** Addresses of the report pages. */
export const REPORTS_PATH = "/bao-cao";
export const REPORTS_TAB = "bao-cao";

export const reportPagePath = (taskId: number, periodId: number) => `${HOME_PATH}/${taskId}/bao-cao/${periodId}`;
export const taskReportsPath = (taskId: number) => `${HOME_PATH}/${taskId}?tab=${REPORTS_TAB}`;

/** A period id from the URL, or null for anything that cannot be one. */
export function parsePeriodId(value: string | undefined): number | null {
  if (!value || !/^\d{1,10}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}
