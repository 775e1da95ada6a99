import { describe, expect, it } from "vitest";
import { checkPlan, isBalanced, type PlanLineInput, type PlanTerms, planTotals } from "./plan-rules.ts";

const terms: PlanTerms = {
  totalBudget: 1_250_500_000n,
  stateBudget: 1_000_000_000n,
  firstYear: 2024,
  lastYear: 2025,
  categories: ["labour", "materials", "other"],
};

const balanced = (): PlanLineInput[] => [
  { source: "state", year: 2024, category: "labour", amount: "600000000" },
  { source: "state", year: 2025, category: "materials", amount: "400000000" },
  { source: "other", year: 2024, category: null, amount: "250500000" },
];

describe("a budget plan", () => {
  it("is accepted when it adds up to the total and the state part", () => {
    const verdict = checkPlan(balanced(), terms);
    expect(verdict.ok).toBe(true);
    if (!verdict.ok) return;
    expect(planTotals(verdict.lines)).toMatchObject({ state: 1_000_000_000n, other: 250_500_000n });
    expect(isBalanced(verdict.lines, terms)).toBe(true);
    expect(isBalanced(verdict.lines, { ...terms, totalBudget: 1_300_000_000n })).toBe(false);
  });

  it("says by how much a plan misses the approved figures", () => {
    const lines = balanced();
    (lines[2] as PlanLineInput).amount = "250499999";
    const verdict = checkPlan(lines, terms);
    expect(verdict).toMatchObject({ ok: false, code: "PLAN_NOT_BALANCED" });
    if (verdict.ok) return;
    expect(verdict.fields.lines).toContain("short by 1 đồng");
    expect(verdict.fields.lines).toContain("Other sources");
  });

  it("refuses a plan whose state lines miss the state part even when the total is right", () => {
    const lines = balanced();
    (lines[0] as PlanLineInput).amount = "599999999";
    (lines[2] as PlanLineInput).amount = "250500001";
    const verdict = checkPlan(lines, terms);
    expect(verdict).toMatchObject({ ok: false, code: "PLAN_NOT_BALANCED" });
  });

  it("marks each negative, fractional or textual amount by its line", () => {
    const lines = balanced();
    lines.push(
      { source: "state", year: 2025, category: "other", amount: "-5" },
      { source: "other", year: 2025, category: "other", amount: "12.5" },
      { source: "other", year: 2025, category: "labour", amount: "mười" },
      { source: "other", year: 2025, category: "materials", amount: 0.5 },
    );
    const verdict = checkPlan(lines, terms);
    expect(verdict).toMatchObject({ ok: false, code: "AMOUNT_INVALID" });
    if (verdict.ok) return;
    expect(Object.keys(verdict.fields).sort()).toEqual([
      "lines.3.amount",
      "lines.4.amount",
      "lines.5.amount",
      "lines.6.amount",
    ]);
    expect(verdict.fields["lines.3.amount"]).toMatch(/negative/);
    expect(verdict.fields["lines.4.amount"]).toMatch(/fraction/);
  });

  it("refuses unknown categories, years outside the task and repeated lines", () => {
    const unknown = [...balanced(), { source: "state" as const, year: 2024, category: "travel", amount: "0" }];
    expect(checkPlan(unknown, terms)).toMatchObject({
      code: "UNKNOWN_CATEGORY",
      fields: { "lines.3.category": expect.any(String) },
    });
    const late = [...balanced(), { source: "state" as const, year: 2026, category: "labour", amount: "0" }];
    expect(checkPlan(late, terms)).toMatchObject({
      code: "YEAR_OUTSIDE_TASK",
      fields: { "lines.3.year": expect.any(String) },
    });
    const twice = [...balanced(), { source: "state" as const, year: 2024, category: "labour", amount: "0" }];
    expect(checkPlan(twice, terms)).toMatchObject({ code: "DUPLICATE_PLAN_LINE" });
  });

  it("keeps amounts beyond 2^53 exact", () => {
    const huge = 9_007_199_254_740_993n;
    const verdict = checkPlan([{ source: "state", year: 2024, category: "labour", amount: huge.toString() }], {
      ...terms,
      totalBudget: huge,
      stateBudget: huge,
    });
    expect(verdict.ok && verdict.lines[0]?.amount).toBe(huge);
  });

  it("names the request path the lines sit under", () => {
    const verdict = checkPlan(
      [{ source: "state", year: 2024, category: "labour", amount: "x" }],
      terms,
      "after.planLines",
    );
    expect(verdict).toMatchObject({ fields: { "after.planLines.0.amount": expect.any(String) } });
  });
});
