import { type Fraction, formatFraction, meetsFraction, neededFor } from "./fraction.ts";
import type { QuorumResult } from "./quorum.ts";

/*
 * Acceptance grading and selection scoring as pure functions (domain.md "Acceptance grading").
 * A member grades each contracted product on quantity and quality and grades the final report;
 * the member's overall grade follows from those; the council's outcome follows from the overall
 * grades of the members present and not recused. Every threshold is a rule parameter and is
 * compared exactly in integers (got × den ≥ num × total). Each result carries a structured
 * explanation (codes and numbers) that the web words from its catalogues and the minutes print.
 */

export const GRADES = ["excellent", "pass", "fail"] as const;
export type Grade = (typeof GRADES)[number];

const rank: Record<Grade, number> = { fail: 0, pass: 1, excellent: 2 };
const atLeast = (g: Grade, floor: Grade) => rank[g] >= rank[floor];

/** Rule parameter acceptance_thresholds. */
export interface AcceptanceThresholds {
  /** Share of the votes that must be Xuất sắc (with none Không đạt) for an excellent outcome. */
  excellentFraction: Fraction;
  /** Share of the votes that must be Đạt or better for a pass. */
  passFraction: Fraction;
  /** Share of the quantity criteria that must be Đạt or better, and least share of a contracted amount delivered. */
  quantityFraction: Fraction;
}

export const DEFAULT_ACCEPTANCE_THRESHOLDS: AcceptanceThresholds = {
  excellentFraction: { num: 3, den: 4 },
  passFraction: { num: 3, den: 4 },
  quantityFraction: { num: 3, den: 4 },
};

// ---- Points (hundredths, so 8.5 points compare exactly)

/** A band of the 100-point scale: from `min` points up to the next band. */
export interface PointsBand {
  min: number;
  grade: Grade;
  /** The band's name code for the catalogues, e.g. "excellent", "good", "pass", "fail". */
  label: string;
}

/** Rule parameter grading_scheme. */
export type GradingScheme = { kind: "grades" } | { kind: "points"; max: number; bands: PointsBand[] };

export const DEFAULT_POINTS_BANDS: PointsBand[] = [
  { min: 85, grade: "excellent", label: "excellent" },
  { min: 70, grade: "pass", label: "good" },
  { min: 50, grade: "pass", label: "pass" },
  { min: 0, grade: "fail", label: "fail" },
];

/** Points as whole hundredths; null when not a finite multiple of 0.01. */
export function toHundredths(points: number): number | null {
  if (!Number.isFinite(points)) return null;
  const h = Math.round(points * 100);
  return Math.abs(h - points * 100) < 1e-6 ? h : null;
}

/** Hundredths as a decimal string with two places, e.g. 7850 → "78.50". */
export function formatHundredths(h: number): string {
  const sign = h < 0 ? "-" : "";
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}

/** sum / count in hundredths, rounded half up (for display; comparisons use sum and count). */
const averageHundredths = (sum: number, count: number) =>
  count === 0 ? 0 : Math.floor((2 * sum + count) / (2 * count));

export type PointsCheck = { ok: true; hundredths: number } | { ok: false; code: "OUT_OF_SCALE" | "TOO_PRECISE" };

/** Whether points are on the scale 0..max in steps of 0.01 (the API answers GRADE_OUT_OF_SCALE otherwise). */
export function checkPoints(points: number, max: number): PointsCheck {
  const h = toHundredths(points);
  if (h === null) return { ok: false, code: Number.isFinite(points) ? "TOO_PRECISE" : "OUT_OF_SCALE" };
  if (h < 0 || h > max * 100) return { ok: false, code: "OUT_OF_SCALE" };
  return { ok: true, hundredths: h };
}

const sortedBands = (bands: readonly PointsBand[]) => [...bands].sort((a, b) => b.min - a.min);

