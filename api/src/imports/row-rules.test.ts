import { describe, expect, it } from "vitest";
import { mapHeader } from "./columns.ts";
import { type Cells, codeOccurrences, type ExistingTask, guessOrganisationKind, validateRow } from "./row-rules.ts";

const { columns } = mapHeader([
  "Mã nhiệm vụ",
  "Tên nhiệm vụ",
  "Loại nhiệm vụ",
  "Lĩnh vực",
  "Tổ chức chủ trì",
  "Chủ nhiệm",
  "Chủ đề",
  "Ngày bắt đầu",
  "Ngày kết thúc",
  "Giai đoạn",
  "Tổng kinh phí (triệu đồng)",
  "Kinh phí năm 2024 (triệu đồng)",
  "Kinh phí năm 2025 (triệu đồng)",
  "Đối ứng năm 2025 (triệu đồng)",
]);

const catalogue = {
  themes: [
    { id: 1, code: "AGRI", nameVi: "Nông nghiệp công nghệ cao", nameEn: "High-tech agriculture", archived: false },
    { id: 2, code: "OLD", nameVi: "Cũ", nameEn: "Old", archived: true },
  ],
  organisations: [{ id: 10, name: "Viện Cây lương thực", shortName: "VCLT" }],
  people: [
    { id: 20, fullName: "Nguyễn Văn An", organisationId: 10 },
    { id: 21, fullName: "Trần Thị Bình", organisationId: null },
    { id: 22, fullName: "Trần Thị Bình", organisationId: null },
  ],
};

const good: Cells = {
  code: "ĐT.2024.01",
  title: "Chọn tạo giống lúa chịu mặn",
  kind: "Đề tài",
  field: "Nông nghiệp",
  host: "viện cây lương thực",
  pi: "TS. Nguyễn Văn An",
  themes: "AGRI",
  startDate: "01/01/2024",
  endDate: "2025-12-31",
  stage: "Đang thực hiện",
  totalBudget: "1.250,5",
  "state:2024": 500,
  "state:2025": "550,5",
  "other:2025": 200,
};

const ctx = (over: Partial<Parameters<typeof validateRow>[1]> = {}) => ({
  unitId: 1,
  columns,
  catalogue,
  existing: new Map<string, ExistingTask>(),
  codeRows: new Map([["ĐT.2024.01", [2]]]),
  ...over,
});

