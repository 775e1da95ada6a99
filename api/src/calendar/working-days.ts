import type { Parameters } from "../rules/parameters.ts";
import { isoFromJulianDay, julianDay, lunarToSolar } from "./lunar.ts";

/*
 * Working days of a Vietnamese public body: Monday to Friday, less the public holidays of the
 * Labour Code 2019 (art. 112): 1/1; Tết, five days, by default the last day of the lunar year and
 * the first four of the new one; the Hùng Kings' day, 10/3 lunar; 30/4; 1/5; 2/9 and one day next
 * to it (the day before by default; each year's decision may choose the day after). A holiday on
 * a Saturday or Sunday gives a compensatory day off on the next working day. Each year the
 * Government moves days about (a Monday off, a Saturday worked in exchange); those come from the
 * rule parameters extra_holidays and makeup_working_days, and a make-up day always works.
 * Dates are ISO strings (YYYY-MM-DD) of the Vietnamese calendar day.
 */

export type Side = "before" | "after";

export interface HolidayRules {
  /** Tết: days before lunar new year's day, and days from it (new year's day included). */
  tet: { daysBefore: number; daysFrom: number };
  /** The day next to 2/9: the usual side and any year's decision ("2026": "after"). */
  nationalDayAdjacent: { default: Side; byYear: Readonly<Record<string, Side>> };
  /** A holiday on a weekend gives a compensatory day on the next working day. */
  compensate: boolean;
  /** Further days off (YYYY-MM-DD), e.g. a Monday bridged to a holiday. */
  extraHolidays: readonly string[];
  /** Days worked whatever else (YYYY-MM-DD), e.g. the Saturday that makes up a bridged Monday. */
  makeupWorkingDays: readonly string[];
}

export const DEFAULT_HOLIDAY_RULES: HolidayRules = {
  tet: { daysBefore: 1, daysFrom: 4 },
  nationalDayAdjacent: { default: "before", byYear: {} },
  compensate: true,
  extraHolidays: [],
  makeupWorkingDays: [],
};

export type HolidayCode =
  | "new_year"
  | "tet"
  | "hung_kings"
  | "reunification"
  | "labour"
  | "national_day"
  | "compensatory"
  | "extra";

export interface Holiday {
  date: string;
  code: HolidayCode;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(iso: string): number {
  if (!ISO.test(iso)) throw new RangeError(`Not a date (YYYY-MM-DD): ${iso}`);
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return julianDay(y, m, d);
}

/** Saturday or Sunday. Julian day number 0 fell on a Monday. */
const isWeekend = (jd: number) => jd % 7 >= 5;

/** The public holidays of a Gregorian year (with compensatory days and the extra days off), in date order. */
export function holidaysOf(year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): Holiday[] {
  const byDay = new Map<number, HolidayCode>();
  const add = (jd: number, code: HolidayCode) => {
    if (!byDay.has(jd)) byDay.set(jd, code);
  };
  add(julianDay(year, 1, 1), "new_year");
  // Tết of the lunar year that begins in this Gregorian year (late January to mid February).
  const tet = dayNumber(lunarToSolar({ year, month: 1, day: 1, leap: false }));
  for (let i = -rules.tet.daysBefore; i < rules.tet.daysFrom; i += 1) add(tet + i, "tet");
  add(dayNumber(lunarToSolar({ year, month: 3, day: 10, leap: false })), "hung_kings");
  add(julianDay(year, 4, 30), "reunification");
  add(julianDay(year, 5, 1), "labour");
  const nationalDay = julianDay(year, 9, 2);
  add(nationalDay, "national_day");
  const side = rules.nationalDayAdjacent.byYear[String(year)] ?? rules.nationalDayAdjacent.default;
  add(side === "before" ? nationalDay - 1 : nationalDay + 1, "national_day");

  if (rules.compensate) {
    const legal = [...byDay.keys()].sort((a, b) => a - b);
    for (const jd of legal) {
      if (!isWeekend(jd)) continue;
      let next = jd + 1;
      while (isWeekend(next) || byDay.has(next)) next += 1;
      byDay.set(next, "compensatory");
    }
  }
  for (const extra of rules.extraHolidays) {
    if (extra.startsWith(`${year}-`)) add(dayNumber(extra), "extra");
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => a - b)
    .map(([jd, code]) => ({ date: isoFromJulianDay(jd), code }))
    .filter((h) => h.date.startsWith(`${year}-`));
}

// Holidays are computed once per rules object and year: the lunar conversion is not free.
const cache = new WeakMap<HolidayRules, Map<number, { off: Set<string>; makeup: Set<string> }>>();

function yearSets(year: number, rules: HolidayRules) {
  let years = cache.get(rules);
  if (!years) {
    years = new Map();
    cache.set(rules, years);
  }
  let sets = years.get(year);
  if (!sets) {
    // A compensatory day may fall early in the next year (a holiday on 31/12 would); include last year's.
    const off = new Set([...holidaysOf(year - 1, rules), ...holidaysOf(year, rules)].map((h) => h.date));
    sets = { off, makeup: new Set(rules.makeupWorkingDays) };
    years.set(year, sets);
  }
  return sets;
}

/** Whether the day is a working day of the Department. */
export function isWorkingDay(iso: string, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): boolean {
  const jd = dayNumber(iso);
  const { off, makeup } = yearSets(Number(iso.slice(0, 4)), rules);
  if (makeup.has(iso)) return true;
  return !isWeekend(jd) && !off.has(iso);
}

/**
 * The working day `n` working days after `iso` (before it when n is negative); `iso` itself is
 * not counted. n = 0 gives `iso` back unchanged.
 */
export function addWorkingDays(iso: string, n: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): string {
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  let jd = dayNumber(iso);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    jd += step;
    if (isWorkingDay(isoFromJulianDay(jd), rules)) left -= 1;
  }
  return isoFromJulianDay(jd);
}

/**
 * Working days after `from` up to and including `to` (negative when `to` is earlier), so that
 * workingDaysBetween(d, addWorkingDays(d, n)) = n. Documents sent on `from` reach a meeting on
 * `to` "at least 3 working days before" when to ≥ addWorkingDays(from, 3).
 */
export function workingDaysBetween(from: string, to: string, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let jd = lo + 1; jd <= hi; jd += 1) if (isWorkingDay(isoFromJulianDay(jd), rules)) count += 1;
  return sign * count;
}

/** The rules from the rule parameters of a unit and regime (loadParameters). */
export function holidayRulesFrom(params: Parameters): HolidayRules {
  return {
    tet: params.get("tet_holiday"),
    nationalDayAdjacent: params.get("national_day_adjacent"),
    compensate: params.get("holiday_compensation"),
    extraHolidays: params.get("extra_holidays"),
    makeupWorkingDays: params.get("makeup_working_days"),
  };
}
