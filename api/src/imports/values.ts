import { STAGES, type Stage, TASK_FIELDS, TASK_KINDS, type TaskField, type TaskKind } from "@khcn/db/schema";
import { type AmountUnit, dongFromDecimal, splitSeparators } from "../budget/money.ts";

/*
 * Reading a register's cells the way Vietnamese offices write them: amounts as "1.250,5" triệu
 * or "1,250,500,000" đồng, dates as dd/mm/yyyy (or real date cells), kinds, fields and stages
 * in Vietnamese words. Pure: each function returns a value or the reason it cannot.
 */

/** A cell as stored in an import row: text, a number, or an ISO date taken from a date cell. */
export type CellJson = string | number | boolean | null;

export type AmountProblem = "AMOUNT_TEXT" | "AMOUNT_NEGATIVE" | "AMOUNT_FRACTIONAL" | "AMOUNT_TOO_LARGE";
export type { AmountUnit };
export type Parsed<T, P extends string> = { ok: true; value: T } | { ok: false; problem: P };

/** A budget beyond 10^15 đồng (a million tỷ) is a typing slip, not a task. */
const MAX_IMPORTED_DONG = 10n ** 15n;

/** Letters, digits and spaces only, without diacritics: how headers and vocabulary words are compared. */
export function foldWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/**
 * Whole đồng from a cell. Numbers from real number cells are taken at Excel's own precision (15
 * significant digits). Text may carry its unit ("1.250,5 triệu", "1.250.500.000 đ"), which wins
 * over the column's. Separators: with both "." and ",", the last one is the decimal mark; a lone
 * separator followed by exactly three digits groups thousands ("1.250" is one thousand two hundred
 * and fifty, as Vietnamese writes it), except a lone comma in millions, which is the decimal comma.
 */
export function parseAmount(cell: CellJson, columnUnit: AmountUnit): Parsed<bigint, AmountProblem> | null {
  if (cell === null || cell === "") return null;
  if (typeof cell === "boolean") return { ok: false, problem: "AMOUNT_TEXT" };
  let unit = columnUnit;
  let decimal: string;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return { ok: false, problem: "AMOUNT_TEXT" };
    if (cell < 0) return { ok: false, problem: "AMOUNT_NEGATIVE" };
    const text = String(Number(cell.toPrecision(15)));
    if (/e/i.test(text)) return { ok: false, problem: cell >= 1 ? "AMOUNT_TOO_LARGE" : "AMOUNT_FRACTIONAL" };
    decimal = text;
  } else {
    let text = cell.replace(/[\s\u00a0\u202f]/g, "");
    const folded = foldWords(cell);
    if (/(^| )(trieu|tr|trd|million|millions)( dong| d| vnd)?$/.test(folded)) unit = "million";
    else if (/(^| )(dong|d|vnd)$/.test(folded)) unit = "dong";
    text = text.replace(/(triệu|trieu|tr\.?đ?|million[s]?)?(đồng|dong|đ|vnđ|vnd)?\.?$/i, "");
    if (/^-|^\(.*\)$/.test(text)) return { ok: false, problem: "AMOUNT_NEGATIVE" };
    if (!/^\d[\d.,]*$/.test(text) || /[.,]$/.test(text)) return { ok: false, problem: "AMOUNT_TEXT" };
    const separated = splitSeparators(text, unit);
    if (separated === null) return { ok: false, problem: "AMOUNT_TEXT" };
    decimal = separated;
  }
  const dong = dongFromDecimal(decimal, unit, MAX_IMPORTED_DONG);
  return dong.ok ? { ok: true, value: dong.amount } : { ok: false, problem: dong.problem };
}

export type DateProblem = "DATE_INVALID";

