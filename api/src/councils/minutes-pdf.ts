import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import type { AcceptanceOutcome, SelectionOutcome } from "./grading.ts";
import {
  COUNCIL_KIND_NAMES,
  describeOutcome,
  describeQuorum,
  describeSelection,
  GRADE_NAMES,
  ROLE_NAMES,
} from "./outcome-text.ts";
import type { QuorumResult } from "./quorum.ts";
import type { CouncilKindName, CouncilRoleName } from "./roles.ts";

/*
 * The minutes of a council meeting (biên bản họp hội đồng) as a PDF, in Vietnamese. The text is
 * set in DejaVu Serif, shipped by the dejavu-fonts-ttf package and embedded (subset) in each file:
 * it covers every Vietnamese letter with its diacritics, and pdfkit writes a ToUnicode map so the
 * text can be searched and copied. Nothing is fetched at run time. The model holds only what the
 * minutes print; the service assembles it from the council, its members and the stored outcome.
 */

export type Attendance = "present" | "absent" | "recused";

export interface MinutesMember {
  fullName: string;
  /** Academic title or position, e.g. "PGS.TS.". */
  title?: string | null;
  organisation?: string | null;
  role: CouncilRoleName;
  attendance: Attendance;
  recusalReason?: string | null;
}

export interface MinutesModel {
  /** The issuing body's name, printed top left, e.g. "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH NINH BÌNH". */
  issuer: string;
  /** Where the minutes are made, for the date line ("Ninh Bình, ngày …"). */
  placeName?: string | null;
  councilKind: CouncilKindName;
  /** The council's own title; defaults to the kind's name. */
  councilTitle?: string | null;
  tasks: { code: string; title: string; hostOrganisation?: string | null; principalInvestigator?: string | null }[];
  /** The decision establishing the council. */
  establishment: { number: string; issuedOn: string; signer?: string | null } | null;
  meeting: { date: string; place?: string | null };
  members: MinutesMember[];
  quorum: QuorumResult | null;
  /** An acceptance council's outcome (with its explanation). */
  outcome?: AcceptanceOutcome | null;
  /** A selection council's outcome, with the applicants' names. */
  selection?: { outcome: SelectionOutcome; applicantNames: Readonly<Record<number, string>> } | null;
  /** The chair's conclusion, as written. */
  conclusion?: string | null;
  /** Names under the signatures; default: the chair (or acting vice-chair) and the scientific secretary. */
  signatures?: { chair?: string | null; secretary?: string | null };
}

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif.ttf");
const FONT_BOLD = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif-Bold.ttf");
const FONT_ITALIC = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif-Italic.ttf");

const ATTENDANCE_VI: Record<Attendance, string> = { present: "Có mặt", absent: "Vắng mặt", recused: "Rút lui" };

/** "2026-11-26" → "ngày 26 tháng 11 năm 2026" (Vietnamese documents write dates this way). */
export function vietnameseDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `ngày ${d} tháng ${m} năm ${y}`;
}

const shortDate = (iso: string) => {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
};