describe("validateRow", () => {
  it("plans a new task from a good row, in its stage, with budget by year", () => {
    const outcome = validateRow(good, ctx());
    expect(outcome.issues).toEqual([]);
    expect(outcome.status).toBe("new");
    expect(outcome.task).toMatchObject({
      code: "ĐT.2024.01",
      kind: "de_tai",
      field: "agricultural",
      stage: "in_progress",
      regime: "law_2013",
      startDate: "2024-01-01",
      endDate: "2025-12-31",
      totalBudget: "1250500000",
      stateBudget: "1050500000",
      themeIds: [1],
      host: { id: 10 },
      pi: { id: 20 },
    });
    expect(outcome.task?.lines).toEqual([
      { source: "state", year: 2024, amount: "500000000" },
      { source: "other", year: 2025, amount: "200000000" },
      { source: "state", year: 2025, amount: "550500000" },
    ]);
  });

  it("lists the organisation and person it would create", () => {
    const outcome = validateRow({ ...good, host: "Công ty Thủy sản Kim Sơn", pi: "ThS. Lê Văn Dũng" }, ctx());
    expect(outcome.status).toBe("new");
    expect(outcome.creates).toEqual({ organisation: "Công ty Thủy sản Kim Sơn", person: "Lê Văn Dũng" });
    expect(outcome.task?.host).toEqual({ create: { name: "Công ty Thủy sản Kim Sơn", kind: "enterprise" } });
    expect(outcome.task?.pi).toEqual({
      create: { fullName: "Lê Văn Dũng", title: "ThS.", organisation: "Công ty Thủy sản Kim Sơn" },
    });
  });

  it("reports each problem by column", () => {
    const outcome = validateRow(
      {
        ...good,
        kind: "Sáng kiến",
        stage: "Đang chờ",
        themes: "AGRI; Vũ trụ; OLD",
        startDate: "01/01/2026",
        endDate: "31/12/2025",
        totalBudget: "khoảng 1 tỷ",
        "state:2024": -5,
        pi: null,
      },
      ctx(),
    );
    expect(outcome.status).toBe("error");
    expect(outcome.issues.map((i) => [i.column, i.code])).toEqual([
      ["kind", "UNKNOWN_KIND"],
      ["stage", "UNKNOWN_STAGE"],
      ["endDate", "DATE_ORDER"],
      ["totalBudget", "AMOUNT_TEXT"],
      ["state:2024", "AMOUNT_NEGATIVE"],
      ["themes", "UNKNOWN_THEME"],
      ["themes", "ARCHIVED_THEME"],
      ["pi", "REQUIRED"],
    ]);
  });

  it("checks the budget by year against the total and the task's years", () => {
    const outcome = validateRow({ ...good, totalBudget: "1.300", startDate: "01/01/2025" }, ctx());
    expect(outcome.issues.map((i) => i.code)).toEqual(["YEAR_OUTSIDE_TASK", "BUDGET_SUM_MISMATCH"]);
    expect(outcome.issues[1]?.params).toEqual({ total: "1300000000", sum: "1250500000" });
  });

  it("wants dates for a task past approval, and refuses ambiguous people", () => {
    const outcome = validateRow({ ...good, startDate: null, endDate: null, pi: "Trần Thị Bình" }, ctx());
    expect(outcome.issues.map((i) => [i.column, i.code])).toEqual([
      ["startDate", "DATES_REQUIRED"],
      ["endDate", "DATES_REQUIRED"],
      ["pi", "PERSON_AMBIGUOUS"],
    ]);
  });

  it("flags a code used twice in the file, or by another unit", () => {
    const twice = validateRow(good, ctx({ codeRows: new Map([["ĐT.2024.01", [2, 7]]]) }));
    expect(twice.issues.map((i) => [i.code, i.params])).toEqual([["DUPLICATE_CODE_IN_FILE", { rows: "2, 7" }]]);
    const elsewhere = validateRow(
      good,
      ctx({ existing: new Map([["ĐT.2024.01", existingTask({ managingUnitId: 2 })]]) }),
    );
    expect(elsewhere.issues.map((i) => i.code)).toEqual(["CODE_OF_OTHER_UNIT"]);
  });

  it("matches a task of the unit: unchanged when identical, a conflict listing differences otherwise", () => {
    const same = validateRow(good, ctx({ existing: new Map([["ĐT.2024.01", existingTask()]]) }));
    expect(same.status).toBe("unchanged");
    expect(same.existingTaskId).toBe(99);
    const changed = validateRow(
      { ...good, title: "Tên khác", totalBudget: "1.250,5" },
      ctx({ existing: new Map([["ĐT.2024.01", existingTask({ stage: "approved" })]]) }),
    );
    expect(changed.status).toBe("conflict");
    expect(changed.differences.map((d) => d.field)).toEqual(["title", "stage"]);
  });
});

function existingTask(over: Partial<ExistingTask> = {}): ExistingTask {
  return {
    id: 99,
    code: "ĐT.2024.01",
    managingUnitId: 1,
    title: "Chọn tạo giống lúa chịu mặn",
    kind: "de_tai",
    field: "agricultural",
    stage: "in_progress",
    startDate: "2024-01-01",
    endDate: "2025-12-31",
    totalBudget: "1250500000",
    stateBudget: "1050500000",
    hostOrganisationId: 10,
    hostName: "Viện Cây lương thực",
    piPersonId: 20,
    piName: "Nguyễn Văn An",
    themeIds: [1],
    lines: [
      { source: "state", year: 2024, amount: "500000000" },
      { source: "state", year: 2025, amount: "550500000" },
      { source: "other", year: 2025, amount: "200000000" },
    ],
    ...over,
  };
}

describe("codeOccurrences", () => {
  it("counts codes case-insensitively, leaving skipped rows out", () => {
    const map = codeOccurrences([
      { rowNumber: 2, cells: { code: "đt.1" }, skipped: false },
      { rowNumber: 3, cells: { code: "ĐT.1" }, skipped: false },
      { rowNumber: 4, cells: { code: "ĐT.1" }, skipped: true },
    ]);
    expect(map.get("ĐT.1")).toEqual([2, 3]);
  });
});

describe("guessOrganisationKind", () => {
  it("reads the kind from the name", () => {
    expect(guessOrganisationKind("Trường Đại học Hoa Lư")).toBe("university");
    expect(guessOrganisationKind("Viện Cây lương thực")).toBe("institute");
    expect(guessOrganisationKind("Bệnh viện Đa khoa tỉnh")).toBe("hospital");
    expect(guessOrganisationKind("Hợp tác xã Yên Khánh")).toBe("cooperative");
    expect(guessOrganisationKind("Sở Nông nghiệp")).toBe("agency");
  });
});
