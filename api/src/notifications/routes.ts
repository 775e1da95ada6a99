import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { NotificationIdParam, NotificationList, NotificationQuery, NotificationRead } from "./schemas.ts";
import { listNotifications, markNotificationRead } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Notifications"] };

const list = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/notifications",
  summary: "The signed-in user's notifications, newest first",
  request: { query: NotificationQuery },
  responses: {
    200: { description: "Notifications and the unread count", ...json(NotificationList) },
    400: { description: "Invalid query", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

const read = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/notifications/{id}/read",
  summary: "Mark one of one's notifications read (again: no change)",
  request: { params: NotificationIdParam },
  responses: {
    200: { description: "Read, with when", ...json(NotificationRead) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such notification of this user", ...json(ApiError) },
  },
});

export function notificationRoutes() {
  return createRouter<AppEnv>()
    .openapi(list, async (c) => c.json(await listNotifications(c.var.db, actorOf(c), c.req.valid("query")), 200))
    .openapi(read, async (c) => c.json(await markNotificationRead(c.var.db, actorOf(c), c.req.valid("param").id), 200));
}
