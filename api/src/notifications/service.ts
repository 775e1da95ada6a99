import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { type Actor, ownsNotification } from "../auth/permissions.ts";
import { notFound } from "../http/errors.ts";
import * as repo from "./repository.ts";
import type { NotificationList, NotificationQuery, NotificationRead } from "./schemas.ts";

/** The signed-in user's own notifications, newest first, and how many are unread. */
export async function listNotifications(
  db: Kysely<Database>,
  actor: Actor,
  query: NotificationQuery,
): Promise<NotificationList> {
  const [rows, unread] = await Promise.all([
    repo.notificationsOf(db, actor.userId, { unreadOnly: query.unread, limit: query.limit }),
    repo.countUnread(db, actor.userId),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      task:
        r.task_id !== null && r.code !== null && r.title !== null
          ? { id: r.task_id, code: r.code, title: r.title }
          : null,
      payload: (r.payload ?? {}) as Record<string, unknown>,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
    unread,
  };
}

/** Someone else's notification answers 404, as if absent. */
export async function markNotificationRead(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<NotificationRead> {
  const found = await repo.findNotification(db, id);
  if (!found || !ownsNotification(actor, { userId: found.user_id })) throw notFound("Notification");
  const row = await repo.markRead(db, id, now);
  return { id: row.id, readAt: (row.read_at ?? now).toISOString() };
}
