import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canListOverdueReports, canSeeReportQueue } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { TaskIdParam } from "../tasks/schemas.ts";
import {
  CompareQuery,
  Comparison,
  IdempotencyHeader,
  OverdueReports,
  PeriodIdParam,
  ReportQueue,
  ReportView,
  ReviewBody,
  ReviewResult,
  SaveDraftBody,
  SavedDraft,
  SubmitBody,
  SubmitResult,
  TaskProgress,
  TaskReports,
  VersionDetail,
  VersionParams,
} from "./schemas.ts";
import {
  compareVersions,
  getReport,
  getVersion,
  listTaskReports,
  overdueReports,
  reviewQueue,
  reviewReport,
  saveDraft,
  submitReport,
  taskProgress,
} from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const body = <T>(schema: T) => ({ body: { required: true, ...json(schema) } });
const common = { security: [{ session: [] }], tags: ["Reports"] };
const unauthenticated = { 401: { description: "Not signed in", ...json(ApiError) } };
const hidden = { 404: { description: "No such report, or its task is not visible", ...json(ApiError) } };

const taskReports = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/reports",
  summary: "The task's reporting periods, due dates and the state of each report today",
  description:
    "States: upcoming (not open yet), due (open for submission), overdue (past its due date plus grace, not submitted), draft, submitted, returned, accepted. Due and overdue are derived from the dates, never stored.",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Periods in order, with the part the acceptance dossier covers", ...json(TaskReports) },
    ...unauthenticated,
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const progress = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/tasks/{id}/progress",
  summary: "Planned against reported progress per content item and product",
  request: { params: TaskIdParam },
  responses: {
    200: { description: "Progress as of the latest accepted (else submitted) report", ...json(TaskProgress) },
    ...unauthenticated,
    404: { description: "No such task, or not visible", ...json(ApiError) },
  },
});

const queue = createRoute({
  ...common,
  middleware: [
    requireActor,
    requirePermission(canSeeReportQueue, "Only the Department's staff and heads see the review queue"),
  ] as const,
  method: "get",
  path: "/reports/queue",
  summary: "Submitted reports awaiting review in one's unit, the longest waiting first",
  responses: {
    200: { description: "The queue", ...json(ReportQueue) },
    ...unauthenticated,
    403: { description: "Not staff, head or administrator", ...json(ApiError) },
  },
});

const overdue = createRoute({
  ...common,
  middleware: [
    requireActor,
    requirePermission(canListOverdueReports, "Overdue reports are listed for the Department and for PIs"),
  ] as const,
  method: "get",
  path: "/reports/overdue",
  summary: "Reports of running tasks past their due date and not submitted, the oldest first",
  description: "Staff and heads see their unit's tasks, administrators all, a PI the tasks they lead or work on.",
  responses: {
    200: { description: "Overdue reports", ...json(OverdueReports) },
    ...unauthenticated,
    403: { description: "Council members have no such list", ...json(ApiError) },
  },
});

const report = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/reports/{periodId}",
  summary: "One period's report: the saved draft, or the report as it opens, prefilled",
  description:
    "Without a draft the report opens from the task's record and the previous report: each content item with its planned work and the previous percentage, each product with its contracted quantity and last status, each budget line with what was spent before. Send `revision` back with the next save or the submission.",
  request: { params: PeriodIdParam },
  responses: {
    200: { description: "The report, its versions and reviews, and what the user may do", ...json(ReportView) },
    ...unauthenticated,
    ...hidden,
  },
});

const draft = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "put",
  path: "/reports/{periodId}/draft",
  summary: "Save the report's draft (autosave)",
  description:
    "The PI only. The form is sent whole; parts left out keep what the report opened with. `revision` is the draft revision the client has (0 before the first save): if the draft moved on meanwhile (another device), the answer is 409 STALE_DRAFT with the server's draft in `details.draft`. Saving what is already saved changes nothing.",
  request: { params: PeriodIdParam, ...body(SaveDraftBody) },
  responses: {
    200: { description: "Saved: the new revision and when", ...json(SavedDraft) },
    400: { description: "Invalid input, per field (percentages 0–100, whole đồng, unknown items)", ...json(ApiError) },
    ...unauthenticated,
    403: { description: "Not the task's PI", ...json(ApiError) },
    ...hidden,
    409: {
      description:
        "STALE_DRAFT (saved elsewhere), REPORT_CLOSED (accepted, or the task no longer runs), REPORT_NOT_DUE (the period has not started)",
      ...json(ApiError),
    },
  },
});

