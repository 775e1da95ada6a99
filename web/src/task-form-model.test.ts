import type { TaskDetail } from "@khcn/api/tasks/schemas";
import { describe, expect, it } from "vitest";
import {
  convertMoneyText,
  createBody,
  draftFromTask,
  draftToRecord,
  emptyDraft,
  formErrorKey,
  parseQuantity,
  updateBody,
} from "./task-form-model.ts";

const task: TaskDetail = {
  id: 7,
  code: "ĐT.2025.02",
  title: "Nghiên cứu giống lúa chịu mặn",
  kind: "de_tai",
  field: "agricultural",
  regime: "law_93_2025",
  stage: "proposed",
  startDate: "2026-01-01",
  endDate: "2027-12-31",
  totalBudget: "1250500000",
  host: { id: 3, name: "Viện Lúa", shortName: null },
  pi: { id: 11, fullName: "Phạm Văn Hùng", title: "TS." },
  formerProvince: null,
  themes: [{ id: 4, code: "NN", nameVi: "Nông nghiệp", nameEn: "Agriculture" }],
  objectives: "Tạo giống lúa",
  fundingMode: "full_lump_sum",
  stateBudget: "1000000000",
  otherBudget: "250500000",
  managingUnit: { id: 1, name: "Sở KH&CN" },
  orderingAgency: null,
  selectionMethod: null,
  team: [
    { personId: 11, fullName: "Phạm Văn Hùng", title: "TS.", position: null, organisation: null, role: "pi" },
    { personId: 12, fullName: "Lê Thị Lan", title: "ThS.", position: null, organisation: null, role: "secretary" },
  ],
  contentItems: [{ id: 21, title: "Thu thập nguồn gen", description: null, plannedStart: null, plannedEnd: null }],
  products: [
    { id: 31, productClass: "I", name: "Giống lúa", specification: null, quantity: "2.5", unit: "tấn", dueOn: null },
  ],
  applicationSites: [],
  registration: null,
  recovery: null,
  edit: { allowed: true, locked: {}, lockCodes: {} },
  version: 4,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-02T00:00:00Z",
};

describe("the task form model", () => {
  it("shows a task's money exactly in the chosen unit and reads it back unchanged", () => {
    const draft = draftFromTask(task, "million", "vi");
    expect(draft.totalBudget).toBe("1.250,5");
    expect(draft.products[0]?.quantity).toBe("2,5");
    expect(draft.team.map((r) => r.person?.id)).toEqual([12]);
    const { record, errors } = draftToRecord(draft, "million", "vi");
    expect(errors).toEqual({});
    expect(record.totalBudget).toBe("1250500000");
    expect(record.team).toEqual([
      { personId: 11, role: "pi" },
      { personId: 12, role: "secretary" },
    ]);
    expect(updateBody(record, record, 4)).toBeNull();
  });

  it("sends only what changed, with the version", () => {
    const draft = draftFromTask(task, "dong", "vi");
    const before = draftToRecord(draft, "dong", "vi").record;
    const after = draftToRecord(
      { ...draft, selectionMethod: "direct_assignment", totalBudget: "2.000.000.000" },
      "dong",
      "vi",
    ).record;
    expect(updateBody(before, after, 4)).toEqual({
      selectionMethod: "direct_assignment",
      totalBudget: "2000000000",
      version: 4,
    });
  });

  it("sends the team with a new PI", () => {
    const draft = draftFromTask(task, "dong", "vi");
    const before = draftToRecord(draft, "dong", "vi").record;
    const after = draftToRecord({ ...draft, pi: { id: 99, fullName: "X", title: null } }, "dong", "vi").record;
    expect(updateBody(before, after, 4)).toMatchObject({
      piPersonId: 99,
      team: [{ personId: 99, role: "pi" }, { personId: 12 }],
    });
  });

  it("checks what the browser can check", () => {
    const draft = {
      ...emptyDraft(),
      totalBudget: "100",
      stateBudget: "200",
      startDate: "2026-05-01",
      endDate: "2026-01-01",
      team: [{ key: 1, person: null, role: "member" as const }],
      products: [
        { key: 2, productClass: "II" as const, name: "", specification: "", quantity: "0", unit: "", dueOn: "" },
      ],
    };
    const { errors } = draftToRecord(draft, "million", "vi");
    expect(Object.keys(errors).sort()).toEqual(
      [
        "endDate",
        "field",
        "kind",
        "products.0.name",
        "products.0.quantity",
        "products.0.unit",
        "stateBudget",
        "team.0.personId",
        "title",
      ].sort(),
    );
  });

  it("leaves to staff what only staff set when a scientist proposes", () => {
    const { record } = draftToRecord(
      { ...emptyDraft(), title: "A", kind: "de_tai", field: "social", code: "X.1" },
      "dong",
      "vi",
    );
    const mine = createBody(record, false);
    expect(mine).not.toHaveProperty("code");
    expect(mine).not.toHaveProperty("team");
    expect(mine).not.toHaveProperty("totalBudget");
    expect(createBody(record, true)).toMatchObject({ code: "X.1", team: [] });
  });

  it("maps server paths to form rows", () => {
    expect(formErrorKey("team.0.personId", true)).toBe("piPersonId");
    expect(formErrorKey("team.2.personId", true)).toBe("team.1.personId");
    expect(formErrorKey("team.2.personId", false)).toBe("team.2.personId");
    expect(formErrorKey("products.1.quantity", true)).toBe("products.1.quantity");
  });

  it("reads quantities and converts money between units", () => {
    expect(parseQuantity("2,5")).toBe("2.5");
    expect(parseQuantity("120")).toBe("120");
    expect(parseQuantity("0")).toBeNull();
    expect(parseQuantity("1.234")).toBeNull();
    expect(convertMoneyText("1.250,5", "million", "dong", "vi")).toBe("1.250.500.000");
    expect(convertMoneyText("abc", "million", "dong", "vi")).toBe("abc");
  });
});
