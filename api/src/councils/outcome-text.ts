import type { AcceptanceOutcome, Grade, OutcomeExplanation, SelectionOutcome, ThresholdCheck } from "./grading.ts";
import type { QuorumResult } from "./quorum.ts";
import type { CouncilKindName, CouncilRoleName } from "./roles.ts";

/*
 * Sentences for an outcome's explanation, in Vietnamese and English: for the minutes (printed on
 * the server) and the `lines` of the API's outcome. The web words the structured explanation from
 * its own catalogues; these sentences are the server's copy of the same facts.
 */

export type Lang = "vi" | "en";

export const GRADE_NAMES: Record<Lang, Record<Grade, string>> = {
  vi: { excellent: "Xuất sắc", pass: "Đạt", fail: "Không đạt" },
  en: { excellent: "Excellent", pass: "Pass", fail: "Fail" },
};

export const ROLE_NAMES: Record<Lang, Record<CouncilRoleName, string>> = {
  vi: {
    chair: "Chủ tịch",
    vice_chair: "Phó Chủ tịch",
    reviewer: "Ủy viên phản biện",
    scientific_secretary: "Thư ký khoa học",
    member: "Ủy viên",
  },
  en: {
    chair: "Chair",
    vice_chair: "Vice-chair",
    reviewer: "Reviewer",
    scientific_secretary: "Scientific secretary",
    member: "Member",
  },
};

export const COUNCIL_KIND_NAMES: Record<Lang, Record<CouncilKindName, string>> = {
  vi: {
    identification: "Hội đồng tư vấn xác định nhiệm vụ khoa học và công nghệ",
    selection: "Hội đồng tư vấn tuyển chọn, giao trực tiếp tổ chức và cá nhân chủ trì nhiệm vụ",
    budget_appraisal: "Tổ thẩm định nội dung và kinh phí nhiệm vụ",
    inspection: "Đoàn kiểm tra, đánh giá định kỳ nhiệm vụ",
    expert_verification: "Tổ chuyên gia thẩm định",
    acceptance: "Hội đồng tư vấn đánh giá, nghiệm thu kết quả thực hiện nhiệm vụ",
  },
  en: {
    identification: "Task identification council",
    selection: "Selection and direct assignment council",
    budget_appraisal: "Budget appraisal group",
    inspection: "Inspection team",
    expert_verification: "Expert verification group",
    acceptance: "Acceptance council",
  },
};

/** A decimal with the language's separator ("84.67" → "84,67" in Vietnamese). */
const decimal = (value: string, lang: Lang) => (lang === "vi" ? value.replace(".", ",") : value);

export function describeQuorum(
  q: Pick<
    QuorumResult,
    "met" | "present" | "required" | "total" | "fraction" | "chairPresent" | "actingViceChair" | "reviewersPresent"
  >,
  lang: Lang,
): string {
  if (lang === "vi") {
    const chair = q.chairPresent
      ? "Chủ tịch có mặt"
      : q.actingViceChair
        ? "Phó Chủ tịch điều hành thay Chủ tịch"
        : "Vắng Chủ tịch";
    return `Có mặt ${q.present}/${q.total} thành viên không rút lui (cần ít nhất ${q.required}, tỉ lệ ${q.fraction}); ${chair}; ${q.reviewersPresent} ủy viên phản biện có mặt: ${q.met ? "đủ" : "không đủ"} điều kiện họp.`;
  }
  const chair = q.chairPresent
    ? "the chair present"
    : q.actingViceChair
      ? "the vice-chair acting as chair"
      : "no chair";
  return `${q.present} of ${q.total} members not recused present (at least ${q.required} needed, ${q.fraction}); ${chair}; ${q.reviewersPresent} reviewer(s) present: the quorum is ${q.met ? "met" : "not met"}.`;
}

function describeThreshold(t: ThresholdCheck, lang: Lang): string {
  const vi = lang === "vi";
  const verdict = vi ? (t.met ? "đạt" : "không đạt") : t.met ? "met" : "not met";
  switch (t.rule) {
    case "excellent_share":
      return vi
        ? `Xuất sắc cần ít nhất ${t.fraction} số phiếu Xuất sắc (${t.needed}/${t.total}); có ${t.got}: ${verdict}.`
        : `Excellent needs at least ${t.fraction} of the votes Excellent (${t.needed} of ${t.total}); got ${t.got}: ${verdict}.`;
    case "no_fail_for_excellent":
      return vi
        ? `Xuất sắc cần không có phiếu Không đạt; có ${t.got}: ${verdict}.`
        : `Excellent needs no Fail vote; got ${t.got}: ${verdict}.`;
    case "pass_share":
      return vi
        ? `Đạt cần ít nhất ${t.fraction} số phiếu từ Đạt trở lên (${t.needed}/${t.total}); có ${t.got}: ${verdict}.`
        : `Pass needs at least ${t.fraction} of the votes Pass or better (${t.needed} of ${t.total}); got ${t.got}: ${verdict}.`;
  }
}

/**
 * The explanation of an acceptance outcome as sentences. The minutes, which print the quorum, the
 * tally and the result in their own places, leave those sentences out with `omit`.
 */