const submit = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/reports/{periodId}/submit",
  summary: "Submit the report with the host organisation's confirmation",
  description:
    "The PI only. Freezes the draft of the given revision as a new version. Idempotent: with an `Idempotency-Key` header a retry gets the first answer back (header `Idempotent-Replayed: true`) and the same key with another request is refused (422); without one, submitting an unchanged report again is refused with 409 ALREADY_SUBMITTED.",
  request: { params: PeriodIdParam, headers: IdempotencyHeader, ...body(SubmitBody) },
  responses: {
    201: { description: "Submitted: the period and the new version", ...json(SubmitResult) },
    400: { description: "Invalid input, per field", ...json(ApiError) },
    ...unauthenticated,
    403: { description: "Not the task's PI", ...json(ApiError) },
    ...hidden,
    409: {
      description:
        "REPORT_NOT_DUE (not open yet), ALREADY_SUBMITTED (unchanged), STALE_DRAFT (saved elsewhere meanwhile), REPORT_CLOSED",
      ...json(ApiError),
    },
    422: { description: "IDEMPOTENCY_KEY_REUSED: the key was used for another request", ...json(ApiError) },
  },
});

const review = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/reports/{periodId}/review",
  summary: "Accept the submitted report, or return it for revision with comments per section",
  description: "Staff of the managing unit. A return needs at least one comment. The PI is notified either way.",
  request: { params: PeriodIdParam, ...body(ReviewBody) },
  responses: {
    200: { description: "Reviewed", ...json(ReviewResult) },
    400: { description: "Invalid input, or a return without a comment", ...json(ApiError) },
    ...unauthenticated,
    403: { description: "Not staff of the managing unit", ...json(ApiError) },
    ...hidden,
    409: {
      description: "NOT_AWAITING_REVIEW (not submitted), STALE_VERSION (a newer version was submitted)",
      ...json(ApiError),
    },
  },
});

const version = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/reports/{periodId}/versions/{versionId}",
  summary: "One submitted version as it was submitted",
  request: { params: VersionParams },
  responses: {
    200: { description: "The version", ...json(VersionDetail) },
    ...unauthenticated,
    404: { description: "No such version of this report, or not visible", ...json(ApiError) },
  },
});

const compare = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/reports/{periodId}/compare",
  summary: "What changed between two versions, field by field",
  description:
    "Defaults: `to` the latest version, `from` the one before it (none for a first version: every field then shows as new).",
  request: { params: PeriodIdParam, query: CompareQuery },
  responses: {
    200: { description: "Changed fields with their values before and after", ...json(Comparison) },
    ...unauthenticated,
    404: { description: "No such version of this report, or not visible", ...json(ApiError) },
  },
});

export function reportRoutes() {
  // The fixed paths come before /reports/{periodId}, which would otherwise claim them.
  return createRouter<AppEnv>()
    .openapi(taskReports, async (c) =>
      c.json(await listTaskReports(c.var.db, actorOf(c), c.req.valid("param").id), 200),
    )
    .openapi(progress, async (c) => c.json(await taskProgress(c.var.db, actorOf(c), c.req.valid("param").id), 200))
    .openapi(queue, async (c) => c.json(await reviewQueue(c.var.db, actorOf(c)), 200))
    .openapi(overdue, async (c) => c.json(await overdueReports(c.var.db, actorOf(c)), 200))
    .openapi(report, async (c) => c.json(await getReport(c.var.db, actorOf(c), c.req.valid("param").periodId), 200))
    .openapi(draft, async (c) =>
      c.json(await saveDraft(c.var.db, actorOf(c), c.req.valid("param").periodId, c.req.valid("json")), 200),
    )
    .openapi(submit, async (c) => {
      const outcome = await submitReport(
        c.var.db,
        actorOf(c),
        c.req.valid("param").periodId,
        c.req.valid("json"),
        c.req.valid("header")["idempotency-key"],
      );
      if (outcome.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(outcome.body, outcome.status);
    })
    .openapi(review, async (c) =>
      c.json(await reviewReport(c.var.db, actorOf(c), c.req.valid("param").periodId, c.req.valid("json")), 200),
    )
    .openapi(version, async (c) => {
      const { periodId, versionId } = c.req.valid("param");
      return c.json(await getVersion(c.var.db, actorOf(c), periodId, versionId), 200);
    })
    .openapi(compare, async (c) =>
      c.json(await compareVersions(c.var.db, actorOf(c), c.req.valid("param").periodId, c.req.valid("query")), 200),
    );
}
