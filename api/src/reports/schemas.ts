import { z } from "@hono/zod-openapi";
import { PRODUCT_CLASSES, REPORT_STATUSES, STAGES } from "@khcn/db/schema";
import { idempotencyKeyHeader } from "../idempotency/header.ts";
import { FUNDING_SOURCES, PRODUCT_PROGRESS, REPORT_SECTIONS } from "./document.ts";
import { REPORT_STATES } from "./schedule.ts";

const Id = z.number().int().positive().max(2_147_483_647);
const idParam = z.coerce.number().int().positive().max(2_147_483_647);
const LegalDate = z.string().openapi({ format: "date", example: "2025-09-15" });
const Timestamp = z.string().openapi({ format: "date-time" });
const Money = z.string().openapi({ description: "Whole đồng (VND) as a decimal string", example: "125000000" });
const Percent = z.number().int().min(0).max(100);

export const PeriodIdParam = z.object({
  periodId: idParam.openapi({ param: { name: "periodId", in: "path" }, example: 1 }),
});

export const VersionParams = PeriodIdParam.extend({
  versionId: idParam.openapi({ param: { name: "versionId", in: "path" }, example: 1 }),
});

export const CompareQuery = z.object({
  from: idParam.optional().openapi({ description: "Version id compared from; default the version before `to`" }),
  to: idParam.optional().openapi({ description: "Version id compared to; default the latest" }),
});

// ---- input

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);

const MoneyInput = z
  .string({ error: "A whole number of đồng as a string of digits" })
  .regex(/^(0|[1-9]\d{0,14})$/, "A whole number of đồng, not negative, digits only")
  .openapi({ description: "Whole đồng (VND), digits only", example: "125000000" });

const QuantityInput = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, "A decimal number with at most two decimals")
  .openapi({ example: "2.5" });

const PercentInput = z
  .number({ error: "A whole percentage from 0 to 100" })
  .int("A whole percentage from 0 to 100")
  .min(0, "A percentage from 0 to 100")
  .max(100, "A percentage from 0 to 100");

export const ReportInputBody = z
  .strictObject({
    contentItems: z
      .array(
        z.strictObject({
          contentItemId: Id,
          workDone: text(4000).optional().openapi({ description: "Work done on this item this period" }),
          percentComplete: PercentInput.optional().openapi({ description: "How far the item is done, 0–100" }),
        }),
      )
      .max(200)
      .optional(),
    products: z
      .array(
        z.strictObject({
          productId: Id,
          status: z.enum(PRODUCT_PROGRESS).optional(),
          quantityAchieved: QuantityInput.nullable().optional(),
          note: text(2000).optional(),
        }),
      )
      .max(200)
      .optional(),
    spending: z
      .array(z.strictObject({ category: z.string().max(40), source: z.enum(FUNDING_SOURCES), amount: MoneyInput }))
      .max(100)
      .optional()
      .openapi({ description: "Spent this period, per expense category and source" }),
    problems: text(8000).optional(),
    proposals: z
      .strictObject({
        extension: text(4000).optional(),
        adjustment: text(4000).optional(),
        staffChange: text(4000).optional(),
      })
      .optional()
      .openapi({ description: "Requests the report raises (an extension, an adjustment, a change of staff)" }),
  })
  .openapi("ReportInput", {
    description:
      "What the PI writes. Anything left out keeps what the report opened with (the previous report's values).",
  });

export const SaveDraftBody = z
  .strictObject({
    revision: z.number().int().min(0).openapi({
      description: "The draft revision this edit is based on: 0 when the report has no draft yet",
    }),
    content: ReportInputBody,
  })
  .openapi("SaveDraftBody");

