import { describe, expect, it } from "vitest";
import {
  type AdjustableTask,
  addMonths,
  checkAdjustment,
  decisionClock,
  decisionDueBy,
  extensionMonths,
  kindAllowed,
  recordChanges,
} from "./adjustment-rules.ts";

const task: AdjustableTask = {
  stage: "in_progress",
  fundingMode: "partial_lump_sum",
  startDate: "2024-01-01",
  endDate: "2025-12-31",
  totalBudget: "1250500000",
  stateBudget: "1000000000",
  piPersonId: 10,
  hostOrganisationId: 3,
  objectives: "Chọn tạo giống lúa",
};
const first = { reason: "Thời tiết bất lợi", exceptional: false, approvedExtensions: 0 };
const long = "Lý do chi tiết. ".repeat(20);

describe("months of an extension", () => {
  it("adds months from the end of a month to the end of a month, cutting other days", () => {
    expect(addMonths("2025-12-31", 6)).toBe("2026-06-30");
    expect(addMonths("2025-06-30", 6)).toBe("2025-12-31");
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2025-01-15", 1)).toBe("2025-02-15");
    expect(addMonths("2023-08-29", 6)).toBe("2024-02-29");
  });

  it("rounds the extension up to whole months", () => {
    expect(extensionMonths("2025-12-31", "2026-06-30")).toBe(6);
    expect(extensionMonths("2025-12-31", "2026-07-01")).toBe(7);
    expect(extensionMonths("2025-12-31", "2026-01-05")).toBe(1);
    expect(extensionMonths("2025-06-15", "2025-12-15")).toBe(6);
    expect(extensionMonths("2025-06-15", "2025-12-16")).toBe(7);
    expect(extensionMonths("2025-12-31", "2025-12-31")).toBe(0);
  });
});

