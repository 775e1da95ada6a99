import { z } from "@hono/zod-openapi";
import {
  FUNDING_MODES,
  PRODUCT_CLASSES,
  REGIMES,
  SELECTION_METHODS,
  STAGES,
  TASK_FIELDS,
  TASK_KINDS,
  TASK_RECOVERY_CAUSES,
  TEAM_ROLES,
} from "@khcn/db/schema";
import { DEADLINE_KINDS, MAX_DEADLINE_DAYS } from "../portfolio/deadlines.ts";

export const SORT_KEYS = ["code", "title", "startDate", "endDate", "totalBudget", "stage", "updatedAt"] as const;
export const MAX_PAGE_SIZE = 100;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

function flag(description: string) {
  return z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description });
}

/** Query of GET /api/tasks. Lists accept repeated keys or comma-separated values. */
export const TaskListQuery = z
  .object({
    stage: z
      .preprocess(splitList, z.array(z.enum(STAGES)))
      .optional()
      .openapi({ description: "Stages, comma-separated", example: "in_progress,acceptance" }),
    theme: idParam.optional().openapi({ description: "Theme id; includes its sub-themes" }),
    kind: z.enum(TASK_KINDS).optional(),
    field: z.enum(TASK_FIELDS).optional(),
    host: idParam.optional().openapi({ description: "Host organisation id" }),
    year: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: "Tasks running during this calendar year" }),
    q: z.string().trim().max(200).optional().openapi({
      description: "Search in code and title, with or without Vietnamese diacritics",
      example: "giong lua",
    }),
    mine: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true")
      .openapi({ description: "Only the tasks the signed-in person leads or works on" }),
    formerProvince: idParam.optional().openapi({ description: "Former province (unit) id" }),
    overdueReports: flag("Only tasks with a periodic report overdue today"),
    overdueDossier: flag("Only running tasks whose acceptance dossier is overdue (contract end + dossier days)"),
    pendingAdjustment: flag("Only tasks with an adjustment request awaiting a decision"),
    deadlineWithin: z.coerce.number().int().min(0).max(MAX_DEADLINE_DAYS).optional().openapi({
      description:
        "Only tasks with a deadline from today to this many days ahead: a report due, the contract ending, the acceptance dossier due, an adjustment decision due",
    }),
    deadlineKind: z
      .enum(DEADLINE_KINDS)
      .optional()
      .openapi({ description: "With deadlineWithin: only deadlines of this kind" }),
    budgetYear: z.coerce
      .number()
      .int()
      .min(2000)
      .max(2100)
      .optional()
      .openapi({ description: "Only tasks with planned budget or money moved in this budget year" }),
    sort: z.enum(SORT_KEYS).default("code"),
    order: z.enum(["asc", "desc"]).default("asc"),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  })
  .openapi("TaskListQuery");

export const TaskIdParam = z.object({ id: idParam.openapi({ param: { name: "id", in: "path" }, example: 1 }) });

const Ref = z.object({ id: z.number().int(), name: z.string() });
const ThemeRef = z.object({ id: z.number().int(), code: z.string(), nameVi: z.string(), nameEn: z.string() });
const Money = z
  .string()
  .regex(/^\d+$/)
  .openapi({ description: "Whole đồng (VND) as a decimal string", example: "1250500000" });
const LegalDate = z.string().openapi({ format: "date", example: "2024-03-15" });

export const TaskSummary = z
  .object({
    id: z.number().int(),
    code: z.string(),
    title: z.string(),
    kind: z.enum(TASK_KINDS),
    field: z.enum(TASK_FIELDS),
    regime: z.enum(REGIMES),
    stage: z.enum(STAGES),
    startDate: LegalDate.nullable(),
    endDate: LegalDate.nullable(),
    totalBudget: Money,
    host: Ref.extend({ shortName: z.string().nullable() }).nullable(),
    pi: z.object({ id: z.number().int(), fullName: z.string(), title: z.string().nullable() }).nullable(),
    formerProvince: Ref.nullable(),
    themes: z.array(ThemeRef),
  })
  .openapi("TaskSummary");

export const TaskList = z
  .object({
    items: z.array(TaskSummary),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    stageCounts: z
      .record(z.enum(STAGES), z.number().int())
      .openapi({ description: "Tasks per stage under the same filters, the stage filter aside" }),
  })
  .openapi("TaskList");

