import { ApiError } from "./api/client.ts";
import { describeError, type UserMessage } from "./errors.ts";
import { intlLocale, type Locale } from "./format.ts";
import type { Dictionary } from "./i18n/vi.ts";

/** Refusals particular to reports, in the reader's words; anything else as errors.ts words it. */
const REPORT_CODES = new Set<string>([
  "STALE_DRAFT",
  "ALREADY_SUBMITTED",
  "REPORT_NOT_DUE",
  "REPORT_CLOSED",
  "IDEMPOTENCY_KEY_REUSED",
  "STALE_VERSION",
  "NOT_AWAITING_REVIEW",
] satisfies (keyof Dictionary["reports"]["errors"])[]);

export function describeReportError(error: unknown): UserMessage {
  if (error instanceof ApiError && REPORT_CODES.has(error.code)) {
    return { key: `reports.errors.${error.code as "STALE_DRAFT"}` };
  }
  return describeError(error);
}

/** hh:mm of an instant in Vietnam. */
export function timeOf(instant: string | null, locale: Locale): string {
  if (!instant) return "";
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(date);
}
