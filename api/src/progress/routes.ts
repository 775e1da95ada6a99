import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import { Milestones } from "./schemas.ts";
import { getMilestones } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const milestones = createRoute({
  security: [{ session: [] }],
  tags: ["Progress"],
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/milestones",
  summary:
    "The contract's content items and products with planned dates, planned vs reported progress, late ones flagged",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Milestones", ...json(Milestones) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

export function progressRoutes() {
  return createRouter<AppEnv>().openapi(milestones, async (c) =>
    c.json(await getMilestones(c.var.db, actorOf(c), c.req.valid("param").id), 200),
  );
}
