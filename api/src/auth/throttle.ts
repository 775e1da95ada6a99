import type { Database } from "@khcn/db/schema";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import type { Kysely } from "kysely";
import { DomainError } from "../http/errors.ts";
import * as repo from "./repository.ts";

/*
 * Sign-in throttling (decision 013), kept in the database so it survives restarts and holds
 * across processes:
 *  - per account: after `lockAfter` consecutive failures the e-mail address is locked, for
 *    `lockBaseMs`, doubling with each further failure up to `lockMaxMs`; a success clears it.
 *    The key is the hash of the e-mail whether or not an account has it, so a lock tells nothing
 *    about which accounts exist.
 *  - per client address: a token bucket that only FAILED attempts drain (`addressBurst` tokens,
 *    one back every `addressRefillMs`), so a class behind one NAT signing in correctly is never slowed.
 * While either applies the answer is 429 before any password is checked.
 */
export interface ThrottleSettings {
  lockAfter: number;
  lockBaseMs: number;
  lockMaxMs: number;
  /** A failure this old no longer counts towards the next lock. */
  forgetAfterMs: number;
  addressBurst: number;
  addressRefillMs: number;
}

export const DEFAULT_THROTTLE: ThrottleSettings = {
  lockAfter: 5,
  lockBaseMs: 30_000,
  lockMaxMs: 15 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
  addressBurst: 20,
  addressRefillMs: 30_000,
};

/** The lock earned by this many consecutive failures: none below the threshold, then doubling. */
export function lockDurationMs(failures: number, s: ThrottleSettings): number {
  if (failures < s.lockAfter) return 0;
  const doublings = Math.min(failures - s.lockAfter, 30);
  return Math.min(s.lockBaseMs * 2 ** doublings, s.lockMaxMs);
}

/** The bucket's level at `now`, refilled for the time since it was last drawn on. */
export function bucketLevel(tokens: number, updatedAt: Date, now: Date, s: ThrottleSettings): number {
  const elapsed = Math.max(0, now.getTime() - updatedAt.getTime());
  return Math.min(s.addressBurst, tokens + elapsed / s.addressRefillMs);
}

export function accountKey(email: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(email.trim().toLowerCase())));
}

export interface Attempt {
  accountKey: string;
  /** The client's address, or null where there is none (in-process requests): they share one bucket. */
  address: string | null;
}

const addressKey = (address: string | null) => address ?? "unknown";

export interface Refusal {
  scope: "account" | "address";
  retryAfterMs: number;
}

/** Whether this attempt must be refused now, and for how long. Reads only. */
export async function checkThrottle(
  db: Kysely<Database>,
  attempt: Attempt,
  now: Date,
  s: ThrottleSettings,
): Promise<Refusal | null> {
  const [lock, bucket] = await Promise.all([
    repo.findLockout(db, attempt.accountKey),
    repo.findBucket(db, addressKey(attempt.address)),
  ]);
  const refusals: Refusal[] = [];
  if (lock?.locked_until && lock.locked_until.getTime() > now.getTime()) {
    refusals.push({ scope: "account", retryAfterMs: lock.locked_until.getTime() - now.getTime() });
  }
  if (bucket) {
    const level = bucketLevel(Number(bucket.tokens), bucket.updated_at, now, s);
    if (level < 1) refusals.push({ scope: "address", retryAfterMs: (1 - level) * s.addressRefillMs });
  }
  return refusals.sort((a, b) => b.retryAfterMs - a.retryAfterMs)[0] ?? null;
}

export interface FailureOutcome {
  failures: number;
  /** Set when this failure locked the account: for how long. */
  lockedForMs: number;
  /** True when this failure emptied the address's bucket. */
  addressExhausted: boolean;
}

/** Counts a failed attempt against the account and the address (inside the caller's transaction). */
export async function recordFailure(
  db: Kysely<Database>,
  attempt: Attempt,
  now: Date,
  s: ThrottleSettings,
): Promise<FailureOutcome> {
  const forgetBefore = new Date(now.getTime() - s.forgetAfterMs);
  const { failures } = await repo.countFailure(db, attempt.accountKey, now, forgetBefore);
  const lockedForMs = lockDurationMs(failures, s);
  if (lockedForMs > 0) await repo.setLockedUntil(db, attempt.accountKey, new Date(now.getTime() + lockedForMs));
  const left = await repo.takeToken(db, addressKey(attempt.address), now, {
    burst: s.addressBurst,
    refillMs: s.addressRefillMs,
  });
  return { failures, lockedForMs, addressExhausted: left < 1 };
}

/** A correct password ends the run of failures. */
export async function recordSuccess(db: Kysely<Database>, attempt: Attempt): Promise<void> {
  await repo.clearLockout(db, attempt.accountKey);
}

export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The 429 answer: the same for a known and an unknown e-mail. */
export function tooManyAttempts(refusal: Refusal): DomainError {
  const seconds = retryAfterSeconds(refusal.retryAfterMs);
  return new DomainError(
    "TOO_MANY_ATTEMPTS",
    `Too many failed sign-in attempts. Try again in ${seconds} seconds.`,
  ).with({ retryAfterSeconds: seconds }, { "Retry-After": String(seconds) });
}
