import { type Database, REGIMES, type Regime } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { core } from "zod";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canManageRuleParameters, ruleParameterReadScope } from "../auth/permissions.ts";
import { DomainError } from "../http/errors.ts";
import { jsonSchemaOf } from "./json-schemas.ts";
import { groupOf } from "./parameter-groups.ts";
import {
  defaultParameter,
  PARAMETER_KEYS,
  PARAMETERS,
  type ParameterKey,
  setParameter,
  winningRow,
} from "./parameters.ts";
import * as repo from "./repository.ts";
import type {
  ResetRuleParameterQuery,
  RuleParameterItem,
  RuleParameterList,
  RuleParameterOverride,
  RuleParameterQuery,
  SetRuleParameterBody,
} from "./schemas.ts";

/*
 * The administrators' view of the rule parameters: for a unit (or all units) and a regime (or
 * both), each parameter's default, the stored values that bear on it, and the value in force with
 * where it comes from. Writes go through setParameter, in one transaction with their audit row.
 */

type Scope = { unitId: number | null; regime: Regime | null };

const isKey = (key: string): key is ParameterKey => Object.hasOwn(PARAMETERS, key);

function knownKey(key: string): ParameterKey {
  if (!isKey(key)) throw new DomainError("NOT_FOUND", `No rule parameter ${key}`);
  return key;
}

/** JSON with its object keys sorted, so a value read back from jsonb compares equal to the one sent. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function toOverride(key: ParameterKey, row: repo.StoredParameterRow): RuleParameterOverride {
  return {
    unitId: row.unit_id,
    unitName: row.unit_name,
    regime: row.regime,
    value: row.value,
    valid: PARAMETERS[key].schema.safeParse(row.value).success,
    updatedAt: new Date(row.updated_at).toISOString(),
    updatedBy: row.updated_by_name,
  };
}

const scopeRank = (r: repo.StoredParameterRow) => (r.unit_id === null ? 0 : 1) * 10 + (r.regime === "*" ? 0 : 1);

function itemOf(key: ParameterKey, allRows: readonly repo.StoredParameterRow[], scope: Scope): RuleParameterItem {
  const rows = allRows.filter((r) => r.key === key);
  const regimes = (scope.regime ? [scope.regime] : REGIMES).map((regime) => {
    const defaultValue = defaultParameter(key, regime);
    const row = winningRow(rows, { unitId: scope.unitId, regime }, key);
    if (!row)
      return { regime, default: defaultValue, value: defaultValue, source: { kind: "default" as const }, error: null };
    const parsed = PARAMETERS[key].schema.safeParse(row.value);
    return {
      regime,
      default: defaultValue,
      value: parsed.success ? parsed.data : row.value,
      source: { kind: "override" as const, unitId: row.unit_id, regime: row.regime },
      error: parsed.success ? null : (parsed.error.issues[0]?.message ?? "Not valid"),
    };
  });
  const exact = rows.find((r) => r.unit_id === scope.unitId && r.regime === (scope.regime ?? "*"));
  const overrides = [...rows].sort(
    (a, b) => scopeRank(a) - scopeRank(b) || (a.unit_name ?? "").localeCompare(b.unit_name ?? "", "vi"),
  );
  return {
    key,
    group: groupOf(key),
    description: PARAMETERS[key].description,
    schema: jsonSchemaOf(key),
    regimes,
    atScope: exact ? toOverride(key, exact) : null,
    overrides: overrides.map((r) => toOverride(key, r)),
  };
}

async function checkUnit(db: Kysely<Database>, unitId: number | null) {
  if (unitId !== null && !(await repo.unitExists(db, unitId))) {
    throw new DomainError("VALIDATION_FAILED", "No such unit", { unitId: "No such unit" });
  }
}

/** Which unit's values a reader sees: administrators any; staff and heads their own (the default for them). */
function readableUnit(actor: Actor, unitId: number | undefined): { unitId: number | null; all: boolean } {
  const scope = ruleParameterReadScope(actor);
  if (!scope)
    throw new DomainError("FORBIDDEN", "Only administrators and the department's staff see the rule parameters");
  if (scope.all) return { unitId: unitId ?? null, all: true };
  if (unitId !== undefined && unitId !== scope.unitId) {
    throw new DomainError("FORBIDDEN", "You may see the rule parameters of your own unit only");
  }
  return { unitId: scope.unitId, all: false };
}

