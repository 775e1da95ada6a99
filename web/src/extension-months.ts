/*
 * How many months an extension adds, as the API counts them (api/src/adjustments/adjustment-rules.ts):
 * rounded up, the last day of a month going to the last day of the target month. The form shows it
 * as the user picks the new end date; the server decides.
 */

const parts = (iso: string) => ({
  y: Number(iso.slice(0, 4)),
  m: Number(iso.slice(5, 7)) - 1,
  d: Number(iso.slice(8, 10)),
});
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

const LEGAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date `months` months after `date` (30/6 + 6 months is 31/12). */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parts(date);
  const targetLast = lastDay(y, m + months);
  return iso(y, m + months, d === lastDay(y, m) ? targetLast : Math.min(d, targetLast));
}

/** By how many months, rounded up, an end date moves; null when either date is missing or it does not move later. */
export function extensionMonths(from: string | null, to: string): number | null {
  if (!from || !LEGAL_DATE.test(from) || !LEGAL_DATE.test(to) || to <= from) return null;
  let months = 1;
  while (addMonths(from, months) < to && months < 1200) months += 1;
  return months;
}

/** The day after a legal date, the earliest new end date an extension may ask for. */
export function dayAfter(date: string): string {
  const { y, m, d } = parts(date);
  return iso(y, m, d + 1);
}
