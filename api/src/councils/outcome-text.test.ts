import { describe, expect, it } from "vitest";
import { councilAcceptanceOutcome, DEFAULT_POINTS_BANDS, selectionOutcome } from "./grading.ts";
import { describeOutcome, describeSelection } from "./outcome-text.ts";
import { checkQuorum } from "./quorum.ts";

describe("the outcome in words", () => {
  const members = [
    { memberId: 1, role: "chair" as const, fullName: "Nguyễn Thị Thu Hà", grade: "excellent" as const },
    { memberId: 2, role: "reviewer" as const, fullName: "Lê Quốc Đạt", grade: "excellent" as const },
    { memberId: 3, role: "reviewer" as const, fullName: "Phạm Minh Châu", grade: "fail" as const },
    { memberId: 4, role: "member" as const, fullName: "Vũ Đức Thắng", grade: "excellent" as const },
  ].map((m) => ({ ...m, present: true, attended: true, recused: false }));
  const quorum = checkQuorum(members);
  const outcome = councilAcceptanceOutcome({
    members,
    lateDossier: false,
    quorum,
    regulation: "Thông tư số 11/2014/TT-BKHCN",
  });

  it("states the quorum, tally, each threshold with its votes, the result and the regulation (vi)", () => {
    expect(describeOutcome(outcome, "vi")).toEqual([
      "Có mặt 4/4 thành viên không rút lui (cần ít nhất 3, tỉ lệ 2/3); Chủ tịch có mặt; 2 ủy viên phản biện có mặt: đủ điều kiện họp.",
      "Số phiếu hợp lệ: 4; Xuất sắc: 3, Đạt: 0, Không đạt: 1.",
      "Xuất sắc cần ít nhất 3/4 số phiếu Xuất sắc (3/4); có 3: đạt.",
      "Xuất sắc cần không có phiếu Không đạt; có 1: không đạt.",
      "Đạt cần ít nhất 3/4 số phiếu từ Đạt trở lên (3/4); có 3: đạt.",
      "Kết quả: Đạt.",
      "Căn cứ: Thông tư số 11/2014/TT-BKHCN.",
    ]);
  });

  it("says the same in English, and leaves out what the minutes print elsewhere", () => {
    const lines = describeOutcome(outcome, "en", { quorum: true, counts: true, result: true });
    expect(lines[0]).toBe("Excellent needs at least 3/4 of the votes Excellent (3 of 4); got 3: met.");
    expect(lines).not.toContain("Result: Pass.");
    expect(lines.at(-1)).toBe("Under: Thông tư số 11/2014/TT-BKHCN.");
  });

  it("explains a late dossier and a points average", () => {
    const late = councilAcceptanceOutcome({ members, lateDossier: true });
    expect(describeOutcome(late, "vi")).toContain(
      "Hồ sơ đánh giá, nghiệm thu nộp muộn, không có gia hạn được chấp thuận: xếp loại Không đạt.",
    );
    const points = councilAcceptanceOutcome({
      members: [84, 85].map((p, i) => ({ memberId: i + 1, present: true, recused: false, points: p })),
      lateDossier: false,
      scheme: { kind: "points", max: 100, bands: DEFAULT_POINTS_BANDS },
    });
    expect(describeOutcome(points, "vi")).toContain("Điểm trung bình: 84,50/100, thuộc khoảng từ 70 điểm: Đạt.");
  });

  it("ranks selection applicants by name", () => {
    const criteria = [{ code: "all", nameVi: "Tất cả", nameEn: "All", max: 100, key: true }];
    const result = selectionOutcome(
      [
        { applicantId: 1, sheets: [{ memberId: 1, points: { all: 80 } }] },
        { applicantId: 2, sheets: [{ memberId: 1, points: { all: 80 } }] },
      ],
      { passAverage: 70, criteria, keyZeroFraction: { num: 0, den: 1 } },
    );
    expect(describeSelection(result, "vi", { 1: "Viện A", 2: "Trường B" }).at(-1)).toBe(
      "Bằng điểm cao nhất: Viện A, Trường B; chưa có hồ sơ trúng tuyển.",
    );
  });
});
