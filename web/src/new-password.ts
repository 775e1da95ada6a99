import type { FieldErrors } from "./field-errors.ts";

/** The server's minimum (api/src/auth/password.ts), checked here only to answer sooner. */
export const MIN_PASSWORD_LENGTH = 8;

/**
 * A new password typed twice: present, long enough (counted in characters, as the server counts
 * them, so "mật khẩu" is 8) and repeated alike. Whether it is too common is the server's to judge.
 */
export function newPasswordErrors(newPassword: string, repeatPassword: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!newPassword) errors.newPassword = { key: "account.password.newRequired" };
  else if ([...newPassword].length < MIN_PASSWORD_LENGTH) errors.newPassword = { key: "account.password.tooShort" };
  if (newPassword && repeatPassword !== newPassword) errors.repeatPassword = { key: "account.password.mismatch" };
  return errors;
}
