import { describe, expect, it } from "vitest";
import { defaultParameter } from "../rules/parameters.ts";
import {
  type AcceptanceSheet,
  checkPoints,
  checkSelectionPoints,
  councilAcceptanceOutcome,
  DEFAULT_POINTS_BANDS,
  type Grade,
  type GradingScheme,
  gradeFromPoints,
  isDossierLate,
  memberAcceptanceGrade,
  type SelectionRules,
  selectionOutcome,
  type VotingMember,
} from "./grading.ts";
import { checkQuorum } from "./quorum.ts";

const thresholds = defaultParameter("acceptance_thresholds", "law_2013");

const product = (productId: number, quantity: Grade, quality: Grade, extra = {}) => ({
  productId,
  quantity,
  quality,
  ...extra,
});

describe("a member's acceptance grade", () => {
  it("is Xuất sắc when every product criterion is Xuất sắc and the report at least Đạt", () => {
    const sheet: AcceptanceSheet = {
      products: [product(1, "excellent", "excellent"), product(2, "excellent", "excellent")],
      report: "pass",
    };
    expect(memberAcceptanceGrade(sheet, thresholds).grade).toBe("excellent");
  });

  it("is Đạt when one criterion is only Đạt", () => {
    const sheet: AcceptanceSheet = {
      products: [product(1, "excellent", "pass"), product(2, "excellent", "excellent")],
      report: "excellent",
    };
    const result = memberAcceptanceGrade(sheet, thresholds);
    expect(result.grade).toBe("pass");
    expect(result.reasons[0]).toEqual({ code: "PRODUCT_NOT_EXCELLENT", productIds: [1] });
  });

  it("passes with exactly 3 of 4 quantity criteria at least Đạt", () => {
    const sheet: AcceptanceSheet = {
      products: [
        product(1, "pass", "pass"),
        product(2, "pass", "pass"),
        product(3, "excellent", "pass"),
        product(4, "fail", "pass"),
      ],
      report: "pass",
    };
    const result = memberAcceptanceGrade(sheet, thresholds);
    expect(result.grade).toBe("pass");
    expect(result.reasons[1]).toMatchObject({ code: "PASS_RULES_MET", got: 3, needed: 3, total: 4, fraction: "3/4" });
  });

  it("fails with 2 of 4 quantity criteria (3 needed)", () => {
    const sheet: AcceptanceSheet = {
      products: [
        product(1, "pass", "pass"),
        product(2, "pass", "pass"),
        product(3, "fail", "pass"),
        product(4, "fail", "pass"),
      ],
      report: "pass",
    };
    const result = memberAcceptanceGrade(sheet, thresholds);
    expect(result.grade).toBe("fail");
    expect(result.reasons).toEqual([{ code: "QUANTITY_SHARE_SHORT", got: 2, needed: 3, total: 4, fraction: "3/4" }]);
  });

  it("fails with 5 of 7 quantity criteria: 5/7 is short of 3/4 (6 needed)", () => {
    const products = [1, 2, 3, 4, 5, 6, 7].map((id) => product(id, id <= 5 ? "pass" : "fail", "pass"));
    const result = memberAcceptanceGrade({ products, report: "pass" }, thresholds);
    expect(result.grade).toBe("fail");
    expect(result.reasons[0]).toMatchObject({ code: "QUANTITY_SHARE_SHORT", got: 5, needed: 6 });
  });

  it("fails when any quality criterion is Không đạt", () => {
    const sheet: AcceptanceSheet = {
      products: [product(1, "excellent", "fail"), product(2, "excellent", "excellent")],
      report: "excellent",
    };
    expect(memberAcceptanceGrade(sheet, thresholds)).toEqual({
      grade: "fail",
      reasons: [{ code: "QUALITY_BELOW_PASS", productIds: [1] }],
    });
  });

  it("fails when the final report is Không đạt, even with every product Xuất sắc", () => {
    const sheet: AcceptanceSheet = { products: [product(1, "excellent", "excellent")], report: "fail" };
    expect(memberAcceptanceGrade(sheet, thresholds)).toEqual({
      grade: "fail",
      reasons: [{ code: "REPORT_BELOW_PASS" }],
    });
  });

  it("fails when an amount delivered is below 3/4 of the contracted amount", () => {
    const sheet: AcceptanceSheet = {
      products: [
        product(1, "pass", "pass", { delivered: "7.4", contracted: 10 }),
        product(2, "pass", "pass"),
        product(3, "pass", "pass"),
        product(4, "pass", "pass"),
      ],
      report: "pass",
    };
    const result = memberAcceptanceGrade(sheet, thresholds);
    expect(result.grade).toBe("fail");
    expect(result.reasons).toEqual([{ code: "AMOUNT_SHORTFALL", productIds: [1], fraction: "3/4" }]);
  });

  it("passes when the amount delivered is exactly 3/4 of the contract", () => {
    const sheet: AcceptanceSheet = {
      products: [product(1, "pass", "pass", { delivered: "7.5", contracted: "10" })],
      report: "pass",
    };
    expect(memberAcceptanceGrade(sheet, thresholds).grade).toBe("pass");
  });

  it("follows the report alone when the sheet has no product", () => {
    expect(memberAcceptanceGrade({ products: [], report: "excellent" }, thresholds).grade).toBe("excellent");
    expect(memberAcceptanceGrade({ products: [], report: "fail" }, thresholds).grade).toBe("fail");
  });
});

