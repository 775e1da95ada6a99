import { isUniqueViolation } from "@khcn/db/errors";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { DomainError } from "../http/errors.ts";
import {
  burnPasswordCheck,
  checkPasswordPolicy,
  hashPassword,
  PASSWORD_REJECTION_MESSAGES,
  verifyPassword,
} from "./password.ts";
import type { Actor } from "./permissions.ts";
import * as repo from "./repository.ts";
import {
  checkSession,
  generatePublicId,
  generateSessionToken,
  initialExpiry,
  isWellFormedToken,
  type SessionLifetimes,
  sameSessionId,
  sessionIdFromToken,
} from "./session.ts";
import {
  type Attempt,
  accountKey,
  checkThrottle,
  recordFailure,
  recordSuccess,
  type ThrottleSettings,
  tooManyAttempts,
} from "./throttle.ts";

const INVALID = "Email or password is incorrect";
const DAY_MS = 24 * 60 * 60 * 1000;

/** What the rules of sessions and sign-in read from the app's settings. */
export interface AuthSettings {
  lifetimes: SessionLifetimes;
  throttle: ThrottleSettings;
}

/** Where and when a request happens: the clock is passed in, so tests can move time. */
export interface RequestFacts {
  now: Date;
  address: string | null;
  userAgent: string | null;
}

export interface SignedIn {
  token: string;
  /** The absolute end of the session: the cookie lasts that long, the server enforces inactivity. */
  cookieExpiresAt: Date;
  userId: number;
}

async function openSession(
  trx: Kysely<Database>,
  userId: number,
  facts: RequestFacts,
  lifetimes: SessionLifetimes,
): Promise<SignedIn> {
  // A fresh random token at every sign-in (and re-issue): no token is ever reused.
  const token = generateSessionToken();
  await repo.insertSession(trx, {
    id: sessionIdFromToken(token),
    publicId: generatePublicId(),
    userId,
    createdAt: facts.now,
    expiresAt: initialExpiry(facts.now, lifetimes),
    userAgent: facts.userAgent,
    ipAddress: facts.address,
  });
  return { token, cookieExpiresAt: new Date(facts.now.getTime() + lifetimes.absoluteMs), userId };
}

/** Counts a failure and writes down what it did, in one transaction. */
async function noteFailure(
  db: Kysely<Database>,
  attempt: Attempt,
  facts: RequestFacts,
  settings: AuthSettings,
  user: { id: number } | null,
  reason: string,
  action: string,
) {
  await db.transaction().execute(async (trx) => {
    const outcome = await recordFailure(trx, attempt, facts.now, settings.throttle);
    if (user) {
      await appendAudit(trx, {
        actorUserId: user.id,
        action,
        entityType: "user",
        entityId: user.id,
        data: { reason, ipAddress: facts.address },
      });
    }
    // A lock is recorded when it begins, not on every refused attempt: a flood of refusals must
    // not become a flood of audit rows.
    if (outcome.lockedForMs > 0 || outcome.addressExhausted) {
      await appendAudit(trx, {
        actorUserId: user?.id ?? null,
        action: "auth.sign_in_throttled",
        entityType: "user",
        entityId: user?.id ?? null,
        data: {
          scope: outcome.lockedForMs > 0 ? "account" : "address",
          failures: outcome.failures,
          lockedForSeconds: Math.ceil(outcome.lockedForMs / 1000),
          ipAddress: facts.address,
        },
      });
    }
  });
}

/**
 * One message for every failure, and the same Argon2 work whether or not the e-mail exists.
 * A throttled attempt is refused before the password is looked at.
 */
