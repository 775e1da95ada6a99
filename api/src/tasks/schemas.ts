import { z } from "@hono/zod-openapi";
import { FUNDING_MODES, REGIMES, STAGES, TASK_FIELDS, TASK_KINDS, TEAM_ROLES } from "@khcn/db/schema";

export const SORT_KEYS = ["code", "title", "startDate", "endDate", "totalBudget", "stage", "updatedAt"] as const;
export const MAX_PAGE_SIZE = 100;

const idParam = z.coerce.number().int().positive().max(2_147_483_647);

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

export const TaskDetail = TaskSummary.extend({
  objectives: z.string().nullable(),
  fundingMode: z.enum(FUNDING_MODES),
  stateBudget: Money,
  otherBudget: Money,
  managingUnit: Ref,
  team: z.array(TeamMember),
  version: z.number().int(),
  createdAt: z.string().openapi({ format: "date-time" }),
  updatedAt: z.string().openapi({ format: "date-time" }),
}).openapi("TaskDetail");

export type TaskListQuery = z.infer<typeof TaskListQuery>;
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