/** Days from 1899-12-30 (Excel's epoch, counting its 1900 leap-year slip) for serial numbers in date columns. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** An ISO date from dd/mm/yyyy (also with - or .), yyyy-mm-dd, a date cell (stored ISO) or an Excel serial number. */
export function parseDate(cell: CellJson): Parsed<string, DateProblem> | null {
  if (cell === null || cell === "") return null;
  if (typeof cell === "boolean") return { ok: false, problem: "DATE_INVALID" };
  let y: number;
  let m: number;
  let d: number;
  if (typeof cell === "number") {
    if (!Number.isInteger(cell) || cell < 20000 || cell > 120000) return { ok: false, problem: "DATE_INVALID" };
    const date = new Date(EXCEL_EPOCH + cell * 86_400_000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  } else {
    const text = cell.trim();
    const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T00:00:00(?:\.000)?Z?)?$/.exec(text);
    const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
    if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    else if (vi) [d, m, y] = [Number(vi[1]), Number(vi[2]), Number(vi[3])];
    else return { ok: false, problem: "DATE_INVALID" };
  }
  if (y < 1990 || y > 2200) return { ok: false, problem: "DATE_INVALID" };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: "DATE_INVALID" };
  }
  return { ok: true, value: `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

/** How a register writes each kind, field and stage; the stored codes themselves are accepted too. */
const KIND_WORDS: Record<TaskKind, string[]> = {
  de_tai: ["de tai", "dt", "de tai khoa hoc", "de tai kh cn", "research topic"],
  du_an_sxtn: ["du an sxtn", "du an san xuat thu nghiem", "du an", "da", "sxtn", "trial production project"],
  de_an: ["de an", "de an khoa hoc", "scientific scheme"],
  nhiem_vu_dmst: [
    "nhiem vu kh cn dmst",
    "nhiem vu khcn dmst",
    "nhiem vu kh cn va dmst",
    "nhiem vu dmst",
    "nhiem vu khoa hoc cong nghe va doi moi sang tao",
    "dmst",
    "sti task",
  ],
};

const FIELD_WORDS: Record<TaskField, string[]> = {
  natural: ["khoa hoc tu nhien", "tu nhien", "khtn"],
  engineering: [
    "khoa hoc ky thuat va cong nghe",
    "khoa hoc ki thuat va cong nghe",
    "ky thuat va cong nghe",
    "ky thuat cong nghe",
    "khoa hoc ky thuat",
    "ky thuat",
    "cong nghe",
  ],
  medical: ["khoa hoc y duoc", "khoa hoc y te", "y duoc", "y te", "y hoc", "medical sciences"],
  agricultural: ["khoa hoc nong nghiep", "nong nghiep", "agriculture", "agricultural sciences"],
  social: ["khoa hoc xa hoi", "xa hoi", "khxh", "social sciences"],
  humanities: ["khoa hoc nhan van", "nhan van"],
};

const STAGE_WORDS: Record<Stage, string[]> = {
  proposed: ["de xuat", "de xuat dat hang", "dat hang"],
  identified: ["xac dinh nhiem vu", "xac dinh", "da xac dinh"],
  selection: ["tuyen chon", "giao truc tiep", "tuyen chon giao truc tiep", "tuyen chon hoac giao truc tiep"],
  budget_appraisal: ["tham dinh kinh phi", "tham dinh"],
  approved: ["phe duyet", "da phe duyet"],
  in_progress: ["dang thuc hien", "thuc hien", "ky hop dong", "da ky hop dong", "ky hop dong dang thuc hien"],
  acceptance: ["nghiem thu", "danh gia nghiem thu", "dang nghiem thu", "danh gia"],
  recognition: ["hoan thien", "cong nhan ket qua", "hoan thien cong nhan ket qua"],
  registration: ["dang ky ket qua"],
  settlement: ["quyet toan", "thanh ly hop dong", "quyet toan thanh ly"],
  closed: ["ket thuc", "da ket thuc", "hoan thanh", "da hoan thanh", "da thanh ly", "dong"],
  rejected: ["khong duoc chon", "bi loai", "tu choi", "khong phe duyet"],
  terminated: ["cham dut", "dung thuc hien", "da cham dut"],
  failed: ["khong dat", "nghiem thu khong dat"],
};

function lookup<T extends string>(codes: readonly T[], words: Record<T, string[]>) {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(foldWords(code), code);
    for (const word of words[code]) map.set(word, code);
  }
  return (cell: CellJson): T | null => (typeof cell === "string" ? (map.get(foldWords(cell)) ?? null) : null);
}

export const parseKind = lookup(TASK_KINDS, KIND_WORDS);
export const parseField = lookup(TASK_FIELDS, FIELD_WORDS);
export const parseStage = lookup(STAGES, STAGE_WORDS);

/** The plain text of a cell (numbers as written), or null when empty. */
export function cellText(cell: CellJson): string | null {
  if (cell === null) return null;
  const text = String(cell).replace(/\s+/g, " ").trim();
  return text === "" ? null : text;
}

/** Splits a list cell ("AGRI; CITY", "Nông nghiệp, Đô thị") into its entries. */
export function splitList(cell: CellJson): string[] {
  const text = cellText(cell);
  if (!text) return [];
  return text
    .split(/[;,\n]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** "PGS.TS. Nguyễn Văn An" → title "PGS.TS.", name "Nguyễn Văn An". */
export function splitPersonName(text: string): { title: string | null; fullName: string } {
  const match = /^((?:(?:GS|PGS|TS|ThS|KS|CN|BS|TSKH|NCS|ThS\.BS|BSCKII|BSCKI|DS|Lg)\.?\s*)+)\s*(.+)$/i.exec(
    text.trim(),
  );
  if (!match?.[1] || !match[2] || !/\./.test(match[1])) return { title: null, fullName: text.trim() };
  return { title: match[1].replace(/\s+/g, ""), fullName: match[2].trim() };
}
