import { ApiError } from "./api/client.ts";
import { describeError, type UserMessage } from "./errors.ts";
import { type FieldErrors, fieldMessage } from "./field-errors.ts";

/*
 * The administration pages' reading of the server's refusals: the theme and account rules
 * (api/src/catalog/theme-rules.ts, api/src/users/service.ts) explain themselves in English;
 * the reader gets the catalogue's words, and anything else falls back to the shared mapping.
 */

type Rule = [field: string | null, pattern: RegExp, message: UserMessage];

const RULES: readonly Rule[] = [
  ["code", /Letters A–Z, digits and dashes/i, { key: "admin.themes.codeFormat" }],
  ["code", /already in use/i, { key: "admin.themes.codeTaken" }],
  ["parentId", /own parent|own sub-theme/i, { key: "admin.themes.parentSelf" }],
  ["parentId", /has sub-themes/i, { key: "admin.themes.parentHasChildren" }],
  ["parentId", /two levels/i, { key: "admin.themes.parentDepth" }],
  ["parentId", /parent theme is archived/i, { key: "admin.themes.parentArchived" }],
  ["archived", /sub-themes first/i, { key: "admin.themes.archiveChildrenFirst" }],
  ["sortOrder", /./, { key: "admin.themes.sortOrderFormat" }],
  ["roles", /./, { key: "admin.users.rolesRequired" }],
  ["email", /already in use/i, { key: "admin.users.emailTaken" }],
  ["email", /./, { key: "admin.users.emailInvalid" }],
  ["personId", /already has an account|another account/i, { key: "admin.users.personTaken" }],
  ["password", /./, { key: "admin.users.passwordLength" }],
];

/** The reader's words for one refused field of an administration form. */
export function adminFieldMessage(field: string, message: string): UserMessage {
  const name = field.split(".")[0] ?? field;
  for (const [ruleField, pattern, result] of RULES) {
    if ((ruleField === null || ruleField === name) && pattern.test(message)) return result;
  }
  return fieldMessage(field, message);
}

/** Every refused field, keyed by the top-level field name (roles.0 → roles). */
export function adminFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const [field, message] of Object.entries(error.fields)) {
    const name = field.split(".")[0] ?? field;
    result[name] ??= adminFieldMessage(field, message);
  }
  return result;
}

/** The message above a refused administration form or action. */
export function adminErrorMessage(error: unknown): UserMessage {
  if (error instanceof ApiError) {
    if (error.status === 409 && error.code === "CONFLICT" && /archive/i.test(error.message)) {
      return { key: "admin.themes.inUse" };
    }
    if (error.status === 403 && /your own/i.test(error.message)) return { key: "admin.users.selfForbidden" };
  }
  return describeError(error);
}
