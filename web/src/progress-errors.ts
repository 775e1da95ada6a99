import { ApiError } from "./api/client.ts";
import type { AdjustmentList } from "./api/progress-types.ts";
import type { UserMessage } from "./errors.ts";
import { type FieldErrors, fieldMessage } from "./field-errors.ts";

/*
 * The adjustment and inspection rules explain a refusal in English (api/src/adjustments/
 * adjustment-rules.ts, api/src/inspections/service.ts); the reader gets the catalogue's words.
 * An adjustment refusal carries a stable code (`reasonCode` in the list's `kinds`, `details.codes`
 * per field in an error): the code picks the entry. Without one, known explanations map to entries
 * by their text; anything else falls back to the shared mapping.
 */

/** The stable code of an adjustment refusal, as the API sends it. */
export type AdjustmentRefusalCode = NonNullable<AdjustmentList["kinds"][number]["reasonCode"]>;

/** Each code's entry; the text (numbers and dates only) fills in parameters when it has them. */
const BY_CODE: Readonly<Record<AdjustmentRefusalCode, (text: string) => UserMessage>> = {
  LUMP_SUM_CONTENT_FIXED: () => ({ key: "progress.adjustments.reasons.lumpSumContent" }),
  LUMP_SUM_PRODUCTS_FIXED: () => ({ key: "progress.adjustments.reasons.lumpSumProducts" }),
  NOT_IN_PROGRESS: () => ({ key: "progress.adjustments.reasons.stage" }),
  OPEN_REQUEST_EXISTS: () => ({ key: "progress.adjustments.reasons.open" }),
  NOT_PERMITTED: () => ({ key: "progress.adjustments.reasons.role" }),
  SECOND_EXTENSION_NEEDS_EXCEPTIONAL: () => ({ key: "progress.adjustments.errors.exceptional" }),
  END_NOT_LATER: (text) => {
    const date = /(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
    return date
      ? { key: "progress.adjustments.errors.endDateLater", params: { date } }
      : { key: "progress.adjustments.errors.endNotLater" };
  },
  NO_END_DATE: () => ({ key: "progress.adjustments.errors.noEndDate" }),
  LONG_EXTENSION_NEEDS_JUSTIFICATION: (text) => justification(text),
  SECOND_EXTENSION_NEEDS_JUSTIFICATION: (text) => justification(text),
  TOTAL_NOT_POSITIVE: () => ({ key: "progress.adjustments.errors.totalPositive" }),
  STATE_OVER_TOTAL: () => ({ key: "progress.adjustments.errors.stateOverTotal" }),
  BUDGET_UNCHANGED: () => ({ key: "progress.adjustments.errors.sameBudget" }),
  SAME_PI: () => ({ key: "progress.adjustments.errors.samePi" }),
  SAME_HOST: () => ({ key: "progress.adjustments.errors.sameHost" }),
};

function justification(text: string): UserMessage {
  const min = /at least (\d+) characters/i.exec(text)?.[1];
  return min
    ? { key: "progress.adjustments.errors.justification", params: { min } }
    : { key: "progress.adjustments.errors.fullerJustification" };
}

/** The reader's words for a refusal code; null when the code is missing or unknown to this client. */
export function codeMessage(code: unknown, text = ""): UserMessage | null {
  return typeof code === "string" && Object.hasOwn(BY_CODE, code) ? BY_CODE[code as AdjustmentRefusalCode](text) : null;
}

/** The codes of an error's fields (`details.codes`), when the API sent them. */
function errorCodes(error: ApiError): Readonly<Record<string, unknown>> {
  const codes = error.details.codes;
  return typeof codes === "object" && codes !== null ? (codes as Record<string, unknown>) : {};
}

type Rule = [RegExp, (m: RegExpExecArray) => UserMessage];

const RULES: readonly Rule[] = [
  [/objectives and content are fixed/i, () => ({ key: "progress.adjustments.reasons.lumpSumContent" })],
  [/products are fixed/i, () => ({ key: "progress.adjustments.reasons.lumpSumProducts" })],
  [
    /only in progress|while the (task is in progress|contract runs)/i,
    () => ({ key: "progress.adjustments.reasons.stage" }),
  ],
  [/awaits its decision/i, () => ({ key: "progress.adjustments.reasons.open" })],
  [/PI or the unit's staff/i, () => ({ key: "progress.adjustments.reasons.role" })],
  [
    /Mark the request as exceptional|second extension is exceptional/i,
    () => ({ key: "progress.adjustments.errors.exceptional" }),
  ],
  [
    /after the current end date, (\d{4}-\d{2}-\d{2})/i,
    (m) => ({ key: "progress.adjustments.errors.endDateLater", params: { date: m[1] ?? "" } }),
  ],
  [/has no end date/i, () => ({ key: "progress.adjustments.errors.noEndDate" })],
  [
    /justification of at least (\d+) characters/i,
    (m) => ({ key: "progress.adjustments.errors.justification", params: { min: m[1] ?? "" } }),
  ],
  [/^More than 0$/i, () => ({ key: "progress.adjustments.errors.totalPositive" })],
  [/These are the current amounts/i, () => ({ key: "progress.adjustments.errors.sameBudget" })],
  [/Already the PI/i, () => ({ key: "progress.adjustments.errors.samePi" })],
  [/Already the host organisation/i, () => ({ key: "progress.adjustments.errors.sameHost" })],
  [/cannot be recorded before it takes place/i, () => ({ key: "progress.inspections.errors.dateFuture" })],
  [/The task started on/i, () => ({ key: "progress.inspections.errors.beforeStart" })],
  [/minutes cannot be dated before/i, () => ({ key: "progress.inspections.errors.minutesBefore" })],
  [/At most one leader/i, () => ({ key: "progress.inspections.errors.oneLeader" })],
  [/Name the inspection team/i, () => ({ key: "progress.inspections.errors.teamRequired" })],
];

/** The reader's words for one of the rules' explanations; null when it is not one of theirs. */
export function ruleMessage(text: string): UserMessage | null {
  for (const [pattern, toMessage] of RULES) {
    const match = pattern.exec(text);
    if (match) return toMessage(match);
  }
  return null;
}

/** Why a kind of adjustment cannot be requested now (the `reasonCode`, else the `reason`, of the list's `kinds`). */
export function kindAllowedText(reason: string | null, reasonCode?: string | null): UserMessage {
  return (
    codeMessage(reasonCode, reason ?? "") ??
    (reason ? ruleMessage(reason) : null) ?? { key: "progress.adjustments.reasons.other" }
  );
}

/** The first field's explanation of a refused request, by its code, else by its text; null when neither is known. */
export function refusalMessage(error: ApiError): UserMessage | null {
  const codes = errorCodes(error);
  const [field, text] = Object.entries(error.fields)[0] ?? [];
  if (field === undefined) return null;
  return codeMessage(codes[field], text) ?? (text ? ruleMessage(text) : null);
}

/** Every field of a refused request, in the reader's words. */
export function progressFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const codes = errorCodes(error);
  const result: FieldErrors = {};
  for (const [field, text] of Object.entries(error.fields))
    result[field] = codeMessage(codes[field], text) ?? ruleMessage(text) ?? fieldMessage(field, text);
  return result;
}
