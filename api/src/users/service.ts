import type { Database, Role } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { hashPassword } from "../auth/password.ts";
import { type Actor, canManageSessionsOf, canResetPasswordOf, locksOutSelf } from "../auth/permissions.ts";
import * as authRepo from "../auth/repository.ts";
import { endAllSessionsOf, findUserUnit, listSessions, rejectPassword, type SessionView } from "../auth/service.ts";
import { accountKey } from "../auth/throttle.ts";
import { DomainError, notFound } from "../http/errors.ts";
import * as repo from "./repository.ts";
import type { CreateUserBody, UpdateUserBody, UserItem } from "./schemas.ts";

const toItem = (u: repo.UserRow): UserItem => ({
  id: u.id,
  email: u.email,
  fullName: u.full_name,
  roles: u.roles,
  unit: u.unit_id !== null && u.unit_name !== null ? { id: u.unit_id, name: u.unit_name } : null,
  personId: u.person_id,
  active: u.active,
  createdAt: u.created_at.toISOString(),
});

export async function listUsers(db: Kysely<Database>): Promise<UserItem[]> {
  return (await repo.listUsers(db)).map(toItem);
}

async function oneUser(db: Kysely<Database>, id: number): Promise<UserItem> {
  const row = (await repo.listUsers(db)).find((u) => u.id === id);
  if (!row) throw notFound("User");
  return toItem(row);
}

async function checkLinks(
  db: Kysely<Database>,
  userId: number | null,
  unitId?: number | null,
  personId?: number | null,
) {
  if (unitId !== undefined && unitId !== null && !(await repo.unitExists(db, unitId))) {
    throw new DomainError("VALIDATION_FAILED", "No such unit", { unitId: "No such unit" });
  }
  if (personId !== undefined && personId !== null) {
    const person = await repo.personOf(db, personId);
    if (!person) throw new DomainError("VALIDATION_FAILED", "No such person", { personId: "No such person" });
    if (person.user_id !== null && person.user_id !== userId) {
      throw new DomainError("CONFLICT", "That person already has an account", {
        personId: "This person is linked to another account",
      });
    }
  }
}

export async function createUser(db: Kysely<Database>, actor: Actor, body: CreateUserBody): Promise<UserItem> {
  // The same policy as for a password the user chooses (decision 013).
  rejectPassword(body.password, body.email, "password");
  const passwordHash = await hashPassword(body.password);
  const id = await db.transaction().execute(async (trx) => {
    if (await repo.emailTaken(trx, body.email)) {
      throw new DomainError("CONFLICT", "An account with this e-mail exists", { email: "Already in use" });
    }
    await checkLinks(trx, null, body.unitId, body.personId);
    const { id } = await repo.insertUser(trx, {
      email: body.email,
      fullName: body.fullName,
      passwordHash,
      unitId: body.unitId ?? null,
    });
    await repo.replaceRoles(trx, id, body.roles);
    if (body.personId) await repo.linkPerson(trx, id, body.personId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "user.created",
      entityType: "user",
      entityId: id,
      data: { email: body.email, roles: body.roles, unitId: body.unitId ?? null, personId: body.personId ?? null },
    });
    return id;
  });
  return oneUser(db, id);
}

export async function updateUser(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  body: UpdateUserBody,
): Promise<UserItem> {
  if (locksOutSelf(actor, userId, body)) {
    throw new DomainError("FORBIDDEN", "You cannot remove your own administrator rights or disable yourself");
  }
  await db.transaction().execute(async (trx) => {
    const user = await repo.findUser(trx, userId, true);
    if (!user) throw notFound("User");
    await checkLinks(trx, userId, body.unitId, body.personId);
    const beforeRoles = await repo.rolesOf(trx, userId);
    const beforePerson = await repo.linkedPerson(trx, userId);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const note = (field: string, before: unknown, after: unknown) => {
      if (after !== undefined && JSON.stringify(before) !== JSON.stringify(after)) changes[field] = { before, after };
    };
    note("fullName", user.full_name, body.fullName);
    note("unitId", user.unit_id, body.unitId);
    note("active", user.active, body.active);
    note("roles", beforeRoles, body.roles ? [...body.roles].sort() : undefined);
    note("personId", beforePerson, body.personId);
    if (Object.keys(changes).length === 0) return;

    await repo.updateUser(trx, userId, {
      ...(changes.fullName ? { full_name: body.fullName } : {}),
      ...(changes.unitId ? { unit_id: body.unitId ?? null } : {}),
      ...(changes.active ? { active: body.active } : {}),
    });
    if (changes.roles && body.roles) await repo.replaceRoles(trx, userId, body.roles as Role[]);
    if (changes.personId) await repo.linkPerson(trx, userId, body.personId ?? null);
    // Rights that were taken away must not survive in an open session.
    const rightsChanged = changes.roles || changes.active || changes.unitId || changes.personId;
    const ended = rightsChanged ? await repo.endSessions(trx, userId) : 0;
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "user.updated",
      entityType: "user",
      entityId: userId,
      data: { changes, sessionsEnded: ended },
    });
  });
  return oneUser(db, userId);
}

/** The account whose sessions an administrator asks about, if theirs to manage (decision 013). */
async function sessionsTarget(db: Kysely<Database>, actor: Actor, userId: number) {
  const user = await findUserUnit(db, userId);
  if (!user) throw notFound("User");
  if (!canManageSessionsOf(actor, { unitId: user.unit_id })) {
    throw new DomainError("FORBIDDEN", "This account belongs to another unit's administrators");
  }
  return user;
}

export async function listUserSessions(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  now = new Date(),
): Promise<SessionView[]> {
  await sessionsTarget(db, actor, userId);
  return listSessions(db, userId, null, now);
}

export async function endUserSessions(db: Kysely<Database>, actor: Actor, userId: number): Promise<number> {
  await sessionsTarget(db, actor, userId);
  return endAllSessionsOf(db, actor, userId);
}

/**
 * An administrator sets a new password for a user who forgot theirs (decision 013): the same
 * policy as any password, and in one transaction every session of the user ends and the sign-in
 * lock on their address is lifted, so they can sign in at once. Their own password an
 * administrator changes on the account page, with the current one.
 */
export async function resetUserPassword(
  db: Kysely<Database>,
  actor: Actor,
  userId: number,
  newPassword: string,
): Promise<void> {
  if (userId === actor.userId) {
    throw new DomainError("USE_OWN_PASSWORD_CHANGE", "Change your own password on your account page");
  }
  const refuse = () => new DomainError("FORBIDDEN", "This account belongs to another unit's administrators");
  const before = await repo.findUser(db, userId);
  if (!before) throw notFound("User");
  if (!canResetPasswordOf(actor, { id: before.id, unitId: before.unit_id })) throw refuse();
  rejectPassword(newPassword, before.email, "newPassword");
  // Hashed outside the transaction: the row lock is held only for the writes.
  const passwordHash = await hashPassword(newPassword);
  await db.transaction().execute(async (trx) => {
    const user = await authRepo.findUserForUpdate(trx, userId);
    if (!user) throw notFound("User");
    // The account may have moved to another unit while the hash was computed.
    if (!canResetPasswordOf(actor, { id: user.id, unitId: user.unit_id })) throw refuse();
    await authRepo.setPasswordHash(trx, userId, passwordHash);
    const ended = await authRepo.deleteSessionsOf(trx, userId, null);
    await authRepo.clearLockout(trx, accountKey(user.email));
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "auth.password_reset_by_admin",
      entityType: "user",
      entityId: userId,
      data: { sessionsEnded: ended },
    });
  });
}
