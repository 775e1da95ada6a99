import { describe, expect, it } from "vitest";
import type { Score } from "./api/councils.ts";
import {
  acceptanceScore,
  contractedAmount,
  draftChanged,
  initialDraft,
  missingGrades,
  sheetBody,
} from "./council-sheet.ts";

const products = [{ id: 11 }, { id: 12 }];

const score = (sheet: Partial<Score["sheet"]>): Score => ({
  taskId: 5,
  applicantId: null,
  sheet: { products: [], report: null, comments: null, reviewFileId: null, points: null, ...sheet },
  derived: null,
  status: "draft",
  version: 1,
  signedOffAt: null,
});

describe("score sheet draft", () => {
  it("starts with every grade unchosen, one row per contracted product", () => {
    const draft = initialDraft(products, null);
    expect(draft.products).toEqual([
      { productId: 11, quantity: null, quality: null },
      { productId: 12, quantity: null, quality: null },
    ]);
    expect(missingGrades(draft)).toEqual(["11.quantity", "11.quality", "12.quantity", "12.quality", "report"]);
    expect(draftChanged(draft, null)).toBe(false);
  });

  it("resumes what the member saved and knows when it changed", () => {
    const saved = score({
      products: [{ productId: 11, quantity: "excellent", quality: "pass" }],
      report: "pass",
      comments: "Tốt",
    });
    const draft = initialDraft(products, saved);
    expect(draft.products[0]).toEqual({ productId: 11, quantity: "excellent", quality: "pass" });
    expect(missingGrades(draft)).toEqual(["12.quantity", "12.quality"]);
    expect(draftChanged(draft, saved)).toBe(false);

    // One grade of a product is not a row the server keeps yet: nothing to save.
    draft.products[1] = { productId: 12, quantity: "pass", quality: null };
    expect(draftChanged(draft, saved)).toBe(false);
    draft.products[1] = { productId: 12, quantity: "pass", quality: "fail" };
    expect(draftChanged(draft, saved)).toBe(true);
    expect(missingGrades(draft)).toEqual([]);
    expect(sheetBody({ ...draft, comments: "  Tốt  " })).toEqual({
      products: [
        { productId: 11, quantity: "excellent", quality: "pass" },
        { productId: 12, quantity: "pass", quality: "fail" },
      ],
      report: "pass",
      comments: "Tốt",
      reviewFileId: null,
    });
  });

  it("leaves an unchosen report out of the body and keeps the review file", () => {
    const draft = { ...initialDraft(products, null), reviewFile: { id: 9, name: "nhan-xet.pdf" } };
    expect(sheetBody(draft)).toEqual({ products: [], comments: "", reviewFileId: 9 });
    expect(draftChanged(draft, null)).toBe(true);
  });

  it("finds the acceptance score among the member's scores", () => {
    expect(acceptanceScore({ scores: [] })).toBeNull();
    const own = score({ report: "pass" });
    expect(acceptanceScore({ scores: [{ ...own, applicantId: 3 }, own] })).toBe(own);
  });

  it("says a contracted amount with its unit when there is one", () => {
    expect(contractedAmount({ quantity: "1", unit: "giống" })).toBe("1 giống");
    expect(contractedAmount({ quantity: "2", unit: "" })).toBe("2");
  });
});