export async function renderMinutesPdf(model: MinutesModel): Promise<Uint8Array> {
  const title = model.councilTitle || COUNCIL_KIND_NAMES.vi[model.councilKind];
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 57, bottom: 57, left: 85, right: 57 },
    font: FONT_REGULAR,
    info: { Title: `Biên bản họp ${title}`, Subject: model.tasks.map((t) => t.code).join(", ") },
  });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  doc.registerFont("italic", FONT_ITALIC);

  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const half = width / 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // ---- Heading: the issuer on the left, the national motto on the right.
  const top = doc.y;
  const issuerWidth = width * 0.4;
  doc
    .font("regular")
    .fontSize(10.5)
    .text(model.issuer.toUpperCase(), left, top, { width: issuerWidth, align: "center" });
  const leftBottom = doc.y;
  doc
    .font("bold")
    .fontSize(10.5)
    .text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", left + issuerWidth, top, {
      width: width - issuerWidth,
      align: "center",
    });
  doc.fontSize(11).text("Độc lập - Tự do - Hạnh phúc", { width: width - issuerWidth, align: "center" });
  doc.y = Math.max(leftBottom, doc.y) + 8;
  doc
    .font("italic")
    .fontSize(11)
    .text(`${model.placeName ? `${model.placeName}, ` : ""}${vietnameseDate(model.meeting.date)}`, left, doc.y, {
      width,
      align: "right",
    });
  doc.moveDown(1.2);

  doc.font("bold").fontSize(14).text("BIÊN BẢN HỌP HỘI ĐỒNG", left, doc.y, { width, align: "center" });
  doc.font("bold").fontSize(12).text(title, { width, align: "center" });
  doc.moveDown(1);

  const heading = (text: string) => {
    doc.moveDown(0.6);
    // Keep a heading with the lines under it.
    if (doc.y + 60 > bottom()) doc.addPage();
    doc.font("bold").fontSize(12).text(text, left, doc.y, { width });
    doc.moveDown(0.2);
    doc.font("regular").fontSize(11);
  };
  const line = (label: string, value: string) => {
    doc.font("bold").fontSize(11).text(`${label}: `, left, doc.y, { width, continued: true });
    doc.font("regular").text(value);
  };

  // ---- General information.
  heading("I. THÔNG TIN CHUNG");
  for (const task of model.tasks) {
    line("Nhiệm vụ", `${task.code} – ${task.title}`);
    if (task.hostOrganisation) line("Tổ chức chủ trì", task.hostOrganisation);
    if (task.principalInvestigator) line("Chủ nhiệm nhiệm vụ", task.principalInvestigator);
  }
  if (model.establishment) {
    const e = model.establishment;
    line(
      "Quyết định thành lập Hội đồng",
      `số ${e.number} ${vietnameseDate(e.issuedOn)}${e.signer ? ` (người ký: ${e.signer})` : ""}`,
    );
  }
  line("Thời gian họp", shortDate(model.meeting.date));
  if (model.meeting.place) line("Địa điểm", model.meeting.place);

  // ---- Members.
  heading("II. THÀNH VIÊN HỘI ĐỒNG");
  const columns = [22, 145, 92, width - 22 - 145 - 92 - 72, 72];
  const row = (cells: string[], bold = false) => {
    doc.font(bold ? "bold" : "regular").fontSize(10);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: (columns[i] ?? 50) - 4 }));
    const height = Math.max(...heights) + 4;
    if (doc.y + height > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    cells.forEach((c, i) => {
      doc.text(c, x + 2, y + 2, { width: (columns[i] ?? 50) - 4 });
      x += columns[i] ?? 50;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.4)
      .strokeColor("#888888")
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  row(["TT", "Họ và tên", "Chức danh trong Hội đồng", "Cơ quan công tác", "Tình trạng"], true);
  model.members.forEach((m, i) => {
    const status =
      m.attendance === "recused" && m.recusalReason
        ? `${ATTENDANCE_VI.recused} (${m.recusalReason})`
        : ATTENDANCE_VI[m.attendance];
    row([
      String(i + 1),
      [m.title, m.fullName].filter(Boolean).join(" "),
      ROLE_NAMES.vi[m.role],
      m.organisation ?? "",
      status,
    ]);
  });
  doc.moveDown(0.4);

  // ---- Quorum.
  heading("III. ĐIỀU KIỆN HỌP");
  doc.text(model.quorum ? describeQuorum(model.quorum, "vi") : "Chưa ghi nhận thành viên có mặt.", left, doc.y, {
    width,
  });

  // ---- Votes and outcome.
  heading("IV. KẾT QUẢ ĐÁNH GIÁ");
  if (model.outcome) {
    const counts = model.outcome.explanation.counts;
    const names = GRADE_NAMES.vi;
    doc.text(
      `Kiểm phiếu: ${names.excellent}: ${counts.excellent} phiếu; ${names.pass}: ${counts.pass} phiếu; ${names.fail}: ${counts.fail} phiếu.`,
      left,
      doc.y,
      { width },
    );
    const omit = { quorum: true, counts: true, result: true };
    for (const sentence of describeOutcome(model.outcome, "vi", omit)) doc.text(`– ${sentence}`, { width });
    doc.moveDown(0.4);
    doc
      .font("bold")
      .fontSize(12)
      .text(`Xếp loại: ${model.outcome.result ? names[model.outcome.result] : "Chưa có kết luận"}`, left, doc.y, {
        width,
      });
  } else if (model.selection) {
    for (const sentence of describeSelection(model.selection.outcome, "vi", model.selection.applicantNames)) {
      doc.text(`– ${sentence}`, left, doc.y, { width });
    }
  } else {
    doc.text("Hội đồng chưa có kết quả.", left, doc.y, { width });
  }

  heading("V. KẾT LUẬN CỦA HỘI ĐỒNG");
  doc.text(model.conclusion?.trim() || "…", left, doc.y, { width, align: "justify" });

  // ---- Signatures: the secretary on the left, the chair on the right.
  const chairMember =
    model.members.find((m) => m.role === "chair" && m.attendance === "present") ??
    model.members.find((m) => m.role === "vice_chair" && m.attendance === "present");
  const secretaryMember = model.members.find((m) => m.role === "scientific_secretary");
  const chairName = model.signatures?.chair ?? chairMember?.fullName ?? "";
  const secretaryName = model.signatures?.secretary ?? secretaryMember?.fullName ?? "";
  doc.moveDown(1.5);
  if (doc.y + 110 > bottom()) doc.addPage();
  const signTop = doc.y;
  const block = (x: number, heading: string, name: string) => {
    doc.font("bold").fontSize(11).text(heading, x, signTop, { width: half, align: "center" });
    doc.font("italic").fontSize(10).text("(Ký, ghi rõ họ tên)", x, doc.y, { width: half, align: "center" });
    doc
      .font("bold")
      .fontSize(11)
      .text(name, x, signTop + 90, { width: half, align: "center" });
  };
  block(left, "THƯ KÝ KHOA HỌC", secretaryName);
  block(left + half, chairMember?.role === "vice_chair" ? "PHÓ CHỦ TỊCH HỘI ĐỒNG" : "CHỦ TỊCH HỘI ĐỒNG", chairName);

  doc.end();
  return done;
}
