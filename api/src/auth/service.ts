import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { DomainError } from "../http/errors.ts";
import { burnPasswordCheck, verifyPassword } from "./password.ts";
import type { Actor } from "./permissions.ts";
import * as repo from "./repository.ts";
import {
  checkExpiry,
  generateSessionToken,
  isWellFormedToken,
  SESSION_LIFETIME_MS,
  sessionIdFromToken,
} from "./session.ts";

const INVALID = "Email or password is incorrect";

export interface SignedIn {
  token: string;
  expiresAt: Date;
  userId: number;
}

/** One message for every failure, and the same Argon2 work whether or not the e-mail exists. */
export async function signIn(
  db: Kysely<Database>,
  email: string,
  password: string,
  now = new Date(),
): Promise<SignedIn> {
  const user = await repo.findUserByEmail(db, email);
  if (!user) {
    await burnPasswordCheck(password);
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }
  const ok = await verifyPassword(user.password_hash, password);
  if (!ok || !user.active) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actorUserId: user.id,
        action: "auth.sign_in_failed",
        entityType: "user",
        entityId: user.id,
        data: { reason: ok ? "inactive" : "wrong_password" },
      }),
    );
    throw new DomainError("INVALID_CREDENTIALS", INVALID);
  }
  const token = generateSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, sessionIdFromToken(token), user.id, expiresAt);
    await appendAudit(trx, { actorUserId: user.id, action: "auth.sign_in", entityType: "user", entityId: user.id });
  });
  return { token, expiresAt, userId: user.id };
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
  /** Set when the session was extended and the cookie must be re-issued. */
  renewedTo: Date | null;
}

/** Any bad, unknown or expired token is simply no session. */
export async function validateSession(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<ValidatedSession | null> {
  if (!isWellFormedToken(token)) return null;
  const id = sessionIdFromToken(token);
  const session = await repo.findSession(db, id);
  if (!session) return null;
  const check = checkExpiry(session.expires_at, now);
  if (!check.valid || !session.active) {
    await repo.deleteSession(db, id);
    return null;
  }
  if (check.renewTo) await repo.extendSession(db, id, check.renewTo);
  const actor = await loadActor(db, session.user_id);
  return actor ? { actor, renewedTo: check.renewTo } : null;
}

export async function loadActor(db: Kysely<Database>, userId: number): Promise<Actor | null> {
  const profile = await repo.loadUserProfile(db, userId);
  if (!profile) return null;
  return { userId: profile.id, personId: profile.person_id, roles: profile.roles, unitId: profile.unit_id };
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
