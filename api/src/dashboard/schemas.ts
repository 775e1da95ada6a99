import { z } from "@hono/zod-openapi";
import { STAGES, TASK_FIELDS } from "@khcn/db/schema";
import { DEADLINE_KINDS } from "../portfolio/deadlines.ts";

const Money = z
  .string()
  .regex(/^-?\d+$/)
  .openapi({ description: "Whole đồng (VND) as a decimal string", example: "1250500000" });

/**
 * The task-list query a figure stands for (the keys of GET /api/tasks): the web opens the task
 * list with it, which lists exactly the tasks counted.
 */
export const TaskListFilter = z
  .object({
    stage: z.array(z.enum(STAGES)).optional(),
    theme: z.number().int().optional(),
    field: z.enum(TASK_FIELDS).optional(),
    host: z.number().int().optional(),
    formerProvince: z.number().int().optional(),
    overdueReports: z.literal(true).optional(),
    overdueDossier: z.literal(true).optional(),
    pendingAdjustment: z.literal(true).optional(),
    deadlineWithin: z.number().int().optional(),
    deadlineKind: z.enum(DEADLINE_KINDS).optional(),
    budgetYear: z.number().int().optional(),
  })
  .openapi("TaskListFilter");

const Count = z.number().int();

export const Dashboard = z
  .object({
    today: z.string().openapi({ format: "date" }),
    total: z.object({ count: Count, filter: TaskListFilter }),
    stages: z.array(z.object({ stage: z.enum(STAGES), count: Count, filter: TaskListFilter })),
    themes: z.array(
      z.object({
        id: z.number().int(),
        code: z.string(),
        nameVi: z.string(),
        nameEn: z.string(),
        count: Count,
        filter: TaskListFilter,
      }),
    ),
    fields: z.array(z.object({ field: z.enum(TASK_FIELDS), count: Count, filter: TaskListFilter })),
    hosts: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        shortName: z.string().nullable(),
        count: Count,
        filter: TaskListFilter,
      }),
    ),
    formerProvinces: z.array(
      z.object({ id: z.number().int(), name: z.string(), count: Count, filter: TaskListFilter }),
    ),
    money: z
      .array(
        z.object({
          year: z.number().int(),
          plan: Money,
          allocated: Money,
          advanced: Money,
          settled: Money,
          recovered: Money,
          outstandingAdvance: Money.openapi({ description: "Advanced less settled" }),
          filter: TaskListFilter,
        }),
      )
      .openapi({ description: "Per budget year: the approved plan and the money moved, from the budget tables" }),
    moneyTotals: z.object({
      plan: Money,
      allocated: Money,
      advanced: Money,
      settled: Money,
      recovered: Money,
      outstandingAdvance: Money,
    }),
    attention: z.object({
      overdueReports: z.object({
        count: Count.openapi({ description: "Tasks with at least one overdue report" }),
        reports: Count.openapi({ description: "Overdue reports" }),
        filter: TaskListFilter,
      }),
      overdueDossiers: z.object({ count: Count, filter: TaskListFilter }),
      pendingAdjustments: z.object({
        count: Count.openapi({ description: "Tasks with a request awaiting a decision" }),
        requests: Count,
        overdue: Count.openapi({ description: "Requests past their decision deadline" }),
        filter: TaskListFilter,
      }),
      recognitionsWaiting: z.object({ count: Count, filter: TaskListFilter }),
    }),
    deadlines: z.array(
      z.object({
        days: z.number().int(),
        count: Count.openapi({ description: "Tasks with a deadline from today to `days` days ahead" }),
        byKind: z.array(z.object({ kind: z.enum(DEADLINE_KINDS), count: Count, filter: TaskListFilter })),
        filter: TaskListFilter,
      }),
    ),
  })
  .openapi("Dashboard");

export const DASHBOARD_TABLES = [
  "stages",
  "themes",
  "fields",
  "hosts",
  "formerProvinces",
  "money",
  "attention",
  "deadlines",
] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export const DashboardExportQuery = z
  .object({
    table: z.enum(DASHBOARD_TABLES).openapi({ description: "Which figures" }),
    format: z.enum(["xlsx", "csv"]).default("xlsx"),
  })
  .openapi("DashboardExportQuery");

export type Dashboard = z.infer<typeof Dashboard>;
export type TaskListFilter = z.infer<typeof TaskListFilter>;
