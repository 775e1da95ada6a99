import { ApiError } from "./api/client.ts";
import type { UserMessage } from "./errors.ts";
import { formatNumber, type Locale } from "./format.ts";

/*
 * A refused rule parameter value, in the reader's words. The API lists each problem in
 * `details.issues` (path inside the value, zod's code, bounds, English message); the generic
 * codes become catalogue messages, the rules' own sentences are looked up, anything else is shown
 * as the server wrote it.
 */

interface Issue {
  path: string;
  code: string;
  message: string;
  minimum?: number;
  maximum?: number;
  origin?: string;
  expected?: string;
}

/** Problems by their path inside the value ("" for the value as a whole, "1" for a list's second day). */
export type ValueErrors = Record<string, UserMessage>;

const RULE_SENTENCES: readonly [RegExp, UserMessage][] = [
  [/A day is listed twice|A date is listed twice/i, { key: "admin.parameters.errors.duplicateDay" }],
  [/Not a day of the year|^Not a date$/i, { key: "admin.parameters.errors.notADay" }],
  [/MM-DD/, { key: "admin.parameters.errors.monthDay" }],
  [/YYYY-MM-DD/, { key: "admin.parameters.errors.isoDate" }],
  [/share cannot exceed the whole/i, { key: "admin.parameters.errors.shareOverWhole" }],
  [/named seats exceed/i, { key: "admin.parameters.errors.seatsOverSize" }],
  [/band must start at 0/i, { key: "admin.parameters.errors.bandFromZero" }],
  [/Two bands start/i, { key: "admin.parameters.errors.bandsSameStart" }],
  [/band starts above/i, { key: "admin.parameters.errors.bandAboveMax" }],
  [/code is listed twice/i, { key: "admin.parameters.errors.duplicateCode" }],
  [/maxima must add up to 100/i, { key: "admin.parameters.errors.criteriaSum" }],
  [/Tết holiday too long/i, { key: "admin.parameters.errors.tetTooLong" }],
];

function issueMessage(issue: Issue, locale: Locale): UserMessage {
  const n = (value: number | undefined) => (value === undefined ? "" : formatNumber(value, locale));
  for (const [pattern, message] of RULE_SENTENCES) if (pattern.test(issue.message)) return message;
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "array")
        return { key: "admin.parameters.errors.listMin", params: { min: n(issue.minimum) } };
      if (issue.origin === "string") return { key: "admin.parameters.errors.textRequired" };
      return { key: "admin.parameters.errors.numberMin", params: { min: n(issue.minimum) } };
    case "too_big":
      if (issue.origin === "array")
        return { key: "admin.parameters.errors.listMax", params: { max: n(issue.maximum) } };
      if (issue.origin === "string")
        return { key: "admin.parameters.errors.textMax", params: { max: n(issue.maximum) } };
      return { key: "admin.parameters.errors.numberMax", params: { max: n(issue.maximum) } };
    case "invalid_type":
      return issue.expected === "int" || issue.expected === "number"
        ? { key: "admin.parameters.errors.wholeNumber" }
        : { key: "admin.parameters.errors.wrongType" };
    case "invalid_format":
      return { key: "admin.parameters.errors.format" };
    case "invalid_value":
    case "invalid_union":
      return { key: "admin.parameters.errors.choice" };
    case "unrecognized_keys":
      return { key: "admin.parameters.errors.unknownField" };
    default:
      return { text: issue.message };
  }
}

function isIssue(value: unknown): value is Issue {
  const v = value as Partial<Issue> | null;
  return typeof v === "object" && v !== null && typeof v.path === "string" && typeof v.code === "string";
}

/** Each problem of a refused value by its path; the first problem of a path wins. Empty for other errors. */
export function valueErrors(error: unknown, locale: Locale): ValueErrors {
  if (!(error instanceof ApiError) || error.code !== "VALIDATION_FAILED") return {};
  const result: ValueErrors = {};
  const issues = Array.isArray(error.details.issues) ? error.details.issues.filter(isIssue) : [];
  for (const issue of issues) result[issue.path] ??= issueMessage(issue, locale);
  if (issues.length === 0) {
    // An answer without the list (the body's own validation): the fields still say where.
    for (const [field, message] of Object.entries(error.fields)) {
      if (field !== "value" && !field.startsWith("value.")) continue;
      result[field === "value" ? "" : field.slice("value.".length)] ??= { text: message };
    }
  }
  return result;
}

/** All problems as one message for an editor without places of its own (JSON text): "path: message". */
export function joinedValueError(
  errors: ValueErrors,
  render: (message: UserMessage) => string,
): UserMessage | undefined {
  const entries = Object.entries(errors);
  if (entries.length === 0) return undefined;
  return {
    text: entries.map(([path, message]) => (path ? `${path}: ${render(message)}` : render(message))).join(" "),
  };
}
