import type { Database, Role } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db
    .selectFrom("app_user")
    .select(["id", "password_hash", "active"])
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
}

export async function insertSession(db: Kysely<Database>, id: string, userId: number, expiresAt: Date) {
  await db.insertInto("session").values({ id, user_id: userId, expires_at: expiresAt }).execute();
}

export async function findSession(db: Kysely<Database>, id: string) {
  return db
    .selectFrom("session")
    .innerJoin("app_user", "app_user.id", "session.user_id")
    .select(["session.id", "session.user_id", "session.expires_at", "app_user.active"])
    .where("session.id", "=", id)
    .executeTakeFirst();
}

export async function extendSession(db: Kysely<Database>, id: string, expiresAt: Date) {
  await db.updateTable("session").set({ expires_at: expiresAt }).where("id", "=", id).execute();
}

export async function deleteSession(db: Kysely<Database>, id: string) {
  return db.deleteFrom("session").where("id", "=", id).returning("user_id").executeTakeFirst();
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: Date) {
  await db.deleteFrom("session").where("expires_at", "<=", now).execute();
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
