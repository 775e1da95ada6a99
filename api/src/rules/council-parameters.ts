import { z } from "zod";
import { COUNCIL_KIND_LIST } from "../councils/roles.ts";

/*
 * Schemas of the councils' rule parameters (the definitions and defaults are in parameters.ts).
 * Thresholds are fractions of whole numbers so the rules compare them exactly.
 */

export const fractionSchema = z
  .strictObject({ num: z.number().int().min(0).max(1000), den: z.number().int().min(1).max(1000) })
  .refine((f) => f.num <= f.den, "A share cannot exceed the whole");

export const isoDateList = z
  .array(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD")
      .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d, "Not a date"),
  )
  .max(500)
  .refine((list) => new Set(list).size === list.length, "A date is listed twice");

const composition = z
  .strictObject({
    size: z.number().int().min(1).max(50),
    roles: z.strictObject({
      chair: z.number().int().min(0).max(1),
      vice_chair: z.number().int().min(0).max(5),
      reviewer: z.number().int().min(0).max(10),
      scientific_secretary: z.number().int().min(0).max(2),
    }),
  })
  .refine(
    (c) => c.roles.chair + c.roles.vice_chair + c.roles.reviewer + c.roles.scientific_secretary <= c.size,
    "The named seats exceed the council's size",
  );

export const councilCompositionSchema = z.strictObject(
  Object.fromEntries(COUNCIL_KIND_LIST.map((k) => [k, composition])) as Record<
    (typeof COUNCIL_KIND_LIST)[number],
    typeof composition
  >,
);

const grade = z.enum(["excellent", "pass", "fail"]);

export const gradingSchemeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("grades") }),
  z
    .strictObject({
      kind: z.literal("points"),
      max: z.number().int().min(1).max(1000),
      bands: z
        .array(
          z.strictObject({
            min: z.number().int().min(0).max(1000),
            grade,
            label: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
          }),
        )
        .min(1)
        .max(10),
    })
    .refine((s) => s.bands.some((b) => b.min === 0), "A band must start at 0")
    .refine((s) => new Set(s.bands.map((b) => b.min)).size === s.bands.length, "Two bands start at the same points")
    .refine((s) => s.bands.every((b) => b.min <= s.max), "A band starts above the maximum"),
]);

export const selectionCriteriaSchema = z
  .array(
    z.strictObject({
      code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
      nameVi: z.string().min(1).max(300),
      nameEn: z.string().min(1).max(300),
      max: z.number().int().min(1).max(100),
      key: z.boolean(),
    }),
  )
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((c) => c.code)).size === list.length, "A code is listed twice")
  .refine((list) => list.reduce((s, c) => s + c.max, 0) === 100, "The criteria's maxima must add up to 100");

export const councilRegulationSchema = z.strictObject({
  acceptance: z.string().min(1).max(1000),
  selection: z.string().min(1).max(1000),
  other: z.string().min(1).max(1000),
});

const side = z.enum(["before", "after"]);
export const nationalDayAdjacentSchema = z.strictObject({
  default: side,
  byYear: z.record(z.string().regex(/^\d{4}$/), side),
});

export const tetHolidaySchema = z
  .strictObject({ daysBefore: z.number().int().min(0).max(5), daysFrom: z.number().int().min(1).max(10) })
  .refine((t) => t.daysBefore + t.daysFrom <= 10, "Tết holiday too long");
