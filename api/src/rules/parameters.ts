import { jsonb } from "@khcn/db/jsonb";
import type { Database, Regime } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { z } from "zod";
import { DomainError } from "../http/errors.ts";

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

/** The most specific stored row for the key, checked against the parameter's schema; else the default. */
export function resolveParameter<K extends ParameterKey>(
  rows: readonly StoredRow[],
  scope: ParameterScope,
  key: K,
): ParameterValue<K> {
  // A unit's own value outranks any value for all units; within each, a regime's outranks '*'.
  const rank = (r: StoredRow) => (r.unit_id !== null ? 2 : 0) + (r.regime === "*" ? 0 : 1);
  const candidates = rows
    .filter((r) => r.key === key && (r.regime === "*" || r.regime === scope.regime))
    .filter((r) => r.unit_id === null || r.unit_id === scope.unitId)
    .sort((a, b) => rank(b) - rank(a));
  const row = candidates[0];
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