export async function signIn(
  db: Kysely<Database>,
  email: string,
  password: string,
  facts: RequestFacts,
  settings: AuthSettings,
  /** The token of a session the browser still holds: it is ended, not left behind. */
  replacing: string | null = null,
): Promise<SignedIn> {
  const attempt: Attempt = { accountKey: accountKey(email), address: facts.address };
  const refusal = await checkThrottle(db, attempt, facts.now, settings.throttle);
  if (refusal) throw tooManyAttempts(refusal);

  const user = await repo.findUserByEmail(db, email);
  if (!user) {
    await burnPasswordCheck(password);
    await noteFailure(db, attempt, facts, settings, null, "unknown_email", "auth.sign_in_failed");
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok || !user.active) {
    const reason = ok ? "inactive" : "wrong_password";
    await noteFailure(db, attempt, facts, settings, user, reason, "auth.sign_in_failed");
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }
  return db.transaction().execute(async (trx) => {
    await recordSuccess(trx, attempt);
    if (replacing && isWellFormedToken(replacing)) await repo.deleteSession(trx, sessionIdFromToken(replacing));
    const session = await openSession(trx, user.id, facts, settings.lifetimes);
    await appendAudit(trx, {
      actorUserId: user.id,
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      data: { ipAddress: facts.address },
    });
    // Housekeeping rides on sign-ins: ended sessions and stale counters go.
    await repo.deleteExpiredSessions(trx, facts.now);
    await repo.pruneThrottle(trx, new Date(facts.now.getTime() - DAY_MS));
    return session;
  });
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  if (!isWellFormedToken(token)) return;
  await db.transaction().execute(async (trx) => {
    const removed = await repo.deleteSession(trx, sessionIdFromToken(token));
    if (removed) {
      await appendAudit(trx, {
        actorUserId: removed.user_id,
        action: "auth.sign_out",
        entityType: "user",
        entityId: removed.user_id,
      });
    }
  });
}

export interface ValidatedSession {
  actor: Actor;
  /** The session's id (the token's hash). */
  sessionId: string;
}

/**
 * Any bad, unknown or expired token is simply no session. The lookup by the token's hash uses the
 * primary key's index; what an attacker could learn from its timing is a prefix of a SHA-256
 * digest, which leads to no token. The hash found is compared again in constant time.
 */
export async function validateSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
  lifetimes: SessionLifetimes,
): Promise<ValidatedSession | null> {
  if (!isWellFormedToken(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await repo.findSession(db, id);
  if (!session || !sameSessionId(session.id, id)) return null;
  const check = checkSession(
    { createdAt: session.created_at, lastUsedAt: session.last_used_at, expiresAt: session.expires_at },
    now,
    lifetimes,
  );
  if (!check.valid || !session.active) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (check.touch) await repo.touchSession(db, id, check.touch.lastUsedAt, check.touch.expiresAt);
  return {
    actor: { userId: session.user_id, personId: session.person_id, roles: session.roles, unitId: session.unit_id },
    sessionId: id,
  };
}

export async function describeUser(db: Kysely<Database>, userId: number) {
  const profile = await repo.loadUserProfile(db, userId);
  if (!profile) throw new DomainError("UNAUTHENTICATED", "Not signed in");
  return {
    id: profile.id,
    email: profile.email,
    fullName: profile.full_name,
    roles: profile.roles,
    unit: profile.unit_id !== null && profile.unit_name ? { id: profile.unit_id, name: profile.unit_name } : null,
    personId: profile.person_id,
  };
}

// --- a user's own sessions ---

export interface SessionView {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

/** The open sessions of a user, marking the one the request came with (null: none of them). */
export async function listSessions(
  db: Kysely<Database>,
  userId: number,
  currentId: string | null,
  now: Date,
): Promise<SessionView[]> {
  const rows = await repo.listSessions(db, userId, now);
  return rows.map((r) => ({
    id: r.public_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    userAgent: r.user_agent,
    ipAddress: r.ip_address,
    current: currentId !== null && sameSessionId(r.id, currentId),
  }));
}

/** Ends one of the actor's own sessions; another user's id is not found. Answers whether it was the current one. */
export async function endOwnSession(
  db: Kysely<Database>,
  actor: Actor,
  publicId: string,
  currentId: string | null,
): Promise<{ wasCurrent: boolean }> {
  return db.transaction().execute(async (trx) => {
    const removed = await repo.deleteSessionByPublicId(trx, actor.userId, publicId);
    if (!removed) throw new DomainError("SESSION_NOT_FOUND", "No such session among yours");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "auth.session_ended",
      entityType: "user",
      entityId: actor.userId,
      data: { session: removed.public_id },
    });
    return { wasCurrent: currentId !== null && sameSessionId(removed.id, currentId) };
  });
}

export async function endOtherSessions(db: Kysely<Database>, actor: Actor, currentId: string | null): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await repo.deleteSessionsOf(trx, actor.userId, currentId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "auth.other_sessions_ended",
      entityType: "user",
      entityId: actor.userId,
      data: { ended },
    });
    return ended;
  });
}

// --- credentials ---

