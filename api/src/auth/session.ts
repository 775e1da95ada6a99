import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Sessions after Lucia's guide: the client holds a random token, the database holds only its
 * SHA-256, so a leaked session table cannot be replayed. Expiry slides: a session used in the
 * second half of its life is extended.
 */
export const SESSION_COOKIE = "khcn_session";
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_RENEW_WITHIN_MS = SESSION_LIFETIME_MS / 2;

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Tokens are 32 base32 characters; anything else is refused before touching the database. */
export function isWellFormedToken(token: string): boolean {
  return /^[a-z2-7]{32}$/.test(token);
}

export type SessionCheck = { valid: false } | { valid: true; renewTo: Date | null };

export function checkExpiry(expiresAt: Date, now: Date): SessionCheck {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { valid: false };
  if (left < SESSION_RENEW_WITHIN_MS) return { valid: true, renewTo: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  return { valid: true, renewTo: null };
}