/** The band that `sum / count` points (in hundredths) falls in, compared exactly. */
function bandOf(sumHundredths: number, count: number, bands: readonly PointsBand[]): PointsBand {
  const band = sortedBands(bands).find((b) => sumHundredths >= b.min * 100 * count);
  // The parameter's schema requires a band from 0, so only a hand-made scheme can miss.
  if (!band) throw new RangeError("The points bands do not cover the score");
  return band;
}

/** A member's grade from points on the scheme's scale. */
export function gradeFromPoints(points: number, bands: readonly PointsBand[] = DEFAULT_POINTS_BANDS): PointsBand {
  const h = toHundredths(points);
  if (h === null) throw new RangeError(`Not a score: ${points}`);
  return bandOf(h, 1, bands);
}

// ---- A member's grade

export interface ProductScore {
  productId: number;
  quantity: Grade;
  quality: Grade;
  /**
   * The amounts delivered and contracted, where the sheet records them (numbers or decimal
   * strings in the product's unit): delivering less than quantityFraction of the contracted
   * amount rules out a pass whatever the quantity grades say.
   */
  delivered?: number | string | null;
  contracted?: number | string | null;
}

export interface AcceptanceSheet {
  products: readonly ProductScore[];
  report: Grade;
}

export type MemberReasonCode =
  /** No product on the sheet: the grade follows the report alone. */
  | "NO_PRODUCTS"
  | "REPORT_BELOW_PASS"
  | "QUALITY_BELOW_PASS"
  | "QUANTITY_SHARE_SHORT"
  | "AMOUNT_SHORTFALL"
  | "PRODUCT_NOT_EXCELLENT"
  | "REPORT_NOT_EXCELLENT"
  | "EXCELLENT_RULES_MET"
  | "PASS_RULES_MET";

export interface MemberReason {
  code: MemberReasonCode;
  productIds?: number[];
  got?: number;
  needed?: number;
  total?: number;
  fraction?: string;
}

export interface MemberGradeResult {
  grade: Grade;
  reasons: MemberReason[];
}

/** A decimal amount as an exact fraction over a power of ten; null when not a plain non-negative decimal. */
function decimal(value: number | string): { units: bigint; scale: bigint } | null {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value.trim();
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const fraction = m[2] ?? "";
  return { units: BigInt(`${m[1]}${fraction}`), scale: 10n ** BigInt(fraction.length) };
}

/** delivered / contracted < num / den, exactly; false when either amount is missing or unreadable. */
function shortOfAmount(p: ProductScore, f: Fraction): boolean {
  if (p.delivered == null || p.contracted == null) return false;
  const d = decimal(p.delivered);
  const c = decimal(p.contracted);
  if (!d || !c || c.units === 0n) return false;
  // d.units/d.scale × den < num × c.units/c.scale
  return d.units * c.scale * BigInt(f.den) < BigInt(f.num) * c.units * d.scale;
}

/**
 * A member's overall grade from the sheet: Xuất sắc when every product criterion is Xuất sắc and
 * the report at least Đạt; Đạt when every quality is at least Đạt, at least quantityFraction of
 * the quantity criteria are at least Đạt, no amount falls below quantityFraction of the contract
 * and the report is at least Đạt; otherwise Không đạt.
 */