export const TeamMember = z.object({
  personId: z.number().int(),
  fullName: z.string(),
  title: z.string().nullable(),
  position: z.string().nullable(),
  organisation: z.string().nullable(),
  role: z.enum(TEAM_ROLES),
});

const Quantity = z.string().openapi({ description: "Decimal string, at most two decimals", example: "2.5" });

export const ContentItem = z
  .object({
    id: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    plannedStart: LegalDate.nullable(),
    plannedEnd: LegalDate.nullable(),
  })
  .openapi("TaskContentItem");

export const Product = z
  .object({
    id: z.number().int(),
    productClass: z.enum(PRODUCT_CLASSES),
    name: z.string(),
    specification: z.string().nullable(),
    quantity: Quantity,
    unit: z.string(),
    dueOn: LegalDate.nullable(),
  })
  .openapi("TaskProduct");

export const ApplicationSite = z
  .object({ id: z.number().int(), name: z.string(), location: z.string().nullable(), scale: z.string().nullable() })
  .openapi("TaskApplicationSite");

export const TaskDetail = TaskSummary.extend({
  objectives: z.string().nullable(),
  fundingMode: z.enum(FUNDING_MODES),
  stateBudget: Money,
  otherBudget: Money,
  managingUnit: Ref,
  orderingAgency: z.string().nullable(),
  selectionMethod: z.enum(SELECTION_METHODS).nullable(),
  team: z.array(TeamMember),
  contentItems: z.array(ContentItem),
  products: z.array(Product),
  applicationSites: z.array(ApplicationSite),
  /** The results registration certificate, once `register_results` recorded it. */
  registration: z.object({ number: z.string(), registeredOn: z.string() }).nullable(),
  /** Money to recover as decided at settlement after a failure or termination. */
  recovery: z.object({ cause: z.enum(TASK_RECOVERY_CAUSES), amount: Money }).nullable(),
  edit: z
    .object({
      allowed: z.boolean(),
      locked: z.record(z.string(), z.string()).openapi({
        description: "Fields this user may not change now, each with the reason (stage or role)",
      }),
      lockCodes: z
        .record(z.string(), z.enum(["STAFF_ONLY", "ENDED", "CODE_FIXED", "APPROVED_TERM", "LUMP_SUM"]))
        .openapi({
          description: "The same fields with a stable code for the reason, for wording in the user's language",
        }),
    })
    .openapi({ description: "Whether the signed-in user may edit the record (PATCH), and what stays locked" }),
  version: z.number().int().openapi({ description: "Send it back with an edit; it is also the ETag" }),
  createdAt: z.string().openapi({ format: "date-time" }),
  updatedAt: z.string().openapi({ format: "date-time" }),
}).openapi("TaskDetail");

// ---- editing the record

const Id = z.number().int().positive().max(2_147_483_647);
const Text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);
const OptionalText = (max: number) => Text(max).nullable();

const MoneyInput = z
  .string()
  .regex(/^(0|[1-9]\d{0,14})$/, "A whole number of đồng, digits only")
  .openapi({ description: "Whole đồng (VND) as a decimal string, digits only", example: "1250500000" });

const QuantityInput = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, "A decimal number with at most two decimals")
  .refine((v) => Number(v) > 0, "Must be more than zero")
  .openapi({ description: "Contracted quantity, a decimal string with at most two decimals", example: "2.5" });

const DateInput = z.iso.date("A date as yyyy-mm-dd").openapi({ format: "date", example: "2026-01-01" });

const CodeInput = z
  .string()
  .trim()
  .overwrite((v) => v.normalize("NFC"))
  .min(1, "Required")
  .max(50, "At most 50 characters")
  // A refinement rather than .regex(): the document's JSON Schema has no place for the `u` flag.
  .refine((v) => /^[\p{L}\p{N}][\p{L}\p{N}./_-]*$/u.test(v), "Letters, digits and . / _ - only")
  .openapi({ example: "ĐT.2026.03" });

export const TeamEntryInput = z.strictObject({ personId: Id, role: z.enum(TEAM_ROLES) });

