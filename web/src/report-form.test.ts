import { describe, expect, it } from "vitest";
import type { ReportDocument, ReportInput } from "./api/reports.ts";
import { applyFlat, formFromDocument, inputFromDocument, mergeInputs, readForm, sameInput } from "./report-form.ts";

const doc: ReportDocument = {
  contentItems: [
    { contentItemId: 1, title: "A", plannedWork: null, previousPercent: 20, workDone: "", percentComplete: 20 },
    { contentItemId: 2, title: "B", plannedWork: null, previousPercent: null, workDone: "", percentComplete: 0 },
  ],
  products: [
    {
      productId: 7,
      productClass: "II",
      name: "Quy trình",
      unit: "quy trình",
      contractedQuantity: "1",
      previousStatus: null,
      previousQuantity: null,
      status: "not_started",
      quantityAchieved: null,
      note: "",
    },
  ],
  budget: {
    totalBudget: "1000000000",
    stateBudget: "1000000000",
    otherBudget: "0",
    lines: [
      {
        category: "labour",
        nameVi: "Tiền công",
        nameEn: "Labour",
        source: "state",
        approved: null,
        spentBefore: "0",
        amount: "1250500000",
      },
    ],
    thisPeriod: { state: "1250500000", other: "0", total: "1250500000" },
    toDate: { state: "1250500000", other: "0", total: "1250500000" },
  },
  problems: "",
  proposals: { extension: "", adjustment: "", staffChange: "" },
};

describe("report form", () => {
  it("reads money exactly in triệu đồng and round-trips the document", () => {
    const form = formFromDocument(doc, "million", "vi");
    expect(form.spending[0]?.amount).toBe("1.250,5");
    const { input, errors } = readForm(form, "million", "vi");
    expect(errors).toEqual({});
    expect(sameInput(input, inputFromDocument(doc))).toBe(true);
  });

  it("flags a percentage over 100 and a malformed quantity under the server's paths", () => {
    const form = formFromDocument(doc, "dong", "vi");
    form.contentItems[1] = { contentItemId: 2, workDone: "", percent: "150" };
    form.products[0] = { productId: 7, status: "in_progress", quantity: "1,234", note: "" };
    const { input, errors } = readForm(form, "dong", "vi");
    expect(Object.keys(errors).sort()).toEqual([
      "content.contentItems.1.percentComplete",
      "content.products.0.quantityAchieved",
    ]);
    expect(input.contentItems?.[1]).toEqual({ contentItemId: 2, workDone: "" });
  });

  it("merges: the user's changes since the base over the server's newer draft", () => {
    const base = inputFromDocument(doc);
    const local: ReportInput = { ...base, problems: "Thiếu vật tư" };
    const server: ReportInput = {
      ...base,
      contentItems: [
        { contentItemId: 1, workDone: "Từ máy khác", percentComplete: 30 },
        { contentItemId: 2, workDone: "", percentComplete: 0 },
      ],
    };
    const merged = applyFlat(doc, mergeInputs(base, local, server));
    expect(merged.problems).toBe("Thiếu vật tư");
    expect(merged.contentItems[0]).toMatchObject({ workDone: "Từ máy khác", percentComplete: 30 });
  });
});
