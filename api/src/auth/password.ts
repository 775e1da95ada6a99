import { hash, verify } from "@node-rs/argon2";
import { isCommonPassword } from "./common-passwords.ts";

// Algorithm 2 is Argon2id (the package exports it as a const enum, unusable under verbatimModuleSyntax).
// OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane): about 30 ms here, fine for sign-in.
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Spends the same work as a real check, so an unknown e-mail cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("timing-equaliser-not-a-real-password");
  await verifyPassword(await dummyHash, password);
}

// Length, not composition rules, per NIST SP 800-63B.
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

export type PasswordRejection = "too_short" | "too_long" | "common" | "same_as_email";

/**
 * The one password policy, for users choosing their own and administrators opening accounts:
 * 8 to 128 characters (counted as the user sees them), no composition rules, not on the bundled
 * list of common passwords, and not the e-mail address (or its name part) itself.
 */
export function checkPasswordPolicy(password: string, email?: string): PasswordRejection | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return "too_short";
  if (length > MAX_PASSWORD_LENGTH) return "too_long";
  if (isCommonPassword(password)) return "common";
  if (email) {
    const p = password.trim().toLowerCase();
    const e = email.trim().toLowerCase();
    if (p === e || p === e.split("@")[0]) return "same_as_email";
  }
  return null;
}

export const PASSWORD_REJECTION_MESSAGES: Record<PasswordRejection, string> = {
  too_short: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `Use at most ${MAX_PASSWORD_LENGTH} characters`,
  common: "This password is too common: choose one that is harder to guess",
  same_as_email: "The password must not be your e-mail address",
};
