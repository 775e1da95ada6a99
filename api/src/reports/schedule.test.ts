import { describe, expect, it } from "vitest";
import {
  dayOfYear,
  firstDueAfter,
  opensOn,
  planReports,
  reportState,
  type ScheduleRules,
  type StateRules,
  vietnamToday,
} from "./schedule.ts";

const RULES: ScheduleRules = { dueDays: ["03-15", "09-15"], periodMonths: 6, firstPeriodMinDays: 90, dossierDays: 30 };
const periods = (start: string, end: string, rules: Partial<ScheduleRules> = {}) =>
  planReports(start, end, { ...RULES, ...rules }).periods.map((p) => [p.periodStart, p.periodEnd, p.dueOn]);

describe("the report schedule", () => {
  it("reports each half-year of a two-year contract, leaving the last to the acceptance dossier", () => {
    const plan = planReports("2024-01-01", "2025-12-31", RULES);
    expect(plan.periods).toEqual([
      { seq: 1, periodStart: "2024-01-01", periodEnd: "2024-06-30", dueOn: "2024-09-15" },
      { seq: 2, periodStart: "2024-07-01", periodEnd: "2024-12-31", dueOn: "2025-03-15" },
      { seq: 3, periodStart: "2025-01-01", periodEnd: "2025-06-30", dueOn: "2025-09-15" },
    ]);
    expect(plan.final).toEqual({ periodStart: "2025-07-01", periodEnd: "2025-12-31", dossierDueOn: "2026-01-30" });
  });

  it("cuts the first period at the contract's start", () => {
    expect(periods("2024-04-01", "2025-09-30")).toEqual([
      ["2024-04-01", "2024-06-30", "2024-09-15"],
      ["2024-07-01", "2024-12-31", "2025-03-15"],
      ["2025-01-01", "2025-06-30", "2025-09-15"],
    ]);
  });

  it("merges a first period shorter than the minimum into the next", () => {
    // 20 June to 30 June is eleven days: the first report covers 20 June to 31 December.
    expect(periods("2024-06-20", "2025-12-31")).toEqual([
      ["2024-06-20", "2024-12-31", "2025-03-15"],
      ["2025-01-01", "2025-06-30", "2025-09-15"],
    ]);
    expect(periods("2024-06-20", "2025-12-31", { firstPeriodMinDays: 0 })[0]).toEqual([
      "2024-06-20",
      "2024-06-30",
      "2024-09-15",
    ]);
  });

  it("owes no periodic report for a short task inside one period: the dossier covers it", () => {
    const plan = planReports("2024-02-01", "2024-05-31", RULES);
    expect(plan.periods).toEqual([]);
    expect(plan.final).toEqual({ periodStart: "2024-02-01", periodEnd: "2024-05-31", dossierDueOn: "2024-06-30" });
  });

  it("leaves a short task across one boundary to the dossier once its first period is merged", () => {
    expect(periods("2024-05-01", "2024-09-30")).toEqual([]);
  });

  it("keeps a report due on the contract's last day and drops one due after it", () => {
    expect(periods("2024-01-01", "2024-09-15")).toEqual([["2024-01-01", "2024-06-30", "2024-09-15"]]);
    expect(periods("2024-01-01", "2024-09-14")).toEqual([]);
  });

  it("ends no period on the contract's end day when the end falls on a period's last day", () => {
    const plan = planReports("2024-01-01", "2025-06-30", RULES);
    expect(plan.periods.map((p) => p.periodEnd)).toEqual(["2024-06-30", "2024-12-31"]);
    expect(plan.final?.periodStart).toBe("2025-01-01");
  });

  it("handles leap years in periods and due days", () => {
    // Two-month periods end on 29 February in a leap year, on 28 February otherwise.
    expect(
      periods("2024-01-01", "2024-12-31", {
        periodMonths: 2,
        dueDays: ["03-10", "05-10"],
        firstPeriodMinDays: 0,
      }).slice(0, 1),
    ).toEqual([["2024-01-01", "2024-02-29", "2024-03-10"]]);
    expect(
      periods("2025-01-01", "2025-12-31", { periodMonths: 2, dueDays: ["03-10"], firstPeriodMinDays: 0 }).slice(0, 1),
    ).toEqual([["2025-01-01", "2025-02-28", "2025-03-10"]]);
    // A due day of 29 February falls on the 28th outside leap years.
    expect(dayOfYear(2024, "02-29")).toBe("2024-02-29");
    expect(dayOfYear(2025, "02-29")).toBe("2025-02-28");
    expect(firstDueAfter("2024-12-31", ["02-29"])).toBe("2025-02-28");
    expect(firstDueAfter("2027-12-31", ["02-29"])).toBe("2028-02-29");
  });

  it("dues a period on the first due day strictly after it ends, across the year end", () => {
    expect(firstDueAfter("2024-06-30", ["03-15", "09-15"])).toBe("2024-09-15");
    expect(firstDueAfter("2024-09-15", ["09-15", "03-15"])).toBe("2025-03-15");
    expect(firstDueAfter("2024-12-31", ["03-15", "09-15"])).toBe("2025-03-15");
  });

  it("follows other cadences and due days", () => {
    expect(
      periods("2024-01-01", "2024-12-31", { periodMonths: 3, dueDays: ["01-10", "04-10", "07-10", "10-10"] }),
    ).toEqual([
      ["2024-01-01", "2024-03-31", "2024-04-10"],
      ["2024-04-01", "2024-06-30", "2024-07-10"],
      ["2024-07-01", "2024-09-30", "2024-10-10"],
    ]);
    expect(periods("2024-01-01", "2026-12-31", { periodMonths: 12, dueDays: ["01-31"] })).toEqual([
      ["2024-01-01", "2024-12-31", "2025-01-31"],
      ["2025-01-01", "2025-12-31", "2026-01-31"],
    ]);
  });

  it("plans nothing for dates out of order", () => {
    expect(planReports("2025-01-01", "2024-01-01", RULES)).toEqual({ periods: [], final: null });
  });
});

