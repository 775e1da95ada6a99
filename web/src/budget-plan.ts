import type { BudgetLine, BudgetSource, BudgetView } from "./api/budget.ts";
import type { Locale, MoneyUnit } from "./format.ts";
import { formatMoneyInput, type MoneyProblem, parseMoneyInput } from "./money-input.ts";

/*
 * The budget plan as the tab shows and edits it: one table per source, expense categories down,
 * years across, with totals. Amounts stay bigint đồng throughout; the editor keeps what was typed
 * and reads it exactly (money-input.ts), never through a float.
 */

export const SOURCES: readonly BudgetSource[] = ["state", "other"];

/** A cell of the plan: source × year × category (null: not split by category). */
export interface PlanCell {
  source: BudgetSource;
  year: number;
  category: string | null;
}

export const cellKey = (c: PlanCell) => `${c.source}|${c.year}|${c.category ?? ""}`;

export interface PlanRow {
  category: string | null;
  amounts: bigint[];
  total: bigint;
}

export interface PlanGrid {
  source: BudgetSource;
  years: number[];
  rows: PlanRow[];
  yearTotals: bigint[];
  total: bigint;
}

/** The calendar years a task runs, from its dates; else the years its lines name. */
export function planYears(startDate: string | null, endDate: string | null, lines: readonly BudgetLine[]): number[] {
  const years = new Set(lines.map((l) => l.year));
  if (startDate && endDate) {
    for (let y = Number(startDate.slice(0, 4)); y <= Number(endDate.slice(0, 4)); y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

/** The categories a source's rows show: the configured ones in order, and "not split" when a line has none. */
export function planCategories(
  categories: readonly { code: string }[],
  lines: readonly Pick<BudgetLine, "category">[],
): (string | null)[] {
  const codes: (string | null)[] = categories.map((c) => c.code);
  for (const l of lines) if (l.category !== null && !codes.includes(l.category)) codes.push(l.category);
  if (lines.some((l) => l.category === null)) codes.push(null);
  return codes;
}

/** One source's table: every category row, even empty ones, so the plan reads the same for every task. */
export function planGrid(
  view: Pick<BudgetView, "categories" | "lines">,
  years: readonly number[],
  source: BudgetSource,
): PlanGrid {
  const lines = view.lines.filter((l) => l.source === source);
  const amount = new Map(lines.map((l) => [cellKey(l), BigInt(l.amount)]));
  const rows = planCategories(view.categories, view.lines).map((category) => {
    const amounts = years.map((year) => amount.get(cellKey({ source, year, category })) ?? 0n);
    return { category, amounts, total: amounts.reduce((a, b) => a + b, 0n) };
  });
  const yearTotals = years.map((_, i) => rows.reduce((sum, r) => sum + (r.amounts[i] ?? 0n), 0n));
  return { source, years: [...years], rows, yearTotals, total: yearTotals.reduce((a, b) => a + b, 0n) };
}

/** Every editable cell in the order the request lists them, so `lines.N` names a cell. */
export function editorCells(
  categories: readonly (string | null)[],
  years: readonly number[],
  sources: readonly BudgetSource[],
): PlanCell[] {
  return sources.flatMap((source) =>
    categories.flatMap((category) => years.map((year) => ({ source, year, category }))),
  );
}

/** What the editor starts with: each line's amount written in the unit, empty where there is none. */
export function editorTexts(lines: readonly BudgetLine[], unit: MoneyUnit, locale: Locale): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const l of lines) if (BigInt(l.amount) !== 0n) texts[cellKey(l)] = formatMoneyInput(l.amount, unit, locale);
  return texts;
}

/** The typed texts written again in another unit; what cannot be read is left as it was. */
export function convertTexts(
  texts: Readonly<Record<string, string>>,
  from: MoneyUnit,
  to: MoneyUnit,
  locale: Locale,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, text] of Object.entries(texts)) {
    const read = parseMoneyInput(text, from, locale);
    result[key] = read?.ok ? formatMoneyInput(read.dong, to, locale) : text;
  }
  return result;
}

export interface EditorReading {
  /** The lines to send, cells left empty or at zero omitted. */
  lines: { source: BudgetSource; year: number; category: string | null; amount: string }[];
  /** The cell each sent line came from: `lines.N` → cell key. */
  cellOfLine: string[];
  /** Cells whose text cannot be read as money. */
  problems: Record<string, MoneyProblem>;
  /** Sums of what could be read, per source. */
  planned: Record<BudgetSource, bigint>;
}

export function readEditor(
  cells: readonly PlanCell[],
  texts: Readonly<Record<string, string>>,
  unit: MoneyUnit,
  locale: Locale,
): EditorReading {
  const reading: EditorReading = { lines: [], cellOfLine: [], problems: {}, planned: { state: 0n, other: 0n } };
  for (const cell of cells) {
    const key = cellKey(cell);
    const read = parseMoneyInput(texts[key] ?? "", unit, locale);
    if (read === null) continue;
    if (!read.ok) {
      reading.problems[key] = read.problem;
      continue;
    }
    reading.planned[cell.source] += read.dong;
    if (read.dong === 0n) continue;
    reading.lines.push({ ...cell, amount: read.dong.toString() });
    reading.cellOfLine.push(key);
  }
  return reading;
}

export interface BalanceRow {
  source: BudgetSource | "total";
  planned: bigint;
  approved: bigint;
  /** planned − approved: positive is over, negative short. */
  difference: bigint;
}

/** The plan against the approved budget, per source and in total. */
export function planBalance(
  planned: Readonly<Record<BudgetSource, bigint>>,
  approved: { total: string; state: string },
): BalanceRow[] {
  const total = BigInt(approved.total);
  const state = BigInt(approved.state);
  const rows: BalanceRow[] = [
    { source: "state", planned: planned.state, approved: state, difference: planned.state - state },
    { source: "other", planned: planned.other, approved: total - state, difference: planned.other - (total - state) },
  ];
  const sum = planned.state + planned.other;
  rows.push({ source: "total", planned: sum, approved: total, difference: sum - total });
  return rows;
}
