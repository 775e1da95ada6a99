/*
 * Calendar helpers, free of the host clock and time zone. Months are counted as year * 12 + (month - 1).
 */

function ymd(year: number, m: number, day: number): string {
  return `${year}-${String(m).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function split(index: number): [number, number] {
  return [Math.floor(index / 12), (index % 12) + 1];
}

export function firstDay(index: number): string {
  const [year, m] = split(index);
  return ymd(year, m, 1);
}

export function lastDay(index: number): string {
  const [year, m] = split(index);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 31;
  return ymd(year, m, days);
}

/** A day of the month with the given index. */
export function calendarDay(index: number, day: number): string {
  const [year, m] = split(index);
  return ymd(year, m, day);
}

/** The month index of an ISO date. */
export function monthOf(iso: string): number {
  const [year, m] = iso.split("-").map(Number) as [number, number];
  return year * 12 + (m - 1);
}