describe("a period's state on a given day", () => {
  const rules: StateRules = { opensDaysBeforePeriodEnd: 30, overdueGraceDays: 0 };
  const period = { periodStart: "2024-01-01", periodEnd: "2024-06-30", dueOn: "2024-09-15", hasDraft: false };
  const state = (today: string, overrides: Partial<Parameters<typeof reportState>[0]> = {}, r = rules) =>
    reportState({ ...period, status: "upcoming", ...overrides }, today, r);

  it("is upcoming, then due once open, then overdue after the due day", () => {
    expect(opensOn(period, rules)).toBe("2024-05-31");
    expect(state("2024-05-30")).toBe("upcoming");
    expect(state("2024-05-31")).toBe("due");
    expect(state("2024-09-15")).toBe("due");
    expect(state("2024-09-16")).toBe("overdue");
    expect(state("2024-09-16", {}, { ...rules, overdueGraceDays: 5 })).toBe("due");
    expect(state("2024-09-21", {}, { ...rules, overdueGraceDays: 5 })).toBe("overdue");
  });

  it("shows a draft as draft until it is overdue", () => {
    expect(state("2024-03-01", { status: "draft", hasDraft: true })).toBe("draft");
    expect(state("2024-09-16", { status: "draft", hasDraft: true })).toBe("overdue");
  });

  it("shows what happened once submitted, whatever the day", () => {
    for (const status of ["submitted", "returned", "accepted"] as const) {
      expect(state("2030-01-01", { status })).toBe(status);
    }
  });

  it("never opens before the period starts", () => {
    expect(opensOn({ periodStart: "2024-06-20", periodEnd: "2024-06-30" }, rules)).toBe("2024-06-20");
  });

  it("dates the day in Vietnam", () => {
    expect(vietnamToday(new Date("2024-09-15T16:59:59Z"))).toBe("2024-09-15");
    expect(vietnamToday(new Date("2024-09-15T17:00:00Z"))).toBe("2024-09-16");
  });
});
