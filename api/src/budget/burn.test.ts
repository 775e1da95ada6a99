import { describe, expect, it } from "vitest";
import { type ForecastInput, forecast, physicalProgressOf, yearFigures } from "./burn.ts";
import type { MovementFacts } from "./movement-rules.ts";
import type { PlanLine } from "./plan-rules.ts";

const plan: PlanLine[] = [
  { source: "state", year: 2025, category: "labour", amount: 600_000_000n },
  { source: "state", year: 2026, category: "labour", amount: 400_000_000n },
  { source: "other", year: 2025, category: null, amount: 200_000_000n },
];
const m = (kind: MovementFacts["kind"], amount: bigint, year: number, source: MovementFacts["source"] = "state") => ({
  kind,
  year,
  source,
  amount,
});
const movements = [
  m("allocation", 600_000_000n, 2025),
  m("advance", 500_000_000n, 2025),
  m("settlement", 300_000_000n, 2025),
  m("recovery", 50_000_000n, 2025),
  m("allocation", 400_000_000n, 2026),
  m("advance", 100_000_000n, 2026),
];

describe("burn by year", () => {
  it("sums the plan and each kind of movement per year, both sources together", () => {
    expect(yearFigures(plan, movements)).toEqual([
      {
        year: 2025,
        approved: 800_000_000n,
        allocated: 600_000_000n,
        advanced: 500_000_000n,
        settled: 300_000_000n,
        recovered: 50_000_000n,
        outstandingAdvance: 150_000_000n,
        unallocated: 200_000_000n,
      },
      {
        year: 2026,
        approved: 400_000_000n,
        allocated: 400_000_000n,
        advanced: 100_000_000n,
        settled: 0n,
        recovered: 0n,
        outstandingAdvance: 100_000_000n,
        unallocated: 0n,
      },
    ]);
  });
});

describe("the forecast", () => {
  const base = (overrides: Partial<ForecastInput> = {}): ForecastInput => ({
    years: yearFigures(plan, movements),
    totalBudget: 1_200_000_000n,
    physicalProgress: 50,
    today: "2026-07-02",
    endDate: "2026-12-31",
    spendAheadMargin: 20,
    lapseWarningAfterDays: 90,
    ...overrides,
  });

  it("projects the current year at the pace of its advances and warns of the lapse", () => {
    // 2 July 2026 is day 183 of 365: 100 million so far runs to 199 453 551 by the year's end.
    const f = forecast(base());
    expect(f.projectedYearEnd).toEqual({
      year: 2026,
      allocated: 400_000_000n,
      advanced: 100_000_000n,
      projectedAdvanced: 199_453_551n,
      projectedLapse: 200_546_449n,
    });
    expect(f.warnings.map((w) => w.code)).toContain("LAPSE_RISK");
  });

  it("waits for the first days of a year before it judges the pace", () => {
    expect(forecast(base({ today: "2026-02-01" })).warnings.map((w) => w.code)).not.toContain("LAPSE_RISK");
  });

  it("names what an earlier year allocated and never advanced", () => {
    const f = forecast(base());
    expect(f.warnings).toContainEqual(
      expect.objectContaining({ code: "ALLOCATION_LAPSED", year: 2025, amount: 100_000_000n }),
    );
  });

  it("compares the money paid out with the physical progress", () => {
    // Paid out: 600 million advanced less 50 recovered = 550 of 1 200 million = 45.8 %.
    expect(forecast(base()).spentShare).toBe(45.8);
    // Exactly at the margin (45.8 = 25.8 + 20) is not yet ahead.
    expect(forecast(base({ physicalProgress: 25.8 })).warnings.map((w) => w.code)).not.toContain(
      "SPENDING_AHEAD_OF_PROGRESS",
    );
    expect(forecast(base({ physicalProgress: 25.7 })).warnings.map((w) => w.code)).toContain(
      "SPENDING_AHEAD_OF_PROGRESS",
    );
    expect(forecast(base({ physicalProgress: null })).warnings.map((w) => w.code)).not.toContain(
      "SPENDING_AHEAD_OF_PROGRESS",
    );
  });

  it("flags advances still outstanding after the task ended", () => {
    const f = forecast(base({ today: "2027-01-15" }));
    expect(f.warnings).toContainEqual(
      expect.objectContaining({ code: "ADVANCE_OUTSTANDING_AFTER_END", amount: 250_000_000n }),
    );
  });

  it("reads the physical progress as the mean of the content items", () => {
    expect(physicalProgressOf([{ percentComplete: 40 }, { percentComplete: 61 }])).toBe(51);
    expect(physicalProgressOf([])).toBeNull();
    expect(physicalProgressOf(undefined)).toBeNull();
  });
});
