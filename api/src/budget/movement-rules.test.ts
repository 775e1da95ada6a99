import { describe, expect, it } from "vitest";
import {
  allocationsOverPlan,
  balancesByYear,
  checkMovement,
  type MovementFacts,
  outstandingAdvance,
} from "./movement-rules.ts";
import type { PlanLine } from "./plan-rules.ts";

const plan: PlanLine[] = [
  { source: "state", year: 2025, category: "labour", amount: 600n },
  { source: "state", year: 2025, category: "materials", amount: 400n },
  { source: "other", year: 2025, category: null, amount: 100n },
];
const m = (kind: MovementFacts["kind"], amount: bigint, year = 2025, source: MovementFacts["source"] = "state") => ({
  kind,
  year,
  source,
  amount,
});

describe("money moving against the plan", () => {
  it("allocates up to the year's plan for the source, exactly at the limit included", () => {
    expect(checkMovement(plan, [], m("allocation", 1000n)).ok).toBe(true);
    const over = checkMovement(plan, [m("allocation", 600n)], m("allocation", 401n));
    expect(over).toMatchObject({ ok: false, code: "ALLOCATION_OVER_PLAN", limit: 400n });
    if (!over.ok) expect(over.fields.amount).toContain("400 đồng");
    // The other source's plan is its own ceiling.
    expect(checkMovement(plan, [], m("allocation", 101n, 2025, "other"))).toMatchObject({ ok: false });
    expect(checkMovement(plan, [], m("allocation", 1n, 2026))).toMatchObject({ ok: false, limit: 0n });
  });

  it("advances no more than was allocated", () => {
    const history = [m("allocation", 500n)];
    expect(checkMovement(plan, history, m("advance", 500n)).ok).toBe(true);
    expect(checkMovement(plan, history, m("advance", 501n))).toMatchObject({
      ok: false,
      code: "ADVANCE_OVER_ALLOCATION",
      limit: 500n,
    });
    expect(checkMovement(plan, [], m("advance", 1n))).toMatchObject({ code: "ADVANCE_OVER_ALLOCATION" });
  });

  it("settles and recovers no more than the advance still outstanding", () => {
    const history = [m("allocation", 500n), m("advance", 300n), m("settlement", 200n)];
    expect(checkMovement(plan, history, m("settlement", 100n)).ok).toBe(true);
    expect(checkMovement(plan, history, m("settlement", 101n))).toMatchObject({
      code: "SETTLEMENT_OVER_ADVANCE",
      limit: 100n,
    });
    expect(checkMovement(plan, history, m("recovery", 100n)).ok).toBe(true);
    expect(checkMovement(plan, history, m("recovery", 101n))).toMatchObject({
      code: "RECOVERY_OVER_PAID",
      limit: 100n,
    });
    const recovered = [...history, m("recovery", 60n)];
    expect(checkMovement(plan, recovered, m("settlement", 41n))).toMatchObject({
      code: "SETTLEMENT_OVER_ADVANCE",
      limit: 40n,
    });
    const verdict = checkMovement(plan, recovered, m("settlement", 40n));
    expect(verdict.ok && verdict.balance).toMatchObject({ advanced: 300n, settled: 240n, recovered: 60n });
  });

  it("keeps years apart", () => {
    expect(checkMovement(plan, [m("allocation", 500n, 2024)], m("advance", 1n))).toMatchObject({ ok: false });
  });

  it("finds the years a new plan would leave below their allocations", () => {
    const smaller: PlanLine[] = [{ source: "state", year: 2025, category: null, amount: 499n }];
    expect(allocationsOverPlan(smaller, [m("allocation", 500n)])).toEqual([
      { year: 2025, source: "state", planned: 499n, allocated: 500n },
    ]);
    expect(allocationsOverPlan(plan, [m("allocation", 500n)])).toEqual([]);
  });
});

describe("balancesByYear", () => {
  it("turns portfolio sums into balances whose outstanding advance counts recoveries too", () => {
    const years = balancesByYear(
      [
        { year: 2025, amount: 900n },
        { year: 2025, amount: 100n },
      ],
      [
        { year: 2025, kind: "allocation", amount: 800n },
        { year: 2025, kind: "advance", amount: 600n },
        { year: 2025, kind: "settlement", amount: 200n },
        { year: 2025, kind: "recovery", amount: 50n },
        { year: 2026, kind: "advance", amount: 70n },
      ],
    );
    const y2025 = years.get(2025);
    expect(y2025).toEqual({ planned: 1000n, allocated: 800n, advanced: 600n, settled: 200n, recovered: 50n });
    expect(y2025 && outstandingAdvance(y2025)).toBe(350n);
    expect(years.get(2026)?.planned).toBe(0n);
  });
});