export const HostConfirmationInput = z
  .strictObject({
    confirmedBy: z.string().trim().min(1, "Required").max(200).openapi({ example: "Nguyễn Văn Bình" }),
    position: z.string().trim().max(200).optional().openapi({ example: "Viện trưởng" }),
    confirmedOn: z.iso.date("A date as yyyy-mm-dd").openapi({ format: "date", example: "2025-09-10" }),
    fileId: Id.optional().openapi({ description: "The signed confirmation, uploaded first through POST /files" }),
  })
  .openapi("HostConfirmationInput");

export const SubmitBody = z
  .strictObject({
    revision: z.number().int().min(0).openapi({
      description: "The draft revision submitted (0: the report as it opened, never saved)",
    }),
    hostConfirmation: HostConfirmationInput,
  })
  .openapi("SubmitReportBody");

export const IdempotencyHeader = idempotencyKeyHeader(
  "A key unique to this submission: a retry with it returns the first answer",
);

const Comments = z
  .strictObject(
    Object.fromEntries(REPORT_SECTIONS.map((s) => [s, text(4000).optional()])) as Record<
      (typeof REPORT_SECTIONS)[number],
      z.ZodOptional<z.ZodString>
    >,
  )
  .openapi("ReviewComments", { description: "A comment per section of the report" });

export const ReviewBody = z
  .strictObject({
    versionId: Id.openapi({ description: "The version reviewed: a newer one answers 409 STALE_VERSION" }),
    decision: z.enum(["accept", "return"]),
    comments: Comments.default({}),
  })
  .openapi("ReviewReportBody");

// ---- output

const TaskRef = z.object({ id: z.number().int(), code: z.string(), title: z.string() });

export const VersionRef = z.object({
  id: z.number().int(),
  versionNo: z.number().int(),
  submittedAt: Timestamp,
  decision: z.enum(["accepted", "returned"]).nullable(),
});

export const ReportPeriodView = z
  .object({
    id: z.number().int(),
    taskId: z.number().int(),
    seq: z.number().int(),
    periodStart: LegalDate,
    periodEnd: LegalDate,
    dueOn: LegalDate,
    opensOn: LegalDate.openapi({ description: "The first day the report may be submitted" }),
    overdueFrom: LegalDate,
    status: z.enum(REPORT_STATUSES).openapi({ description: "As stored" }),
    state: z.enum(REPORT_STATES).openapi({ description: "As of today: due and overdue are derived from the dates" }),
    daysOverdue: z.number().int().nullable(),
    hasDraft: z.boolean(),
    draftSavedAt: Timestamp.nullable(),
    latestVersion: VersionRef.nullable(),
  })
  .openapi("ReportPeriod");

export const TaskReports = z
  .object({
    taskId: z.number().int(),
    stage: z.enum(STAGES),
    rules: z.object({
      dueDays: z.array(z.string()),
      periodMonths: z.number().int(),
      opensDaysBeforePeriodEnd: z.number().int(),
      overdueGraceDays: z.number().int(),
    }),
    periods: z.array(ReportPeriodView),
    final: z.object({ periodStart: LegalDate, periodEnd: LegalDate, dossierDueOn: LegalDate }).nullable().openapi({
      description: "The end of the contract, reported by the acceptance dossier rather than a periodic report",
    }),
    canWrite: z.boolean().openapi({ description: "Whether the signed-in user writes this task's reports (its PI)" }),
  })
  .openapi("TaskReports");

const Totals = z.object({ state: Money, other: Money, total: Money });

