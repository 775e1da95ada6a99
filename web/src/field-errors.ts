import { ApiError } from "./api/client.ts";
import type { UserMessage } from "./errors.ts";

/*
 * The server explains a refused field in English (`{ fields: { "document.number": "Write it as …" } }`).
 * The reader gets the catalogue's words instead: known explanations map to catalogue entries, by the
 * field first and then by the text; anything unknown becomes a generic "not valid" in their language.
 */

export type FieldErrors = Record<string, UserMessage>;

type Rule = [RegExp, (match: RegExpExecArray) => UserMessage];

const key = (k: UserMessage & { key: string }) => k;

/** By the message text, whatever the field. */
const BY_TEXT: readonly Rule[] = [
  [/^Required$|^Too small: expected string to have >=1/i, () => key({ key: "errors.fieldRequired" })],
  [
    /^At most (\d+) characters|Too big: expected string to have <=(\d+)/i,
    (m) => key({ key: "errors.tooLong", params: { max: m[1] ?? m[2] ?? "" } }),
  ],
  [/whole number of đồng/i, () => key({ key: "errors.moneyFormat" })],
  [/decimal number with at most two decimals|more than zero/i, () => key({ key: "errors.quantityFormat" })],
  [/yyyy-mm-dd|not a real date|invalid date/i, () => key({ key: "errors.dateFormat" })],
  [/^Letters, digits and/i, () => key({ key: "errors.codeFormat" })],
  [/end date is before the start date/i, () => key({ key: "errors.endBeforeStart" })],
  [/state budget cannot exceed the total/i, () => key({ key: "errors.stateOverTotal" })],
  [/exists only under Law 93\/2025/i, () => key({ key: "errors.dmstRegime" })],
  [/already on the team/i, () => key({ key: "errors.duplicatePerson" })],
  [/listed twice/i, () => key({ key: "errors.duplicateItem" })],
  [/The team (must list|lists a PI)/i, () => key({ key: "errors.teamPi" })],
  [/^No such|archived/i, () => key({ key: "errors.notFoundRef" })],
  [/staff set this|Not your unit/i, () => key({ key: "errors.staffOnly" })],
  [/code is already in use/i, () => key({ key: "errors.DUPLICATE_CODE" })],
  [/^Choose |Invalid option/i, () => key({ key: "errors.choiceRequired" })],
  [/Write it as number\/TYPE-ISSUER/i, () => key({ key: "errors.numberFormat" })],
  [/The number says \d{4}/i, () => key({ key: "errors.numberYear" })],
  [/cannot be dated after today/i, () => key({ key: "errors.issuedOnFuture" })],
  [/document .*is required/i, () => key({ key: "errors.documentRequired" })],
  [/reason is required/i, () => key({ key: "errors.commentRequired" })],
  [/outcome/i, () => key({ key: "errors.outcomeRequired" })],
];

/** By the field, for the fields whose every refusal means one thing. */
const BY_FIELD: Readonly<Record<string, UserMessage>> = {
  "document.signer": { key: "errors.signerRequired" },
  "document.fileId": { key: "errors.fileMissing" },
  document: { key: "errors.documentRequired" },
  outcome: { key: "errors.outcomeRequired" },
};

/** The reader's words for the server's explanation of one field. */
export function fieldMessage(field: string, message: string): UserMessage {
  for (const [pattern, toMessage] of BY_TEXT) {
    const match = pattern.exec(message);
    if (match) return toMessage(match);
  }
  return BY_FIELD[field] ?? { key: "errors.fieldInvalid" };
}

/** Every field of a refused request, translated; empty for errors without fields. */
export function serverFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fields)) result[field] = fieldMessage(field, message);
  return result;
}

/** Why a field is locked, in the reader's words (the reasons come from api/src/tasks/edit-rules.ts). */
export function lockReason(reason: string): UserMessage {
  if (/has ended/i.test(reason)) return { key: "taskForm.lockedEnded" };
  if (/code is fixed/i.test(reason)) return { key: "taskForm.lockedCode" };
  if (/lump-sum/i.test(reason)) return { key: "taskForm.lockedLumpSum" };
  if (/approval decision/i.test(reason)) return { key: "taskForm.lockedApproval" };
  if (/staff/i.test(reason)) return { key: "taskForm.lockedRole" };
  return { key: "taskForm.lockedOther" };
}
