import { BUDGET_SOURCES, type BudgetSource } from "@khcn/db/schema";
import { type Dong, displayDong, formatDong, readAmount, sumDong } from "./money.ts";

/*
 * The approved budget plan: amounts by source × year × expense category that must add up to the
 * task's approved total, and its state lines to the state part. Pure: the service hands in the
 * task's totals, its years and the configured category codes.
 */

/** A line as a request sends it: the amount is checked here, so a bad one is named by its line. */
export interface PlanLineInput {
  source: BudgetSource;
  year: number;
  category: string | null;
  amount: unknown;
}

export interface PlanLine {
  source: BudgetSource;
  year: number;
  category: string | null;
  amount: Dong;
}

export interface PlanTerms {
  totalBudget: Dong;
  stateBudget: Dong;
  /** The years the task runs (from its start and end dates); null where a date is not set. */
  firstYear: number | null;
  lastYear: number | null;
  /** The codes of the `expense_categories` rule parameter. */
  categories: readonly string[];
}

export const PLAN_REFUSAL_CODES = [
  "AMOUNT_INVALID",
  "UNKNOWN_CATEGORY",
  "YEAR_OUTSIDE_TASK",
  "DUPLICATE_PLAN_LINE",
  "PLAN_NOT_BALANCED",
] as const;
export type PlanRefusalCode = (typeof PLAN_REFUSAL_CODES)[number];

export type PlanVerdict =
  | { ok: true; lines: PlanLine[] }
  | { ok: false; code: PlanRefusalCode; message: string; fields: Record<string, string> };

export interface PlanTotals {
  state: Dong;
  other: Dong;
  total: Dong;
  byYear: { year: number; state: Dong; other: Dong; total: Dong }[];
}

export function planTotals(lines: readonly PlanLine[]): PlanTotals {
  const years = new Map<number, { state: Dong; other: Dong }>();
  for (const l of lines) {
    const y = years.get(l.year) ?? { state: 0n, other: 0n };
    y[l.source] += l.amount;
    years.set(l.year, y);
  }
  const state = sumDong(lines.filter((l) => l.source === "state").map((l) => l.amount));
  const other = sumDong(lines.filter((l) => l.source === "other").map((l) => l.amount));
  return {
    state,
    other,
    total: state + other,
    byYear: [...years.entries()]
      .sort(([a], [b]) => a - b)
      .map(([year, y]) => ({ year, state: y.state, other: y.other, total: y.state + y.other })),
  };
}

/** Whether a saved plan adds up to the task's totals as they are now (an adjustment may have moved them). */
export function isBalanced(lines: readonly PlanLine[], totals: Pick<PlanTerms, "totalBudget" | "stateBudget">) {
  const t = planTotals(lines);
  return t.total === totals.totalBudget && t.state === totals.stateBudget;
}

const lineKey = (l: Pick<PlanLine, "source" | "year" | "category">) => `${l.source}|${l.year}|${l.category ?? ""}`;

/**
 * Checks a proposed plan. Each kind of fault is reported on every line that has it, the first
 * kind found deciding the code; `prefix` is where the lines sit in the request body.
 */
export function checkPlan(input: readonly PlanLineInput[], terms: PlanTerms, prefix = "lines"): PlanVerdict {
  const refuse = (code: PlanRefusalCode, message: string, fields: Record<string, string>): PlanVerdict => ({
    ok: false,
    code,
    message,
    fields,
  });

  const amountFaults: Record<string, string> = {};
  const lines: PlanLine[] = [];
  input.forEach((line, i) => {
    const read = readAmount(line.amount);
    if (!read.ok) amountFaults[`${prefix}.${i}.amount`] = read.reason;
    else lines.push({ source: line.source, year: line.year, category: line.category, amount: read.amount });
  });
  if (Object.keys(amountFaults).length > 0) {
    return refuse("AMOUNT_INVALID", "Some amounts are not whole, non-negative numbers of đồng", amountFaults);
  }

  const known = new Set(terms.categories);
  const categoryFaults: Record<string, string> = {};
  input.forEach((line, i) => {
    if (line.category !== null && !known.has(line.category)) {
      categoryFaults[`${prefix}.${i}.category`] = "No such expense category";
    }
  });
  if (Object.keys(categoryFaults).length > 0) {
    return refuse("UNKNOWN_CATEGORY", "Some lines name an expense category that is not configured", categoryFaults);
  }

  const yearFaults: Record<string, string> = {};
  input.forEach((line, i) => {
    const before = terms.firstYear !== null && line.year < terms.firstYear;
    const after = terms.lastYear !== null && line.year > terms.lastYear;
    if (before || after) {
      yearFaults[`${prefix}.${i}.year`] =
        `The task runs ${terms.firstYear ?? "…"}–${terms.lastYear ?? "…"}; ${line.year} is outside it`;
    }
  });
  if (Object.keys(yearFaults).length > 0) {
    return refuse("YEAR_OUTSIDE_TASK", "Some lines fall in years the task does not run", yearFaults);
  }

  const seen = new Set<string>();
  const duplicateFaults: Record<string, string> = {};
  input.forEach((line, i) => {
    const key = lineKey(line);
    if (seen.has(key)) duplicateFaults[`${prefix}.${i}.category`] = "This source, year and category is listed twice";
    seen.add(key);
  });
  if (Object.keys(duplicateFaults).length > 0) {
    return refuse("DUPLICATE_PLAN_LINE", "A source, year and category may appear once", duplicateFaults);
  }

  const totals = planTotals(lines);
  const otherBudget = terms.totalBudget - terms.stateBudget;
  if (totals.total !== terms.totalBudget || totals.state !== terms.stateBudget) {
    const parts: string[] = [];
    const gap = (label: string, planned: Dong, approved: Dong) => {
      if (planned === approved) return;
      const diff = planned - approved;
      parts.push(
        `${label}: the lines add up to ${displayDong(planned)}, the approved figure is ${displayDong(approved)} (${diff > 0n ? "over" : "short"} by ${displayDong(diff > 0n ? diff : -diff)})`,
      );
    };
    gap("State budget", totals.state, terms.stateBudget);
    gap("Other sources", totals.other, otherBudget);
    gap("Total", totals.total, terms.totalBudget);
    return refuse("PLAN_NOT_BALANCED", `The plan does not add up to the approved budget. ${parts.join("; ")}`, {
      [prefix]: parts.join("; "),
    });
  }

  // One order for storing and showing: year, source, then category as the request listed it.
  return { ok: true, lines: [...lines].sort((a, b) => a.year - b.year || sourceRank(a) - sourceRank(b)) };
}

const sourceRank = (l: Pick<PlanLine, "source">) => BUDGET_SOURCES.indexOf(l.source);

/** The plan as stored in a revision's snapshot and sent over JSON: amounts as decimal strings. */
export const lineView = (l: PlanLine) => ({
  source: l.source,
  year: l.year,
  category: l.category,
  amount: formatDong(l.amount),
});

/** Planned money by year and source, the ceiling for that year's allocations. */
export function plannedByYearSource(lines: readonly PlanLine[]): Map<string, Dong> {
  const planned = new Map<string, Dong>();
  for (const l of lines) {
    const key = yearSourceKey(l.year, l.source);
    planned.set(key, (planned.get(key) ?? 0n) + l.amount);
  }
  return planned;
}

export const yearSourceKey = (year: number, source: BudgetSource) => `${year}|${source}`;
