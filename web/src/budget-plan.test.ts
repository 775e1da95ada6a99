import { describe, expect, it } from "vitest";
import type { BudgetLine } from "./api/budget.ts";
import { ApiError } from "./api/client.ts";
import { movementErrors, planErrors } from "./budget-errors.ts";
import {
  cellKey,
  convertTexts,
  editorCells,
  editorTexts,
  planBalance,
  planCategories,
  planGrid,
  planYears,
  readEditor,
} from "./budget-plan.ts";

const categories = [
  { code: "labour", nameVi: "Tiền công", nameEn: "Labour" },
  { code: "materials", nameVi: "Vật liệu", nameEn: "Materials" },
];
const lines: BudgetLine[] = [
  { source: "state", year: 2025, category: "labour", amount: "300000000" },
  { source: "state", year: 2026, category: "labour", amount: "200000000" },
  { source: "state", year: 2026, category: "materials", amount: "150500000" },
  { source: "other", year: 2025, category: null, amount: "90000000" },
];

describe("the plan as a table", () => {
  it("runs across the task's years, with every category and a row for lines not split by category", () => {
    expect(planYears("2025-03-01", "2027-02-28", [])).toEqual([2025, 2026, 2027]);
    expect(planYears(null, null, lines)).toEqual([2025, 2026]);
    expect(planCategories(categories, lines)).toEqual(["labour", "materials", null]);
    const state = planGrid({ categories, lines }, [2025, 2026], "state");
    expect(state.rows.map((r) => [r.category, r.amounts, r.total])).toEqual([
      ["labour", [300000000n, 200000000n], 500000000n],
      ["materials", [0n, 150500000n], 150500000n],
      [null, [0n, 0n], 0n],
    ]);
    expect(state.yearTotals).toEqual([300000000n, 350500000n]);
    expect(state.total).toBe(650500000n);
    expect(planGrid({ categories, lines }, [2025, 2026], "other").total).toBe(90000000n);
  });
});

describe("the plan editor", () => {
  const cells = editorCells(["labour", "materials"], [2025, 2026], ["state", "other"]);

  it("reads Vietnamese amounts in triệu đồng exactly, skipping empty and zero cells", () => {
    const texts = {
      [cellKey({ source: "state", year: 2025, category: "labour" })]: "1.250,5",
      [cellKey({ source: "state", year: 2026, category: "materials" })]: "0",
      [cellKey({ source: "other", year: 2026, category: "labour" })]: "0,000001",
      [cellKey({ source: "other", year: 2025, category: "materials" })]: "12,3,4",
    };
    const read = readEditor(cells, texts, "million", "vi");
    expect(read.lines).toEqual([
      { source: "state", year: 2025, category: "labour", amount: "1250500000" },
      { source: "other", year: 2026, category: "labour", amount: "1" },
    ]);
    expect(read.cellOfLine).toEqual(["state|2025|labour", "other|2026|labour"]);
    expect(read.problems).toEqual({ "other|2025|materials": "format" });
    expect(read.planned).toEqual({ state: 1250500000n, other: 1n });
  });

  it("starts from the saved lines and rewrites what was typed when the unit changes", () => {
    const texts = editorTexts(lines, "million", "vi");
    expect(texts["state|2026|materials"]).toBe("150,5");
    expect(convertTexts(texts, "million", "dong", "vi")["state|2026|materials"]).toBe("150.500.000");
    expect(convertTexts({ a: "abc" }, "million", "dong", "vi")).toEqual({ a: "abc" });
  });

  it("shows how far the plan is from the approved budget, per source", () => {
    const rows = planBalance({ state: 650500000n, other: 90000000n }, { total: "800000000", state: "700000000" });
    expect(rows.map((r) => [r.source, r.difference])).toEqual([
      ["state", -49500000n],
      ["other", -10000000n],
      ["total", -59500000n],
    ]);
  });
});

describe("refusals", () => {
  it("put a movement's limit at the amount, in the reader's unit", () => {
    const error = new ApiError(422, "ADVANCE_OVER_ALLOCATION", "over", { amount: "At most …" }, { limit: "1500000" });
    expect(movementErrors(error, (d) => `${d} đ`)).toEqual({
      amount: { key: "budget.errors.ADVANCE_OVER_ALLOCATION", params: { limit: "1500000 đ" } },
    });
  });

  it("mark the plan's cell by the line it came from, and the balance for an unbalanced plan", () => {
    const amount = new ApiError(422, "AMOUNT_INVALID", "bad", { "lines.1.amount": "Whole đồng only" });
    expect(planErrors(amount, ["state|2025|labour", "state|2026|labour"]).cells).toEqual({
      "state|2026|labour": { key: "errors.moneyFormat" },
    });
    const unbalanced = new ApiError(422, "PLAN_NOT_BALANCED", "off", { lines: "short by 1 đồng" });
    expect(planErrors(unbalanced, []).balance).toEqual({ key: "budget.errors.PLAN_NOT_BALANCED" });
  });
});
