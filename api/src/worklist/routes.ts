import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { Worklist } from "./schemas.ts";
import { getWorklist } from "./service.ts";

const worklist = createRoute({
  method: "get",
  path: "/worklist",
  tags: ["Work list"],
  summary: "What waits for the signed-in person, by section (reports due, reviews, decisions …)",
  description:
    "The sections depend on the person's roles; a section that applies is listed even when empty. Items are overdue first, then by due date.",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "The work list", content: { "application/json": { schema: Worklist } } },
    401: { description: "Not signed in", content: { "application/json": { schema: ApiError } } },
  },
});

export function worklistRoutes() {
  return createRouter<AppEnv>().openapi(worklist, async (c) => c.json(await getWorklist(c.var.db, actorOf(c)), 200));
}