const voters = (grades: Grade[]): VotingMember[] =>
  grades.map((grade, i) => ({ memberId: i + 1, present: true, recused: false, grade }));

describe("the council's acceptance outcome (grades)", () => {
  it("is Xuất sắc with exactly 3/4 Xuất sắc votes and no Không đạt (6 of 8)", () => {
    const outcome = councilAcceptanceOutcome({
      members: voters(["excellent", "excellent", "excellent", "excellent", "excellent", "excellent", "pass", "pass"]),
      lateDossier: false,
      thresholds,
    });
    expect(outcome.result).toBe("excellent");
    expect(outcome.explanation.counts).toEqual({ excellent: 6, pass: 2, fail: 0 });
    expect(outcome.explanation.thresholds[0]).toEqual({
      rule: "excellent_share",
      fraction: "3/4",
      num: 3,
      den: 4,
      needed: 6,
      got: 6,
      total: 8,
      met: true,
    });
  });

  it("is Đạt when Xuất sắc is one vote short of 3/4 (5 of 7; 6 needed)", () => {
    const outcome = councilAcceptanceOutcome({
      members: voters(["excellent", "excellent", "excellent", "excellent", "excellent", "pass", "pass"]),
      lateDossier: false,
      thresholds,
    });
    expect(outcome.result).toBe("pass");
    expect(outcome.explanation.decision).toBe("PASS");
    expect(outcome.explanation.thresholds[0]).toMatchObject({ needed: 6, got: 5, total: 7, met: false });
  });

  it("is only Đạt when a single Không đạt sits among Xuất sắc votes", () => {
    const outcome = councilAcceptanceOutcome({
      members: voters(["excellent", "excellent", "excellent", "excellent", "excellent", "excellent", "fail"]),
      lateDossier: false,
      thresholds,
    });
    expect(outcome.result).toBe("pass");
    expect(outcome.explanation.decision).toBe("PASS_EXCELLENT_BLOCKED_BY_FAIL");
    expect(outcome.explanation.thresholds[1]).toMatchObject({ rule: "no_fail_for_excellent", got: 1, met: false });
  });

  it("is Đạt with exactly 3/4 Đạt or better and Không đạt with one vote fewer", () => {
    const pass = councilAcceptanceOutcome({
      members: voters(["pass", "pass", "pass", "fail"]),
      lateDossier: false,
      thresholds,
    });
    expect(pass.result).toBe("pass");
    expect(pass.explanation.thresholds[2]).toMatchObject({ rule: "pass_share", needed: 3, got: 3, met: true });
    const fail = councilAcceptanceOutcome({
      members: voters(["pass", "pass", "fail", "fail"]),
      lateDossier: false,
      thresholds,
    });
    expect(fail.result).toBe("fail");
    expect(fail.explanation.decision).toBe("FAIL_PASS_SHARE_NOT_MET");
  });

  it("grades a late dossier without an approved extension Không đạt whatever the votes", () => {
    const outcome = councilAcceptanceOutcome({
      members: voters(["excellent", "excellent", "excellent", "excellent"]),
      lateDossier: true,
      thresholds,
      regulation: "Thông tư số 11/2014/TT-BKHCN",
    });
    expect(outcome.result).toBe("fail");
    expect(outcome.explanation).toMatchObject({
      decision: "LATE_DOSSIER",
      lateDossier: true,
      regulation: "Thông tư số 11/2014/TT-BKHCN",
    });
    // The votes are still on record.
    expect(outcome.explanation.counts.excellent).toBe(4);
  });

  it("counts only members present and not recused, and lists the recusals", () => {
    const members: VotingMember[] = [
      ...voters(["excellent", "excellent", "excellent"]),
      {
        memberId: 10,
        fullName: "Trần Văn Bình",
        present: true,
        recused: true,
        recusalReason: "Đồng tác giả",
        grade: "fail",
      },
      { memberId: 11, present: false, recused: false, grade: null },
    ];
    const outcome = councilAcceptanceOutcome({ members, lateDossier: false, thresholds });
    expect(outcome.result).toBe("excellent");
    expect(outcome.explanation).toMatchObject({ voting: 3, present: 3, absent: 1 });
    expect(outcome.explanation.recusals).toEqual([{ memberId: 10, fullName: "Trần Văn Bình", reason: "Đồng tác giả" }]);
  });

  it("has no outcome when every member is recused, or nobody sits", () => {
    const allRecused = councilAcceptanceOutcome({
      members: voters(["pass", "pass"]).map((m) => ({ ...m, recused: true })),
      lateDossier: false,
      thresholds,
    });
    expect(allRecused.result).toBeNull();
    expect(allRecused.explanation.decision).toBe("NO_VOTERS");
    expect(allRecused.explanation.thresholds.every((t) => !t.met)).toBe(true);
    const empty = councilAcceptanceOutcome({ members: [], lateDossier: true, thresholds });
    expect(empty.result).toBeNull();
  });

  it("has no outcome while a present member has not graded", () => {
    const members = [...voters(["pass", "pass"]), { memberId: 9, present: true, recused: false, grade: null }];
    const outcome = councilAcceptanceOutcome({ members, lateDossier: false, thresholds });
    expect(outcome.result).toBeNull();
    expect(outcome.explanation).toMatchObject({ decision: "MISSING_GRADES", missingGrades: [9] });
  });

  it("has no outcome without a quorum", () => {
    const quorum = checkQuorum([
      { memberId: 1, role: "chair", attended: true, recused: false },
      { memberId: 2, role: "reviewer", attended: false, recused: false },
      { memberId: 3, role: "reviewer", attended: true, recused: false },
    ]);
    const outcome = councilAcceptanceOutcome({
      members: voters(["pass", "pass"]),
      lateDossier: true,
      thresholds,
      quorum,
    });
    expect(outcome.result).toBeNull();
    expect(outcome.explanation.decision).toBe("NO_QUORUM");
    expect(outcome.explanation.quorum).toMatchObject({ met: false, present: 2, total: 3, required: 2 });
  });
});

