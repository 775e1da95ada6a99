import type { ReportStatus } from "@khcn/db/schema";

/*
 * When a running task reports, as pure functions of its contract dates and the rule parameters.
 *
 * Periods follow the calendar, not the contract: with 6-month periods they are January–June and
 * July–December (cut to the contract's start and end), so spending lines up with the budget
 * year. Each period is due on the first configured due day after it ends (15/9 for January–June,
 * 15/3 for July–December by default).
 *
 * The contract's last period is never a periodic report: the acceptance dossier, due a number of
 * days after the contract ends, reports on it (and on the whole task). Likewise a period that
 * would fall due after the contract has ended is left to the dossier. A first period shorter
 * than a minimum is merged into the next, so nobody reports on a few weeks of work.
 */

export interface ScheduleRules {
  /** MM-DD days reports fall due; 02-29 falls on 28 February outside leap years. */
  dueDays: readonly string[];
  /** 1, 2, 3, 4, 6 or 12: the calendar is cut into periods of this many months. */
  periodMonths: number;
  /** A first period shorter than this many days is merged into the next. */
  firstPeriodMinDays: number;
  /** The acceptance dossier is due this many days after the contract ends. */
  dossierDays: number;
}

export interface PlannedPeriod {
  seq: number;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
}

export interface ReportPlan {
  periods: PlannedPeriod[];
  /** What the acceptance dossier covers instead of a periodic report, and when it is due. */
  final: { periodStart: string; periodEnd: string; dossierDueOn: string } | null;
}

// ---- ISO dates (yyyy-mm-dd), computed in UTC so no time zone shifts a day

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const toIso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(iso: string, n: number): string {
  const d = toDate(iso);
  d.setUTCDate(d.getUTCDate() + n);
  return toIso(d);
}

/** The earlier and the later of two ISO dates (they compare as strings; Math.min would make them numbers). */
export const earlier = (a: string, b: string) => (b < a ? b : a);
export const later = (a: string, b: string) => (b > a ? b : a);

/** Whole days from `a` to `b` (positive when b is later). */
export const daysBetween = (a: string, b: string) =>
  Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86_400_000);

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The MM-DD day in the given year; 02-29 is 28 February outside leap years. */
export function dayOfYear(year: number, monthDay: string): string {
  const md = monthDay === "02-29" && !isLeapYear(year) ? "02-28" : monthDay;
  return `${String(year).padStart(4, "0")}-${md}`;
}

/** The first due day strictly after the date. */
export function firstDueAfter(date: string, dueDays: readonly string[]): string {
  if (dueDays.length === 0) throw new RangeError("No due days");
  const year = Number(date.slice(0, 4));
  const sorted = [...dueDays].sort();
  for (const y of [year, year + 1]) {
    for (const md of sorted) {
      const candidate = dayOfYear(y, md);
      if (candidate > date) return candidate;
    }
  }
  throw new RangeError(`No due day after ${date}`);
}

/** The last day of the month `months` months after the first of the given month. */
function endOfMonthAfter(year: number, month0: number, months: number): string {
  return toIso(new Date(Date.UTC(year, month0 + months, 0)));
}

/** Vietnam has one time zone (UTC+7): the legal date of an instant there. */
export const vietnamToday = (now: Date): string => toIso(new Date(now.getTime() + 7 * 3600_000));

// ---- the plan

/** The reports a contract running from `start` to `end` (inclusive) owes. */
export function planReports(start: string, end: string, rules: ScheduleRules): ReportPlan {
  if (end < start) return { periods: [], final: null };
  if (![1, 2, 3, 4, 6, 12].includes(rules.periodMonths)) throw new RangeError("Period months must divide a year");

  // The calendar cells the contract touches, cut to its dates.
  const cells: { start: string; end: string }[] = [];
  let year = Number(start.slice(0, 4));
  let month0 = Math.floor((Number(start.slice(5, 7)) - 1) / rules.periodMonths) * rules.periodMonths;
  for (;;) {
    const cellStart = `${String(year).padStart(4, "0")}-${String(month0 + 1).padStart(2, "0")}-01`;
    if (cellStart > end) break;
    const cellEnd = endOfMonthAfter(year, month0, rules.periodMonths);
    cells.push({ start: later(cellStart, start), end: earlier(cellEnd, end) });
    month0 += rules.periodMonths;
    if (month0 >= 12) {
      month0 -= 12;
      year += 1;
    }
  }
  // A short first period joins the next.
  const first = cells[0];
  const second = cells[1];
  if (first && second && daysBetween(first.start, first.end) + 1 < rules.firstPeriodMinDays) {
    cells.splice(0, 2, { start: first.start, end: second.end });
  }

  const periods: PlannedPeriod[] = [];
  // The last cell ends with the contract: the dossier covers it. So does any period due after the end.
  for (const cell of cells.slice(0, -1)) {
    const dueOn = firstDueAfter(cell.end, rules.dueDays);
    if (dueOn > end) break;
    periods.push({ seq: periods.length + 1, periodStart: cell.start, periodEnd: cell.end, dueOn });
  }
  const last = periods[periods.length - 1];
  return {
    periods,
    final: {
      periodStart: last ? addDays(last.periodEnd, 1) : start,
      periodEnd: end,
      dossierDueOn: addDays(end, rules.dossierDays),
    },
  };
}

// ---- a period's state on a given day

/** What a person sees of a period: the stored status, or for unsubmitted ones the state the day gives it. */
export const REPORT_STATES = ["upcoming", "due", "overdue", "draft", "submitted", "returned", "accepted"] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export interface StateRules {
  opensDaysBeforePeriodEnd: number;
  overdueGraceDays: number;
}

/** The first day a report may be submitted: some days before its period ends, never before it starts. */
export function opensOn(period: { periodStart: string; periodEnd: string }, rules: StateRules): string {
  const opens = addDays(period.periodEnd, -rules.opensDaysBeforePeriodEnd);
  return later(opens, period.periodStart);
}

/** From this day on, an unsubmitted report is overdue. */
export const overdueFrom = (dueOn: string, rules: StateRules) => addDays(dueOn, rules.overdueGraceDays + 1);

/**
 * The state of a period today. Submitted, returned and accepted are what happened; before that an
 * overdue report shows as overdue even with a draft (staff and heads must see it), a draft shows
 * as draft, and otherwise the period is due once it opens for submission, upcoming before.
 */
export function reportState(
  period: { status: ReportStatus; periodStart: string; periodEnd: string; dueOn: string; hasDraft: boolean },
  today: string,
  rules: StateRules,
): ReportState {
  if (period.status === "submitted" || period.status === "returned" || period.status === "accepted") {
    return period.status;
  }
  if (today >= overdueFrom(period.dueOn, rules)) return "overdue";
  if (period.hasDraft || period.status === "draft") return "draft";
  return today >= opensOn(period, rules) ? "due" : "upcoming";
}
