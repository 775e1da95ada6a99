import type { BudgetSource, MovementKind } from "@khcn/db/schema";
import { type Dong, displayDong, maxDong, minDong, percentOf, scaleDong, sumDong } from "./money.ts";
import { balances, outstandingAdvance } from "./movement-rules.ts";
import type { PlanLine } from "./plan-rules.ts";

/*
 * How the money burns: per year what the plan approves against what was allocated, advanced,
 * settled and recovered; how the money paid out compares with the physical progress the reports
 * give; and where the current year ends at the current pace. Pure: `today` is handed in.
 */

export interface YearFigures {
  year: number;
  approved: Dong;
  allocated: Dong;
  advanced: Dong;
  settled: Dong;
  recovered: Dong;
  outstandingAdvance: Dong;
  /** Approved for the year and not (yet) allocated. */
  unallocated: Dong;
}

export function yearFigures(
  plan: readonly PlanLine[],
  movements: readonly { kind: MovementKind; year: number; source: BudgetSource; amount: Dong }[],
): YearFigures[] {
  const byYear = new Map<number, YearFigures>();
  for (const [key, b] of balances(plan, movements)) {
    const year = Number(key.split("|")[0]);
    const y = byYear.get(year) ?? {
      year,
      approved: 0n,
      allocated: 0n,
      advanced: 0n,
      settled: 0n,
      recovered: 0n,
      outstandingAdvance: 0n,
      unallocated: 0n,
    };
    y.approved += b.planned;
    y.allocated += b.allocated;
    y.advanced += b.advanced;
    y.settled += b.settled;
    y.recovered += b.recovered;
    y.outstandingAdvance += outstandingAdvance(b);
    y.unallocated += maxDong(0n, b.planned - b.allocated);
    byYear.set(year, y);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export const BURN_WARNINGS = [
  "LAPSE_RISK",
  "ALLOCATION_LAPSED",
  "SPENDING_AHEAD_OF_PROGRESS",
  "ADVANCE_OUTSTANDING_AFTER_END",
] as const;
export type BurnWarningCode = (typeof BURN_WARNINGS)[number];

export interface BurnWarning {
  code: BurnWarningCode;
  message: string;
  year?: number;
  amount?: Dong;
}

export interface Projection {
  year: number;
  allocated: Dong;
  advanced: Dong;
  /** Advanced by 31 December if the pace so far this year holds (never more than allocated). */
  projectedAdvanced: Dong;
  /** Allocated this year and, at that pace, not advanced by the year's end: it lapses. */
  projectedLapse: Dong;
}

export interface Forecast {
  /** The mean of the content items' percentages in the latest accepted (else submitted) report. */
  physicalProgress: number | null;
  /** Money paid out (advanced less recovered) as a percentage of the approved total. */
  spentShare: number | null;
  projectedYearEnd: Projection | null;
  warnings: BurnWarning[];
}

export interface ForecastInput {
  years: readonly YearFigures[];
  totalBudget: Dong;
  physicalProgress: number | null;
  /** yyyy-mm-dd, in Vietnam. */
  today: string;
  endDate: string | null;
  /** Percentage points by which the money paid out may run ahead of physical progress before a warning. */
  spendAheadMargin: number;
  /** Days into a year before a projected lapse warns (earlier, one advance sets the whole pace). */
  lapseWarningAfterDays: number;
}

const dayOfYear = (date: string) => {
  const d = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round((d - Date.UTC(Number(date.slice(0, 4)), 0, 1)) / 86_400_000) + 1;
};
const daysInYear = (year: number) => (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 366 : 365);

export function forecast(input: ForecastInput): Forecast {
  const warnings: BurnWarning[] = [];
  const currentYear = Number(input.today.slice(0, 4));

  for (const y of input.years) {
    const unused = y.allocated - y.advanced;
    if (y.year < currentYear && unused > 0n) {
      warnings.push({
        code: "ALLOCATION_LAPSED",
        year: y.year,
        amount: unused,
        message: `${displayDong(unused)} allocated for ${y.year} was never advanced`,
      });
    }
  }

  let projectedYearEnd: Projection | null = null;
  const current = input.years.find((y) => y.year === currentYear);
  if (current && current.allocated > 0n) {
    const elapsed = dayOfYear(input.today);
    const length = daysInYear(currentYear);
    const projectedAdvanced = minDong(current.allocated, scaleDong(current.advanced, length, elapsed));
    const projectedLapse = current.allocated - projectedAdvanced;
    projectedYearEnd = {
      year: currentYear,
      allocated: current.allocated,
      advanced: current.advanced,
      projectedAdvanced,
      projectedLapse,
    };
    if (projectedLapse > 0n && elapsed > input.lapseWarningAfterDays) {
      warnings.push({
        code: "LAPSE_RISK",
        year: currentYear,
        amount: projectedLapse,
        message: `At the pace so far, ${displayDong(projectedLapse)} allocated for ${currentYear} will not be advanced by the year's end and lapses`,
      });
    }
  }

  const paid = sumDong(input.years.map((y) => y.advanced - y.recovered));
  const spentShare = percentOf(paid, input.totalBudget);
  if (
    spentShare !== null &&
    input.physicalProgress !== null &&
    spentShare > input.physicalProgress + input.spendAheadMargin
  ) {
    warnings.push({
      code: "SPENDING_AHEAD_OF_PROGRESS",
      message: `${spentShare}% of the budget is paid out but the reports show ${input.physicalProgress}% of the work done`,
    });
  }

  const outstanding = sumDong(input.years.map((y) => y.outstandingAdvance));
  if (input.endDate !== null && input.today > input.endDate && outstanding > 0n) {
    warnings.push({
      code: "ADVANCE_OUTSTANDING_AFTER_END",
      amount: outstanding,
      message: `The task ended on ${input.endDate} with ${displayDong(outstanding)} advanced and not yet settled`,
    });
  }

  return { physicalProgress: input.physicalProgress, spentShare, projectedYearEnd, warnings };
}

/** The physical progress a report shows: the mean of its content items' percentages. */
export function physicalProgressOf(contentItems: readonly { percentComplete: number }[] | undefined): number | null {
  if (!contentItems || contentItems.length === 0) return null;
  return Math.round(contentItems.reduce((sum, c) => sum + c.percentComplete, 0) / contentItems.length);
}
