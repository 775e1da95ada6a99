import { z } from "@hono/zod-openapi";
import { BUDGET_SOURCES, MOVEMENT_KINDS, RECOVERY_CAUSES } from "@khcn/db/schema";
import { DocumentInput, DocumentView } from "../lifecycle/schemas.ts";
import { BURN_WARNINGS } from "./burn.ts";

const Money = z
  .string()
  .regex(/^-?\d+$/)
  .openapi({ description: "Whole đồng (VND) as a decimal string", example: "1250500000" });
const Year = z.number().int().min(1990).max(2200);
const isoDate = z.iso.date("A date as yyyy-mm-dd").openapi({ format: "date", example: "2026-03-15" });

/**
 * An amount as sent: a decimal string (any size) or a JSON integer up to 2^53. Whether it is a
 * whole, non-negative number of đồng is checked by the rules, which name the offending line.
 */
const AmountInput = z
  .union([z.string().max(40), z.number()])
  .openapi({ description: "Whole đồng as a decimal string (preferred) or a safe JSON integer", example: "350000000" });

export const PlanLineInput = z
  .strictObject({
    source: z.enum(BUDGET_SOURCES),
    year: Year,
    category: z
      .string()
      .max(40)
      .nullable()
      .openapi({ description: "An expense-category code (rule parameter expense_categories); null: not split" }),
    amount: AmountInput,
  })
  .openapi("BudgetPlanLineInput");

export const PlanLinesInput = z.array(PlanLineInput).max(600);

export const SavePlanBody = z
  .strictObject({
    version: z
      .number()
      .int()
      .min(0)
      .openapi({ description: "The plan revision the client saw (0 before any plan): an older one answers 409" }),
    reason: z.string().trim().min(1, "Required").max(4000),
    lines: PlanLinesInput,
  })
  .openapi("SaveBudgetPlanBody");

export const RecordMovementBody = z
  .strictObject({
    kind: z.enum(MOVEMENT_KINDS),
    year: Year.openapi({ description: "The budget year the money belongs to" }),
    source: z.enum(BUDGET_SOURCES),
    amount: AmountInput,
    occurredOn: isoDate,
    document: DocumentInput.optional().openapi({ description: "The decision, payment order or settlement minutes" }),
    note: z.string().trim().max(2000).optional(),
    recoveryCause: z
      .enum(RECOVERY_CAUSES)
      .optional()
      .openapi({ description: "Required for a recovery, not allowed otherwise" }),
  })
  .openapi("RecordBudgetMovementBody");

export const ExportQuery = z.object({
  table: z
    .enum(["plan", "movements", "years"])
    .default("plan")
    .openapi({ param: { name: "table", in: "query" } }),
  format: z
    .enum(["xlsx", "csv"])
    .default("xlsx")
    .openapi({ param: { name: "format", in: "query" } }),
});

const PlanLine = z.object({
  source: z.enum(BUDGET_SOURCES),
  year: z.number().int(),
  category: z.string().nullable(),
  amount: Money,
});

export const BudgetView = z
  .object({
    taskId: z.number().int(),
    version: z
      .number()
      .int()
      .openapi({ description: "The current plan revision (0 before any); send it back to save" }),
    totalBudget: Money,
    stateBudget: Money,
    categories: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
    lines: z.array(PlanLine),
    totals: z.object({
      state: Money,
      other: Money,
      total: Money,
      byYear: z.array(z.object({ year: z.number().int(), state: Money, other: Money, total: Money })),
    }),
    balanced: z.boolean().openapi({
      description:
        "Whether the lines add up to the task's approved totals (false after a budget adjustment without lines)",
    }),
    revisions: z.array(
      z.object({
        revision: z.number().int(),
        reason: z.string(),
        adjustmentRequestId: z.number().int().nullable(),
        total: Money,
        stateTotal: Money,
        createdAt: z.string().openapi({ format: "date-time" }),
        createdBy: z.string().nullable(),
      }),
    ),
    movements: z.array(
      z.object({
        id: z.number().int(),
        kind: z.enum(MOVEMENT_KINDS),
        year: z.number().int(),
        source: z.enum(BUDGET_SOURCES),
        amount: Money,
        occurredOn: z.string().openapi({ format: "date" }),
        document: DocumentView.nullable(),
        note: z.string().nullable(),
        recoveryCause: z.enum(RECOVERY_CAUSES).nullable(),
        createdAt: z.string().openapi({ format: "date-time" }),
        createdBy: z.string().nullable(),
      }),
    ),
    years: z.array(
      z.object({
        year: z.number().int(),
        approved: Money,
        allocated: Money,
        advanced: Money,
        settled: Money,
        recovered: Money,
        outstandingAdvance: Money,
        unallocated: Money,
      }),
    ),
    forecast: z.object({
      physicalProgress: z.number().nullable().openapi({
        description: "0–100: the mean of the content items in the latest accepted (else submitted) report",
      }),
      spentShare: z.number().nullable().openapi({
        description: "0–100, one decimal: money paid out (advanced less recovered) over the approved total",
      }),
      projectedYearEnd: z
        .object({
          year: z.number().int(),
          allocated: Money,
          advanced: Money,
          projectedAdvanced: Money,
          projectedLapse: Money,
        })
        .nullable()
        .openapi({ description: "The current year at the pace of its advances so far; null without an allocation" }),
      warnings: z.array(
        z.object({
          code: z.enum(BURN_WARNINGS),
          message: z.string(),
          year: z.number().int().optional(),
          amount: Money.optional(),
        }),
      ),
    }),
    permissions: z.object({ canEditPlan: z.boolean(), canRecordMovement: z.boolean() }),
  })
  .openapi("TaskBudget");

export type SavePlanBody = z.infer<typeof SavePlanBody>;
export type RecordMovementBody = z.infer<typeof RecordMovementBody>;
export type PlanLinesInput = z.infer<typeof PlanLinesInput>;
export type BudgetView = z.infer<typeof BudgetView>;
