import { jsonb } from "@khcn/db/jsonb";
import type { Database, Regime } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { z } from "zod";
import { DomainError } from "../http/errors.ts";
import {
  councilCompositionSchema,
  councilRegulationSchema,
  fractionSchema,
  gradingSchemeSchema,
  isoDateList,
  nationalDayAdjacentSchema,
  selectionCriteriaSchema,
  tetHolidaySchema,
} from "./council-parameters.ts";

/*
 * Rule parameters: the deadlines and cadences the domain leaves to each Department, as data with
 * defaults. The defaults live here (per regime where the regimes differ); a row of
 * `rule_parameter` overrides them for every unit or for one unit, for every regime or for one.
 * The most specific value wins: unit and regime, unit and '*', all units and regime, all units
 * and '*', then the default for the regime, then the default for every regime.
 */

const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, "A day of the year as MM-DD, e.g. 03-15")
  // Checked against a leap year: 02-29 is allowed and falls on 28 February in other years.
  .refine((md) => {
    const date = new Date(`2024-${md}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(5, 10) === md;
  }, "Not a day of the year");

const days = (min: number) => z.number().int().min(min).max(366);

/** The expense categories of a task's budget (a configurable code list). */
const expenseCategory = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  nameVi: z.string().min(1).max(200),
  nameEn: z.string().min(1).max(200),
});

interface Definition<S extends z.ZodType> {
  schema: S;
  default: z.infer<S>;
  /** Where a regime's default differs from the one for every regime. */
  byRegime?: Partial<Record<Regime, z.infer<S>>>;
  description: string;
}

const define = <S extends z.ZodType>(d: Definition<S>) => d;

export const PARAMETERS = {
  report_due_days: define({
    schema: z
      .array(monthDay)
      .min(1)
      .max(12)
      .refine((list) => new Set(list).size === list.length, "A day is listed twice"),
    default: ["03-15", "09-15"],
    description: "Days of the year periodic progress reports fall due (MM-DD)",
  }),
  report_period_months: define({
    schema: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(12)]),
    default: 6,
    description: "Length of a reporting period in months; periods follow the calendar (6: January–June, July–December)",
  }),
  report_opens_days_before_period_end: define({
    schema: days(0),
    default: 30,
    description: "How many days before its period ends a report may be submitted",
  }),
  report_overdue_grace_days: define({
    schema: days(0),
    default: 0,
    description: "Days after the due date before an unsubmitted report counts as overdue",
  }),
  report_first_period_min_days: define({
    schema: days(0),
    default: 90,
    description: "A first period shorter than this is merged into the next, so no report covers a few weeks of work",
  }),
  acceptance_dossier_days: define({
    schema: days(1),
    default: 30,
    description: "Days after the contract (or extension) ends within which the acceptance dossier is due",
  }),
  adjustment_decision_days: define({
    schema: days(1),
    default: 15,
    description: "Days within which a requested adjustment is decided",
  }),
  expense_categories: define({
    schema: z
      .array(expenseCategory)
      .min(1)
      .max(30)
      .refine((list) => new Set(list.map((c) => c.code)).size === list.length, "A code is listed twice"),
    default: [
      { code: "labour", nameVi: "Tiền công lao động trực tiếp", nameEn: "Direct labour" },
      { code: "experts", nameVi: "Thuê chuyên gia", nameEn: "Hired experts" },
      { code: "materials", nameVi: "Nguyên vật liệu, năng lượng", nameEn: "Materials and energy" },
      { code: "equipment", nameVi: "Thiết bị (mua, thuê, sửa chữa)", nameEn: "Equipment (buy, rent, repair)" },
      { code: "construction", nameVi: "Xây dựng, sửa chữa nhỏ", nameEn: "Minor construction" },
      {
        code: "other",
        nameVi: "Chi khác (hội thảo, công tác, dịch vụ, kiểm tra, nghiệm thu, quản lý)",
        nameEn: "Other (workshops, travel, services, inspection and acceptance, overhead)",
      },
    ],
    description: "The budget's expense categories, in display order",
  }),
  // ---- councils and working days
  council_composition: define({
    schema: councilCompositionSchema,
    default: {
      identification: { size: 7, roles: { chair: 1, vice_chair: 1, reviewer: 2, scientific_secretary: 1 } },
      selection: { size: 7, roles: { chair: 1, vice_chair: 1, reviewer: 2, scientific_secretary: 1 } },
      budget_appraisal: { size: 5, roles: { chair: 1, vice_chair: 0, reviewer: 0, scientific_secretary: 1 } },
      inspection: { size: 5, roles: { chair: 1, vice_chair: 0, reviewer: 0, scientific_secretary: 1 } },
      expert_verification: { size: 5, roles: { chair: 1, vice_chair: 0, reviewer: 2, scientific_secretary: 1 } },
      acceptance: { size: 7, roles: { chair: 1, vice_chair: 1, reviewer: 2, scientific_secretary: 1 } },
    },
    description:
      "Size of each kind of council and its named seats (chair, vice-chair, reviewers, scientific secretary); ordinary members fill the rest. A national acceptance council is 9",
  }),
  council_quorum: define({
    schema: z.strictObject({
      fraction: fractionSchema,
      chairRequired: z.boolean(),
      reviewersRequired: z.number().int().min(0).max(10),
    }),
    default: { fraction: { num: 2, den: 3 }, chairRequired: true, reviewersRequired: 2 },
    description:
      "Quorum: the least share of the members not recused who are present, whether the chair (or the vice-chair acting) must be there, and how many reviewers",
  }),
  dossier_before_meeting_working_days: define({
    schema: days(0),
    default: 3,
    description: "Working days before the meeting by which the members must have the documents",
  }),
  acceptance_thresholds: define({
    schema: z.strictObject({
      excellentFraction: fractionSchema,
      passFraction: fractionSchema,
      quantityFraction: fractionSchema,
    }),
    default: {
      excellentFraction: { num: 3, den: 4 },
      passFraction: { num: 3, den: 4 },
      quantityFraction: { num: 3, den: 4 },
    },
    description:
      "Acceptance: share of votes Xuất sắc (none Không đạt) for an excellent result, share Đạt or better for a pass, and share of quantity criteria (and of each contracted amount) a member's pass needs",
  }),
  grading_scheme: define({
    schema: gradingSchemeSchema,
    default: { kind: "grades" },
    description:
      'How acceptance councils grade: {"kind":"grades"} (Xuất sắc / Đạt / Không đạt per criterion) or {"kind":"points","max":100,"bands":[{"min":85,"grade":"excellent","label":"excellent"},…]} (the average of the members\' points falls in a band)',
  }),
  selection_pass_average: define({
    schema: z.number().int().min(0).max(100),
    default: 70,
    description: "Selection: the least average score out of 100 for an applicant to qualify",
  }),
  selection_criteria: define({
    schema: selectionCriteriaSchema,
    default: [
      {
        code: "rationale",
        nameVi: "Tổng quan tình hình nghiên cứu, luận giải sự cần thiết",
        nameEn: "State of the art and rationale",
        max: 10,
        key: false,
      },
      {
        code: "objectives_methods",
        nameVi: "Mục tiêu, nội dung và phương pháp thực hiện",
        nameEn: "Objectives, content and methods",
        max: 30,
        key: true,
      },
      {
        code: "products_impact",
        nameVi: "Sản phẩm, khả năng ứng dụng và hiệu quả",
        nameEn: "Products, applicability and impact",
        max: 25,
        key: true,
      },
      {
        code: "capacity",
        nameVi: "Năng lực của tổ chức chủ trì và chủ nhiệm",
        nameEn: "Capacity of the host organisation and the PI",
        max: 20,
        key: false,
      },
      {
        code: "plan_budget",
        nameVi: "Tính hợp lý của kế hoạch và kinh phí",
        nameEn: "Soundness of the plan and budget",
        max: 15,
        key: false,
      },
    ],
    description:
      "Selection: the criteria groups scored per applicant (maxima add up to 100); a key criterion at 0 excludes",
  }),
  selection_key_zero_fraction: define({
    schema: fractionSchema,
    default: { num: 0, den: 1 },
    description:
      "Selection: a key criterion counts as at 0 when more than this share of the members scored it 0 (0/1: any single 0)",
  }),
  council_establish_working_days: define({
    schema: days(1),
    default: 15,
    description: "Working days after a valid acceptance dossier within which the council is established",
  }),
  council_meeting_within_days: define({
    schema: days(1),
    default: 30,
    description: "Days after the council is established within which it meets",
  }),
  acceptance_revision_days: define({
    schema: days(1),
    default: 30,
    description: "Days after a passing acceptance within which the PI hands in the revised results",
  }),
  result_registration_days: define({
    schema: days(1),
    default: 30,
    description: "Days after acceptance within which the host registers the results",
  }),
  extra_holidays: define({
    schema: isoDateList,
    default: [],
    description: "Further days off decided each year (YYYY-MM-DD), e.g. a Monday bridged to a holiday",
  }),
  makeup_working_days: define({
    schema: isoDateList,
    default: [],
    description: "Days worked whatever the calendar says (YYYY-MM-DD), e.g. the Saturday that makes up a bridged day",
  }),
  tet_holiday: define({
    schema: tetHolidaySchema,
    default: { daysBefore: 1, daysFrom: 4 },
    description: "Tết holiday: days off before lunar new year's day and from it (Labour Code 2019: five in all)",
  }),
  national_day_adjacent: define({
    schema: nationalDayAdjacentSchema,
    default: { default: "before", byYear: {} },
    description: "The day off next to National Day (2/9): the day before or after, with any year's own decision",
  }),
  holiday_compensation: define({
    schema: z.boolean(),
    default: true,
    description: "A public holiday on a Saturday or Sunday gives a day off on the next working day",
  }),
  council_regulation: define({
    schema: councilRegulationSchema,
    default: {
      acceptance: "Quy định đánh giá, nghiệm thu nhiệm vụ khoa học và công nghệ cấp tỉnh của Ủy ban nhân dân tỉnh",
      selection: "Quy định tuyển chọn, giao trực tiếp nhiệm vụ khoa học và công nghệ cấp tỉnh của Ủy ban nhân dân tỉnh",
      other: "Quy định quản lý nhiệm vụ khoa học và công nghệ cấp tỉnh của Ủy ban nhân dân tỉnh",
    },
    byRegime: {
      law_2013: {
        acceptance:
          "Luật Khoa học và Công nghệ số 29/2013/QH13; Nghị định số 08/2014/NĐ-CP; Thông tư số 11/2014/TT-BKHCN (đánh giá, nghiệm thu), theo quy định của tỉnh",
        selection:
          "Luật Khoa học và Công nghệ số 29/2013/QH13; Nghị định số 08/2014/NĐ-CP; Thông tư số 10/2014/TT-BKHCN (tuyển chọn, giao trực tiếp), theo quy định của tỉnh",
        other: "Luật Khoa học và Công nghệ số 29/2013/QH13; Nghị định số 08/2014/NĐ-CP, theo quy định của tỉnh",
      },
      law_93_2025: {
        acceptance:
          "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15; Nghị định số 267/2025/NĐ-CP (đánh giá nhiệm vụ), theo quy định của tỉnh",
        selection:
          "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15; Nghị định số 267/2025/NĐ-CP (tài trợ, đặt hàng nhiệm vụ), theo quy định của tỉnh",
        other: "Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15; Nghị định số 267/2025/NĐ-CP",
      },
    },
    description: "The regulation a council's minutes cite, by kind of council (acceptance, selection, other)",
  }),
  budget_spend_ahead_margin: define({
    schema: z.number().int().min(0).max(100),
    default: 20,
    description:
      "Percentage points by which the money paid out may run ahead of the reported physical progress before the budget warns",
  }),
  budget_lapse_warning_after_days: define({
    schema: days(0),
    default: 90,
    description:
      "Days into a year before the budget warns that the year's allocation will lapse at the pace so far (earlier, one advance sets the whole pace)",
  }),
  // ---- imports of existing task registers
  import_max_rows: define({
    schema: z.number().int().min(1).max(20_000),
    default: 5000,
    description: "The most task rows one register import may hold; a larger register is split into several files",
  }),
  import_max_file_bytes: define({
    schema: z
      .number()
      .int()
      .min(64 * 1024)
      .max(20 * 1024 * 1024),
    default: 5 * 1024 * 1024,
    description: "The largest register file accepted for import, in bytes (XLSX or CSV)",
  }),
};

export type ParameterKey = keyof typeof PARAMETERS;
export type ParameterValue<K extends ParameterKey> = z.infer<(typeof PARAMETERS)[K]["schema"]>;
export type ExpenseCategory = z.infer<typeof expenseCategory>;
export const PARAMETER_KEYS = Object.keys(PARAMETERS) as ParameterKey[];

/** Whom a value applies to: a task's managing unit and regime. */
export interface ParameterScope {
  unitId: number | null;
  regime: Regime;
}

export function defaultParameter<K extends ParameterKey>(key: K, regime: Regime): ParameterValue<K> {
  const definition = PARAMETERS[key] as Definition<z.ZodType>;
  return structuredClone(definition.byRegime?.[regime] ?? definition.default) as ParameterValue<K>;
}

interface StoredRow {
  unit_id: number | null;
  regime: string;
  key: string;
  value: unknown;
}

/** The stored row that decides the key's value for the scope, if any (the administration screen shows it as the source). */
export function winningRow<R extends StoredRow>(rows: readonly R[], scope: ParameterScope, key: string): R | undefined {
  // A unit's own value outranks any value for all units; within each, a regime's outranks '*'.
  const rank = (r: StoredRow) => (r.unit_id !== null ? 2 : 0) + (r.regime === "*" ? 0 : 1);
  return rows
    .filter((r) => r.key === key && (r.regime === "*" || r.regime === scope.regime))
    .filter((r) => r.unit_id === null || r.unit_id === scope.unitId)
    .sort((a, b) => rank(b) - rank(a))[0];
}

/** The most specific stored row for the key, checked against the parameter's schema; else the default. */
export function resolveParameter<K extends ParameterKey>(
  rows: readonly StoredRow[],
  scope: ParameterScope,
  key: K,
): ParameterValue<K> {
  const row = winningRow(rows, scope, key);
  if (!row) return defaultParameter(key, scope.regime);
  const parsed = PARAMETERS[key].schema.safeParse(row.value);
  if (!parsed.success) {
    throw new DomainError(
      "SETTING_INVALID",
      `The rule parameter ${key} (${row.unit_id === null ? "all units" : `unit ${row.unit_id}`}, regime ${row.regime}) is not valid: ${parsed.error.issues[0]?.message ?? "bad value"}`,
    );
  }
  return parsed.data as ParameterValue<K>;
}

/** The rows that may apply to the scope (its unit or all units; its regime or all). */
async function storedRows(db: Kysely<Database>, scope: ParameterScope, keys?: readonly ParameterKey[]) {
  let query = db
    .selectFrom("rule_parameter")
    .select(["unit_id", "regime", "key", "value"])
    .where("regime", "in", ["*", scope.regime])
    .where((eb) =>
      scope.unitId === null
        ? eb("unit_id", "is", null)
        : eb.or([eb("unit_id", "is", null), eb("unit_id", "=", scope.unitId)]),
    );
  if (keys) query = query.where("key", "in", [...keys]);
  return query.execute();
}

/** One parameter for a unit and regime, e.g. `getParameter(db, { unitId, regime }, "adjustment_decision_days")`. */
export async function getParameter<K extends ParameterKey>(
  db: Kysely<Database>,
  scope: ParameterScope,
  key: K,
): Promise<ParameterValue<K>> {
  return resolveParameter(await storedRows(db, scope, [key]), scope, key);
}

export interface Parameters {
  get<K extends ParameterKey>(key: K): ParameterValue<K>;
}

/** Every parameter for a scope in one query, resolved on demand. */
export async function loadParameters(db: Kysely<Database>, scope: ParameterScope): Promise<Parameters> {
  const rows = await storedRows(db, scope);
  return { get: (key) => resolveParameter(rows, scope, key) };
}

/**
 * Stores a value for a unit (or all units, null) and a regime (or '*'), checked against the
 * parameter's schema first. The caller runs it inside its transaction and audits it.
 */
export async function setParameter<K extends ParameterKey>(
  db: Kysely<Database>,
  scope: { unitId: number | null; regime: "*" | Regime },
  key: K,
  value: unknown,
  updatedBy: number | null,
): Promise<ParameterValue<K>> {
  const parsed = PARAMETERS[key].schema.safeParse(value);
  if (!parsed.success) {
    throw new DomainError("VALIDATION_FAILED", `Not a valid value for ${key}`, {
      value: parsed.error.issues[0]?.message ?? "Not valid",
    });
  }
  const updated = await db
    .updateTable("rule_parameter")
    .set({ value: jsonb(parsed.data), updated_by: updatedBy, updated_at: new Date() })
    .where("key", "=", key)
    .where("regime", "=", scope.regime)
    .where((eb) => (scope.unitId === null ? eb("unit_id", "is", null) : eb("unit_id", "=", scope.unitId)))
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) {
    await db
      .insertInto("rule_parameter")
      .values({ unit_id: scope.unitId, regime: scope.regime, key, value: jsonb(parsed.data), updated_by: updatedBy })
      .execute();
  }
  return parsed.data as ParameterValue<K>;
}