export function memberAcceptanceGrade(
  sheet: AcceptanceSheet,
  thresholds: AcceptanceThresholds = DEFAULT_ACCEPTANCE_THRESHOLDS,
): MemberGradeResult {
  const products = sheet.products;
  const reasons: MemberReason[] = [];
  if (products.length === 0) {
    reasons.push({ code: "NO_PRODUCTS" });
    if (sheet.report === "fail") return { grade: "fail", reasons: [...reasons, { code: "REPORT_BELOW_PASS" }] };
    return { grade: sheet.report, reasons };
  }

  const reportOk = atLeast(sheet.report, "pass");
  const qualityFails = products.filter((p) => !atLeast(p.quality, "pass")).map((p) => p.productId);
  const quantityOk = products.filter((p) => atLeast(p.quantity, "pass")).length;
  const quantityNeeded = neededFor(products.length, thresholds.quantityFraction);
  const quantityShareOk = meetsFraction(quantityOk, products.length, thresholds.quantityFraction);
  const shortfalls = products.filter((p) => shortOfAmount(p, thresholds.quantityFraction)).map((p) => p.productId);
  const notExcellent = products
    .filter((p) => p.quantity !== "excellent" || p.quality !== "excellent")
    .map((p) => p.productId);

  if (reportOk && notExcellent.length === 0 && shortfalls.length === 0) {
    return { grade: "excellent", reasons: [{ code: "EXCELLENT_RULES_MET", total: products.length }] };
  }

  if (!reportOk) reasons.push({ code: "REPORT_BELOW_PASS" });
  if (qualityFails.length > 0) reasons.push({ code: "QUALITY_BELOW_PASS", productIds: qualityFails });
  if (!quantityShareOk) {
    reasons.push({
      code: "QUANTITY_SHARE_SHORT",
      got: quantityOk,
      needed: quantityNeeded,
      total: products.length,
      fraction: formatFraction(thresholds.quantityFraction),
    });
  }
  if (shortfalls.length > 0) {
    reasons.push({
      code: "AMOUNT_SHORTFALL",
      productIds: shortfalls,
      fraction: formatFraction(thresholds.quantityFraction),
    });
  }
  if (reasons.length > 0) return { grade: "fail", reasons };

  return {
    grade: "pass",
    reasons: [
      { code: "PRODUCT_NOT_EXCELLENT", productIds: notExcellent },
      {
        code: "PASS_RULES_MET",
        got: quantityOk,
        needed: quantityNeeded,
        total: products.length,
        fraction: formatFraction(thresholds.quantityFraction),
      },
    ],
  };
}

// ---- The council's outcome

export interface VotingMember {
  memberId: number;
  fullName?: string;
  present: boolean;
  recused: boolean;
  recusalReason?: string | null;
  /** Grades scheme: the member's overall grade (memberAcceptanceGrade). */
  grade?: Grade | null;
  /** Points scheme: the member's points on the scheme's scale. */
  points?: number | null;
}

export interface AcceptanceOutcomeInput {
  members: readonly VotingMember[];
  /** The dossier came later than allowed and no extension was approved. */
  lateDossier: boolean;
  thresholds?: AcceptanceThresholds;
  scheme?: GradingScheme;
  /** checkQuorum's result; without a quorum there is no outcome. Omitted: not checked here. */
  quorum?: QuorumResult | null;
  /** Rule parameter council_regulation for the task's regime (the text the minutes cite). */
  regulation?: string;
}

export type ThresholdRule = "excellent_share" | "no_fail_for_excellent" | "pass_share";

export interface ThresholdCheck {
  rule: ThresholdRule;
  /** e.g. "3/4"; "0/1" for the "no Không đạt" rule (needed is then the most allowed). */
  fraction: string;
  num: number;
  den: number;
  /** Votes needed to meet it (for no_fail_for_excellent: the most Không đạt votes allowed, 0). */
  needed: number;
  got: number;
  total: number;
  met: boolean;
}

export type OutcomeDecision =
  | "NO_QUORUM"
  | "NO_VOTERS"
  | "MISSING_GRADES"
  | "LATE_DOSSIER"
  | "EXCELLENT"
  | "PASS"
  | "PASS_EXCELLENT_BLOCKED_BY_FAIL"
  | "FAIL_PASS_SHARE_NOT_MET"
  | "POINTS_BAND";

export interface OutcomeExplanation {
  scheme: "grades" | "points";
  decision: OutcomeDecision;
  counts: Record<Grade, number>;
  /** Votes that count: members present, not recused, with a grade (or points). */
  voting: number;
  present: number;
  absent: number;
  thresholds: ThresholdCheck[];
  /** Points scheme: the average and its band. */
  points: {
    sumHundredths: number;
    count: number;
    average: string;
    band: PointsBand;
  } | null;
  quorum: Pick<
    QuorumResult,
    "met" | "present" | "required" | "total" | "fraction" | "chairPresent" | "actingViceChair" | "reviewersPresent"
  > | null;
  recusals: { memberId: number; fullName: string | null; reason: string | null }[];
  /** Present, not recused, yet without a grade: the council cannot close. */
  missingGrades: number[];
  lateDossier: boolean;
  regulation: string;
}

