import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canManageRuleParameters } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import {
  ResetRuleParameterQuery,
  RuleParameterItem,
  RuleParameterKeyParam,
  RuleParameterList,
  RuleParameterQuery,
  SetRuleParameterBody,
} from "./schemas.ts";
import { listRuleParameters, resetRuleParameter, setRuleParameter } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const common = { security: [{ session: [] }], tags: ["Administration"] };
const unauthenticated = { description: "Not signed in", ...json(ApiError) };
const adminOnly = () => [
  requireActor,
  requirePermission(canManageRuleParameters, "Only administrators change the rule parameters"),
];

const list = createRoute({
  ...common,
  middleware: [requireActor] as const,
  method: "get",
  path: "/rule-parameters",
  summary: "Every rule parameter: its default, the stored values, and the value in force for a unit and regime",
  description:
    "The value in force follows the most specific stored value: the unit's for the regime, the unit's for every regime, all units' for the regime, all units' for every regime, then the default. Administrators read any unit (or, without `unitId`, the values for all units together with every unit's own); department staff and heads read the values in force for their own unit (the default `unitId` for them). Each parameter carries the JSON Schema of its value.",
  request: { query: RuleParameterQuery },
  responses: {
    200: { description: "Parameters", ...json(RuleParameterList) },
    400: { description: "Malformed query or no such unit", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not an administrator, or staff or head asking for another unit", ...json(ApiError) },
  },
});

const set = createRoute({
  ...common,
  middleware: adminOnly(),
  method: "put",
  path: "/rule-parameters/{key}",
  summary: "Store a parameter's value for all units or one unit, for every regime ('*') or one",
  description:
    'The value is checked against the parameter\'s schema: a refusal is 400 with `fields.value` (and `fields["value.<path>"]` for a nested problem) and nothing is written. The change and its audit row (old and new value) land together.',
  request: { params: RuleParameterKeyParam, body: { ...json(SetRuleParameterBody), required: true } },
  responses: {
    200: { description: "Stored; the parameter as it now stands for that scope", ...json(RuleParameterItem) },
    400: { description: "Not a valid value, or no such unit", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not an administrator", ...json(ApiError) },
    404: { description: "No such parameter", ...json(ApiError) },
  },
});

const reset = createRoute({
  ...common,
  middleware: adminOnly(),
  method: "delete",
  path: "/rule-parameters/{key}",
  summary: "Remove the value stored for a scope, so the inherited one applies again",
  request: { params: RuleParameterKeyParam, query: ResetRuleParameterQuery },
  responses: {
    200: { description: "Removed; the parameter as it now stands for that scope", ...json(RuleParameterItem) },
    400: { description: "Malformed query", ...json(ApiError) },
    401: unauthenticated,
    403: { description: "Not an administrator", ...json(ApiError) },
    404: { description: "No such parameter, or nothing stored for the scope", ...json(ApiError) },
  },
});

export function ruleParameterRoutes() {
  return createRouter<AppEnv>()
    .openapi(list, async (c) => c.json(await listRuleParameters(c.var.db, actorOf(c), c.req.valid("query")), 200))
    .openapi(set, async (c) =>
      c.json(await setRuleParameter(c.var.db, actorOf(c), c.req.valid("param").key, c.req.valid("json")), 200),
    )
    .openapi(reset, async (c) =>
      c.json(await resetRuleParameter(c.var.db, actorOf(c), c.req.valid("param").key, c.req.valid("query")), 200),
    );
}
