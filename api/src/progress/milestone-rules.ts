import { daysBetween } from "../reports/schedule.ts";
import type { ReportedItem } from "./reports-link.ts";

/*
 * A task's milestones are the contract's content items and products with their planned dates.
 * These pure functions say how far along each should be by a given day and whether it is late:
 * the task is running, the planned end has passed and the reports do not call it complete. A task
 * that is not running (not yet contracted, or past its contract) has nothing late: its record is
 * a plan or history.
 */

export interface MilestoneFacts {
  plannedStart: string | null;
  plannedEnd: string | null;
  reported: ReportedItem | null;
}

export interface MilestoneState {
  /** Where the plan says the work should be today (0–100), when both planned dates are known. */
  plannedPercent: number | null;
  complete: boolean;
  late: boolean;
  /** Days since the planned end, for a late milestone. */
  daysLate: number | null;
}

/** How far the plan expects the work to be on `today`, in whole percent, spread evenly over the period. */
export function plannedPercent(start: string | null, end: string | null, today: string): number | null {
  if (start === null || end === null) return null;
  if (today < start) return 0;
  if (today >= end) return 100;
  const span = daysBetween(start, end) + 1;
  return Math.floor(((daysBetween(start, today) + 1) * 100) / span);
}

/** A content item reported at 100 % or a product reported completed is done. */
export const isComplete = (reported: ReportedItem | null) =>
  reported !== null && (reported.status === "completed" || (reported.percentComplete ?? 0) >= 100);

export function milestoneState(m: MilestoneFacts, today: string, running = true): MilestoneState {
  const complete = isComplete(m.reported);
  const late = running && m.plannedEnd !== null && m.plannedEnd < today && !complete;
  return {
    plannedPercent: plannedPercent(m.plannedStart, m.plannedEnd, today),
    complete,
    late,
    daysLate: late && m.plannedEnd !== null ? daysBetween(m.plannedEnd, today) : null,
  };
}
