import { z } from "@hono/zod-openapi";
import { ACCEPTANCE_OUTCOMES, STAGES, TASK_RECOVERY_CAUSES } from "@khcn/db/schema";
import { ACTION_NAMES } from "./rules.ts";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use the form yyyy-mm-dd")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "Not a real date",
    },
  );

export const DocumentInput = z
  .strictObject({
    number: z.string().trim().min(1).max(60).openapi({ example: "135/QĐ-SKHCN" }),
    issuedOn: isoDate.openapi({ example: "2025-03-15" }),
    signer: z.string().trim().min(1).max(200).openapi({ example: "Nguyễn Văn A" }),
    summary: z.string().trim().max(2000).optional(),
    fileId: z.number().int().positive().optional(),
  })
  .openapi("DocumentInput");

export const TransitionBody = z
  .strictObject({
    action: z.enum(ACTION_NAMES as [string, ...string[]]),
    /** The stage the client saw: a task that has moved since answers 409, never a double move. */
    fromStage: z.enum(STAGES),
    document: DocumentInput.optional(),
    comment: z.string().trim().max(4000).optional(),
    outcome: z.enum(ACCEPTANCE_OUTCOMES).optional(),
    /** register_results: the certificate the S&T information body issued. */
    registration: z
      .strictObject({
        number: z.string().trim().min(1).max(100).openapi({ example: "2026-52-118/ĐKKQ" }),
        registeredOn: isoDate.openapi({ example: "2026-03-02" }),
      })
      .optional(),
    /** settle after a failure (and optionally a termination): why money is recovered, and how much. */
    recovery: z
      .strictObject({
        cause: z.enum(TASK_RECOVERY_CAUSES),
        amount: z
          .string()
          .regex(/^\d{1,15}$/, "A whole number of đồng, digits only")
          .openapi({ description: "Whole đồng as a decimal string; 0 for an honest failure under Law 93/2025" }),
      })
      .optional(),
  })
  .openapi("TransitionBody");

export const Requirement = z.enum(["document", "comment", "outcome", "registration", "recovery"]);

export const AvailableAction = z
  .object({
    action: z.string(),
    to: z.enum(STAGES),
    backward: z.boolean(),
    allowed: z.boolean(),
    requires: z.array(Requirement),
    outcomes: z.array(z.enum(ACCEPTANCE_OUTCOMES)).optional(),
    /** On `terminate`: the inspection whose minutes proposed termination, while that proposal stands. */
    proposedBy: z
      .object({ inspectionId: z.number().int(), inspectedOn: z.string(), minutesNumber: z.string() })
      .optional(),
    /** Why the action is unavailable: codes the UI translates, with task fields to complete. */
    reasons: z.array(
      z.object({
        code: z.enum(["ROLE", "MISSING_FIELDS"]),
        roles: z.array(z.string()).optional(),
        fields: z.record(z.string(), z.string()).optional(),
      }),
    ),
  })
  .openapi("AvailableAction");

export const ActionList = z
  .object({ stage: z.enum(STAGES), version: z.number().int(), actions: z.array(AvailableAction) })
  .openapi("ActionList");

export const DocumentView = z
  .object({
    id: z.number().int(),
    number: z.string().openapi({ example: "135/QĐ-SKHCN" }),
    docType: z.string(),
    issuer: z.string(),
    issuedOn: z.string(),
    signer: z.string(),
    summary: z.string().nullable(),
    file: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  })
  .openapi("Document");

export const TimelineEntry = z
  .object({
    id: z.number().int(),
    action: z.string(),
    fromStage: z.enum(STAGES),
    toStage: z.enum(STAGES),
    outcome: z.enum(ACCEPTANCE_OUTCOMES).nullable(),
    comment: z.string().nullable(),
    at: z.string(),
    actor: z.string(),
    document: DocumentView.nullable(),
  })
  .openapi("TimelineEntry");

export const Timeline = z.object({ stage: z.enum(STAGES), entries: z.array(TimelineEntry) }).openapi("Timeline");

export const TransitionResult = z
  .object({ stage: z.enum(STAGES), version: z.number().int(), entry: TimelineEntry })
  .openapi("TransitionResult");

export const HistoryQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});

export const HistoryEntry = z
  .object({
    id: z.string(),
    at: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    actor: z.string().nullable(),
    data: z.unknown(),
  })
  .openapi("HistoryEntry");

export const History = z
  .object({ items: z.array(HistoryEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() })
  .openapi("History");

export type TransitionBody = z.infer<typeof TransitionBody>;
export type AvailableAction = z.infer<typeof AvailableAction>;
export type ActionList = z.infer<typeof ActionList>;
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export type Timeline = z.infer<typeof Timeline>;
export type TransitionResult = z.infer<typeof TransitionResult>;
export type History = z.infer<typeof History>;
export type HistoryEntry = z.infer<typeof HistoryEntry>;
export type DocumentView = z.infer<typeof DocumentView>;
