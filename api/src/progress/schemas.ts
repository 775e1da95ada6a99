import { z } from "@hono/zod-openapi";

const LegalDate = z.string().openapi({ format: "date", example: "2026-06-30" });

export const Milestone = z
  .object({
    type: z.enum(["content_item", "product"]),
    id: z.number().int().openapi({ description: "The content item's or product's id" }),
    title: z.string(),
    plannedStart: LegalDate.nullable(),
    plannedEnd: LegalDate.nullable().openapi({ description: "The item's planned end, or the product's due date" }),
    plannedPercent: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Where the plan puts the work today, spread evenly over the planned period" }),
    reportedPercent: z.number().nullable().openapi({ description: "Per the latest report (content items)" }),
    reportedStatus: z
      .enum(["not_started", "in_progress", "completed"])
      .nullable()
      .openapi({ description: "Per the latest report (products)" }),
    complete: z.boolean(),
    late: z.boolean().openapi({
      description: "The task is in progress, the planned end has passed and the reports do not call it done",
    }),
    daysLate: z.number().int().nullable(),
  })
  .openapi("Milestone");

export const Milestones = z
  .object({
    today: LegalDate,
    startDate: LegalDate.nullable(),
    endDate: LegalDate.nullable(),
    report: z
      .object({
        periodId: z.number().int(),
        seq: z.number().int(),
        periodStart: LegalDate,
        periodEnd: LegalDate,
        status: z.string(),
      })
      .nullable()
      .openapi({ description: "The report the reported figures come from; null when none has been submitted" }),
    items: z.array(Milestone).openapi({ description: "Content items, then products, in the record's order" }),
    summary: z.object({
      total: z.number().int(),
      planned: z.number().int().openapi({ description: "Milestones with a planned end" }),
      complete: z.number().int(),
      late: z.number().int(),
    }),
  })
  .openapi("Milestones");

export type Milestone = z.infer<typeof Milestone>;
export type Milestones = z.infer<typeof Milestones>;