export const ContentItemInput = z.strictObject({
  id: Id.optional().openapi({ description: "An existing item's id keeps that item" }),
  title: Text(500),
  description: OptionalText(4000).optional(),
  plannedStart: DateInput.nullable().optional().openapi({
    description: "Planned start of this milestone; left out, an existing item keeps its date",
  }),
  plannedEnd: DateInput.nullable().optional().openapi({
    description: "Planned end of this milestone; left out, an existing item keeps its date",
  }),
});

export const ProductInput = z.strictObject({
  id: Id.optional().openapi({ description: "An existing product's id keeps that product" }),
  productClass: z.enum(PRODUCT_CLASSES),
  name: Text(500),
  specification: OptionalText(4000).optional(),
  quantity: QuantityInput,
  unit: Text(50),
  dueOn: DateInput.nullable().optional().openapi({
    description: "When the contract says the product is due; left out, an existing product keeps its date",
  }),
});

export const ApplicationSiteInput = z.strictObject({
  id: Id.optional().openapi({ description: "An existing site's id keeps that site" }),
  name: Text(300),
  location: OptionalText(300).optional(),
  scale: OptionalText(300).optional(),
});

/** The record's fields; the create body requires a few of them, an edit none. */
const recordFields = {
  code: CodeInput.openapi({
    description: "Staff only. Generated from the code template (setting task_code_template) when absent at creation",
  }),
  title: Text(1000),
  kind: z.enum(TASK_KINDS),
  field: z.enum(TASK_FIELDS),
  regime: z.enum(REGIMES).openapi({ description: "At creation, default law_93_2025" }),
  managingUnitId: Id.openapi({ description: "Staff only; at creation, default the staff member's unit" }),
  formerProvinceId: Id.nullable(),
  hostOrganisationId: Id.nullable(),
  piPersonId: Id.nullable().openapi({
    description: "Staff only; a scientist's own proposal is led by themselves",
  }),
  team: z
    .array(TeamEntryInput)
    .max(100)
    .openapi({ description: "The whole team, the PI included once with role pi (matching piPersonId)" }),
  orderingAgency: OptionalText(300),
  selectionMethod: z.enum(SELECTION_METHODS).nullable(),
  startDate: DateInput.nullable(),
  endDate: DateInput.nullable(),
  fundingMode: z.enum(FUNDING_MODES).openapi({
    description: "At creation, default full_lump_sum under law_93_2025 and partial_lump_sum under law_2013",
  }),
  totalBudget: MoneyInput,
  stateBudget: MoneyInput,
  objectives: OptionalText(10_000),
  themeIds: z.array(Id).max(20),
  contentItems: z.array(ContentItemInput).max(200),
  products: z.array(ProductInput).max(200),
  applicationSites: z.array(ApplicationSiteInput).max(200),
};

export const CreateTaskBody = z
  .strictObject(recordFields)
  .partial()
  .required({ title: true, kind: true, field: true })
  .openapi("CreateTaskBody");

export const UpdateTaskBody = z
  .strictObject({
    version: z.number().int().positive().openapi({ description: "The version the edit is based on (or If-Match)" }),
    ...recordFields,
  })
  .partial()
  .openapi("UpdateTaskBody");

export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ description: 'The ETag of the version edited, e.g. "3" (instead of `version` in the body)' }),
});

export type CreateTaskBody = z.infer<typeof CreateTaskBody>;
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

export type TaskListQuery = z.infer<typeof TaskListQuery>;
/** The list's filters alone, as the dashboard's figures and the export carry them. */
export type TaskListFilterQuery = Omit<TaskListQuery, "sort" | "order" | "page" | "pageSize">;

/** Query of GET /api/tasks/export: the list's filters and order, and the file format. */
export const TaskExportQuery = TaskListQuery.omit({ page: true, pageSize: true })
  .extend({ format: z.enum(["xlsx", "csv"]).default("xlsx") })
  .openapi("TaskExportQuery");
export type TaskSummary = z.infer<typeof TaskSummary>;
export type TaskList = z.infer<typeof TaskList>;
export type TaskDetail = z.infer<typeof TaskDetail>;

function splitList(value: unknown): unknown {
  if (value === undefined || value === "") return undefined;
  const parts = Array.isArray(value) ? value : [value];
  return parts
    .flatMap((p) => String(p).split(","))
    .map((p) => p.trim())
    .filter(Boolean);
}
