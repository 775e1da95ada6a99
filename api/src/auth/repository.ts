import type { Database, Role } from "@khcn/db/schema";
import { type Kysely, sql } from "kysely";

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserById(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "active"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

export async function findUserForUpdate(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom("app_user")
    .select(["id", "email", "password_hash", "active", "unit_id"])
    .where("id", "=", userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findUserUnit(db: Kysely<Database>, userId: number) {
  return db.selectFrom("app_user").select(["id", "unit_id"]).where("id", "=", userId).executeTakeFirst();
}

export async function emailTakenByOther(db: Kysely<Database>, email: string, userId: number) {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .where("id", "<>", userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setPasswordHash(db: Kysely<Database>, userId: number, passwordHash: string) {
  await db.updateTable("app_user").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

export async function setEmail(db: Kysely<Database>, userId: number, email: string) {
  await db.updateTable("app_user").set({ email }).where("id", "=", userId).execute();
}

export interface NewSession {
  id: string;
  publicId: string;
  userId: number;
  createdAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
}

export async function insertSession(db: Kysely<Database>, s: NewSession) {
  await db
    .insertInto("session")
    .values({
      id: s.id,
      public_id: s.publicId,
      user_id: s.userId,
      created_at: s.createdAt,
      last_used_at: s.createdAt,
      expires_at: s.expiresAt,
      user_agent: s.userAgent,
      ip_address: s.ipAddress,
    })
    .execute();
}

/**
 * The lookup by the token's hash goes through the primary key's index (see decision 013 on timing).
 * It brings the actor along (unit, person, roles): every API request needs them, and one round trip
 * instead of three is a visible share of a cheap read (docs/benchmarks.md).
 */
export async function findSession(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .leftJoin("person", "person.user_id", "app_user.id")
    .select([
      "session.id",
      "session.user_id",
      "session.created_at",
      "session.last_used_at",
      "session.expires_at",
      "app_user.active",
      "app_user.unit_id",
      "person.id as person_id",
      sql<
        Role[]
      >`array(select user_role.role from user_role where user_role.user_id = session.user_id order by user_role.role)`.as(
        "roles",
      ),
    ])
    .where("session.id", "=", id)
    .executeTakeFirst();
}

export async function touchSession(db: Kysely<Database>, id: string, lastUsedAt: Date, expiresAt: Date) {
  await db
    .updateTable("session")
    .set({ last_used_at: lastUsedAt, expires_at: expiresAt })
    .where("id", "=", id)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string) {
  return db.deleteFrom("session").where("id", "=", id).returning("user_id").executeTakeFirst();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date) {
  await db.deleteFrom("session").where("expires_at", "<=", now).execute();
}

/** A user's sessions still open at `now`, most recently used first. */
export async function listSessions(db: Kysely<Database>, userId: number, now: Date) {
  return db
    .selectFrom("session")
    .select(["id", "public_id", "created_at", "last_used_at", "expires_at", "user_agent", "ip_address"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_used_at", "desc")
    .orderBy("created_at", "desc")
    .execute();
}

export async function deleteSessionByPublicId(db: Kysely<Database>, userId: number, publicId: string) {
  return db
    .deleteFrom("session")
    .where("user_id", "=", userId)
    .where("public_id", "=", publicId)
    .returning(["id", "public_id"])
    .executeTakeFirst();
}

/** Ends every session of the user but the one named (null: every one). */
export async function deleteSessionsOf(db: Kysely<Database>, userId: number, exceptId: string | null) {
  let q = db.deleteFrom("session").where("user_id", "=", userId);
  if (exceptId !== null) q = q.where("id", "<>", exceptId);
  const rows = await q.returning("public_id").execute();
  return rows.length;
}

// --- sign-in throttling (decision 013) ---

export async function findLockout(db: Kysely<Database>, accountKey: string) {
  return db.selectFrom("sign_in_lockout").selectAll().where("account_key", "=", accountKey).executeTakeFirst();
}

/**
 * Counts one more consecutive failure in a single statement, so that parallel attempts (from any
 * process) each count: a count older than `forgetBefore` starts again at one.
 */
export async function countFailure(db: Kysely<Database>, accountKey: string, now: Date, forgetBefore: Date) {
  const row = await db
    .insertInto("sign_in_lockout")
    .values({ account_key: accountKey, failures: 1, locked_until: null, last_failure_at: now })
    .onConflict((oc) =>
      oc.column("account_key").doUpdateSet({
        failures: sql<number>`case when sign_in_lockout.last_failure_at < ${forgetBefore} then 1 else sign_in_lockout.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .returning(["failures", "locked_until"])
    .executeTakeFirstOrThrow();
  return row;
}

export async function setLockedUntil(db: Kysely<Database>, accountKey: string, lockedUntil: Date) {
  await db
    .updateTable("sign_in_lockout")
    .set({ locked_until: lockedUntil })
    .where("account_key", "=", accountKey)
    .execute();
}

export async function clearLockout(db: Kysely<Database>, accountKey: string) {
  await db.deleteFrom("sign_in_lockout").where("account_key", "=", accountKey).execute();
}

export async function findBucket(db: Kysely<Database>, address: string) {
  return db.selectFrom("sign_in_address_bucket").selectAll().where("address", "=", address).executeTakeFirst();
}

/**
 * Takes one token from the address's bucket after refilling it for the time elapsed, in a single
 * statement (atomic across processes). Answers the tokens left.
 */
export async function takeToken(
  db: Kysely<Database>,
  address: string,
  now: Date,
  bucket: { burst: number; refillMs: number },
): Promise<number> {
  const refilled = sql<number>`least(${bucket.burst}::double precision, sign_in_address_bucket.tokens + greatest(0, extract(epoch from (${now}::timestamptz - sign_in_address_bucket.updated_at)))::double precision * 1000 / ${bucket.refillMs}::double precision)`;
  const row = await db
    .insertInto("sign_in_address_bucket")
    .values({ address, tokens: bucket.burst - 1, updated_at: now })
    .onConflict((oc) =>
      oc.column("address").doUpdateSet({ tokens: sql<number>`greatest(0, ${refilled} - 1)`, updated_at: now }),
    )
    .returning("tokens")
    .executeTakeFirstOrThrow();
  return Number(row.tokens);
}

/** Forgets counters nobody has touched for a day: they would allow nothing more than a fresh one. */
export async function pruneThrottle(db: Kysely<Database>, before: Date) {
  await db
    .deleteFrom("sign_in_lockout")
    .where("last_failure_at", "<", before)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", before)]))
    .execute();
  await db.deleteFrom("sign_in_address_bucket").where("updated_at", "<", before).execute();
}

/** The user as the app presents them, with roles, unit and linked person. */
export async function loadUserProfile(db: Kysely<Database>, userId: number) {
  const user = await db
    .selectFrom("app_user")
    .leftJoin("unit", "unit.id", "app_user.unit_id")
    .leftJoin("person", "person.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.email",
      "app_user.full_name",
      "app_user.unit_id",
      "unit.name as unit_name",
      "person.id as person_id",
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
  if (!user) return undefined;
  const roles = await db.selectFrom("user_role").select("role").where("user_id", "=", userId).orderBy("role").execute();
  return { ...user, roles: roles.map((r) => r.role as Role) };
}
