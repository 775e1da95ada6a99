import type {
  RuleParameterItem,
  RuleParameterList,
  RuleParameterOverride,
  RuleParameterSource,
  SetRuleParameterBody,
} from "@khcn/api/rules/schemas";
import { request } from "./client.ts";

/* The rule parameters (administrators change them; the API lets staff and heads read their unit's). */

export type { RuleParameterItem, RuleParameterList, RuleParameterOverride, RuleParameterSource, SetRuleParameterBody };

export type Regime = RuleParameterItem["regimes"][number]["regime"];
export type StoredRegime = SetRuleParameterBody["regime"];

const keyPath = (key: string) => `/api/rule-parameters/${encodeURIComponent(key)}`;

export function listRuleParameters(scope: {
  unitId: number | null;
  regime: Regime | null;
}): Promise<RuleParameterList> {
  const search = new URLSearchParams();
  if (scope.unitId !== null) search.set("unitId", String(scope.unitId));
  if (scope.regime !== null) search.set("regime", scope.regime);
  const query = search.toString();
  return request<RuleParameterList>(`/api/rule-parameters${query ? `?${query}` : ""}`);
}

/** A refused value is 400 with `fields.value` and, in `details.issues`, each problem with its path. */
export function setRuleParameter(key: string, body: SetRuleParameterBody): Promise<RuleParameterItem> {
  return request<RuleParameterItem>(keyPath(key), { method: "PUT", body });
}

export function resetRuleParameter(
  key: string,
  scope: { unitId: number | null; regime: StoredRegime },
): Promise<RuleParameterItem> {
  const search = new URLSearchParams({ regime: scope.regime });
  if (scope.unitId !== null) search.set("unitId", String(scope.unitId));
  return request<RuleParameterItem>(`${keyPath(key)}?${search}`, { method: "DELETE" });
}