describe("the points scheme", () => {
  const scheme: GradingScheme = { kind: "points", max: 100, bands: DEFAULT_POINTS_BANDS };

  it.each([
    [85, "excellent", "excellent"],
    [84, "pass", "good"],
    [84.99, "pass", "good"],
    [70, "pass", "good"],
    [69, "pass", "pass"],
    [50, "pass", "pass"],
    [49, "fail", "fail"],
    [49.99, "fail", "fail"],
    [0, "fail", "fail"],
  ] as const)("puts %s points in the %s grade (band %s)", (points, grade, label) => {
    expect(gradeFromPoints(points)).toMatchObject({ grade, label });
  });

  it("grades the council by the exact average of the members' points", () => {
    // 85 + 85 + 84 = 254, average 84.67: good, not excellent.
    const members = [85, 85, 84].map((points, i) => ({ memberId: i + 1, present: true, recused: false, points }));
    const outcome = councilAcceptanceOutcome({ members, lateDossier: false, scheme });
    expect(outcome.result).toBe("pass");
    expect(outcome.explanation.points).toMatchObject({ average: "84.67", band: { label: "good" }, count: 3 });
    expect(outcome.explanation.counts).toEqual({ excellent: 2, pass: 1, fail: 0 });
  });

  it("reaches a band on its edge exactly", () => {
    const members = [90, 80].map((points, i) => ({ memberId: i + 1, present: true, recused: false, points }));
    const outcome = councilAcceptanceOutcome({ members, lateDossier: false, scheme });
    expect(outcome.result).toBe("excellent");
    expect(outcome.explanation.points?.average).toBe("85.00");
  });

  it("takes its bands from the rule parameter", () => {
    const strict: GradingScheme = {
      kind: "points",
      max: 100,
      bands: [
        { min: 90, grade: "excellent", label: "excellent" },
        { min: 60, grade: "pass", label: "pass" },
        { min: 0, grade: "fail", label: "fail" },
      ],
    };
    const members = [{ memberId: 1, present: true, recused: false, points: 59.5 }];
    expect(councilAcceptanceOutcome({ members, lateDossier: false, scheme: strict }).result).toBe("fail");
  });

  it("checks points against the scale", () => {
    expect(checkPoints(100, 100)).toEqual({ ok: true, hundredths: 10000 });
    expect(checkPoints(100.01, 100)).toEqual({ ok: false, code: "OUT_OF_SCALE" });
    expect(checkPoints(-1, 100)).toEqual({ ok: false, code: "OUT_OF_SCALE" });
    expect(checkPoints(8.125, 10)).toEqual({ ok: false, code: "TOO_PRECISE" });
    expect(checkPoints(Number.NaN, 10)).toEqual({ ok: false, code: "OUT_OF_SCALE" });
  });
});

