import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canImportTasks } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { FileStore } from "../files/storage.ts";
import { receiveUpload } from "../files/upload-stream.ts";
import type { AppEnv } from "../http/context.ts";
import { DomainError } from "../http/errors.ts";
import { createRouter } from "../http/validation.ts";
import { spreadsheetResponse, writeSpreadsheet } from "../spreadsheets/write.ts";
import { progressForKey } from "./progress.ts";
import {
  CommitHeader,
  CommitResult,
  FixRowBody,
  ImportBatch,
  ImportIdParam,
  ImportRow,
  ImportRowParam,
  PreviewQuery,
  Progress,
  ProgressQuery,
  SkipRowBody,
  TemplateQuery,
} from "./schemas.ts";
import { commitImport, createImport, fixRow, getImport, importLimits, skipRow } from "./service.ts";
import { sampleRegister } from "./template.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Imports"] };
const unauthenticated = { description: "Not signed in", ...json(ApiError) };
const staffOnly = requirePermission(canImportTasks, "Only the Department's staff import task registers");

const template = createRoute({
  ...common,
  middleware: [requireActor, staffOnly] as const,
  method: "get",
  path: "/imports/template",
  summary: "A sample register (XLSX or CSV) with the columns the import reads",
  request: { query: TemplateQuery },
  responses: {
    200: {
      description: "The sample file, as an attachment",
      content: { "application/octet-stream": { schema: z.any() } },
    },
    401: unauthenticated,
    403: { description: "Not staff or an administrator", ...json(ApiError) },
  },
});

const upload = createRoute({
  ...common,
  middleware: [requireActor, staffOnly] as const,
  method: "post",
  path: "/imports",
  summary: "Read a task register (XLSX or CSV) into an import batch for preview",
  description:
    "Send `multipart/form-data` with one field `file`. Staff import into their unit; an administrator names the unit with `managingUnitId`. The file's type is judged by its content; it may be at most `import_max_file_bytes` (5 MB by default) and hold at most `import_max_rows` task rows (5,000 by default). A file that is not a register is refused whole (422 IMPORT_FILE_INVALID) with `details.problem`: `COLUMNS` (missing, unknown and repeated columns with their cells), `MERGED_CELLS` (the ranges), `TOO_MANY_ROWS`, `NOT_UTF8`, `EMPTY`, `UNREADABLE`. Otherwise every row is checked and the batch answers with each row's status (new, unchanged, conflict, error) and issues by cell.",
  request: { query: z.object({ managingUnitId: z.coerce.number().int().positive().max(2_147_483_647).optional() }) },
  responses: {
    201: { description: "The batch, first page of rows", ...json(ImportBatch) },
    400: { description: "No file", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not staff of the unit, or not an administrator", ...json(ApiError) },
    413: { description: "Too large", ...json(ApiError) },
    415: { description: "Not an XLSX or CSV file", ...json(ApiError) },
    422: { description: "Not a register: columns, merged cells, too many rows", ...json(ApiError) },
  },
});

const preview = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/imports/{id}",
  summary: "An import batch: counts, what it will create, a page of rows with their issues, progress and result",
  request: { params: ImportIdParam, query: PreviewQuery },
  responses: {
    200: { description: "The batch", ...json(ImportBatch) },
    401: unauthenticated,
    404: { description: "No such batch, or not of your unit", ...json(ApiError) },
  },
});

const progress = createRoute({
  tags: ["Imports"],
  method: "get",
  path: "/imports/{id}/progress",
  summary: "How far a running commit has come",
  description:
    "Answers from the server's memory without a session, so it never waits for the database (on PGlite the commit's transaction holds the only connection): send it without cookies. The caller proves itself with the Idempotency-Key it sent with the commit; any other key answers 404.",
  request: { params: ImportIdParam, query: ProgressQuery },
  responses: {
    200: { description: "Progress", ...json(Progress) },
    404: { description: "No commit running or recently ended under this key", ...json(ApiError) },
  },
});

const fix = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "patch",
  path: "/imports/{id}/rows/{rowNumber}",
  summary: "Correct cells of a row; every row is checked again",
  request: { params: ImportRowParam, body: { ...json(FixRowBody), required: true } },
  responses: {
    200: { description: "The row as now checked", ...json(ImportRow) },
    400: { description: "Malformed input, or a column the file does not have", ...json(ApiError) },
    401: unauthenticated,
    404: { description: "No such batch or row", ...json(ApiError) },
    409: { description: "IMPORT_CLOSED: already committed", ...json(ApiError) },
  },
});