export interface AcceptanceOutcome {
  /** null: no outcome can be stated (no quorum, nobody to vote, grades missing). */
  result: Grade | null;
  explanation: OutcomeExplanation;
}

export function councilAcceptanceOutcome(input: AcceptanceOutcomeInput): AcceptanceOutcome {
  const thresholds = input.thresholds ?? DEFAULT_ACCEPTANCE_THRESHOLDS;
  const scheme = input.scheme ?? { kind: "grades" };
  const seated = input.members.filter((m) => !m.recused);
  const present = seated.filter((m) => m.present);
  const graded = (m: VotingMember) =>
    scheme.kind === "grades" ? m.grade != null : m.points != null && toHundredths(m.points) !== null;
  const voters = present.filter(graded);
  const gradeOf = (m: VotingMember): Grade =>
    scheme.kind === "grades" ? (m.grade as Grade) : gradeFromPoints(m.points as number, scheme.bands).grade;

  const counts: Record<Grade, number> = { excellent: 0, pass: 0, fail: 0 };
  for (const m of voters) counts[gradeOf(m)] += 1;
  const total = voters.length;

  const thresholdChecks: ThresholdCheck[] = [];
  let points: OutcomeExplanation["points"] = null;
  let gradeResult: Grade | null = null;
  let decision: OutcomeDecision;

  if (scheme.kind === "grades") {
    const excellent = check("excellent_share", thresholds.excellentFraction, counts.excellent, total);
    const noFail: ThresholdCheck = {
      rule: "no_fail_for_excellent",
      fraction: "0/1",
      num: 0,
      den: 1,
      needed: 0,
      got: counts.fail,
      total,
      met: total > 0 && counts.fail === 0,
    };
    const pass = check("pass_share", thresholds.passFraction, counts.excellent + counts.pass, total);
    thresholdChecks.push(excellent, noFail, pass);
    if (excellent.met && noFail.met) {
      gradeResult = "excellent";
      decision = "EXCELLENT";
    } else if (pass.met) {
      gradeResult = "pass";
      decision = excellent.met ? "PASS_EXCELLENT_BLOCKED_BY_FAIL" : "PASS";
    } else {
      gradeResult = "fail";
      decision = "FAIL_PASS_SHARE_NOT_MET";
    }
  } else {
    decision = "POINTS_BAND";
    if (total > 0) {
      const sum = voters.reduce((s, m) => s + (toHundredths(m.points as number) as number), 0);
      const band = bandOf(sum, total, scheme.bands);
      points = { sumHundredths: sum, count: total, average: formatHundredths(averageHundredths(sum, total)), band };
      gradeResult = band.grade;
    }
  }

  const missingGrades = present.filter((m) => !graded(m)).map((m) => m.memberId);
  let result: Grade | null = gradeResult;
  if (input.quorum && !input.quorum.met) {
    result = null;
    decision = "NO_QUORUM";
  } else if (missingGrades.length > 0) {
    result = null;
    decision = "MISSING_GRADES";
  } else if (total === 0) {
    result = null;
    decision = "NO_VOTERS";
  } else if (input.lateDossier) {
    result = "fail";
    decision = "LATE_DOSSIER";
  }

  const q = input.quorum;
  return {
    result,
    explanation: {
      scheme: scheme.kind,
      decision,
      counts,
      voting: total,
      present: present.length,
      absent: seated.length - present.length,
      thresholds: thresholdChecks,
      points,
      quorum: q
        ? {
            met: q.met,
            present: q.present,
            required: q.required,
            total: q.total,
            fraction: q.fraction,
            chairPresent: q.chairPresent,
            actingViceChair: q.actingViceChair,
            reviewersPresent: q.reviewersPresent,
          }
        : null,
      recusals: input.members
        .filter((m) => m.recused)
        .map((m) => ({ memberId: m.memberId, fullName: m.fullName ?? null, reason: m.recusalReason ?? null })),
      missingGrades,
      lateDossier: input.lateDossier,
      regulation: input.regulation ?? "",
    },
  };
}

