import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Sessions after Lucia's guide (decisions 003 and 013): the client holds a random token, the
 * database holds only its SHA-256, so a leaked session table cannot be replayed. A session ends
 * after a period without use (the inactivity timeout) and, however busy, at the end of its
 * absolute lifetime.
 */

/** The cookie's name: with Secure, the `__Host-` prefix pins it to this host, path / and HTTPS. */
export const SESSION_COOKIE = "khcn_session";
export const SECURE_SESSION_COOKIE = "__Host-khcn_session";
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

const HOUR_MS = 60 * 60 * 1000;

export interface SessionLifetimes {
  /** A session unused this long is over (SESSION_IDLE_HOURS, default 24 h). */
  idleMs: number;
  /** No session lives longer than this from sign-in (SESSION_MAX_DAYS, default 30 days). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIFETIMES: SessionLifetimes = { idleMs: 24 * HOUR_MS, absoluteMs: 30 * 24 * HOUR_MS };

export const lifetimesFrom = (o: { idleHours?: number; maxDays?: number } = {}): SessionLifetimes => ({
  idleMs: (o.idleHours ?? 24) * HOUR_MS,
  absoluteMs: (o.maxDays ?? 30) * 24 * HOUR_MS,
});

/**
 * Last use is written at most this often: a write on every request would cost more than the
 * precision is worth. The inactivity timeout is therefore kept to within these five minutes.
 */
export const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** 20 random bytes (160 bits, above the 128 the issue asks for) in lower-case base32: 32 characters. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The id a session is listed and ended by: random, unrelated to the token, useless to sign in with. */
export function generatePublicId(): string {
  const bytes = new Uint8Array(15);
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

/** Compares two session ids (hashes) without an early exit that would tell how much matched. */
export function sameSessionId(a: string, b: string): boolean {
  const enc = new TextEncoder();
  const x = enc.encode(a);
  const y = enc.encode(b);
  return x.length === y.length && constantTimeEqual(x, y);
}

/** When a session opened now ends, before any use extends it. */
export function initialExpiry(now: Date, lifetimes: SessionLifetimes): Date {
  return new Date(now.getTime() + Math.min(lifetimes.idleMs, lifetimes.absoluteMs));
}

export interface SessionTimes {
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

export type SessionCheck = { valid: false } | { valid: true; touch: { lastUsedAt: Date; expiresAt: Date } | null };

/**
 * Whether a session still holds at `now`, and whether its use should be written down. The stored
 * expiry is the inactivity deadline as of the last recorded use, never beyond the absolute end;
 * the absolute end is checked again against the settings in force, should they have been shortened.
 */
export function checkSession(session: SessionTimes, now: Date, lifetimes: SessionLifetimes): SessionCheck {
  const t = now.getTime();
  const absoluteEnd = session.createdAt.getTime() + lifetimes.absoluteMs;
  const idleEnd = session.lastUsedAt.getTime() + lifetimes.idleMs;
  if (t >= session.expiresAt.getTime() || t >= absoluteEnd || t >= idleEnd) return { valid: false };
  if (t - session.lastUsedAt.getTime() < TOUCH_EVERY_MS) return { valid: true, touch: null };
  return { valid: true, touch: { lastUsedAt: now, expiresAt: new Date(Math.min(t + lifetimes.idleMs, absoluteEnd)) } };
}

/** What is kept of the browser's description: enough to recognise a device in the list. */
export function truncateUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const printable = [...userAgent].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f;
  });
  const clean = printable.join("").trim();
  return clean === "" ? null : clean.slice(0, 256);
}
