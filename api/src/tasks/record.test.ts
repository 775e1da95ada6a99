import { describe, expect, it } from "vitest";
import { applyPatch, canonicalQuantity, checkRecord, diffRecords, reassignPi, type TaskRecord } from "./record.ts";

const record: TaskRecord = {
  code: "ĐT.2026.01",
  title: "Nghiên cứu",
  kind: "de_tai",
  field: "agricultural",
  regime: "law_93_2025",
  managingUnitId: 1,
  formerProvinceId: null,
  hostOrganisationId: 3,
  piPersonId: 10,
  team: [
    { personId: 10, role: "pi" },
    { personId: 11, role: "secretary" },
  ],
  orderingAgency: null,
  selectionMethod: null,
  startDate: "2026-01-01",
  endDate: "2027-12-31",
  fundingMode: "full_lump_sum",
  totalBudget: "1000",
  stateBudget: "800",
  objectives: null,
  themeIds: [2, 5],
  contentItems: [{ id: 1, title: "Khảo sát", description: null, plannedStart: "2026-01-01", plannedEnd: "2026-06-30" }],
  products: [
    {
      id: 4,
      productClass: "I",
      name: "Giống lúa",
      specification: null,
      quantity: "2.5",
      unit: "tấn",
      dueOn: null,
    },
  ],
  applicationSites: [],
};

describe("task record", () => {
  it("writes quantities one way", () => {
    expect(canonicalQuantity("2.50")).toBe("2.5");
    expect(canonicalQuantity("3.00")).toBe("3");
    expect(canonicalQuantity("007")).toBe("7");
    expect(canonicalQuantity("0.5")).toBe("0.5");
    expect(canonicalQuantity("120")).toBe("120");
  });

  it("applies only what a patch gives and sees nothing changed in a patch of current values", () => {
    const same = applyPatch(record, {
      title: record.title,
      themeIds: [5, 2, 5],
      products: [{ productClass: "I", name: "Giống lúa", quantity: "2.50", unit: "tấn" }],
    });
    expect(diffRecords(record, same)).toEqual({});
  });

  it("reports each changed field with before and after, lists as whole without ids", () => {
    const next = applyPatch(record, {
      title: "Nghiên cứu mới",
      contentItems: [
        { id: 1, title: "Khảo sát" },
        { title: "Thử nghiệm", description: "Vụ xuân" },
      ],
    });
    expect(diffRecords(record, next)).toEqual({
      title: { before: "Nghiên cứu", after: "Nghiên cứu mới" },
      contentItems: {
        before: [{ title: "Khảo sát", description: null, plannedStart: "2026-01-01", plannedEnd: "2026-06-30" }],
        after: [
          { title: "Khảo sát", description: null, plannedStart: "2026-01-01", plannedEnd: "2026-06-30" },
          { title: "Thử nghiệm", description: "Vụ xuân", plannedStart: null, plannedEnd: null },
        ],
      },
    });
    expect(next.contentItems[0]?.id).toBe(1);
  });

  it("moves the team's PI entry when only the PI changes", () => {
    expect(applyPatch(record, { piPersonId: 11 }).team).toEqual([{ personId: 11, role: "pi" }]);
    expect(applyPatch(record, { piPersonId: 12 }).team).toEqual([
      { personId: 12, role: "pi" },
      { personId: 11, role: "secretary" },
    ]);
    expect(reassignPi(record.team, null)).toEqual([{ personId: 11, role: "secretary" }]);
    expect(checkRecord(applyPatch(record, { piPersonId: 12 }))).toEqual({});
  });

  it("checks dates, the state share, the regime of an STI task and the team", () => {
    expect(checkRecord(record)).toEqual({});
    expect(checkRecord({ ...record, endDate: "2025-12-31" })).toHaveProperty("endDate");
    expect(checkRecord({ ...record, startDate: "2026-01-01", endDate: "2026-01-01" })).toEqual({});
    expect(checkRecord({ ...record, stateBudget: "1001" })).toHaveProperty("stateBudget");
    expect(checkRecord({ ...record, stateBudget: "1000" })).toEqual({});
    expect(checkRecord({ ...record, kind: "nhiem_vu_dmst", regime: "law_2013" })).toHaveProperty("regime");
    expect(checkRecord({ ...record, team: [...record.team, { personId: 11, role: "member" }] })).toHaveProperty(
      "team.2.personId",
    );
    expect(checkRecord({ ...record, team: [{ personId: 11, role: "secretary" }] })).toHaveProperty("team");
    expect(
      checkRecord({
        ...record,
        team: [
          { personId: 10, role: "pi" },
          { personId: 11, role: "pi" },
        ],
      }),
    ).toHaveProperty("team");
    expect(checkRecord({ ...record, piPersonId: null, team: [{ personId: 10, role: "pi" }] })).toHaveProperty("team");
    expect(checkRecord({ ...record, piPersonId: null, team: [] })).toEqual({});
    expect(
      checkRecord({
        ...record,
        contentItems: [
          { id: 1, title: "a", description: null, plannedStart: null, plannedEnd: null },
          { id: 1, title: "b", description: null, plannedStart: null, plannedEnd: null },
        ],
      }),
    ).toHaveProperty("contentItems.1.id");
  });

  it("keeps planned dates an item leaves out, clears them on null, and checks their order", () => {
    const due = applyPatch(record, {
      products: [{ id: 4, productClass: "I", name: "Giống lúa", quantity: "2.5", unit: "tấn", dueOn: "2027-12-31" }],
    });
    const kept = applyPatch(due, {
      contentItems: [{ id: 1, title: "Khảo sát" }],
      products: [{ id: 4, productClass: "I", name: "Giống lúa", quantity: "2.5", unit: "tấn" }],
    });
    expect(diffRecords(due, kept)).toEqual({});
    expect(kept.products[0]?.dueOn).toBe("2027-12-31");
    const cleared = applyPatch(record, { contentItems: [{ id: 1, title: "Khảo sát", plannedEnd: null }] });
    expect(cleared.contentItems[0]).toMatchObject({ plannedStart: "2026-01-01", plannedEnd: null });
    const added = applyPatch(record, { contentItems: [{ title: "Mới" }] });
    expect(added.contentItems[0]).toMatchObject({ plannedStart: null, plannedEnd: null });
    expect(
      checkRecord(
        applyPatch(record, {
          contentItems: [{ id: 1, title: "Khảo sát", plannedStart: "2026-07-01", plannedEnd: "2026-06-30" }],
        }),
      ),
    ).toHaveProperty("contentItems.0.plannedEnd");
  });
});
