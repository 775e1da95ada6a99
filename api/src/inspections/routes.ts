import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import { CreateInspectionBody, Inspection, InspectionList } from "./schemas.ts";
import { listInspections, recordInspection } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Inspections"] };

const list = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/inspections",
  summary: "The task's inspections and mid-term reviews, newest first, and any standing proposal to terminate",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Inspections", ...json(InspectionList) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const create = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/tasks/{id}/inspections",
  summary: "Record an inspection or mid-term review with its minutes",
  description:
    "Staff of the managing unit, while the task is in progress. The minutes are recorded as a document (unique per issuer, type, number and year). A conclusion `propose_termination` is audited and shown with the task's actions; the task moves only through the lifecycle's `terminate` step.",
  request: { params: TaskIdParam, body: { ...json(CreateInspectionBody), required: true } },
  responses: {
    201: { description: "Recorded", ...json(Inspection) },
    400: { description: "Missing or malformed input", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not the managing unit's staff", ...json(ApiError) },
    404: { description: "No such task, or not visible", ...json(ApiError) },
    409: { description: "The task is not in progress, or the minutes' number is taken", ...json(ApiError) },
  },
});

export function inspectionRoutes() {
  return createRouter<AppEnv>()
    .openapi(list, async (c) => c.json(await listInspections(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(create, async (c) =>
      c.json(await recordInspection(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 201),
    );
}