function check(rule: ThresholdRule, f: Fraction, got: number, total: number): ThresholdCheck {
  return {
    rule,
    fraction: formatFraction(f),
    num: f.num,
    den: f.den,
    needed: neededFor(total, f),
    got,
    total,
    met: meetsFraction(got, total, f),
  };
}

/** Whether a dossier is late: submitted after its due date (or after an approved extension's). */
export function isDossierLate(dossier: { dueOn: string; submittedOn: string; extendedTo?: string | null }): boolean {
  const deadline = dossier.extendedTo && dossier.extendedTo > dossier.dueOn ? dossier.extendedTo : dossier.dueOn;
  return dossier.submittedOn > deadline;
}

// ---- Selection councils

export interface SelectionCriterion {
  code: string;
  nameVi: string;
  nameEn: string;
  max: number;
  /** A key criterion at 0 excludes the applicant. */
  key: boolean;
}

/** Rule parameters selection_pass_average, selection_criteria and selection_key_zero_fraction. */
export interface SelectionRules {
  passAverage: number;
  criteria: readonly SelectionCriterion[];
  /**
   * A key criterion counts as "at 0" when more than this share of the members scored it 0
   * (default 0/1: a single 0 from any member).
   */
  keyZeroFraction: Fraction;
}

export interface SelectionSheet {
  memberId: number;
  /** Points per criterion code. */
  points: Readonly<Record<string, number>>;
}

export interface ApplicantScores {
  applicantId: number;
  sheets: readonly SelectionSheet[];
}

export type SelectionReasonCode = "AVERAGE_BELOW_PASS" | "KEY_CRITERION_ZERO" | "NO_SHEETS";

export interface SelectionReason {
  code: SelectionReasonCode;
  criterion?: string;
  /** Members who gave the key criterion 0, and members scoring. */
  zeros?: number;
  members?: number;
  average?: string;
  passAverage?: number;
}

export interface RankedApplicant {
  applicantId: number;
  /** 1 for the highest average; equal averages share a rank. */
  rank: number;
  /** The average of the members' totals, two decimals (compare with sumHundredths/members). */
  average: string;
  sumHundredths: number;
  members: number;
  byCriterion: { code: string; average: string; zeros: number }[];
  qualified: boolean;
  reasons: SelectionReason[];
}

export type SelectionDecision = "WINNER" | "TIE" | "NO_QUALIFIED" | "NO_APPLICANTS";

export interface SelectionOutcome {
  winnerApplicantId: number | null;
  decision: SelectionDecision;
  /** The qualified applicants sharing the highest average when decision is TIE. */
  tiedApplicantIds: number[];
  ranking: RankedApplicant[];
  passAverage: number;
  keyZeroFraction: string;
}

export type SelectionPointsProblem = {
  criterion: string;
  code: "UNKNOWN_CRITERION" | "MISSING" | "OUT_OF_SCALE" | "TOO_PRECISE";
};

/** What is wrong with one member's points for one applicant (empty: fine). */
export function checkSelectionPoints(
  points: Readonly<Record<string, number>>,
  criteria: readonly SelectionCriterion[],
): SelectionPointsProblem[] {
  const problems: SelectionPointsProblem[] = [];
  const known = new Set(criteria.map((c) => c.code));
  for (const code of Object.keys(points)) {
    if (!known.has(code)) problems.push({ criterion: code, code: "UNKNOWN_CRITERION" });
  }
  for (const c of criteria) {
    const value = points[c.code];
    if (value === undefined) {
      problems.push({ criterion: c.code, code: "MISSING" });
      continue;
    }
    const checked = checkPoints(value, c.max);
    if (!checked.ok) problems.push({ criterion: c.code, code: checked.code });
  }
  return problems;
}

