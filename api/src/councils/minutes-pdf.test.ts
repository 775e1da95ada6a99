import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { councilAcceptanceOutcome, type Grade } from "./grading.ts";
import { type MinutesModel, renderMinutesPdf, vietnameseDate } from "./minutes-pdf.ts";
import { checkQuorum } from "./quorum.ts";

/** The text of every page, as a reader would copy it (pdf.js reads the embedded ToUnicode map). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i += 1) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await pdf.destroy();
  // Lines may be cut anywhere; compare on single spaces.
  return pages.join("\n").replace(/\s+/g, " ");
}

const roles = ["chair", "vice_chair", "reviewer", "reviewer", "scientific_secretary", "member", "member"] as const;
const names = [
  "Nguyễn Thị Thu Hà",
  "Trần Văn Bình",
  "Lê Quốc Đạt",
  "Phạm Minh Châu",
  "Hoàng Thị Yến",
  "Vũ Đức Thắng",
  "Đỗ Ngọc Ánh",
];
const grades: (Grade | null)[] = ["excellent", "excellent", "excellent", "excellent", "excellent", "fail", null];

function model(): MinutesModel {
  const members = roles.map((role, i) => ({
    memberId: i + 1,
    role,
    fullName: names[i] as string,
    attended: i !== 6,
    recused: false,
  }));
  const quorum = checkQuorum(members);
  const outcome = councilAcceptanceOutcome({
    members: members.map((m, i) => ({ ...m, present: m.attended, grade: grades[i] ?? null })),
    lateDossier: false,
    quorum,
    regulation: "Thông tư số 11/2014/TT-BKHCN",
  });
  return {
    issuer: "Sở Khoa học và Công nghệ tỉnh Ninh Bình",
    placeName: "Ninh Bình",
    councilKind: "acceptance",
    tasks: [
      {
        code: "ĐT.2024.07",
        title: "Nghiên cứu sản xuất giống cá hồng Mỹ tại Ninh Bình",
        hostOrganisation: "Viện Nghiên cứu Nuôi trồng thủy sản I",
        principalInvestigator: "Nguyễn Văn Khoa",
      },
    ],
    establishment: { number: "135/QĐ-SKHCN", issuedOn: "2026-11-10", signer: "Giám đốc Sở" },
    meeting: { date: "2026-11-26", place: "Phòng họp tầng 3, Sở Khoa học và Công nghệ" },
    members: members.map((m, i) => ({
      fullName: m.fullName,
      title: i < 2 ? "PGS.TS." : "TS.",
      organisation: "Trường Đại học Nông Lâm",
      role: m.role,
      attendance: m.attended ? "present" : "absent",
    })),
    quorum,
    outcome,
    conclusion: "Hội đồng thống nhất đánh giá nhiệm vụ đạt yêu cầu; đề nghị chủ nhiệm hoàn thiện hồ sơ trong 30 ngày.",
  };
}

describe("the minutes PDF", () => {
  it("writes the Vietnamese text into the PDF as text", async () => {
    const bytes = await renderMinutesPdf(model());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const text = await pdfText(bytes);
    for (const expected of [
      "BIÊN BẢN HỌP HỘI ĐỒNG",
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
      "Nguyễn Thị Thu Hà",
      "Đỗ Ngọc Ánh",
      "Vắng mặt",
      "Xuất sắc: 5 phiếu",
      "Không đạt: 1 phiếu",
      "135/QĐ-SKHCN",
      "ĐT.2024.07",
      "Xếp loại: Đạt",
      "Thông tư số 11/2014/TT-BKHCN",
      "THƯ KÝ KHOA HỌC",
      "CHỦ TỊCH HỘI ĐỒNG",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("embeds the font rather than naming a standard one", async () => {
    const raw = Buffer.from(await renderMinutesPdf(model())).toString("latin1");
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/DejaVuSerif/);
    expect(raw).toMatch(/\/ToUnicode/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("says when there is no outcome, and runs onto more pages when it must", async () => {
    const long = model();
    long.outcome = null;
    long.quorum = null;
    long.members = Array.from({ length: 40 }, (_, i) => ({
      fullName: `Thành viên số ${i + 1}`,
      role: "member" as const,
      attendance: i % 3 === 0 ? ("recused" as const) : ("present" as const),
      recusalReason: "Có xung đột lợi ích",
    }));
    const text = await pdfText(await renderMinutesPdf(long));
    expect(text).toContain("Hội đồng chưa có kết quả.");
    expect(text).toContain("Thành viên số 40");
    expect(text).toContain("Rút lui (Có xung đột lợi ích)");
  });

  it("writes dates the Vietnamese way", () => {
    expect(vietnameseDate("2026-04-26")).toBe("ngày 26 tháng 04 năm 2026");
  });
});