export async function listRuleParameters(
  db: Kysely<Database>,
  actor: Actor,
  query: RuleParameterQuery,
): Promise<RuleParameterList> {
  const readable = readableUnit(actor, query.unitId);
  await checkUnit(db, readable.unitId);
  const scope: Scope = { unitId: readable.unitId, regime: query.regime ?? null };
  // For all units an administrator also sees which units keep values of their own.
  const rows = await repo.storedParameterRows(db, readable.all && scope.unitId === null ? "all" : scope.unitId);
  return {
    scope,
    canEdit: canManageRuleParameters(actor),
    items: PARAMETER_KEYS.map((key) => itemOf(key, rows, scope)),
  };
}

async function oneItem(db: Kysely<Database>, key: ParameterKey, unitId: number | null, regime: "*" | Regime) {
  const rows = await repo.storedParameterRows(db, unitId === null ? "all" : unitId, key);
  return itemOf(key, rows, { unitId, regime: regime === "*" ? null : regime });
}

const pathOf = (path: readonly PropertyKey[]) => path.map(String).join(".");

/** The refusal of a value: `fields.value` names the first problem, `fields["value.<path>"]` each nested one. */
function invalidValue(key: ParameterKey, issues: readonly core.$ZodIssue[]): DomainError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = pathOf(issue.path);
    fields.value ??= path ? `${path}: ${issue.message}` : issue.message;
    if (path) fields[`value.${path}`] ??= issue.message;
  }
  const first = fields.value ?? "Not valid";
  return new DomainError("VALIDATION_FAILED", `Not a valid value for ${key}: ${first}`, fields, {
    // The problems in a form a client can put in its reader's words.
    issues: issues.map((issue) => ({
      path: pathOf(issue.path),
      code: issue.code,
      message: issue.message,
      ...("minimum" in issue ? { minimum: Number(issue.minimum) } : {}),
      ...("maximum" in issue ? { maximum: Number(issue.maximum) } : {}),
      ...("origin" in issue ? { origin: String(issue.origin) } : {}),
      ...("expected" in issue ? { expected: String(issue.expected) } : {}),
    })),
  });
}

export async function setRuleParameter(
  db: Kysely<Database>,
  actor: Actor,
  rawKey: string,
  body: SetRuleParameterBody,
): Promise<RuleParameterItem> {
  const key = knownKey(rawKey);
  const parsed = PARAMETERS[key].schema.safeParse(body.value);
  if (!parsed.success) throw invalidValue(key, parsed.error.issues);
  await db.transaction().execute(async (trx) => {
    await checkUnit(trx, body.unitId);
    await repo.lockParameterKey(trx, key);
    const before = await repo.storedValueAt(trx, key, body.unitId, body.regime);
    if (before && canonical(before.value) === canonical(parsed.data)) return;
    await setParameter(trx, { unitId: body.unitId, regime: body.regime }, key, parsed.data, actor.userId);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "rule_parameter.set",
      entityType: "rule_parameter",
      entityId: key,
      data: { key, unitId: body.unitId, regime: body.regime, before: before?.value ?? null, after: parsed.data },
    });
  });
  return oneItem(db, key, body.unitId, body.regime);
}

export async function resetRuleParameter(
  db: Kysely<Database>,
  actor: Actor,
  rawKey: string,
  query: ResetRuleParameterQuery,
): Promise<RuleParameterItem> {
  const key = knownKey(rawKey);
  const unitId = query.unitId ?? null;
  await db.transaction().execute(async (trx) => {
    await repo.lockParameterKey(trx, key);
    const before = await repo.storedValueAt(trx, key, unitId, query.regime);
    if (!before) throw new DomainError("NOT_FOUND", `No value of ${key} is stored for this unit and regime`);
    await repo.deleteStoredValue(trx, before.id);
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "rule_parameter.reset",
      entityType: "rule_parameter",
      entityId: key,
      data: { key, unitId, regime: query.regime, before: before.value, after: null },
    });
  });
  return oneItem(db, key, unitId, query.regime);
}
