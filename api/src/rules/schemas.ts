import { z } from "@hono/zod-openapi";
import { REGIMES } from "@khcn/db/schema";
import { PARAMETER_GROUPS } from "./parameter-groups.ts";

const regime = z.enum(REGIMES);
const storedRegime = z.enum(["*", ...REGIMES]);
const unitId = z.coerce.number().int().positive().max(2_147_483_647);

export const RuleParameterQuery = z.object({
  unitId: unitId.optional().openapi({
    param: { name: "unitId", in: "query" },
    description: "The unit whose values to show; absent: the values for all units",
  }),
  regime: regime.optional().openapi({
    param: { name: "regime", in: "query" },
    description: "One regime; absent: both",
  }),
});

export const RuleParameterKeyParam = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,62}$/, "Not a parameter key")
    .openapi({ param: { name: "key", in: "path" }, example: "acceptance_dossier_days" }),
});

export const ResetRuleParameterQuery = z.object({
  unitId: unitId.optional().openapi({
    param: { name: "unitId", in: "query" },
    description: "The unit whose own value to remove; absent: the value for all units",
  }),
  regime: storedRegime.openapi({
    param: { name: "regime", in: "query" },
    description: "The regime of the value to remove, or * for the value for every regime",
  }),
});

export const SetRuleParameterBody = z
  .strictObject({
    unitId: z.number().int().positive().max(2_147_483_647).nullable(),
    regime: storedRegime,
    /** Checked against the parameter's own schema (its `schema` in the list) by the service. */
    value: z.unknown().openapi({ description: "The new value; its shape is the parameter's `schema`" }),
  })
  .openapi("SetRuleParameterBody");

const Source = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("default") }),
    z.object({ kind: z.literal("override"), unitId: z.number().int().nullable(), regime: storedRegime }),
  ])
  .openapi("RuleParameterSource");

export const RuleParameterOverride = z
  .object({
    unitId: z.number().int().nullable(),
    unitName: z.string().nullable(),
    regime: storedRegime,
    value: z.unknown(),
    /** False when the value no longer fits the parameter's rules: the tasks it applies to cannot be worked on. */
    valid: z.boolean(),
    updatedAt: z.string(),
    updatedBy: z.string().nullable(),
  })
  .openapi("RuleParameterOverride");

export const RuleParameterItem = z
  .object({
    key: z.string(),
    group: z.enum(PARAMETER_GROUPS),
    description: z.string(),
    /** JSON Schema (draft 2020-12) of the value, for an editor; refinements (sums, duplicates) are checked on save. */
    schema: z.record(z.string(), z.unknown()),
    /** Per regime of the scope: the built-in default and the value in force, with where it comes from. */
    regimes: z.array(
      z.object({
        regime,
        default: z.unknown(),
        value: z.unknown(),
        source: Source,
        /** Set when the deciding stored value no longer fits the rules (value then shows it as stored). */
        error: z.string().nullable(),
      }),
    ),
    /** The value stored for exactly the scope's unit (or all units) and regime (or '*'), if any. */
    atScope: RuleParameterOverride.nullable(),
    /** Stored values that may bear on the scope: all units' and the unit's; for all units, every unit's. */
    overrides: z.array(RuleParameterOverride),
  })
  .openapi("RuleParameter");

export const RuleParameterList = z
  .object({
    scope: z.object({ unitId: z.number().int().nullable(), regime: regime.nullable() }),
    /** Whether the reader may change the values (administrators). */
    canEdit: z.boolean(),
    items: z.array(RuleParameterItem),
  })
  .openapi("RuleParameterList");

export type RuleParameterQuery = z.infer<typeof RuleParameterQuery>;
export type ResetRuleParameterQuery = z.infer<typeof ResetRuleParameterQuery>;
export type SetRuleParameterBody = z.infer<typeof SetRuleParameterBody>;
export type RuleParameterItem = z.infer<typeof RuleParameterItem>;
export type RuleParameterOverride = z.infer<typeof RuleParameterOverride>;
export type RuleParameterSource = z.infer<typeof Source>;
export type RuleParameterList = z.infer<typeof RuleParameterList>;
