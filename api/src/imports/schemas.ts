import { z } from "@hono/zod-openapi";
import { IMPORT_BATCH_STATUSES, IMPORT_ROW_STATUSES } from "@khcn/db/schema";
import { idempotencyKeyHeader } from "../idempotency/header.ts";
import { ISSUE_CODES } from "./row-rules.ts";

const Id = z.coerce.number().int().positive().max(2_147_483_647);

export const ImportIdParam = z.object({ id: Id });
export const ImportRowParam = z.object({ id: Id, rowNumber: Id });

export const TemplateQuery = z.object({
  format: z.enum(["xlsx", "csv"]).default("xlsx").openapi({ description: "The sample's file format" }),
});

export const PreviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  filter: z
    .enum(["all", ...IMPORT_ROW_STATUSES, "skipped"])
    .default("all")
    .openapi({
      description: "Rows of one status (skipped rows only under `skipped`)",
    }),
});

export const ProgressQuery = z.object({
  key: z.string().min(1).max(200).openapi({ description: "The Idempotency-Key the commit was sent with" }),
});

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const ImportIssue = z
  .object({
    column: z.string().openapi({ description: "The column key (code, title, …, state:2025) or `row`" }),
    cell: z.string().nullable().openapi({ description: "The cell address, e.g. F12", example: "F12" }),
    code: z.enum(ISSUE_CODES),
    message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  })
  .openapi("ImportIssue");

export const ImportRow = z
  .object({
    rowNumber: z.number().int(),
    cells: z.record(z.string(), Cell),
    status: z.enum(IMPORT_ROW_STATUSES),
    skipped: z.boolean(),
    fixed: z.boolean(),
    issues: z.array(ImportIssue),
    creates: z.object({ organisation: z.string().optional(), person: z.string().optional() }),
    differences: z.array(z.object({ field: z.string(), file: z.string(), current: z.string() })),
    existingTaskId: z.number().int().nullable(),
    taskId: z.number().int().nullable(),
  })
  .openapi("ImportRow");

export const Progress = z
  .object({ done: z.number().int(), total: z.number().int(), state: z.enum(["running", "done", "failed"]) })
  .openapi("ImportProgress");

export const CommitResult = z
  .object({
    created: z.number().int(),
    unchanged: z.number().int(),
    conflicts: z.number().int(),
    skipped: z.number().int(),
    organisationsCreated: z.array(z.string()),
    peopleCreated: z.array(z.string()),
    tasks: z.array(z.object({ id: z.number().int(), code: z.string(), title: z.string(), rowNumber: z.number() })),
    conflictRows: z.array(
      z.object({ rowNumber: z.number().int(), code: z.string(), taskId: z.number().int().nullable() }),
    ),
  })
  .openapi("ImportResult");

export const ImportBatch = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    format: z.enum(["xlsx", "csv"]),
    status: z.enum(IMPORT_BATCH_STATUSES),
    managingUnit: z.object({ id: z.number().int(), name: z.string() }),
    createdAt: z.string(),
    committedAt: z.string().nullable(),
    columns: z.array(
      z.object({
        key: z.string(),
        header: z.string(),
        letter: z.string(),
        unit: z.enum(["dong", "million"]).nullable(),
        year: z.number().int().nullable(),
        source: z.enum(["state", "other"]).nullable(),
      }),
    ),
    counts: z.object({
      total: z.number().int(),
      new: z.number().int(),
      unchanged: z.number().int(),
      conflict: z.number().int(),
      error: z.number().int(),
      skipped: z.number().int(),
    }),
    creates: z.object({
      organisations: z.array(z.string()),
      people: z.array(z.object({ fullName: z.string(), organisation: z.string() })),
    }),
    canCommit: z.boolean(),
    progress: Progress.nullable(),
    result: CommitResult.nullable(),
    rows: z.array(ImportRow),
    page: z.number().int(),
    pageSize: z.number().int(),
    rowTotal: z.number().int(),
  })
  .openapi("ImportBatch");

export const FixRowBody = z
  .strictObject({
    cells: z
      .record(z.string().max(40), z.string().max(2000).nullable())
      .refine((cells) => Object.keys(cells).length > 0 && Object.keys(cells).length <= 40, "Give 1 to 40 cells")
      .openapi({ example: { startDate: "01/03/2025", totalBudget: "1.250,5" } }),
  })
  .openapi("FixImportRowBody");

export const SkipRowBody = z
  .strictObject({ skipped: z.boolean().openapi({ description: "false brings a skipped row back" }) })
  .openapi("SkipImportRowBody");

export const CommitHeader = idempotencyKeyHeader(
  "A key unique to this commit: a retry returns the first answer; it also reads progress",
);

export type ImportBatchView = z.infer<typeof ImportBatch>;
export type ImportRowView = z.infer<typeof ImportRow>;
export type ImportResultView = z.infer<typeof CommitResult>;
export type ImportProgressView = z.infer<typeof Progress>;
export type ImportIssueCode = z.infer<typeof ImportIssue>["code"];
export type ImportRowFilter = z.infer<typeof PreviewQuery>["filter"];