const skip = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/imports/{id}/rows/{rowNumber}/skip",
  summary: "Leave a row out of the import (or bring it back)",
  request: { params: ImportRowParam, body: { ...json(SkipRowBody), required: true } },
  responses: {
    200: { description: "The row", ...json(ImportRow) },
    400: { description: "Malformed input", ...json(ApiError) },
    401: unauthenticated,
    404: { description: "No such batch or row", ...json(ApiError) },
    409: { description: "IMPORT_CLOSED: already committed", ...json(ApiError) },
  },
});

const commit = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "post",
  path: "/imports/{id}/commit",
  summary: "Import the batch's new tasks, all or nothing",
  description:
    "Every row is checked again first. Refused with 409 IMPORT_NOT_READY while any row not skipped has an error. New rows become tasks in their stage (budget by year as plan lines without category, themes, the PI on the team), with the organisations and people they name created once; rows matching a task of the unit are left alone (unchanged, or counted as conflicts). One transaction: a row the database refuses undoes everything (422 IMPORT_ROW_FAILED naming the row). With an `Idempotency-Key` a retry gets the first answer (header `Idempotent-Replayed: true`), and `GET /imports/{id}/progress?key=…` follows the commit while it runs.",
  request: { params: ImportIdParam, headers: CommitHeader },
  responses: {
    200: { description: "Committed: what was created", ...json(CommitResult) },
    401: unauthenticated,
    404: { description: "No such batch, or not of your unit", ...json(ApiError) },
    409: { description: "IMPORT_NOT_READY (rows with errors) or IMPORT_CLOSED (already committed)", ...json(ApiError) },
    422: { description: "IMPORT_ROW_FAILED, or IDEMPOTENCY_KEY_REUSED", ...json(ApiError) },
  },
});

export function importRoutes(store: FileStore) {
  return createRouter<AppEnv>()
    .openapi(template, async (c) => {
      const { format } = c.req.valid("query");
      const theme = await c.var.db
        .selectFrom("theme")
        .select("code")
        .where("archived", "=", false)
        .orderBy("sort_order")
        .orderBy("id")
        .executeTakeFirst();
      const file = await writeSpreadsheet(sampleRegister(theme?.code ?? null), format);
      return spreadsheetResponse(file, "mau-danh-muc-nhiem-vu") as never;
    })
    .openapi(upload, async (c) => {
      const actor = actorOf(c);
      const { maxFileBytes } = await importLimits(c.var.db, actor);
      const received = await receiveUpload(c.req.raw, store, maxFileBytes).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === "PAYLOAD_TOO_LARGE") {
          const mb = Math.round((maxFileBytes / 1024 / 1024) * 10) / 10;
          throw new DomainError(
            "PAYLOAD_TOO_LARGE",
            `A register file may be at most ${mb} MB`,
            { file: `At most ${mb} MB` },
            { maxFileBytes },
          );
        }
        throw error;
      });
      const batch = await createImport(c.var.db, store, actor, received, c.req.valid("query").managingUnitId);
      return c.json(batch, 201);
    })
    .openapi(preview, async (c) => {
      const batch = await getImport(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("query"));
      return c.json(batch, 200);
    })
    .openapi(progress, async (c) => {
      const found = progressForKey(c.req.valid("param").id, c.req.valid("query").key);
      if (!found) throw new DomainError("NOT_FOUND", "No commit under this key");
      return c.json(found, 200);
    })
    .openapi(fix, async (c) => {
      const { id, rowNumber } = c.req.valid("param");
      const row = await fixRow(c.var.db, actorOf(c), id, rowNumber, c.req.valid("json").cells);
      return c.json(row, 200);
    })
    .openapi(skip, async (c) => {
      const { id, rowNumber } = c.req.valid("param");
      const row = await skipRow(c.var.db, actorOf(c), id, rowNumber, c.req.valid("json").skipped);
      return c.json(row, 200);
    })
    .openapi(commit, async (c) => {
      const outcome = await commitImport(
        c.var.db,
        actorOf(c),
        c.req.valid("param").id,
        c.req.valid("header")["idempotency-key"],
      );
      if (outcome.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(outcome.result, 200);
    });
}
