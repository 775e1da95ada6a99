import { z } from "@hono/zod-openapi";

export const WorklistItem = z
  .object({
    taskId: z.number().int(),
    taskCode: z.string(),
    taskTitle: z.string(),
    label: z.string().openapi({ description: "What to do, as a stable code, e.g. report_due, review_report" }),
    dueOn: z.string().nullable().openapi({ format: "date" }),
    overdue: z.boolean(),
    href: z.string().openapi({ description: "The web page where it is done" }),
  })
  .openapi("WorklistItem");

export const Worklist = z
  .object({
    today: z.string().openapi({ format: "date" }),
    sections: z.array(
      z.object({
        key: z.string().openapi({ description: "e.g. dueReports, reviewQueue, headDecisions, councilsToForm" }),
        items: z.array(WorklistItem),
      }),
    ),
  })
  .openapi("Worklist");

export type Worklist = z.infer<typeof Worklist>;
