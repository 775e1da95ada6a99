import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskDetail, TaskIdParam, TaskList, TaskListQuery } from "./schemas.ts";
import { getTask, listTasks } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const list = createRoute({
  method: "get",
  path: "/tasks",
  tags: ["Tasks"],
  summary: "List the tasks the signed-in user may see",
  description:
    "Filters combine with AND. `q` matches code and title with or without Vietnamese diacritics (`giong lua` finds `giống lúa`).",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { query: TaskListQuery },
  responses: {
    200: { description: "One page of tasks", ...json(TaskList) },
    400: { description: "Invalid filter", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

const detail = createRoute({
  method: "get",
  path: "/tasks/{id}",
  tags: ["Tasks"],
  summary: "One task with its themes, host organisation, PI and team",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { params: TaskIdParam },
  responses: {
    200: { description: "The task", ...json(TaskDetail) },
    400: { description: "Invalid id", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible to this user", ...json(ApiError) },
  },
});

export function taskRoutes() {
  return createRouter<AppEnv>()
    .openapi(list, async (c) => c.json(await listTasks(c.var.db, actorOf(c), c.req.valid("query")), 200))
    .openapi(detail, async (c) => c.json(await getTask(c.var.db, actorOf(c), c.req.valid("param").id), 200));
}