export const ReportDocumentView = z
  .object({
    contentItems: z.array(
      z.object({
        contentItemId: z.number().int(),
        title: z.string(),
        plannedWork: z.string().nullable(),
        previousPercent: Percent.nullable(),
        workDone: z.string(),
        percentComplete: Percent,
      }),
    ),
    products: z.array(
      z.object({
        productId: z.number().int(),
        productClass: z.enum(PRODUCT_CLASSES),
        name: z.string(),
        unit: z.string(),
        contractedQuantity: z.string(),
        previousStatus: z.enum(PRODUCT_PROGRESS).nullable(),
        previousQuantity: z.string().nullable(),
        status: z.enum(PRODUCT_PROGRESS),
        quantityAchieved: z.string().nullable(),
        note: z.string(),
      }),
    ),
    budget: z.object({
      totalBudget: Money,
      stateBudget: Money,
      otherBudget: Money,
      lines: z.array(
        z.object({
          category: z.string(),
          nameVi: z.string(),
          nameEn: z.string(),
          source: z.enum(FUNDING_SOURCES),
          approved: Money.nullable().openapi({ description: "Null until the budget plan by category is recorded" }),
          spentBefore: Money,
          amount: Money,
        }),
      ),
      thisPeriod: Totals,
      toDate: Totals,
    }),
    problems: z.string(),
    proposals: z.object({ extension: z.string(), adjustment: z.string(), staffChange: z.string() }),
  })
  .openapi("ReportDocument");

export const HostConfirmationView = z
  .object({
    confirmedBy: z.string(),
    position: z.string().nullable(),
    confirmedOn: LegalDate,
    file: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  })
  .openapi("HostConfirmation");

export const ReviewView = z
  .object({
    decision: z.enum(["accepted", "returned"]),
    comments: z.record(z.string(), z.string()),
    reviewer: z.string(),
    reviewedAt: Timestamp,
  })
  .openapi("ReportReview");

export const VersionSummary = z
  .object({
    id: z.number().int(),
    versionNo: z.number().int(),
    submittedAt: Timestamp,
    submittedBy: z.string(),
    hostConfirmation: HostConfirmationView,
    review: ReviewView.nullable(),
  })
  .openapi("ReportVersionSummary");

export const VersionDetail = VersionSummary.extend({ periodId: z.number().int(), report: ReportDocumentView }).openapi(
  "ReportVersion",
);

export const DraftInfo = z
  .object({ revision: z.number().int(), savedAt: Timestamp, savedBy: z.string() })
  .openapi("ReportDraftInfo");

export const ReportView = z
  .object({
    period: ReportPeriodView,
    task: TaskRef.extend({ stage: z.enum(STAGES), pi: z.string().nullable() }),
    report: ReportDocumentView.openapi({
      description:
        "For the PI the draft as saved, or the report as it opens (prefilled from the record and the previous report); for everyone else the latest submitted version (else the report as it opens)",
    }),
    shows: z.enum(["draft", "prefill", "version"]).openapi({ description: "What `report` is" }),
    unsubmittedChanges: z.array(z.string()).nullable().openapi({
      description:
        "For the PI: paths of the fields the draft changes against the latest submitted version (null before the first submission)",
    }),
    revision: z.number().int().openapi({ description: "Send it back with the next save or the submission" }),
    draft: DraftInfo.nullable(),
    versions: z.array(VersionSummary).openapi({ description: "Every submission, oldest first" }),
    can: z.object({ edit: z.boolean(), submit: z.boolean(), review: z.boolean() }),
  })
  .openapi("Report");

export const SavedDraft = z
  .object({
    revision: z.number().int(),
    savedAt: Timestamp,
    savedBy: z.string(),
    changed: z.boolean().openapi({ description: "False when the content was already saved as sent" }),
  })
  .openapi("SavedReportDraft");

export const SubmitResult = z.object({ period: ReportPeriodView, version: VersionSummary }).openapi("SubmittedReport");

export const ReviewResult = z.object({ period: ReportPeriodView, version: VersionSummary }).openapi("ReviewedReport");

