import type { BudgetSource, MovementKind } from "@khcn/db/schema";
import { type Dong, displayDong } from "./money.ts";
import { type PlanLine, plannedByYearSource, yearSourceKey } from "./plan-rules.ts";

/*
 * Money moving against the plan, per budget year and source: the year's allocation cannot exceed
 * what the plan gives that year, advances cannot exceed the allocation, and settlements and
 * recoveries together cannot exceed what was advanced (a recovery takes back money paid out and
 * not settled). Balances are sums of the movements, never stored.
 */

export interface MovementFacts {
  kind: MovementKind;
  year: number;
  source: BudgetSource;
  amount: Dong;
}

export interface Balance {
  planned: Dong;
  allocated: Dong;
  advanced: Dong;
  settled: Dong;
  recovered: Dong;
}

/** Advanced and neither settled nor recovered: the host still owes an account of it. */
export const outstandingAdvance = (b: Balance): Dong => b.advanced - b.settled - b.recovered;

export const MOVEMENT_REFUSAL_CODES = [
  "ALLOCATION_OVER_PLAN",
  "ADVANCE_OVER_ALLOCATION",
  "SETTLEMENT_OVER_ADVANCE",
  "RECOVERY_OVER_PAID",
  "NEGATIVE_BALANCE",
] as const;
export type MovementRefusalCode = (typeof MOVEMENT_REFUSAL_CODES)[number];

export type MovementVerdict =
  | { ok: true; balance: Balance }
  | { ok: false; code: MovementRefusalCode; message: string; fields: Record<string, string>; limit: Dong };

const empty = (): Balance => ({ planned: 0n, allocated: 0n, advanced: 0n, settled: 0n, recovered: 0n });

const FIELD_OF: Record<MovementKind, keyof Balance> = {
  allocation: "allocated",
  advance: "advanced",
  settlement: "settled",
  recovery: "recovered",
};

/** Each year and source's balance, from the plan and the movements recorded so far. */
export function balances(plan: readonly PlanLine[], movements: readonly MovementFacts[]): Map<string, Balance> {
  const result = new Map<string, Balance>();
  const at = (year: number, source: BudgetSource) => {
    const key = yearSourceKey(year, source);
    let b = result.get(key);
    if (!b) {
      b = empty();
      result.set(key, b);
    }
    return b;
  };
  for (const [key, planned] of plannedByYearSource(plan)) {
    const [year, source] = key.split("|") as [string, BudgetSource];
    at(Number(year), source).planned = planned;
  }
  for (const m of movements) at(m.year, m.source)[FIELD_OF[m.kind]] += m.amount;
  return result;
}

/**
 * Balances per year from sums the database already added up over many tasks (the dashboard's
 * portfolio): the same fields, and so the same outstanding advance, as a single task's balances.
 */
export function balancesByYear(
  planned: readonly { year: number; amount: Dong }[],
  moved: readonly { year: number; kind: MovementKind; amount: Dong }[],
): Map<number, Balance> {
  const result = new Map<number, Balance>();
  const at = (year: number) => {
    let b = result.get(year);
    if (!b) {
      b = empty();
      result.set(year, b);
    }
    return b;
  };
  for (const p of planned) at(p.year).planned += p.amount;
  for (const m of moved) at(m.year)[FIELD_OF[m.kind]] += m.amount;
  return result;
}

const sourceName = (s: BudgetSource) => (s === "state" ? "the state budget" : "other sources");

/** Whether one more movement keeps every rule; the limit it hit is named on the `amount` field. */
export function checkMovement(
  plan: readonly PlanLine[],
  movements: readonly MovementFacts[],
  next: MovementFacts,
): MovementVerdict {
  const before = balances(plan, movements).get(yearSourceKey(next.year, next.source)) ?? empty();
  const of = `${sourceName(next.source)} in ${next.year}`;
  const refuse = (code: MovementRefusalCode, limit: Dong, message: string): MovementVerdict => ({
    ok: false,
    code,
    message,
    limit,
    fields: {
      amount: `At most ${displayDong(limit < 0n ? 0n : limit)} for ${of}; ${displayDong(next.amount)} was asked`,
    },
  });

  switch (next.kind) {
    case "allocation": {
      const room = before.planned - before.allocated;
      if (next.amount > room) {
        return refuse(
          "ALLOCATION_OVER_PLAN",
          room,
          `The allocations for ${of} would exceed the plan (${displayDong(before.planned)} planned, ${displayDong(before.allocated)} already allocated)`,
        );
      }
      break;
    }
    case "advance": {
      const room = before.allocated - before.advanced;
      if (next.amount > room) {
        return refuse(
          "ADVANCE_OVER_ALLOCATION",
          room,
          `The advances for ${of} would exceed the allocation (${displayDong(before.allocated)} allocated, ${displayDong(before.advanced)} already advanced)`,
        );
      }
      break;
    }
    case "settlement": {
      const room = outstandingAdvance(before);
      if (next.amount > room) {
        return refuse(
          "SETTLEMENT_OVER_ADVANCE",
          room,
          `The settlement for ${of} would exceed the advance not yet settled or recovered (${displayDong(room)})`,
        );
      }
      break;
    }
    case "recovery": {
      const room = outstandingAdvance(before);
      if (next.amount > room) {
        return refuse(
          "RECOVERY_OVER_PAID",
          room,
          `The recovery for ${of} would exceed the money paid out and not settled (${displayDong(room)})`,
        );
      }
      break;
    }
  }

  const after = { ...before, [FIELD_OF[next.kind]]: before[FIELD_OF[next.kind]] + next.amount };
  // A guard behind the rules above: whatever the history, no balance may end below zero.
  if (after.allocated - after.advanced < 0n || outstandingAdvance(after) < 0n) {
    return refuse("NEGATIVE_BALANCE", 0n, `The movement would leave a negative balance for ${of}`);
  }
  return { ok: true, balance: after };
}

/**
 * A new plan may not give a year and source less than has already been allocated for it: the
 * allocation would hang over a plan that no longer has the money. Null when the plan fits.
 */
export function allocationsOverPlan(
  plan: readonly PlanLine[],
  movements: readonly MovementFacts[],
): { year: number; source: BudgetSource; planned: Dong; allocated: Dong }[] {
  const over: { year: number; source: BudgetSource; planned: Dong; allocated: Dong }[] = [];
  for (const [key, b] of balances(plan, movements)) {
    if (b.allocated > b.planned) {
      const [year, source] = key.split("|") as [string, BudgetSource];
      over.push({ year: Number(year), source, planned: b.planned, allocated: b.allocated });
    }
  }
  return over.sort((a, b) => a.year - b.year || a.source.localeCompare(b.source));
}