describe("late dossiers", () => {
  it("is late after the due date, unless an approved extension covers it", () => {
    expect(isDossierLate({ dueOn: "2026-03-31", submittedOn: "2026-03-31" })).toBe(false);
    expect(isDossierLate({ dueOn: "2026-03-31", submittedOn: "2026-04-01" })).toBe(true);
    expect(isDossierLate({ dueOn: "2026-03-31", submittedOn: "2026-04-01", extendedTo: "2026-04-30" })).toBe(false);
  });
});

describe("selection councils", () => {
  const rules: SelectionRules = {
    passAverage: defaultParameter("selection_pass_average", "law_2013"),
    criteria: defaultParameter("selection_criteria", "law_2013"),
    keyZeroFraction: defaultParameter("selection_key_zero_fraction", "law_2013"),
  };
  // rationale 10, objectives_methods 30 (key), products_impact 25 (key), capacity 20, plan_budget 15.
  const sheet = (memberId: number, p: [number, number, number, number, number]) => ({
    memberId,
    points: { rationale: p[0], objectives_methods: p[1], products_impact: p[2], capacity: p[3], plan_budget: p[4] },
  });

  it("the default criteria add up to 100", () => {
    expect(rules.criteria.reduce((s, c) => s + c.max, 0)).toBe(100);
  });

  it("picks the highest qualified average", () => {
    const outcome = selectionOutcome(
      [
        { applicantId: 1, sheets: [sheet(1, [8, 25, 20, 15, 10]), sheet(2, [8, 24, 20, 15, 10])] }, // 78, 77
        { applicantId: 2, sheets: [sheet(1, [9, 27, 22, 17, 12]), sheet(2, [9, 26, 21, 17, 12])] }, // 87, 85
      ],
      rules,
    );
    expect(outcome.decision).toBe("WINNER");
    expect(outcome.winnerApplicantId).toBe(2);
    expect(outcome.ranking.map((r) => [r.applicantId, r.rank, r.average])).toEqual([
      [2, 1, "86.00"],
      [1, 2, "77.50"],
    ]);
  });

  it("needs an average of at least 70: 70 qualifies, 69.5 does not", () => {
    const outcome = selectionOutcome(
      [
        { applicantId: 1, sheets: [sheet(1, [7, 21, 17.5, 14, 10.5])] }, // 70
        { applicantId: 2, sheets: [sheet(1, [7, 21, 17, 14, 10.5])] }, // 69.5
      ],
      rules,
    );
    expect(outcome.winnerApplicantId).toBe(1);
    const second = outcome.ranking[1];
    expect(second?.qualified).toBe(false);
    expect(second?.reasons).toEqual([{ code: "AVERAGE_BELOW_PASS", average: "69.50", passAverage: 70 }]);
  });

  it("excludes an applicant with a key criterion at 0, however high the average", () => {
    const outcome = selectionOutcome(
      [
        { applicantId: 1, sheets: [sheet(1, [10, 30, 25, 20, 15]), sheet(2, [10, 30, 0, 20, 15])] }, // 100, 75
        { applicantId: 2, sheets: [sheet(1, [7, 21, 18, 14, 11]), sheet(2, [7, 21, 18, 14, 11])] }, // 71
      ],
      rules,
    );
    expect(outcome.winnerApplicantId).toBe(2);
    const excluded = outcome.ranking.find((r) => r.applicantId === 1);
    expect(excluded?.rank).toBe(1);
    expect(excluded?.reasons).toEqual([
      { code: "KEY_CRITERION_ZERO", criterion: "products_impact", zeros: 1, members: 2 },
    ]);
  });

  it("lets a 0 on an ordinary criterion stand", () => {
    const outcome = selectionOutcome([{ applicantId: 1, sheets: [sheet(1, [0, 30, 25, 20, 0])] }], rules);
    expect(outcome.winnerApplicantId).toBe(1);
  });

  it("reports a tie at the top with no winner", () => {
    const outcome = selectionOutcome(
      [
        { applicantId: 1, sheets: [sheet(1, [8, 25, 20, 15, 12])] }, // 80
        { applicantId: 2, sheets: [sheet(1, [9, 24, 20, 15, 12])] }, // 80
        { applicantId: 3, sheets: [sheet(1, [8, 22, 20, 15, 10])] }, // 75
      ],
      rules,
    );
    expect(outcome).toMatchObject({ decision: "TIE", winnerApplicantId: null, tiedApplicantIds: [1, 2] });
    expect(outcome.ranking.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it("compares averages over different numbers of sheets exactly", () => {
    // 160/2 = 80 against 240/3 = 80: a tie, not a float accident.
    const outcome = selectionOutcome(
      [
        { applicantId: 1, sheets: [sheet(1, [8, 25, 20, 15, 12]), sheet(2, [8, 25, 20, 15, 12])] },
        {
          applicantId: 2,
          sheets: [sheet(1, [8, 25, 20, 15, 12]), sheet(2, [9, 26, 20, 15, 12]), sheet(3, [7, 24, 20, 15, 12])],
        },
      ],
      rules,
    );
    expect(outcome.decision).toBe("TIE");
  });

  it("has no winner when nobody qualifies, or nobody applied", () => {
    expect(selectionOutcome([{ applicantId: 1, sheets: [sheet(1, [5, 15, 10, 10, 5])] }], rules)).toMatchObject({
      decision: "NO_QUALIFIED",
      winnerApplicantId: null,
    });
    expect(selectionOutcome([], rules).decision).toBe("NO_APPLICANTS");
  });

  it("refuses points outside a criterion's scale", () => {
    expect(checkSelectionPoints({ rationale: 11 }, rules.criteria)).toEqual([
      { criterion: "rationale", code: "OUT_OF_SCALE" },
      { criterion: "objectives_methods", code: "MISSING" },
      { criterion: "products_impact", code: "MISSING" },
      { criterion: "capacity", code: "MISSING" },
      { criterion: "plan_budget", code: "MISSING" },
    ]);
    expect(() => selectionOutcome([{ applicantId: 1, sheets: [sheet(1, [11, 30, 25, 20, 15])] }], rules)).toThrow(
      RangeError,
    );
  });

  it("can allow some zeros on a key criterion by parameter (more than 1/3 of members excludes)", () => {
    const lenient = { ...rules, keyZeroFraction: { num: 1, den: 3 } };
    const one = [sheet(1, [10, 30, 0, 20, 15]), sheet(2, [10, 30, 25, 20, 15]), sheet(3, [10, 30, 25, 20, 15])];
    expect(selectionOutcome([{ applicantId: 1, sheets: one }], lenient).winnerApplicantId).toBe(1);
    const two = [sheet(1, [10, 30, 0, 20, 15]), sheet(2, [10, 30, 0, 20, 15]), sheet(3, [10, 30, 25, 20, 15])];
    expect(selectionOutcome([{ applicantId: 1, sheets: two }], lenient).decision).toBe("NO_QUALIFIED");
  });
});
