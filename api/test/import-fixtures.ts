import writeXlsxFile from "write-excel-file/node";
import { type RegisterRow, registerSheet } from "../src/imports/template.ts";
import { writeSpreadsheet } from "../src/spreadsheets/write.ts";

/*
 * Registers as a department would hand them over, for the import tests and the e2e journey:
 * a clean one of 100 tasks, one with mistakes of every kind, and files that are not registers.
 */

const KINDS = ["Đề tài", "Dự án SXTN", "Đề án", "Nhiệm vụ KH,CN&ĐMST"];
const FIELDS = ["Khoa học nông nghiệp", "Kỹ thuật và công nghệ", "Khoa học y, dược", "Khoa học xã hội"];
const STAGES = ["Đề xuất", "Phê duyệt", "Đang thực hiện", "Nghiệm thu", "Đã kết thúc"];
const HOSTS = [
  "Viện Cây lương thực",
  "Trường Đại học Hoa Lư",
  "Trung tâm Ứng dụng tiến bộ KH&CN tỉnh",
  "Công ty TNHH Thủy sản Kim Sơn",
];
const PEOPLE = ["TS. Nguyễn Văn An", "ThS. Phạm Thu Hà", "PGS.TS. Đỗ Quang Huy", "KS. Vũ Minh Khoa", "TS. Hoàng Lan"];

export const REGISTER_YEARS = [2024, 2025, 2026];

/**
 * `count` well-formed rows with codes `<prefix>.001` …: kinds, stages, hosts and PIs vary; running
 * and closed tasks carry dates and budget by year in triệu đồng that add up to the total.
 */
export function registerRows(count: number, options: { prefix?: string; themeCode?: string } = {}): RegisterRow[] {
  const prefix = options.prefix ?? "NK";
  return Array.from({ length: count }, (_, i): RegisterRow => {
    const n = i + 1;
    const stage = STAGES[i % STAGES.length] ?? "Đề xuất";
    const dated = stage !== "Đề xuất";
    const kind = KINDS[i % KINDS.length] ?? "Đề tài";
    const first = 400 + (i % 7) * 10.5;
    const second = 300 + (i % 5) * 25;
    const counterpart = kind === "Dự án SXTN" ? 150 : 0;
    return {
      code: `${prefix}.${String(n).padStart(3, "0")}`,
      title: `Nhiệm vụ số ${n}: ứng dụng công nghệ cho sản xuất ${["lúa", "bò thịt", "cá hồng Mỹ", "đông trùng hạ thảo"][i % 4]}`,
      kind,
      field: FIELDS[i % FIELDS.length] ?? "Khoa học nông nghiệp",
      host: HOSTS[i % HOSTS.length] ?? "Viện Cây lương thực",
      pi: PEOPLE[i % PEOPLE.length] ?? "TS. Nguyễn Văn An",
      themes: options.themeCode ?? "",
      startDate: dated ? "2025-10-01" : null,
      endDate: dated ? "2026-12-31" : null,
      stage,
      total: dated ? Math.round((first + second + counterpart) * 10) / 10 : 0,
      years: dated ? { 2025: first, 2026: second } : ({} as Record<number, number>),
      counterpart: dated && counterpart > 0 ? { 2026: counterpart } : ({} as Record<number, number>),
    };
  });
}

export async function registerXlsx(rows: readonly RegisterRow[]): Promise<Uint8Array> {
  return (await writeSpreadsheet(registerSheet(rows, REGISTER_YEARS, [2026]), "xlsx")).body;
}

export async function registerCsv(rows: readonly RegisterRow[]): Promise<Uint8Array> {
  return (await writeSpreadsheet(registerSheet(rows, REGISTER_YEARS, [2026]), "csv")).body;
}

/** 100 clean tasks. */
export const hundredTaskRegister = (themeCode?: string) =>
  registerXlsx(registerRows(100, themeCode !== undefined ? { themeCode } : {}));

/**
 * Ten rows, four of them wrong (row numbers as the sheet shows them, the header being row 1):
 * row 3 an unknown theme, row 5 dates in the wrong order, row 7 text in the total, row 9 the code of row 2.
 */
export async function brokenRegister(themeCode?: string, prefix = "LOI"): Promise<Uint8Array> {
  const rows = registerRows(10, { prefix, ...(themeCode !== undefined ? { themeCode } : {}) });
  const at = (row: number) => rows[row - 2] as RegisterRow;
  at(3).themes = "Vũ trụ";
  at(5).startDate = "2026-12-31";
  at(5).endDate = "2025-10-01";
  at(5).stage = "Phê duyệt";
  at(7).total = "khoảng một tỷ";
  at(9).code = at(2).code;
  return registerXlsx(rows);
}

/** A register whose table merges two cells of a data row (B3:C3). */
export async function mergedRegister(): Promise<Uint8Array> {
  const header = ["Mã nhiệm vụ", "Tên nhiệm vụ", "Loại nhiệm vụ", "Lĩnh vực", "Tổ chức chủ trì", "Chủ nhiệm"];
  const data = [
    [{ value: "DANH MỤC NHIỆM VỤ KH&CN", columnSpan: 6 }, null, null, null, null, null],
    [...header, "Giai đoạn", "Tổng kinh phí"].map((value) => ({ value })),
    ["GH.001", "Nhiệm vụ gộp ô", "Đề tài", "Nông nghiệp", "Viện A", "TS. A", "Đề xuất", 0].map((value) => ({ value })),
    [
      { value: "GH.002" },
      { value: "Ô gộp", columnSpan: 2 },
      null,
      { value: "Nông nghiệp" },
      { value: "Viện A" },
      { value: "TS. A" },
      { value: "Đề xuất" },
      { value: 0 },
    ],
  ];
  const buffer = await writeXlsxFile(data as never).toBuffer();
  return new Uint8Array(buffer);
}

/** Headers that are not a register's: "Kinh phí" and "Chủ nhiệm" missing, a "Người liên hệ" column unknown. */
export async function wrongColumnsRegister(): Promise<Uint8Array> {
  const data = [
    ["Mã nhiệm vụ", "Tên nhiệm vụ", "Loại nhiệm vụ", "Lĩnh vực", "Tổ chức chủ trì", "Người liên hệ", "Giai đoạn"].map(
      (value) => ({ value }),
    ),
    ["SC.001", "Sai cột", "Đề tài", "Nông nghiệp", "Viện A", "Ông B", "Đề xuất"].map((value) => ({ value })),
  ];
  return new Uint8Array(await writeXlsxFile(data as never).toBuffer());
}

/** A CSV register of `count` rows: for the row limit. */
export function largeCsv(count: number): Uint8Array {
  const header = "Mã nhiệm vụ,Tên nhiệm vụ,Loại nhiệm vụ,Lĩnh vực,Tổ chức chủ trì,Chủ nhiệm,Giai đoạn,Tổng kinh phí";
  const lines = [header];
  for (let i = 1; i <= count; i++) lines.push(`LON.${i},Nhiệm vụ ${i},Đề tài,Nông nghiệp,Viện A,TS. A,Đề xuất,0`);
  return new TextEncoder().encode(`${lines.join("\n")}\n`);
}

/** A multipart body carrying one file, as the browser sends it. */
export function registerForm(content: Uint8Array, name: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(content)]), name);
  return form;
}