export const FieldChangeView = z
  .object({
    section: z.enum(REPORT_SECTIONS),
    key: z.string().nullable(),
    label: z.string().nullable(),
    field: z.string(),
    path: z.string().openapi({ example: "contentItems.12.percentComplete" }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi("ReportFieldChange");

export const Comparison = z
  .object({
    from: z.object({ id: z.number().int(), versionNo: z.number().int() }).nullable(),
    to: z.object({ id: z.number().int(), versionNo: z.number().int() }),
    changes: z.array(FieldChangeView),
  })
  .openapi("ReportComparison");

export const QueueItem = z.object({
  periodId: z.number().int(),
  seq: z.number().int(),
  periodStart: LegalDate,
  periodEnd: LegalDate,
  dueOn: LegalDate,
  task: TaskRef,
  pi: z.string().nullable(),
  versionId: z.number().int(),
  versionNo: z.number().int(),
  submittedAt: Timestamp,
  late: z.boolean().openapi({ description: "Submitted after its due date" }),
});

export const ReportQueue = z.object({ items: z.array(QueueItem) }).openapi("ReportQueue");

export const OverdueItem = z.object({
  periodId: z.number().int(),
  seq: z.number().int(),
  periodStart: LegalDate,
  periodEnd: LegalDate,
  dueOn: LegalDate,
  daysOverdue: z.number().int(),
  hasDraft: z.boolean(),
  task: TaskRef,
  pi: z.string().nullable(),
});

export const OverdueReports = z.object({ items: z.array(OverdueItem) }).openapi("OverdueReports");

export const TaskProgress = z
  .object({
    taskId: z.number().int(),
    asOf: z
      .object({
        periodId: z.number().int(),
        seq: z.number().int(),
        periodEnd: LegalDate,
        versionId: z.number().int(),
        versionNo: z.number().int(),
        status: z.enum(["accepted", "submitted"]),
      })
      .nullable()
      .openapi({ description: "The report the figures come from: the latest accepted, else the latest submitted" }),
    pendingReview: z
      .object({ periodId: z.number().int(), seq: z.number().int(), versionId: z.number().int() })
      .nullable()
      .openapi({ description: "A newer report submitted and awaiting review, not yet counted" }),
    overallPercent: Percent.nullable().openapi({ description: "The mean of the content items' percentages" }),
    expectedPercent: Percent.nullable().openapi({ description: "The share of the contract's time that has passed" }),
    contentItems: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        plannedEnd: LegalDate.nullable().openapi({ description: "The item's planned end, else the contract's end" }),
        percentComplete: Percent.nullable(),
        late: z.boolean().openapi({ description: "Past its planned end and not done" }),
      }),
    ),
    products: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        unit: z.string(),
        contractedQuantity: z.string(),
        dueOn: LegalDate.nullable(),
        status: z.enum(PRODUCT_PROGRESS).nullable(),
        quantityAchieved: z.string().nullable(),
        late: z.boolean(),
      }),
    ),
    spending: z.object({ totalBudget: Money, stateBudget: Money, toDate: Totals }),
    reports: z.object({ total: z.number().int(), accepted: z.number().int(), overdue: z.number().int() }),
  })
  .openapi("TaskProgress");

export type SaveDraftBody = z.infer<typeof SaveDraftBody>;
export type SubmitBody = z.infer<typeof SubmitBody>;
export type ReviewBody = z.infer<typeof ReviewBody>;
export type CompareQuery = z.infer<typeof CompareQuery>;
export type ReportPeriodView = z.infer<typeof ReportPeriodView>;
export type TaskReports = z.infer<typeof TaskReports>;
export type ReportView = z.infer<typeof ReportView>;
export type VersionSummary = z.infer<typeof VersionSummary>;
export type VersionDetail = z.infer<typeof VersionDetail>;
export type SavedDraft = z.infer<typeof SavedDraft>;
export type SubmitResult = z.infer<typeof SubmitResult>;
export type ReviewResult = z.infer<typeof ReviewResult>;
export type Comparison = z.infer<typeof Comparison>;
export type ReportQueue = z.infer<typeof ReportQueue>;
export type OverdueReports = z.infer<typeof OverdueReports>;
export type TaskProgress = z.infer<typeof TaskProgress>;