export function describeOutcome(
  outcome: AcceptanceOutcome,
  lang: Lang,
  omit: { quorum?: boolean; counts?: boolean; result?: boolean } = {},
): string[] {
  const e: OutcomeExplanation = outcome.explanation;
  const vi = lang === "vi";
  const names = GRADE_NAMES[lang];
  const lines: string[] = [];
  if (e.quorum && !omit.quorum) lines.push(describeQuorum(e.quorum, lang));
  for (const r of e.recusals) {
    const who = r.fullName ?? (vi ? `Thành viên #${r.memberId}` : `Member #${r.memberId}`);
    lines.push(
      vi
        ? `Rút lui: ${who}${r.reason ? ` (${r.reason})` : ""}.`
        : `Recused: ${who}${r.reason ? ` (${r.reason})` : ""}.`,
    );
  }
  if (!omit.counts) {
    lines.push(
      vi
        ? `Số phiếu hợp lệ: ${e.voting}; ${names.excellent}: ${e.counts.excellent}, ${names.pass}: ${e.counts.pass}, ${names.fail}: ${e.counts.fail}.`
        : `Valid votes: ${e.voting}; ${names.excellent}: ${e.counts.excellent}, ${names.pass}: ${e.counts.pass}, ${names.fail}: ${e.counts.fail}.`,
    );
  }
  for (const t of e.thresholds) lines.push(describeThreshold(t, lang));
  if (e.points) {
    lines.push(
      vi
        ? `Điểm trung bình: ${decimal(e.points.average, lang)}/100, thuộc khoảng từ ${e.points.band.min} điểm: ${names[e.points.band.grade]}.`
        : `Average score: ${e.points.average}/100, in the band from ${e.points.band.min} points: ${names[e.points.band.grade]}.`,
    );
  }
  switch (e.decision) {
    case "NO_QUORUM":
      lines.push(vi ? "Không đủ điều kiện họp: Hội đồng không kết luận." : "No quorum: the council states no outcome.");
      break;
    case "NO_VOTERS":
      lines.push(
        vi ? "Không có phiếu hợp lệ: Hội đồng không kết luận." : "No valid vote: the council states no outcome.",
      );
      break;
    case "MISSING_GRADES":
      lines.push(
        vi
          ? `Còn ${e.missingGrades.length} thành viên có mặt chưa đánh giá: chưa thể kết luận.`
          : `${e.missingGrades.length} member(s) present have not graded: no outcome yet.`,
      );
      break;
    case "LATE_DOSSIER":
      lines.push(
        vi
          ? "Hồ sơ đánh giá, nghiệm thu nộp muộn, không có gia hạn được chấp thuận: xếp loại Không đạt."
          : "The acceptance dossier came late without an approved extension: graded Fail.",
      );
      break;
    default:
      break;
  }
  if (outcome.result && !omit.result)
    lines.push(vi ? `Kết quả: ${names[outcome.result]}.` : `Result: ${names[outcome.result]}.`);
  if (e.regulation) lines.push(vi ? `Căn cứ: ${e.regulation}.` : `Under: ${e.regulation}.`);
  return lines;
}

/** A selection outcome as sentences; `names` gives each applicant's name (else its number). */
export function describeSelection(
  outcome: SelectionOutcome,
  lang: Lang,
  names: Readonly<Record<number, string>> = {},
): string[] {
  const vi = lang === "vi";
  const name = (id: number) => names[id] ?? (vi ? `Hồ sơ #${id}` : `Applicant #${id}`);
  const lines = outcome.ranking.map((r) => {
    const why = r.reasons
      .map((reason) => {
        if (reason.code === "AVERAGE_BELOW_PASS") {
          return vi ? `điểm trung bình dưới ${outcome.passAverage}` : `average below ${outcome.passAverage}`;
        }
        if (reason.code === "KEY_CRITERION_ZERO") {
          return vi
            ? `tiêu chí chính ${reason.criterion} có ${reason.zeros}/${reason.members} điểm 0`
            : `key criterion ${reason.criterion} scored 0 by ${reason.zeros} of ${reason.members}`;
        }
        return vi ? "không có phiếu chấm" : "no score sheet";
      })
      .join("; ");
    const status = r.qualified
      ? vi
        ? "đạt yêu cầu"
        : "qualifies"
      : vi
        ? `không đạt (${why})`
        : `does not qualify (${why})`;
    return vi
      ? `${r.rank}. ${name(r.applicantId)}: điểm trung bình ${decimal(r.average, lang)}/100, ${status}.`
      : `${r.rank}. ${name(r.applicantId)}: average ${r.average}/100, ${status}.`;
  });
  switch (outcome.decision) {
    case "WINNER":
      lines.push(
        vi
          ? `Đề nghị trúng tuyển: ${name(outcome.winnerApplicantId as number)}.`
          : `Proposed for selection: ${name(outcome.winnerApplicantId as number)}.`,
      );
      break;
    case "TIE":
      lines.push(
        vi
          ? `Bằng điểm cao nhất: ${outcome.tiedApplicantIds.map(name).join(", ")}; chưa có hồ sơ trúng tuyển.`
          : `Tied for the highest average: ${outcome.tiedApplicantIds.map(name).join(", ")}; no winner.`,
      );
      break;
    case "NO_QUALIFIED":
      lines.push(vi ? "Không có hồ sơ đạt yêu cầu: không có hồ sơ trúng tuyển." : "No applicant qualifies: no winner.");
      break;
    case "NO_APPLICANTS":
      lines.push(vi ? "Không có hồ sơ tham gia." : "No applicant.");
      break;
  }
  return lines;
}
