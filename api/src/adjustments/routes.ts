import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import {
  Adjustment,
  AdjustmentIdParam,
  AdjustmentList,
  CreateAdjustmentBody,
  DecideAdjustmentBody,
  PendingAdjustments,
} from "./schemas.ts";
import {
  decideAdjustment,
  listAdjustments,
  pendingAdjustments,
  requestAdjustment,
  withdrawAdjustment,
} from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Adjustments"] };
const unauthenticated = { description: "Not signed in", ...json(ApiError) };

const list = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/adjustments",
  summary: "The task's adjustment requests, newest first, and which kinds may be requested now",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Requests", ...json(AdjustmentList) },
    401: unauthenticated,
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const create = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/tasks/{id}/adjustments",
  summary: "Request an adjustment of one kind (duration, budget, content, products, PI, host, other)",
  description:
    "The task's PI (for the host organisation) or the managing unit's staff, while the task is in progress. Under full lump-sum funding content and products cannot change (409 ADJUSTMENT_REFUSED). An extension must move the end date later; more than 6 months, or a second extension (which must be marked `exceptional`), needs a justification of at least 200 characters. One open request per kind. A refusal by the rules carries, beside `fields`, the stable code of each field's refusal in `details.codes` (e.g. `{ kind: \"LUMP_SUM_PRODUCTS_FIXED\" }`). The decision is due within the rule parameter `adjustment_decision_days` (15 by default).",
  request: { params: TaskIdParam, body: { ...json(CreateAdjustmentBody), required: true } },
  responses: {
    201: { description: "Filed", ...json(Adjustment) },
    400: { description: "Missing or malformed input", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Neither the task's PI nor the unit's staff", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
    409: {
      description: "Refused by the rules (funding mode, stage, second extension) or a request of the kind is open",
      ...json(ApiError),
    },
  },
});

const decide = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/adjustments/{adjustmentId}/decide",
  summary: "Approve (with the decision document) or reject (with a reason) an open request",
  description:
    "Staff or the head of the managing unit. An approval is checked again against the task and applied to its record in the same transaction (end date, budget, PI and team, host, objectives); the task's version moves on, and an extension redoes the report schedule.",
  request: { params: AdjustmentIdParam, body: { ...json(DecideAdjustmentBody), required: true } },
  responses: {
    200: { description: "Decided", ...json(Adjustment) },
    400: { description: "Missing or malformed input (document to approve, reason to reject)", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not staff or head of the managing unit", ...json(ApiError) },
    404: { description: "No such request, or its task is not visible", ...json(ApiError) },
    409: {
      description: "Already settled, no longer fits the task, or the document number is taken",
      ...json(ApiError),
    },
  },
});

const withdraw = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/adjustments/{adjustmentId}/withdraw",
  summary: "Withdraw an open request (the person who filed it)",
  request: { params: AdjustmentIdParam },
  responses: {
    200: { description: "Withdrawn", ...json(Adjustment) },
    401: unauthenticated,
    403: { description: "Not the person who filed it", ...json(ApiError) },
    404: { description: "No such request, or its task is not visible", ...json(ApiError) },
    409: { description: "Already settled", ...json(ApiError) },
  },
});

const pending = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/adjustments/pending",
  summary: "Open requests awaiting a decision, the earliest deadline first, with days left or overdue",
  description: "Staff and heads see their unit's; administrators all.",
  responses: {
    200: { description: "Open requests", ...json(PendingAdjustments) },
    401: unauthenticated,
    403: { description: "Not department staff, head or administrator", ...json(ApiError) },
  },
});

export function adjustmentRoutes() {
  return createRouter<AppEnv>()
    .openapi(pending, async (c) => c.json(await pendingAdjustments(c.var.db, actorOf(c)), 200))
    .openapi(list, async (c) => c.json(await listAdjustments(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(create, async (c) =>
      c.json(await requestAdjustment(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
    )
    .openapi(decide, async (c) =>
      c.json(await decideAdjustment(c.var.db, actorOf(c), c.req.valid("param").adjustmentId, c.req.valid("json")), 200),
    )
    .openapi(withdraw, async (c) =>
      c.json(await withdrawAdjustment(c.var.db, actorOf(c), c.req.valid("param").adjustmentId), 200),
    );
}
