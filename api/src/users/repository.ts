import type { Database, Role } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export async function listUsers(db: Kysely<Database>) {
  const users = await db
    .selectFrom("app_user")
    .leftJoin("unit", "unit.id", "app_user.unit_id")
    .leftJoin("person", "person.user_id", "app_user.id")
    .select([
      "app_user.id",
      "app_user.email",
      "app_user.full_name",
      "app_user.active",
      "app_user.created_at",
      "app_user.unit_id",
      "unit.name as unit_name",
      "person.id as person_id",
    ])
    .orderBy("app_user.full_name")
    .orderBy("app_user.id")
    .execute();
  const roles = await db.selectFrom("user_role").select(["user_id", "role"]).orderBy("role").execute();
  return users.map((u) => ({ ...u, roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role) }));
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>[number];

export async function findUser(db: Kysely<Database>, id: number, lock = false) {
  let q = db.selectFrom("app_user").selectAll().where("id", "=", id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function rolesOf(db: Kysely<Database>, userId: number): Promise<Role[]> {
  const rows = await db.selectFrom("user_role").select("role").where("user_id", "=", userId).orderBy("role").execute();
  return rows.map((r) => r.role);
}

export async function emailTaken(db: Kysely<Database>, email: string) {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Kysely<Database>,
  u: { email: string; fullName: string; passwordHash: string; unitId: number | null },
) {
  return db
    .insertInto("app_user")
    .values({ email: u.email, full_name: u.fullName, password_hash: u.passwordHash, unit_id: u.unitId })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Kysely<Database>,
  id: number,
  set: { full_name?: string; unit_id?: number | null; active?: boolean },
) {
  if (Object.keys(set).length === 0) return;
  await db.updateTable("app_user").set(set).where("id", "=", id).execute();
}

export async function replaceRoles(db: Kysely<Database>, userId: number, roles: readonly Role[]) {
  await db.deleteFrom("user_role").where("user_id", "=", userId).execute();
  await db
    .insertInto("user_role")
    .values(roles.map((role) => ({ user_id: userId, role })))
    .execute();
}

export async function unitExists(db: Kysely<Database>, id: number) {
  return (await db.selectFrom("unit").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export async function personOf(db: Kysely<Database>, personId: number) {
  return db.selectFrom("person").select(["id", "user_id"]).where("id", "=", personId).executeTakeFirst();
}

export async function linkedPerson(db: Kysely<Database>, userId: number) {
  const row = await db.selectFrom("person").select("id").where("user_id", "=", userId).executeTakeFirst();
  return row?.id ?? null;
}

export async function linkPerson(db: Kysely<Database>, userId: number, personId: number | null) {
  await db.updateTable("person").set({ user_id: null }).where("user_id", "=", userId).execute();
  if (personId !== null) await db.updateTable("person").set({ user_id: userId }).where("id", "=", personId).execute();
}

/** Ends every session of the user: after a role change or deactivation, old rights must not linger. */
export async function endSessions(db: Kysely<Database>, userId: number) {
  const rows = await db.deleteFrom("session").where("user_id", "=", userId).returning("id").execute();
  return rows.length;
}
