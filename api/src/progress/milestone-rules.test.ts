import { describe, expect, it } from "vitest";
import { isComplete, milestoneState, plannedPercent } from "./milestone-rules.ts";

describe("milestones", () => {
  it("spreads the planned progress evenly over the planned period", () => {
    expect(plannedPercent("2026-01-01", "2026-01-10", "2025-12-31")).toBe(0);
    expect(plannedPercent("2026-01-01", "2026-01-10", "2026-01-05")).toBe(50);
    expect(plannedPercent("2026-01-01", "2026-01-10", "2026-01-10")).toBe(100);
    expect(plannedPercent("2026-01-01", "2026-01-10", "2026-03-01")).toBe(100);
    expect(plannedPercent(null, "2026-01-10", "2026-01-05")).toBeNull();
  });

  it("calls complete what the report says is done", () => {
    expect(isComplete(null)).toBe(false);
    expect(isComplete({ percentComplete: 100, status: null })).toBe(true);
    expect(isComplete({ percentComplete: 80, status: null })).toBe(false);
    expect(isComplete({ percentComplete: null, status: "completed" })).toBe(true);
    expect(isComplete({ percentComplete: null, status: "in_progress" })).toBe(false);
  });

  it("flags as late what passed its planned end without being reported complete", () => {
    const item = { plannedStart: "2026-01-01", plannedEnd: "2026-06-30" };
    expect(milestoneState({ ...item, reported: null }, "2026-06-30")).toMatchObject({ late: false, daysLate: null });
    expect(milestoneState({ ...item, reported: null }, "2026-07-05")).toEqual({
      plannedPercent: 100,
      complete: false,
      late: true,
      daysLate: 5,
    });
    expect(milestoneState({ ...item, reported: { percentComplete: 60, status: null } }, "2026-07-05")).toMatchObject({
      late: true,
    });
    expect(milestoneState({ ...item, reported: { percentComplete: 100, status: null } }, "2026-07-05")).toMatchObject({
      late: false,
      complete: true,
    });
    expect(milestoneState({ ...item, reported: null }, "2026-07-05", false)).toMatchObject({
      late: false,
      daysLate: null,
      plannedPercent: 100,
    });
    expect(milestoneState({ plannedStart: null, plannedEnd: null, reported: null }, "2030-01-01")).toMatchObject({
      late: false,
      plannedPercent: null,
    });
  });
});
