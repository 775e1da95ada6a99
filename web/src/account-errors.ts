import { ApiError } from "./api/client.ts";
import { describeError, type UserMessage } from "./errors.ts";
import { type FieldErrors, fieldMessage } from "./field-errors.ts";

/*
 * The account page's reading of the server's refusals (api/src/auth): a wrong current password,
 * a new password refused for a stated reason, an e-mail already taken. The server words them in
 * English; the reader gets the catalogue's words, chosen by code and reason, never by the text alone.
 */

export const PASSWORD_REASONS = ["too_short", "too_long", "common", "same_as_email"] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];

const isReason = (value: unknown): value is PasswordReason =>
  typeof value === "string" && (PASSWORD_REASONS as readonly string[]).includes(value);

/** Why a new password was refused: `details.reason`, else the field's text when it is a reason, else its words. */
export function passwordReason(error: ApiError): PasswordReason | null {
  const fromDetails = error.details.reason;
  if (isReason(fromDetails)) return fromDetails;
  const text = error.fields.newPassword ?? "";
  if (isReason(text)) return text;
  if (/common|breached|guess/i.test(text)) return "common";
  if (/e-?mail/i.test(text)) return "same_as_email";
  if (/short|at least|>=|too small/i.test(text)) return "too_short";
  if (/long|at most|<=|too big/i.test(text)) return "too_long";
  return null;
}

const REASON_KEYS = {
  too_short: "account.password.tooShort",
  too_long: "account.password.tooLong",
  common: "account.password.common",
  same_as_email: "account.password.sameAsEmail",
} as const satisfies Record<PasswordReason, string>;

/** The refused fields of the password and e-mail forms, in the reader's words. */
export function accountFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  if (error.code === "CURRENT_PASSWORD_WRONG") result.currentPassword = { key: "account.currentPasswordWrong" };
  if (error.code === "EMAIL_TAKEN") result.newEmail = { key: "account.email.taken" };
  for (const [field, text] of Object.entries(error.fields)) {
    if (result[field]) continue;
    if (field === "newPassword") {
      const reason = passwordReason(error);
      result[field] = reason ? { key: REASON_KEYS[reason] } : fieldMessage(field, text);
    } else if (field === "newEmail") {
      result[field] = { key: "errors.emailInvalid" };
    } else if (field === "currentPassword") {
      result[field] = { key: "errors.passwordRequired" };
    } else {
      result[field] = fieldMessage(field, text);
    }
  }
  return result;
}

/** The message above a refused account form. */
export function accountErrorMessage(error: unknown): UserMessage {
  if (error instanceof ApiError) {
    if (error.code === "CURRENT_PASSWORD_WRONG") return { key: "account.currentPasswordWrong" };
    if (error.code === "PASSWORD_REJECTED") return { key: "errors.VALIDATION_FAILED" };
    if (error.code === "EMAIL_TAKEN") return { key: "account.email.taken" };
  }
  return describeError(error);
}

export type WaitUnit = "seconds" | "minutes" | "hours";

/**
 * How long to wait, rounded up to a unit a person reads easily: under a minute in seconds, under
 * an hour in whole minutes, else whole hours (a lockout of 61 s reads "2 minutes", never less).
 */
export function waitDuration(seconds: number): { unit: WaitUnit; count: number } {
  const s = Math.max(1, Math.ceil(Number.isFinite(seconds) ? seconds : 60));
  if (s < 60) return { unit: "seconds", count: s };
  if (s < 3600) return { unit: "minutes", count: Math.ceil(s / 60) };
  return { unit: "hours", count: Math.ceil(s / 3600) };
}

/** The wait a refused sign-in (429) asks for, from the body or the Retry-After header; null if none. */
export function retryAfterSeconds(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.status !== 429) return null;
  const value = error.details.retryAfterSeconds;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}
