import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { IdempotencyKeyHeader } from "../idempotency/header.ts";
import { spreadsheetResponse, writeSpreadsheet } from "../spreadsheets/write.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import { BudgetView, ExportQuery, RecordMovementBody, SavePlanBody } from "./schemas.ts";
import { budgetSheet, getBudget, recordMovement, saveBudgetPlan } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Budget"] };
const unauthenticated = { description: "Not signed in", ...json(ApiError) };
const notVisible = { description: "No such task, or not visible", ...json(ApiError) };

const read = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/budget",
  summary: "The task's approved budget plan, its revisions, the money moved, and the burn by year with a forecast",
  description:
    "Amounts are decimal strings of whole đồng. `balanced` is false when the lines no longer add up to the approved totals (e.g. after a budget adjustment approved without a plan). The forecast compares money paid out with the physical progress of the latest accepted (else submitted) report and projects the current year at its pace.",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "The budget", ...json(BudgetView) },
    401: unauthenticated,
    404: notVisible,
  },
});

const savePlan = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "put",
  path: "/tasks/{id}/budget/plan",
  summary: "Replace the budget plan (source × year × expense category); it must add up to the approved totals",
  description:
    "Staff of the managing unit. Saved as the next revision with its reason. Refused (422, the field marked) when an amount is not a whole, non-negative number of đồng (AMOUNT_INVALID, `lines.N.amount`), a category is not configured (UNKNOWN_CATEGORY), a year is outside the task (YEAR_OUTSIDE_TASK), a line is repeated (DUPLICATE_PLAN_LINE), the lines do not add up to the total and the state part (PLAN_NOT_BALANCED, `lines`, with the difference), or a year would get less than is already allocated (ALLOCATION_OVER_PLAN). An older `version` answers 409 STALE_VERSION.",
  request: { params: TaskIdParam, body: { ...json(SavePlanBody), required: true } },
  responses: {
    200: { description: "Saved", ...json(BudgetView) },
    400: { description: "Malformed input", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not staff of the managing unit", ...json(ApiError) },
    404: notVisible,
    409: { description: "The plan changed since it was read", ...json(ApiError) },
    422: { description: "Refused by the plan rules", ...json(ApiError) },
  },
});

const record = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/tasks/{id}/budget/movements",
  summary: "Record an allocation, advance, settlement or recovery with its document",
  description:
    "Staff of the managing unit. Per budget year and source: allocations up to the plan (ALLOCATION_OVER_PLAN), advances up to the allocation (ADVANCE_OVER_ALLOCATION), settlements and recoveries up to the advance not yet settled or recovered (SETTLEMENT_OVER_ADVANCE, RECOVERY_OVER_PAID); refusals are 422 with the limit in `fields.amount` and `details.limit`. With an `Idempotency-Key` a retry gets the first answer (header `Idempotent-Replayed: true`) and records nothing; the same key with another movement answers 422 IDEMPOTENCY_KEY_REUSED.",
  request: {
    params: TaskIdParam,
    headers: IdempotencyKeyHeader,
    body: { ...json(RecordMovementBody), required: true },
  },
  responses: {
    201: { description: "Recorded; the budget as it now stands", ...json(BudgetView) },
    400: { description: "Malformed input", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not staff of the managing unit", ...json(ApiError) },
    404: notVisible,
    409: { description: "The document number is taken by another document", ...json(ApiError) },
    422: {
      description: "Refused by the movement rules, or the Idempotency-Key was used for another request",
      ...json(ApiError),
    },
  },
});

const exportSheet = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/budget/export",
  summary: "One of the budget's tables (plan, movements, years) as a spreadsheet (XLSX or CSV)",
  request: { params: TaskIdParam, query: ExportQuery },
  responses: {
    200: {
      description: "The file, as an attachment",
      content: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.any() },
        "text/csv": { schema: z.any() },
      },
    },
    400: { description: "Unknown table or format", ...json(ApiError) },
    401: unauthenticated,
    404: notVisible,
  },
});

export function budgetRoutes() {
  return createRouter<AppEnv>()
    .openapi(read, async (c) => c.json(await getBudget(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(savePlan, async (c) =>
      c.json(await saveBudgetPlan(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(record, async (c) => {
      const outcome = await recordMovement(
        c.var.db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("json"),
        c.req.valid("header")["idempotency-key"],
      );
      if (outcome.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(outcome.body, 201);
    })
    .openapi(exportSheet, async (c) => {
      const { table, format } = c.req.valid("query");
      const { sheet, baseName } = await budgetSheet(c.var.db, actorOf(c), c.req.valid("param").id, table);
      return spreadsheetResponse(await writeSpreadsheet(sheet, format), baseName);
    });
}
