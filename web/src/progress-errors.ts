import { ApiError } from "./api/client.ts";
import type { UserMessage } from "./errors.ts";
import { type FieldErrors, fieldMessage } from "./field-errors.ts";

/*
 * The adjustment and inspection rules explain a refusal in English (api/src/adjustments/
 * adjustment-rules.ts, api/src/inspections/service.ts); the reader gets the catalogue's words.
 * Known explanations map to entries by their text; anything else falls back to the shared mapping.
 */

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

/** Why a kind of adjustment cannot be requested now (the `reason` of the list's `kinds`). */
export function kindAllowedText(reason: string | null): UserMessage {
  return (reason ? ruleMessage(reason) : null) ?? { key: "progress.adjustments.reasons.other" };
}

/** Every field of a refused request, in the reader's words. */
export function progressFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const [field, text] of Object.entries(error.fields))
    result[field] = ruleMessage(text) ?? fieldMessage(field, text);
  return result;
}
