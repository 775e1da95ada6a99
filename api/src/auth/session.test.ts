import { describe, expect, it } from "vitest";
import {
  checkExpiry,
  generateSessionToken,
  isWellFormedToken,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_WITHIN_MS,
  sessionIdFromToken,
} from "./session.ts";

describe("session tokens", () => {
  it("are 160 random bits in lower-case base32", () => {
    const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) expect(isWellFormedToken(t)).toBe(true);
  });

  it("hash to a stable SHA-256 hex id", () => {
    expect(sessionIdFromToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("reject malformed tokens", () => {
    for (const t of ["", "short", "A".repeat(32), "1".repeat(32), `${"a".repeat(32)} `]) {
      expect(isWellFormedToken(t)).toBe(false);
    }
  });
});

describe("checkExpiry", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const at = (ms: number) => new Date(now.getTime() + ms);

  it("refuses a session at or past its expiry", () => {
    expect(checkExpiry(at(0), now)).toEqual({ valid: false });
    expect(checkExpiry(at(-1), now)).toEqual({ valid: false });
  });

  it("keeps a session in the first half of its life as it is", () => {
    expect(checkExpiry(at(SESSION_RENEW_WITHIN_MS), now)).toEqual({ valid: true, renewTo: null });
  });

  it("extends a session in the second half of its life to a full lifetime from now", () => {
    expect(checkExpiry(at(SESSION_RENEW_WITHIN_MS - 1), now)).toEqual({
      valid: true,
      renewTo: at(SESSION_LIFETIME_MS),
    });
  });
});