/**
 * Ranks the applicants by the average of the members' totals. An applicant qualifies with an
 * average of at least passAverage and no key criterion at 0; the highest qualified average wins;
 * equal highest averages are a tie, reported with no winner, as is "nobody qualified".
 */
export function selectionOutcome(applicants: readonly ApplicantScores[], rules: SelectionRules): SelectionOutcome {
  const ranked = applicants.map((a): RankedApplicant => {
    for (const s of a.sheets) {
      const problems = checkSelectionPoints(s.points, rules.criteria);
      if (problems.length > 0) {
        throw new RangeError(
          `Points of member ${s.memberId} for applicant ${a.applicantId}: ${problems.map((p) => `${p.criterion} ${p.code}`).join(", ")}`,
        );
      }
    }
    const members = a.sheets.length;
    const criterionSum = (code: string) =>
      a.sheets.reduce((sum, s) => sum + (toHundredths(s.points[code] as number) as number), 0);
    const sum = rules.criteria.reduce((s, c) => s + criterionSum(c.code), 0);
    const byCriterion = rules.criteria.map((c) => ({
      code: c.code,
      average: formatHundredths(averageHundredths(criterionSum(c.code), members)),
      zeros: a.sheets.filter((s) => s.points[c.code] === 0).length,
    }));
    const reasons: SelectionReason[] = [];
    const average = formatHundredths(averageHundredths(sum, members));
    if (members === 0) reasons.push({ code: "NO_SHEETS" });
    else if (sum < rules.passAverage * 100 * members) {
      reasons.push({ code: "AVERAGE_BELOW_PASS", average, passAverage: rules.passAverage });
    }
    for (const c of rules.criteria) {
      if (!c.key || members === 0) continue;
      const zeros = byCriterion.find((b) => b.code === c.code)?.zeros ?? 0;
      // More than keyZeroFraction of the members at 0: zeros × den > num × members.
      if (zeros > 0 && zeros * rules.keyZeroFraction.den > rules.keyZeroFraction.num * members) {
        reasons.push({ code: "KEY_CRITERION_ZERO", criterion: c.code, zeros, members });
      }
    }
    return {
      applicantId: a.applicantId,
      rank: 0,
      average,
      sumHundredths: sum,
      members,
      byCriterion,
      qualified: reasons.length === 0,
      reasons,
    };
  });

  // a before b when a's average is higher: sumA/nA > sumB/nB ⇔ sumA × nB > sumB × nA.
  const compare = (a: RankedApplicant, b: RankedApplicant) => {
    const x = b.sumHundredths * Math.max(a.members, 1) - a.sumHundredths * Math.max(b.members, 1);
    return x !== 0 ? x : a.applicantId - b.applicantId;
  };
  const equal = (a: RankedApplicant, b: RankedApplicant) =>
    a.sumHundredths * Math.max(b.members, 1) === b.sumHundredths * Math.max(a.members, 1);
  ranked.sort(compare);
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.rank = previous && equal(previous, r) ? previous.rank : i + 1;
  });

  const base = {
    ranking: ranked,
    passAverage: rules.passAverage,
    keyZeroFraction: formatFraction(rules.keyZeroFraction),
  };
  if (ranked.length === 0) return { ...base, winnerApplicantId: null, decision: "NO_APPLICANTS", tiedApplicantIds: [] };
  const qualified = ranked.filter((r) => r.qualified);
  const best = qualified[0];
  if (!best) return { ...base, winnerApplicantId: null, decision: "NO_QUALIFIED", tiedApplicantIds: [] };
  const tied = qualified.filter((r) => equal(r, best));
  if (tied.length > 1) {
    return { ...base, winnerApplicantId: null, decision: "TIE", tiedApplicantIds: tied.map((r) => r.applicantId) };
  }
  return { ...base, winnerApplicantId: best.applicantId, decision: "WINNER", tiedApplicantIds: [] };
}
