import { z } from "@hono/zod-openapi";
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES, BUDGET_SOURCES } from "@khcn/db/schema";
import { PlanLinesInput } from "../budget/schemas.ts";
import { DocumentInput, DocumentView } from "../lifecycle/schemas.ts";
import { ADJUSTMENT_REFUSAL_CODES } from "./adjustment-rules.ts";

const Id = z.number().int().positive().max(2_147_483_647);
const Text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const DateInput = z.iso.date("A date as yyyy-mm-dd").openapi({ format: "date", example: "2026-06-30" });
const MoneyInput = z
  .string()
  .regex(/^(0|[1-9]\d{0,14})$/, "A whole number of đồng, digits only")
  .openapi({ description: "Whole đồng (VND) as a decimal string, digits only", example: "1300000000" });

export const AdjustmentIdParam = z.object({
  adjustmentId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: "adjustmentId", in: "path" }, example: 1 }),
});

const reason = Text(10_000).openapi({
  description:
    "Why the host asks for it. An extension of more than 6 months, or a second extension, needs at least 200 characters",
});
const description = Text(10_000).openapi({ description: "The change asked for, as the request states it" });

/** One request changes one kind of term; `after` holds the terms asked for. */
export const CreateAdjustmentBody = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("duration"),
      reason,
      after: z.strictObject({
        endDate: DateInput.openapi({ description: "The new end date, later than the current" }),
      }),
      exceptional: z
        .boolean()
        .optional()
        .openapi({ description: "Required (true) for a second extension, which is exceptional" }),
    }),
    z.strictObject({
      kind: z.literal("budget"),
      reason,
      after: z.strictObject({
        totalBudget: MoneyInput,
        stateBudget: MoneyInput,
        planLines: PlanLinesInput.optional().openapi({
          description:
            "The budget plan (source × year × category) for the new totals; checked by the plan rules and applied as a new revision on approval. Without it the plan must be re-balanced after approval",
        }),
      }),
    }),
    z.strictObject({
      kind: z.literal("content"),
      reason,
      after: z.strictObject({
        description,
        objectives: Text(10_000)
          .nullable()
          .optional()
          .openapi({ description: "New objectives, when the change rewrites them (applied on approval)" }),
      }),
    }),
    z.strictObject({ kind: z.literal("products"), reason, after: z.strictObject({ description }) }),
    z.strictObject({ kind: z.literal("pi"), reason, after: z.strictObject({ piPersonId: Id }) }),
    z.strictObject({
      kind: z.literal("host_organisation"),
      reason,
      after: z.strictObject({ hostOrganisationId: Id }),
    }),
    z.strictObject({ kind: z.literal("other"), reason, after: z.strictObject({ description }) }),
  ])
  .openapi("CreateAdjustmentBody");

export const DecideAdjustmentBody = z
  .strictObject({
    decision: z.enum(["approve", "reject"]),
    document: DocumentInput.optional().openapi({ description: "The decision; required to approve" }),
    comment: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .openapi({ description: "Required to reject: the reason given to the host" }),
  })
  .openapi("DecideAdjustmentBody");

export const AdjustmentTerms = z
  .object({
    endDate: z.string().nullable(),
    totalBudget: z.string().nullable(),
    stateBudget: z.string().nullable(),
    piPersonId: z.number().int().nullable(),
    piName: z.string().nullable(),
    hostOrganisationId: z.number().int().nullable(),
    hostName: z.string().nullable(),
    description: z.string().nullable(),
    objectives: z.string().nullable(),
    planLines: z
      .array(
        z.object({
          source: z.enum(BUDGET_SOURCES),
          year: z.number().int(),
          category: z.string().nullable(),
          amount: z.string(),
        }),
      )
      .openapi({ description: "A budget request's proposed plan, amounts in whole đồng" }),
  })
  .partial()
  .openapi("AdjustmentTerms", { description: "The terms the kind concerns; names are as they were at the request" });

const Clock = z
  .object({
    daysLeft: z.number().int().openapi({ description: "Days until the decision is due (0: today; negative: overdue)" }),
    overdue: z.boolean(),
  })
  .openapi("DecisionClock");

export const Adjustment = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    kind: z.enum(ADJUSTMENT_KINDS),
    status: z.enum(ADJUSTMENT_STATUSES),
    reason: z.string(),
    exceptional: z.boolean(),
    before: AdjustmentTerms,
    after: AdjustmentTerms,
    extensionMonths: z.number().int().nullable(),
    requestedBy: z.object({ userId: z.number().int(), name: z.string() }),
    requestedAt: z.string().openapi({ format: "date-time" }),
    dueBy: z.string().openapi({ format: "date", description: "The decision is due by this date" }),
    clock: Clock.nullable().openapi({ description: "While the request is open" }),
    decision: z
      .object({
        by: z.string(),
        at: z.string().openapi({ format: "date-time" }),
        comment: z.string().nullable(),
        document: DocumentView.nullable(),
      })
      .nullable()
      .openapi({ description: "Who closed the request (decided, or withdrew it) and when" }),
    canDecide: z.boolean(),
    canWithdraw: z.boolean(),
  })
  .openapi("Adjustment");

export const AdjustmentKindOption = z.object({
  kind: z.enum(ADJUSTMENT_KINDS),
  allowed: z.boolean(),
  reason: z.string().nullable().openapi({ description: "Why the kind cannot be requested now" }),
  reasonCode: z.enum(ADJUSTMENT_REFUSAL_CODES).nullable().openapi({
    description: "The stable code of `reason`, for clients to branch on (null when the kind may be requested)",
  }),
});

export const AdjustmentList = z
  .object({
    items: z.array(Adjustment).openapi({ description: "Newest first" }),
    canRequest: z.boolean().openapi({ description: "Whether the signed-in user may file a request now" }),
    kinds: z.array(AdjustmentKindOption).openapi({ description: "Each kind, and whether it may be requested now" }),
    approvedExtensions: z.number().int(),
    decisionDays: z.number().int().openapi({ description: "Days the Department has to decide (rule parameter)" }),
  })
  .openapi("AdjustmentList");

export const PendingAdjustment = Adjustment.extend({
  task: z.object({ id: z.number().int(), code: z.string(), title: z.string() }),
}).openapi("PendingAdjustment");

export const PendingAdjustments = z
  .object({
    items: z.array(PendingAdjustment).openapi({ description: "Open requests, the earliest deadline first" }),
    overdue: z.number().int(),
  })
  .openapi("PendingAdjustments");

export type CreateAdjustmentBody = z.infer<typeof CreateAdjustmentBody>;
export type DecideAdjustmentBody = z.infer<typeof DecideAdjustmentBody>;
export type Adjustment = z.infer<typeof Adjustment>;
export type AdjustmentList = z.infer<typeof AdjustmentList>;
export type PendingAdjustments = z.infer<typeof PendingAdjustments>;
export type AdjustmentTerms = z.infer<typeof AdjustmentTerms>;
