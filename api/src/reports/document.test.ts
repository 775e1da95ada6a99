import { describe, expect, it } from "vitest";
import { defaultParameter } from "../rules/parameters.ts";
import {
  buildDocument,
  checkInput,
  compareSubmissions,
  completeInput,
  prefillInput,
  type ReportContext,
  type Submission,
} from "./document.ts";

const context = (overrides: Partial<ReportContext> = {}): ReportContext => ({
  contentItems: [
    { id: 11, title: "Thu thập nguồn gen", plannedWork: "100 mẫu giống", previousPercent: 40 },
    { id: 12, title: "Lai tạo", plannedWork: null, previousPercent: null },
  ],
  products: [
    {
      id: 21,
      productClass: "I",
      name: "Giống lúa chịu mặn",
      unit: "giống",
      contractedQuantity: "2",
      previousStatus: "in_progress",
      previousQuantity: "1",
    },
  ],
  budget: { totalBudget: "1250500000", stateBudget: "1000000000", otherBudget: "250500000" },
  categories: defaultParameter("expense_categories", "law_2013"),
  spentBefore: { "labour.state": "100000000", "materials.other": "5000000" },
  ...overrides,
});

describe("a report as it opens", () => {
  it("carries the previous report's progress and nothing spent yet", () => {
    const input = prefillInput(context());
    expect(input.contentItems).toEqual([
      { contentItemId: 11, workDone: "", percentComplete: 40 },
      { contentItemId: 12, workDone: "", percentComplete: 0 },
    ]);
    expect(input.products).toEqual([{ productId: 21, status: "in_progress", quantityAchieved: "1", note: "" }]);
    expect(input.spending).toHaveLength(12);
    expect(input.spending.every((s) => s.amount === "0")).toBe(true);
  });

  it("shows the plan, the previous figures and the money to date", () => {
    const doc = buildDocument(context(), prefillInput(context()));
    expect(doc.contentItems[0]).toMatchObject({
      title: "Thu thập nguồn gen",
      plannedWork: "100 mẫu giống",
      previousPercent: 40,
    });
    expect(doc.products[0]).toMatchObject({
      contractedQuantity: "2",
      previousStatus: "in_progress",
      status: "in_progress",
    });
    expect(doc.budget.lines.find((l) => l.category === "labour" && l.source === "state")).toMatchObject({
      approved: null,
      spentBefore: "100000000",
      amount: "0",
    });
    expect(doc.budget.thisPeriod).toEqual({ state: "0", other: "0", total: "0" });
    expect(doc.budget.toDate).toEqual({ state: "100000000", other: "5000000", total: "105000000" });
  });
});

describe("a draft as sent", () => {
  it("keeps what was not sent and canonicalises what was", () => {
    const input = completeInput(context(), {
      contentItems: [{ contentItemId: 12, percentComplete: 25, workDone: "Lai 30 tổ hợp" }],
      products: [{ productId: 21, quantityAchieved: "1.50" }],
      spending: [{ category: "labour", source: "state", amount: "0000120000000" }],
      problems: "Mưa bão tháng 9",
    });
    expect(input.contentItems).toEqual([
      { contentItemId: 11, workDone: "", percentComplete: 40 },
      { contentItemId: 12, workDone: "Lai 30 tổ hợp", percentComplete: 25 },
    ]);
    expect(input.products[0]).toEqual({ productId: 21, status: "in_progress", quantityAchieved: "1.5", note: "" });
    expect(input.spending.find((s) => s.category === "labour" && s.source === "state")?.amount).toBe("120000000");
    expect(input.problems).toBe("Mưa bão tháng 9");
    const doc = buildDocument(context(), input);
    expect(doc.budget.thisPeriod).toEqual({ state: "120000000", other: "0", total: "120000000" });
    expect(doc.budget.toDate.total).toBe("225000000");
  });

  it("drops items no longer on the record and adds new ones as they open", () => {
    const saved = completeInput(context(), { contentItems: [{ contentItemId: 12, percentComplete: 60 }] });
    const changed = context({
      contentItems: [
        { id: 12, title: "Lai tạo", plannedWork: null, previousPercent: null },
        { id: 13, title: "Khảo nghiệm", plannedWork: null, previousPercent: null },
      ],
    });
    expect(buildDocument(changed, saved).contentItems.map((c) => [c.contentItemId, c.percentComplete])).toEqual([
      [12, 60],
      [13, 0],
    ]);
  });

  it("names what does not belong to the task, by its path in the body", () => {
    expect(
      checkInput(context(), {
        contentItems: [{ contentItemId: 11 }, { contentItemId: 99 }, { contentItemId: 11 }],
        products: [{ productId: 22 }],
        spending: [
          { category: "travel", source: "state", amount: "1" },
          { category: "labour", source: "other", amount: "1" },
          { category: "labour", source: "other", amount: "2" },
        ],
      }),
    ).toEqual({
      "content.contentItems.1.contentItemId": "No such content item on this task",
      "content.contentItems.2.contentItemId": "Listed twice",
      "content.products.0.productId": "No such product on this task",
      "content.spending.0.category": "No such expense category",
      "content.spending.2.category": "Listed twice",
    });
  });
});

describe("comparing two submissions", () => {
  const confirmation = {
    confirmedBy: "Nguyễn Văn Bình",
    position: "Viện trưởng",
    confirmedOn: "2025-09-10",
    fileId: null,
  };
  const submission = (patch: Parameters<typeof completeInput>[1], host = confirmation): Submission => ({
    document: buildDocument(context(), completeInput(context(), patch)),
    hostConfirmation: host,
  });

  it("lists each changed field with its value before and after", () => {
    const first = submission({ contentItems: [{ contentItemId: 11, percentComplete: 50 }] });
    const second = submission(
      {
        contentItems: [{ contentItemId: 11, percentComplete: 70, workDone: "Thêm 20 mẫu" }],
        spending: [{ category: "equipment", source: "other", amount: "3000000" }],
      },
      { ...confirmation, confirmedOn: "2025-09-12" },
    );
    expect(compareSubmissions(first, second)).toEqual([
      {
        section: "contentItems",
        key: "11",
        label: "Thu thập nguồn gen",
        field: "workDone",
        path: "contentItems.11.workDone",
        before: "",
        after: "Thêm 20 mẫu",
      },
      {
        section: "contentItems",
        key: "11",
        label: "Thu thập nguồn gen",
        field: "percentComplete",
        path: "contentItems.11.percentComplete",
        before: 50,
        after: 70,
      },
      {
        section: "spending",
        key: "equipment.other",
        label: "Thiết bị (mua, thuê, sửa chữa)",
        field: "amount",
        path: "spending.equipment.other.amount",
        before: "0",
        after: "3000000",
      },
      {
        section: "hostConfirmation",
        key: null,
        label: null,
        field: "confirmedOn",
        path: "hostConfirmation.confirmedOn",
        before: "2025-09-10",
        after: "2025-09-12",
      },
    ]);
  });

  it("finds nothing between equal submissions, and everything against none", () => {
    expect(compareSubmissions(submission({}), submission({}))).toEqual([]);
    const all = compareSubmissions(null, submission({}));
    expect(all.every((c) => c.before === null)).toBe(true);
    expect(all.map((c) => c.path)).toContain("products.21.status");
  });
});
