import type { BudgetSource } from "@khcn/db/schema";
import { columnLetter } from "../spreadsheets/read.ts";
import { type AmountUnit, type CellJson, cellText, foldWords } from "./values.ts";

/*
 * The register's columns and the many ways offices head them: Vietnamese with or without
 * diacritics, short forms, English. Budget by year comes as one column per year ("Kinh phí năm
 * 2025", "2025", "NSNN 2025"), counterpart money as "Đối ứng năm 2025"; an amount column's unit
 * comes from its header ("(triệu đồng)", "(đồng)"), đồng when the header says nothing.
 */

export const FIXED_COLUMNS = [
  "code",
  "title",
  "kind",
  "field",
  "host",
  "pi",
  "themes",
  "startDate",
  "endDate",
  "stage",
  "totalBudget",
  "stateBudget",
] as const;
export type FixedColumn = (typeof FIXED_COLUMNS)[number];
/** Fixed columns, and budget-by-year columns keyed `state:2025` / `other:2025`. */
export type ColumnKey = FixedColumn | `${BudgetSource}:${number}`;

export const REQUIRED_COLUMNS: readonly FixedColumn[] = [
  "code",
  "title",
  "kind",
  "field",
  "host",
  "pi",
  "stage",
  "totalBudget",
];

/** The header the sample register uses for each column. */
export const COLUMN_HEADERS: Record<FixedColumn, string> = {
  code: "Mã nhiệm vụ",
  title: "Tên nhiệm vụ",
  kind: "Loại nhiệm vụ",
  field: "Lĩnh vực",
  host: "Tổ chức chủ trì",
  pi: "Chủ nhiệm",
  themes: "Chủ đề",
  startDate: "Ngày bắt đầu",
  endDate: "Ngày kết thúc",
  stage: "Giai đoạn",
  totalBudget: "Tổng kinh phí",
  stateBudget: "Kinh phí NSNN",
};

const SYNONYMS: Record<FixedColumn, string[]> = {
  code: ["ma nhiem vu", "ma so", "ma", "ma de tai", "ma nv", "ma so nhiem vu", "code", "task code"],
  title: ["ten nhiem vu", "ten de tai", "ten de tai du an", "ten", "ten nhiem vu kh cn", "title"],
  kind: ["loai nhiem vu", "loai", "loai hinh", "loai hinh nhiem vu", "hinh thuc", "kind"],
  field: ["linh vuc", "linh vuc khoa hoc", "linh vuc kh cn", "linh vuc nghien cuu", "field"],
  host: [
    "to chuc chu tri",
    "co quan chu tri",
    "don vi chu tri",
    "to chuc chu tri nhiem vu",
    "host",
    "host organisation",
  ],
  pi: ["chu nhiem", "chu nhiem nhiem vu", "chu nhiem de tai", "chu nhiem de tai du an", "pi", "principal investigator"],
  themes: ["chu de", "chu de 4 0", "chu de cmcn 4 0", "linh vuc uu tien", "themes", "theme"],
  startDate: ["ngay bat dau", "bat dau", "thoi gian bat dau", "tu ngay", "start", "start date"],
  endDate: ["ngay ket thuc", "ket thuc", "thoi gian ket thuc", "den ngay", "end", "end date"],
  stage: ["giai doan", "tinh trang", "trang thai", "stage", "status"],
  totalBudget: ["tong kinh phi", "kinh phi", "tong kinh phi duoc duyet", "tong kinh phi phe duyet", "total budget"],
  stateBudget: [
    "kinh phi nsnn",
    "ngan sach nha nuoc",
    "kinh phi ngan sach nha nuoc",
    "kinh phi su nghiep kh cn",
    "nsnn",
    "state budget",
  ],
};

/** Columns a register often has that carry nothing to import: row numbers and notes. */
const IGNORED = new Set(["stt", "tt", "so tt", "so thu tu", "no", "ghi chu", "notes", "note"]);

const WORD_TO_COLUMN = new Map<string, FixedColumn>();
for (const column of FIXED_COLUMNS) {
  for (const word of [foldWords(COLUMN_HEADERS[column]), ...SYNONYMS[column]]) WORD_TO_COLUMN.set(word, column);
}

const STATE_YEAR =
  /^(?:(?:tong )?(?:kinh phi|kp|ngan sach|ngan sach nha nuoc|nsnn|state)(?: nsnn)? )?(?:nam )?(\d{4})$/;
const OTHER_YEAR = /^(?:kinh phi |von )?(?:doi ung|nguon khac|ngoai ngan sach|other)(?: nam)? (\d{4})$/;

export interface MappedColumn {
  /** 0-based index in the sheet. */
  index: number;
  letter: string;
  header: string;
  key: ColumnKey;
  unit?: AmountUnit;
  year?: number;
  source?: BudgetSource;
}

export interface HeaderMapping {
  columns: MappedColumn[];
  missing: FixedColumn[];
  unknown: { letter: string; header: string }[];
  /** A column that appears twice: which one counts would be a guess. */
  repeated: { letter: string; header: string }[];
}

/** The unit a header names, and the header without it. */
export function headerUnit(header: string): { words: string; unit: AmountUnit | null } {
  const folded = foldWords(header);
  let unit: AmountUnit | null = null;
  if (/\b(trieu|tr d|trd|million|millions)\b/.test(folded)) unit = "million";
  else if (/\b(dong|vnd)\b/.test(folded)) unit = "dong";
  const words = foldWords(header.replace(/\(.*?\)|\[.*?\]/g, " "))
    .replace(/\s*\b(trieu dong|trieu|dong|vnd|million vnd|millions|million|tr d|trd)$/, "")
    .trim();
  return { words, unit };
}

const isAmount = (key: ColumnKey) => key === "totalBudget" || key === "stateBudget" || key.includes(":");

export function mapHeader(cells: readonly CellJson[]): HeaderMapping {
  const columns: MappedColumn[] = [];
  const unknown: HeaderMapping["unknown"] = [];
  const repeated: HeaderMapping["repeated"] = [];
  const seen = new Set<ColumnKey>();
  cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === null) return;
    const letter = columnLetter(index);
    const { words, unit } = headerUnit(header);
    if (IGNORED.has(words)) return;
    let mapped: Omit<MappedColumn, "index" | "letter" | "header"> | null = null;
    const fixed = WORD_TO_COLUMN.get(words);
    const stateYear = STATE_YEAR.exec(words);
    const otherYear = OTHER_YEAR.exec(words);
    if (fixed) mapped = { key: fixed };
    else if (stateYear) mapped = { key: `state:${Number(stateYear[1])}`, year: Number(stateYear[1]), source: "state" };
    else if (otherYear) mapped = { key: `other:${Number(otherYear[1])}`, year: Number(otherYear[1]), source: "other" };
    if (!mapped) {
      unknown.push({ letter, header });
      return;
    }
    if (seen.has(mapped.key)) {
      repeated.push({ letter, header });
      return;
    }
    seen.add(mapped.key);
    columns.push({
      index,
      letter,
      header,
      ...mapped,
      ...(isAmount(mapped.key) ? { unit: unit ?? "dong" } : {}),
    });
  });
  const missing = REQUIRED_COLUMNS.filter((key) => !seen.has(key));
  return { columns, missing, unknown, repeated };
}

/** How many fixed columns a row's cells name: the header row is the first that names several. */
export function recognisedColumns(cells: readonly CellJson[]): number {
  return mapHeader(cells).columns.length;
}
