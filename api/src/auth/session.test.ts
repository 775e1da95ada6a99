import { describe, expect, it } from "vitest";
import {
  checkSession,
  DEFAULT_SESSION_LIFETIMES,
  generatePublicId,
  generateSessionToken,
  initialExpiry,
  isWellFormedToken,
  lifetimesFrom,
  sameSessionId,
  sessionCookieName,
  sessionIdFromToken,
  TOUCH_EVERY_MS,
  truncateUserAgent,
} from "./session.ts";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("session tokens", () => {
  it("are 160 random bits in lower-case base32", () => {
    const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
    expect(tokens.size).toBe(200);
    // 32 base32 characters carry 5 bits each: 160 bits, above the 128 required.
    for (const t of tokens) expect(isWellFormedToken(t)).toBe(true);
    expect([...tokens].every((t) => t.length * 5 >= 128)).toBe(true);
  });

  it("hash to a stable SHA-256 hex id", () => {
    expect(sessionIdFromToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reject malformed tokens", () => {
    for (const t of ["", "short", "A".repeat(32), "1".repeat(32), `${"a".repeat(32)} `]) {
      expect(isWellFormedToken(t)).toBe(false);
    }
  });

  it("have public ids unrelated to the token", () => {
    const ids = new Set(Array.from({ length: 100 }, generatePublicId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[a-z2-7]{24}$/);
  });

  it("compare ids by value", () => {
    const id = sessionIdFromToken(generateSessionToken());
    expect(sameSessionId(id, `${id}`)).toBe(true);
    expect(sameSessionId(id, sessionIdFromToken(generateSessionToken()))).toBe(false);
    expect(sameSessionId(id, id.slice(1))).toBe(false);
  });
});

describe("session cookie name", () => {
  it("uses the __Host- prefix only in secure mode", () => {
    expect(sessionCookieName(true)).toBe("__Host-khcn_session");
    expect(sessionCookieName(false)).toBe("khcn_session");
  });
});

describe("checkSession", () => {
  const lifetimes = DEFAULT_SESSION_LIFETIMES;
  const start = new Date("2026-01-01T00:00:00Z");
  const at = (ms: number) => new Date(start.getTime() + ms);
  const fresh = { createdAt: start, lastUsedAt: start, expiresAt: initialExpiry(start, lifetimes) };

  it("defaults to 24 hours of inactivity and 30 days in all", () => {
    expect(lifetimes).toEqual({ idleMs: 24 * HOUR, absoluteMs: 30 * DAY });
    expect(lifetimesFrom({ idleHours: 2, maxDays: 7 })).toEqual({ idleMs: 2 * HOUR, absoluteMs: 7 * DAY });
    expect(fresh.expiresAt).toEqual(at(24 * HOUR));
  });

  it("holds within the inactivity timeout and records use only every few minutes", () => {
    expect(checkSession(fresh, at(TOUCH_EVERY_MS - 1), lifetimes)).toEqual({ valid: true, touch: null });
    expect(checkSession(fresh, at(TOUCH_EVERY_MS), lifetimes)).toEqual({
      valid: true,
      touch: { lastUsedAt: at(TOUCH_EVERY_MS), expiresAt: at(TOUCH_EVERY_MS + 24 * HOUR) },
    });
  });

  it("ends after the inactivity timeout", () => {
    expect(checkSession(fresh, at(24 * HOUR - 1), lifetimes).valid).toBe(true);
    expect(checkSession(fresh, at(24 * HOUR), lifetimes)).toEqual({ valid: false });
  });

  it("ends at the absolute lifetime however recently used, and never extends past it", () => {
    const busy = { createdAt: start, lastUsedAt: at(30 * DAY - HOUR), expiresAt: at(30 * DAY) };
    const nearEnd = checkSession(busy, at(30 * DAY - 10 * 60 * 1000), lifetimes);
    expect(nearEnd).toEqual({
      valid: true,
      touch: { lastUsedAt: at(30 * DAY - 10 * 60 * 1000), expiresAt: at(30 * DAY) },
    });
    expect(checkSession(busy, at(30 * DAY), lifetimes)).toEqual({ valid: false });
    // Settings shortened since sign-in take effect at once.
    expect(checkSession(busy, at(8 * DAY), lifetimesFrom({ maxDays: 7 }))).toEqual({ valid: false });
  });
});

describe("truncateUserAgent", () => {
  it("keeps at most 256 printable characters", () => {
    expect(truncateUserAgent(undefined)).toBeNull();
    expect(truncateUserAgent("  ")).toBeNull();
    expect(truncateUserAgent(`a\u0000b${"x".repeat(400)}`)).toHaveLength(256);
  });
});