describe("checking a request", () => {
  it("accepts a 6-month extension with its terms before and after", () => {
    expect(checkAdjustment(task, { kind: "duration", endDate: "2026-06-30" }, first)).toEqual({
      ok: true,
      before: { endDate: "2025-12-31" },
      after: { endDate: "2026-06-30" },
      extensionMonths: 6,
    });
  });

  it("refuses an extension that does not move the end date later", () => {
    for (const endDate of ["2025-12-31", "2025-06-30"]) {
      const v = checkAdjustment(task, { kind: "duration", endDate }, first);
      expect(v).toMatchObject({ ok: false, code: "VALIDATION_FAILED" });
      expect(v.ok ? {} : v.fields).toHaveProperty(["after.endDate"]);
      expect(v).toMatchObject({ codes: { "after.endDate": "END_NOT_LATER" } });
    }
    const noEnd = checkAdjustment({ ...task, endDate: null }, { kind: "duration", endDate: "2026-06-30" }, first);
    expect(noEnd).toMatchObject({ ok: false, code: "VALIDATION_FAILED", codes: { "after.endDate": "NO_END_DATE" } });
  });

  it("asks a fuller justification for more than six months", () => {
    const short = checkAdjustment(task, { kind: "duration", endDate: "2026-07-31" }, first);
    expect(short).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fields: { reason: expect.any(String) },
      codes: { reason: "LONG_EXTENSION_NEEDS_JUSTIFICATION" },
    });
    const justified = checkAdjustment(task, { kind: "duration", endDate: "2026-07-31" }, { ...first, reason: long });
    expect(justified).toMatchObject({ ok: true, extensionMonths: 7 });
    // The threshold is data.
    const lenient = checkAdjustment(task, { kind: "duration", endDate: "2026-07-31" }, first, {
      longExtensionMonths: 12,
      minJustificationLength: 200,
    });
    expect(lenient.ok).toBe(true);
  });

  it("treats a second extension as exceptional, with a justification", () => {
    const again = { ...first, approvedExtensions: 1 };
    expect(checkAdjustment(task, { kind: "duration", endDate: "2026-03-31" }, again)).toMatchObject({
      ok: false,
      code: "ADJUSTMENT_REFUSED",
      fields: { exceptional: expect.any(String) },
      codes: { exceptional: "SECOND_EXTENSION_NEEDS_EXCEPTIONAL" },
    });
    expect(
      checkAdjustment(task, { kind: "duration", endDate: "2026-03-31" }, { ...again, exceptional: true }),
    ).toMatchObject({
      ok: false,
      code: "VALIDATION_FAILED",
      fields: { reason: expect.any(String) },
      codes: { reason: "SECOND_EXTENSION_NEEDS_JUSTIFICATION" },
    });
    expect(
      checkAdjustment(task, { kind: "duration", endDate: "2026-03-31" }, { ...again, exceptional: true, reason: long }),
    ).toMatchObject({ ok: true, extensionMonths: 3 });
  });

  it("forbids content and product changes under full lump-sum funding", () => {
    const lumpSum = { ...task, fundingMode: "full_lump_sum" as const };
    for (const change of [
      { kind: "products" as const, description: "Bỏ sản phẩm 2" },
      { kind: "content" as const, description: "Đổi nội dung", objectives: "Mục tiêu mới" },
    ]) {
      expect(checkAdjustment(lumpSum, change, first)).toMatchObject({
        ok: false,
        code: "ADJUSTMENT_REFUSED",
        fields: { kind: expect.stringContaining("lump-sum") },
        codes: { kind: change.kind === "content" ? "LUMP_SUM_CONTENT_FIXED" : "LUMP_SUM_PRODUCTS_FIXED" },
      });
      expect(checkAdjustment(task, change, first).ok).toBe(true);
    }
    expect(kindAllowed("full_lump_sum", "duration")).toEqual({ allowed: true, reason: null, reasonCode: null });
    expect(kindAllowed("full_lump_sum", "products")).toMatchObject({
      allowed: false,
      reasonCode: "LUMP_SUM_PRODUCTS_FIXED",
    });
    expect(checkAdjustment(lumpSum, { kind: "duration", endDate: "2026-06-30" }, first).ok).toBe(true);
  });

  it("keeps a budget whole, with the state share within the total, and changed", () => {
    expect(
      checkAdjustment(task, { kind: "budget", totalBudget: "1300000000", stateBudget: "1000000000" }, first),
    ).toEqual({
      ok: true,
      before: { totalBudget: "1250500000", stateBudget: "1000000000" },
      after: { totalBudget: "1300000000", stateBudget: "1000000000" },
      extensionMonths: null,
    });
    expect(
      checkAdjustment(task, { kind: "budget", totalBudget: "900000000", stateBudget: "1000000000" }, first),
    ).toMatchObject({
      ok: false,
      fields: { "after.stateBudget": expect.any(String) },
      codes: { "after.stateBudget": "STATE_OVER_TOTAL" },
    });
    expect(
      checkAdjustment(task, { kind: "budget", totalBudget: "1250500000", stateBudget: "1000000000" }, first),
    ).toMatchObject({ ok: false, code: "VALIDATION_FAILED", codes: { after: "BUDGET_UNCHANGED" } });
    expect(checkAdjustment(task, { kind: "budget", totalBudget: "0", stateBudget: "0" }, first)).toMatchObject({
      ok: false,
      codes: { "after.totalBudget": "TOTAL_NOT_POSITIVE" },
    });
  });

  it("needs a new PI or host, and records text-only kinds as they are", () => {
    expect(checkAdjustment(task, { kind: "pi", piPersonId: 10 }, first)).toMatchObject({
      ok: false,
      codes: { "after.piPersonId": "SAME_PI" },
    });
    expect(checkAdjustment(task, { kind: "pi", piPersonId: 11 }, first)).toMatchObject({
      ok: true,
      before: { piPersonId: 10 },
      after: { piPersonId: 11 },
    });
    expect(checkAdjustment(task, { kind: "host_organisation", hostOrganisationId: 3 }, first)).toMatchObject({
      ok: false,
      codes: { "after.hostOrganisationId": "SAME_HOST" },
    });
    expect(checkAdjustment(task, { kind: "other", description: "Đổi địa điểm" }, first)).toMatchObject({
      ok: true,
      before: {},
      after: { description: "Đổi địa điểm" },
    });
    expect(
      checkAdjustment(task, { kind: "content", description: "Gộp nội dung", objectives: task.objectives }, first),
    ).toMatchObject({ ok: true, before: {}, after: { description: "Gộp nội dung" } });
  });

  it("takes requests only while the contract runs", () => {
    for (const stage of ["approved", "acceptance", "terminated"] as const) {
      expect(checkAdjustment({ ...task, stage }, { kind: "duration", endDate: "2026-06-30" }, first)).toMatchObject({
        ok: false,
        code: "ADJUSTMENT_REFUSED",
        fields: { stage: expect.any(String) },
        codes: { stage: "NOT_IN_PROGRESS" },
      });
    }
  });
});

describe("what an approval writes, and when it is due", () => {
  it("names the record's fields per kind", () => {
    expect(recordChanges("duration", { endDate: "2026-06-30" })).toEqual({ endDate: "2026-06-30" });
    expect(recordChanges("pi", { piPersonId: 11 })).toEqual({ piPersonId: 11 });
    expect(recordChanges("content", { description: "x" })).toEqual({});
    expect(recordChanges("content", { description: "x", objectives: "y" })).toEqual({ objectives: "y" });
    expect(recordChanges("other", { description: "x" })).toEqual({});
  });

  it("counts calendar days to the deadline", () => {
    expect(decisionDueBy("2026-01-20", 15)).toBe("2026-02-04");
    expect(decisionClock("2026-02-04", "2026-02-01")).toEqual({ daysLeft: 3, overdue: false });
    expect(decisionClock("2026-02-04", "2026-02-04")).toEqual({ daysLeft: 0, overdue: false });
    expect(decisionClock("2026-02-04", "2026-02-09")).toEqual({ daysLeft: -5, overdue: true });
  });
});
