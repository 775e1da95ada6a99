import { jsonb } from "@khcn/db/jsonb";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

/** Tells a user something, inside the caller's transaction: the change and the message land together. */
export async function notify(
  db: Kysely<Database>,
  n: { userId: number; kind: `${string}.${string}`; taskId: number | null; payload: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto("notification")
    .values({ user_id: n.userId, kind: n.kind, task_id: n.taskId, payload: jsonb(n.payload) })
    .execute();
}

export async function notificationsOf(
  db: Kysely<Database>,
  userId: number,
  opts: { unreadOnly: boolean; limit: number },
) {
  let query = db
    .selectFrom("notification as n")
    .leftJoin("task", "task.id", "n.task_id")
    .select(["n.id", "n.kind", "n.task_id", "task.code", "task.title", "n.payload", "n.created_at", "n.read_at"])
    .where("n.user_id", "=", userId);
  if (opts.unreadOnly) query = query.where("n.read_at", "is", null);
  return query.orderBy("n.id", "desc").limit(opts.limit).execute();
}

export async function countUnread(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom("notification")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findNotification(db: Kysely<Database>, id: number) {
  return db.selectFrom("notification").select(["id", "user_id", "read_at"]).where("id", "=", id).executeTakeFirst();
}

/** Marks it read once: a second call keeps the first time. */
export async function markRead(db: Kysely<Database>, id: number, at: Date) {
  await db.updateTable("notification").set({ read_at: at }).where("id", "=", id).where("read_at", "is", null).execute();
  return db.selectFrom("notification").select(["id", "read_at"]).where("id", "=", id).executeTakeFirstOrThrow();
}