/**
 * The current password, asked before a change of password or e-mail. Wrong answers count towards
 * the same throttle as sign-ins: a stolen session must not become a way to guess the password.
 */
async function confirmCurrentPassword(
  db: Kysely<Database>,
  user: { id: number; email: string; password_hash: string },
  password: string,
  facts: RequestFacts,
  settings: AuthSettings,
): Promise<void> {
  const attempt: Attempt = { accountKey: accountKey(user.email), address: facts.address };
  const refusal = await checkThrottle(db, attempt, facts.now, settings.throttle);
  if (refusal) throw tooManyAttempts(refusal);
  if (!(await verifyPassword(user.password_hash, password))) {
    await noteFailure(db, attempt, facts, settings, user, "wrong_current_password", "auth.reauthentication_failed");
    throw new DomainError("CURRENT_PASSWORD_WRONG", "The current password is not correct", {
      currentPassword: "The current password is not correct",
    });
  }
  await recordSuccess(db, attempt);
}

async function accountOf(db: Kysely<Database>, userId: number) {
  const user = await repo.findUserById(db, userId);
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  return user;
}

export function rejectPassword(password: string, email: string, field: string): void {
  const reason = checkPasswordPolicy(password, email);
  if (reason) {
    const message = PASSWORD_REJECTION_MESSAGES[reason];
    throw new DomainError("PASSWORD_REJECTED", message, { [field]: message }).with({ reason });
  }
}

/**
 * A new password ends every other session of the user and re-issues the current one with a new
 * token: whoever held the old password or an old session is out.
 */
export async function changePassword(
  db: Kysely<Database>,
  actor: Actor,
  currentSessionId: string | null,
  body: { currentPassword: string; newPassword: string },
  facts: RequestFacts,
  settings: AuthSettings,
): Promise<SignedIn> {
  const user = await accountOf(db, actor.userId);
  await confirmCurrentPassword(db, user, body.currentPassword, facts, settings);
  rejectPassword(body.newPassword, user.email, "newPassword");
  const passwordHash = await hashPassword(body.newPassword);
  return db.transaction().execute(async (trx) => {
    const locked = await repo.findUserForUpdate(trx, actor.userId);
    if (!locked) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
    await repo.setPasswordHash(trx, actor.userId, passwordHash);
    const ended = await repo.deleteSessionsOf(trx, actor.userId, null);
    const session = await openSession(trx, actor.userId, facts, settings.lifetimes);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "auth.password_changed",
      entityType: "user",
      entityId: actor.userId,
      // The current session is re-issued, not ended: the others are what this counts.
      data: { otherSessionsEnded: Math.max(0, ended - (currentSessionId ? 1 : 0)), ipAddress: facts.address },
    });
    return session;
  });
}

export async function changeEmail(
  db: Kysely<Database>,
  actor: Actor,
  body: { currentPassword: string; newEmail: string },
  facts: RequestFacts,
  settings: AuthSettings,
) {
  const user = await accountOf(db, actor.userId);
  await confirmCurrentPassword(db, user, body.currentPassword, facts, settings);
  const newEmail = body.newEmail.trim().toLowerCase();
  const taken = () =>
    new DomainError("EMAIL_TAKEN", "Another account uses this e-mail", { newEmail: "Already in use" });
  await db
    .transaction()
    .execute(async (trx) => {
      const locked = await repo.findUserForUpdate(trx, actor.userId);
      if (!locked) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
      if (await repo.emailTakenByOther(trx, newEmail, actor.userId)) {
        throw taken();
      }
      if (locked.email.toLowerCase() === newEmail) return;
      await repo.setEmail(trx, actor.userId, newEmail);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "auth.email_changed",
        entityType: "user",
        entityId: actor.userId,
        data: { before: locked.email, after: newEmail },
      });
    })
    .catch((error: unknown) => {
      // Two accounts taking the same address at once: the unique index decides.
      throw isUniqueViolation(error, "app_user_email_key") ? taken() : error;
    });
  return describeUser(db, actor.userId);
}

// --- administrators ---

/** Ends every session of a user, on an administrator's word. */
export async function endAllSessionsOf(db: Kysely<Database>, actor: Actor, userId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await repo.deleteSessionsOf(trx, userId, null);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "auth.sessions_ended_by_admin",
      entityType: "user",
      entityId: userId,
      data: { ended },
    });
    return ended;
  });
}

export const findUserUnit = repo.findUserUnit;
