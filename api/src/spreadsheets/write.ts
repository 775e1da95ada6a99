import writeXlsxFile, { type Cell, type Row } from "write-excel-file/node";

/*
 * One writer for every table the product hands out (task lists, dashboard figures, budget tables), so
 * every export opens in Excel and LibreOffice with real numbers and real dates rather than text.
 *
 * Money is whole đồng. An XLSX number is an IEEE double, exact only up to 2^53 − 1 đồng
 * (about 9 triệu tỷ đồng); the whole S&T budget of a province is several orders of magnitude below
 * that, so money is written as a number with a `#,##0` format. An amount beyond that limit is written
 * as text with its exact digits instead of silently rounding. CSV carries amounts as plain digit strings,
 * so it is exact at any size.
 */

export type ColumnKind = "text" | "integer" | "number" | "money" | "date" | "percent";

export interface SheetColumn {
  key: string;
  /** Shown as the first row; Vietnamese, as the department files it. */
  header: string;
  kind: ColumnKind;
  /** In characters. */
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: SheetColumn[];
  /**
   * money: bigint | decimal string | safe integer; date: "YYYY-MM-DD" (a timestamp string is cut to
   * its date) or a Date; percent: a number from 0 to 100; null or undefined leaves the cell empty.
   */
  rows: Record<string, unknown>[];
}

export type SpreadsheetFormat = "xlsx" | "csv";

export interface SpreadsheetFile {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  extension: SpreadsheetFormat;
}

export const SPREADSHEET_FORMATS = ["xlsx", "csv"] as const;

export const XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

const MONEY_FORMAT = "#,##0";
const INTEGER_FORMAT = "#,##0";
const NUMBER_FORMAT = "#,##0.##";
const PERCENT_FORMAT = "0.0%";
const DATE_FORMAT = "dd/mm/yyyy";

export async function writeSpreadsheet(sheet: SheetSpec, format: SpreadsheetFormat): Promise<SpreadsheetFile> {
  if (format === "csv") {
    return { body: new TextEncoder().encode(toCsv(sheet)), contentType: CSV_CONTENT_TYPE, extension: "csv" };
  }
  const header: Row = sheet.columns.map((column) => ({ value: column.header, fontWeight: "bold", wrap: true }));
  const data: Row[] = [
    header,
    ...sheet.rows.map((row) => sheet.columns.map((column) => xlsxCell(column, row[column.key]))),
  ];
  const buffer = await writeXlsxFile(data, {
    sheet: sheetName(sheet.name),
    columns: sheet.columns.map((column) => ({ width: column.width ?? defaultWidth(column) })),
    stickyRowsCount: 1,
  }).toBuffer();
  return { body: new Uint8Array(buffer), contentType: XLSX_CONTENT_TYPE, extension: "xlsx" };
}

/** `Content-Disposition` for a download; the ASCII fallback keeps old clients from mangling the name. */
export function attachmentHeader(baseName: string, extension: SpreadsheetFormat): string {
  const fileName = `${baseName}.${extension}`;
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9._-]+/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The HTTP response for a written sheet. */
export function spreadsheetResponse(file: SpreadsheetFile, baseName: string): Response {
  return new Response(file.body, {
    status: 200,
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentHeader(baseName, file.extension),
      "Cache-Control": "no-store",
    },
  });
}

function xlsxCell(column: SheetColumn, value: unknown): Cell {
  if (value === null || value === undefined || value === "") return null;
  switch (column.kind) {
    case "money":
    case "integer": {
      const whole = toBigInt(value);
      if (whole === null) return { value: String(value), type: String };
      if (whole > BigInt(Number.MAX_SAFE_INTEGER) || whole < BigInt(Number.MIN_SAFE_INTEGER)) {
        // Beyond a double's exact range: keep every digit as text rather than round.
        return { value: whole.toString(), type: String, align: "right" };
      }
      return { value: Number(whole), type: Number, format: column.kind === "money" ? MONEY_FORMAT : INTEGER_FORMAT };
    }
    case "number": {
      const number = toNumber(value);
      return number === null
        ? { value: String(value), type: String }
        : { value: number, type: Number, format: NUMBER_FORMAT };
    }
    case "percent": {
      const number = toNumber(value);
      return number === null
        ? { value: String(value), type: String }
        : { value: number / 100, type: Number, format: PERCENT_FORMAT };
    }
    case "date": {
      const date = toUtcDate(value);
      return date === null ? { value: String(value), type: String } : { value: date, type: Date, format: DATE_FORMAT };
    }
    case "text":
      return { value: String(value), type: String };
  }
}

function toCsv(sheet: SheetSpec): string {
  const lines = [sheet.columns.map((column) => csvField(column.header))];
  for (const row of sheet.rows) {
    lines.push(sheet.columns.map((column) => csvField(csvValue(column, row[column.key]))));
  }
  // The BOM makes Excel read the file as UTF-8 (Vietnamese diacritics); CRLF is RFC 4180.
  return `\uFEFF${lines.map((fields) => fields.join(",")).join("\r\n")}\r\n`;
}

function csvValue(column: SheetColumn, value: unknown): string {
  if (value === null || value === undefined) return "";
  switch (column.kind) {
    case "money":
    case "integer": {
      const whole = toBigInt(value);
      return whole === null ? String(value) : whole.toString();
    }
    case "number":
    case "percent": {
      const number = toNumber(value);
      return number === null ? String(value) : String(number);
    }
    case "date": {
      const date = toUtcDate(value);
      return date === null ? String(value) : date.toISOString().slice(0, 10);
    }
    case "text":
      return neutraliseFormula(String(value));
  }
}

/*
 * A text cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet
 * (CSV injection); a leading apostrophe makes it literal text. Numbers and dates never reach here.
 */
function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function toBigInt(value: unknown): bigint | null {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Legal dates carry no time zone: a date is written as that calendar day, whatever the server's zone. */
function toUtcDate(value: unknown): Date | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? null
      : new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  }
  if (typeof value === "string") {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (!match) return null;
    return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  }
  return null;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string): string {
  const cleaned = name.replace(/[[\]:*?/\\]/g, " ").trim();
  return (cleaned || "Sheet1").slice(0, 31);
}

function defaultWidth(column: SheetColumn): number {
  const byKind: Record<ColumnKind, number> = { text: 24, integer: 10, number: 12, money: 18, date: 12, percent: 10 };
  return Math.max(byKind[column.kind], Math.min(column.header.length + 2, 40));
}
