import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { IdempotencyKeyHeader } from "../idempotency/header.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import { ActionList, History, HistoryQuery, Timeline, TransitionBody, TransitionResult } from "./schemas.ts";
import { getHistory, getTimeline, listActions, performTransition } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Lifecycle"] };

const actions = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/actions",
  summary: "The steps the signed-in user may take on the task now, and why others are unavailable",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Actions leaving the current stage", ...json(ActionList) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const transition = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/tasks/{id}/transitions",
  summary: "Move the task to its next stage, with the document that justifies it",
  description:
    "Locks the task, checks the stage machine, writes and audits in one transaction. `fromStage` must be the stage the client saw: a task that has moved since answers 409 STAGE_CHANGED. With an `Idempotency-Key` a retry gets the first answer (header `Idempotent-Replayed: true`); the same key with another request answers 422 IDEMPOTENCY_KEY_REUSED.",
  request: { params: TaskIdParam, headers: IdempotencyKeyHeader, body: { ...json(TransitionBody), required: true } },
  responses: {
    200: { description: "The task moved", ...json(TransitionResult) },
    400: { description: "Missing or malformed input (document, comment, outcome)", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "This role may not take this step on this task", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
    409: {
      description: "The task moved meanwhile, the step is not possible from its stage, or the document number is taken",
      ...json(ApiError),
    },
    422: {
      description: "The task record is incomplete for this step, or the Idempotency-Key was used for another request",
      ...json(ApiError),
    },
  },
});

const timeline = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/timeline",
  summary: "The stages the task has passed, with dates, documents and who moved it",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Transitions, oldest first", ...json(Timeline) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const history = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/history",
  summary: "The task's audit trail: every change, newest first",
  request: { params: TaskIdParam, query: HistoryQuery },
  responses: {
    200: { description: "Audit entries", ...json(History) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

export function lifecycleRoutes() {
  return createRouter<AppEnv>()
    .openapi(actions, async (c) => c.json(await listActions(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(transition, async (c) => {
      const outcome = await performTransition(
        c.var.db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.req.valid("header")["idempotency-key"],
      );
      if (outcome.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(outcome.body, 200);
    })
    .openapi(timeline, async (c) => c.json(await getTimeline(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(history, async (c) =>
      c.json(await getHistory(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("query")), 200),
    );
}
