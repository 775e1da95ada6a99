/*
 * Locale-aware formatting of dates, numbers and money.
 *
 * Money arrives from the API as a decimal string of whole đồng. It never passes through a float:
 * grouping is done by Intl on a BigInt, and the triệu đồng (million) view is computed by BigInt
 * division, rounded half-up (away from zero) to one decimal.
 */

export type Locale = "vi" | "en";
export type MoneyUnit = "dong" | "million";

const INTL_LOCALE: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };
const DISPLAY_TIME_ZONE = "Asia/Ho_Chi_Minh";

export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale];
}

const integerFormats = new Map<Locale, Intl.NumberFormat>();
function integerFormat(locale: Locale): Intl.NumberFormat {
  let format = integerFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 0, useGrouping: true });
    integerFormats.set(locale, format);
  }
  return format;
}

function decimalSeparator(locale: Locale): string {
  const part = new Intl.NumberFormat(INTL_LOCALE[locale]).formatToParts(1.5).find((p) => p.type === "decimal");
  return part?.value ?? ".";
}

/** A number or bigint with the locale's grouping: `1.234.567` (vi), `1,234,567` (en). */
export function formatNumber(value: number | bigint, locale: Locale, fractionDigits = 0): string {
  if (typeof value === "bigint" || fractionDigits === 0) return integerFormat(locale).format(value);
  return new Intl.NumberFormat(INTL_LOCALE[locale], {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

const WHOLE_DONG = /^-?\d+$/;

/** Parses a decimal string of whole đồng; null for anything else (never a float). */
export function parseDong(value: string | null | undefined): bigint | null {
  if (value == null) return null;
  const trimmed = value.trim();
  return WHOLE_DONG.test(trimmed) ? BigInt(trimmed) : null;
}

/** Whole đồng with grouping, no unit: `1.250.500.000`. */
export function formatDongAmount(value: string | bigint, locale: Locale): string | null {
  const dong = typeof value === "bigint" ? value : parseDong(value);
  return dong === null ? null : integerFormat(locale).format(dong);
}

const ONE_TENTH_OF_A_MILLION = 100_000n;

/** Millions of đồng with exactly one decimal, rounded half-up: `1.250,5`. */
export function formatMillionAmount(value: string | bigint, locale: Locale): string | null {
  const dong = typeof value === "bigint" ? value : parseDong(value);
  if (dong === null) return null;
  const negative = dong < 0n;
  const magnitude = negative ? -dong : dong;
  const tenths = (magnitude + ONE_TENTH_OF_A_MILLION / 2n) / ONE_TENTH_OF_A_MILLION;
  const whole = integerFormat(locale).format(tenths / 10n);
  const sign = negative && tenths > 0n ? "-" : "";
  return `${sign}${whole}${decimalSeparator(locale)}${tenths % 10n}`;
}

/** The amount in the chosen unit, without the unit's name (which comes from the catalogue). */
export function formatMoneyAmount(value: string | bigint, unit: MoneyUnit, locale: Locale): string | null {
  return unit === "million" ? formatMillionAmount(value, locale) : formatDongAmount(value, locale);
}

/** `part` as a percentage of `total` with one decimal, computed exactly; null when total is 0. */
export function formatShare(part: string | bigint, total: string | bigint, locale: Locale): string | null {
  const p = typeof part === "bigint" ? part : parseDong(part);
  const t = typeof total === "bigint" ? total : parseDong(total);
  if (p === null || t === null || t <= 0n || p < 0n) return null;
  const tenthsOfPercent = (p * 1000n * 2n + t) / (t * 2n); // round half-up
  const whole = integerFormat(locale).format(tenthsOfPercent / 10n);
  return `${whole}${decimalSeparator(locale)}${tenthsOfPercent % 10n}%`;
}

const LEGAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const dateFormats: Record<Locale, Intl.DateTimeFormatOptions> = {
  vi: { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" },
  en: { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" },
};

/**
 * A legal date (`yyyy-mm-dd`, no time zone) as `dd/mm/yyyy` (vi) or `15 Mar 2024` (en-GB).
 * Null or malformed input gives null, so the caller can show its own placeholder.
 */
export function formatDate(value: string | null | undefined, locale: Locale): string | null {
  if (!value) return null;
  const match = LEGAL_DATE.exec(value.slice(0, 10));
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (Number.isNaN(date.getTime()) || date.getUTCDate() !== Number(d)) return null;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], dateFormats[locale]).format(date);
}

/** An instant (ISO timestamp) as date and time in Vietnam's time zone. */
export function formatDateTime(value: string | null | undefined, locale: Locale): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    ...dateFormats[locale],
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: DISPLAY_TIME_ZONE,
  }).format(date);
}

/** Today's date in Vietnam (`yyyy-mm-dd`), the day documents are dated by. */
export function todayInVietnam(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: DISPLAY_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The legal date (`yyyy-mm-dd`) of an instant, in Vietnam. */
export function vietnamDateOf(instant: string): string | null {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : todayInVietnam(date);
}
