import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canCreateTask } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { vietnamToday } from "../reports/schedule.ts";
import { spreadsheetResponse, writeSpreadsheet } from "../spreadsheets/write.ts";
import { taskListSheet } from "./export.ts";
import {
  CreateTaskBody,
  IfMatchHeader,
  TaskDetail,
  TaskExportQuery,
  TaskIdParam,
  TaskList,
  TaskListQuery,
  UpdateTaskBody,
} from "./schemas.ts";
import { createTask, getTask, listTasks, tasksForExport, updateTask } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });

const etagHeader = {
  ETag: {
    description: 'The task\'s version, e.g. "3": send it back as If-Match (or `version`) with an edit',
    schema: { type: "string" as const },
  },
};

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

const exportList = createRoute({
  method: "get",
  path: "/tasks/export",
  tags: ["Tasks"],
  summary: "The task list as a spreadsheet (XLSX or CSV)",
  description:
    "The same filters and order as `GET /tasks`, every matching task (no paging, at most 10,000). XLSX has " +
    "Vietnamese headers, money as whole-đồng numbers and dates as real dates; CSV is UTF-8 with a BOM, " +
    "ISO dates and plain integers.",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { query: TaskExportQuery },
  responses: {
    200: {
      description: "The file, as an attachment",
      content: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.any() },
        "text/csv": { schema: z.any() },
      },
    },
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
    200: { description: "The task", headers: etagHeader, ...json(TaskDetail) },
    400: { description: "Invalid id", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such task, or not visible to this user", ...json(ApiError) },
  },
});

const create = createRoute({
  method: "post",
  path: "/tasks",
  tags: ["Tasks"],
  summary: "Register a task (a proposal)",
  description:
    "Department staff register a task for their unit and may set every field, the code included. " +
    "A scientist (PI) submits a proposal of their own: they lead it, it goes to their unit, and the code, " +
    "managing unit and PI are left to staff. The task starts in stage `proposed`. Without a code, the next one " +
    "of the code template's series is taken (default `{kind}.{year}.{seq}`, e.g. `ĐT.2026.03`). " +
    "Unknown keys are refused.",
  middleware: [requireActor, requirePermission(canCreateTask, "Only staff and scientists register tasks")] as const,
  security: [{ session: [] }],
  request: body(CreateTaskBody),
  responses: {
    201: { description: "The new task", headers: etagHeader, ...json(TaskDetail) },
    400: {
      description: "Invalid input (per field: dates out of order, state budget over the total, unknown ids …)",
      ...json(ApiError),
    },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not allowed to register tasks, or a field reserved to staff", ...json(ApiError) },
    409: { description: "DUPLICATE_CODE: the code is taken", ...json(ApiError) },
  },
});

const update = createRoute({
  method: "patch",
  path: "/tasks/{id}",
  tags: ["Tasks"],
  summary: "Edit a task's record",
  description:
    "Partial update: only the fields sent change, and fields sent with their current value are ignored. " +
    "Lists (`team`, `themeIds`, `contentItems`, `products`, `applicationSites`) are replaced whole; list items " +
    "that carry their `id` are kept. The edit names the version it is based on (`version` in the body or " +
    '`If-Match: "3"`); if the task has changed since, the answer is 409 STALE_VERSION and nothing is written. ' +
    "Fields the stage freezes (see `edit.locked` in the task) are refused with 409 FROZEN_FIELD and a reason per field.",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { params: TaskIdParam, headers: IfMatchHeader, ...body(UpdateTaskBody) },
  responses: {
    200: { description: "The task as edited", headers: etagHeader, ...json(TaskDetail) },
    400: { description: "Invalid input, per field; or no version given", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not allowed to edit this task, or a field reserved to staff", ...json(ApiError) },
    404: { description: "No such task, or not visible to this user", ...json(ApiError) },
    409: {
      description: "STALE_VERSION (edited since), FROZEN_FIELD (the stage freezes a field) or DUPLICATE_CODE",
      ...json(ApiError),
    },
  },
});

const etag = (task: TaskDetail) => `"${task.version}"`;

export function taskRoutes() {
  return (
    createRouter<AppEnv>()
      .openapi(list, async (c) => c.json(await listTasks(c.var.db, actorOf(c), c.req.valid("query")), 200))
      // Before `/tasks/{id}`, which would otherwise take "export" for an id.
      .openapi(exportList, async (c) => {
        const query = c.req.valid("query");
        const tasks = await tasksForExport(c.var.db, actorOf(c), query);
        const file = await writeSpreadsheet(taskListSheet(tasks), query.format);
        return spreadsheetResponse(file, `nhiem-vu-${vietnamToday(new Date())}`);
      })
      .openapi(detail, async (c) => {
        const task = await getTask(c.var.db, actorOf(c), c.req.valid("param").id);
        c.header("ETag", etag(task));
        return c.json(task, 200);
      })
      .openapi(create, async (c) => {
        const task = await createTask(c.var.db, actorOf(c), c.req.valid("json"));
        c.header("ETag", etag(task));
        c.header("Location", `/api/tasks/${task.id}`);
        return c.json(task, 201);
      })
      .openapi(update, async (c) => {
        const task = await updateTask(
          c.var.db,
          actorOf(c),
          c.req.valid("param").id,
          c.req.valid("json"),
          c.req.valid("header")["if-match"],
        );
        c.header("ETag", etag(task));
        return c.json(task, 200);
      })
  );
}
