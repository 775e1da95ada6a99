import { createReadStream } from "node:fs";
import { Transform, type TransformCallback } from "node:stream";
import { parse as parseCsv } from "csv-parse";
import { Unzip, UnzipInflate } from "fflate";
import { fileTypeFromBuffer } from "file-type";
import { readSheet } from "read-excel-file/node";

/*
 * Reads the first sheet of an uploaded spreadsheet (XLSX or CSV) into rows of plain cell values,
 * within limits: a register is a few thousand rows, and a file that would unpack into more (a
 * "zip bomb", or a sheet of 50,000 rows) is refused before it is parsed into memory.
 *
 * An XLSX file is first streamed through the unzipper once, counting the unpacked bytes and the
 * rows of each sheet and collecting its merged ranges (which `read-excel-file` does not report);
 * only a file within the limits is then parsed into cells. A CSV file streams through the parser
 * and stops at the row limit.
 */

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** As the user sees it in the spreadsheet (1-based). */
  rowNumber: number;
  /** Index 0 is column A. */
  cells: CellValue[];
}

export interface SheetContent {
  format: SpreadsheetKind;
  /** Rows with at least one non-empty cell, in order. */
  rows: SheetRow[];
  /** Merged ranges of the sheet, e.g. "A1:F1". Always empty for CSV. */
  merges: string[];
}

export type SpreadsheetKind = "xlsx" | "csv";

export interface ReadLimits {
  /** Non-empty rows beyond this are refused (headers and titles count too). */
  maxRows: number;
  /** XLSX only: the unpacked size of the archive's parts. */
  maxUnpackedBytes: number;
}

export type SpreadsheetProblem =
  | { code: "UNSUPPORTED_TYPE"; detected: string | null }
  | { code: "NOT_UTF8" }
  | { code: "TOO_MANY_ROWS"; maxRows: number }
  | { code: "TOO_LARGE_UNPACKED"; maxUnpackedBytes: number }
  | { code: "UNREADABLE"; reason: string }
  | { code: "EMPTY" };

export class SpreadsheetError extends Error {
  constructor(
    readonly problem: SpreadsheetProblem,
    message: string,
  ) {
    super(message);
  }
}

const NAMES: Record<string, string> = {
  cfb: "an old Excel (.xls) or Word (.doc) file",
  docx: "a Word document",
  pdf: "a PDF document",
  ods: "an OpenDocument spreadsheet",
  odt: "an OpenDocument text",
  zip: "a ZIP archive",
  png: "an image",
  jpg: "an image",
};

/** The kind of spreadsheet by its first bytes: an XLSX package, or UTF-8 text taken as CSV. */
export async function sniffSpreadsheet(head: Uint8Array): Promise<SpreadsheetKind> {
  const detected = await fileTypeFromBuffer(head);
  if (detected?.ext === "xlsx") return "xlsx";
  if (detected) {
    throw new SpreadsheetError(
      { code: "UNSUPPORTED_TYPE", detected: detected.ext },
      `The file is ${NAMES[detected.ext] ?? `a .${detected.ext} file`}, not an XLSX or CSV spreadsheet`,
    );
  }
  if (head.includes(0)) {
    throw new SpreadsheetError(
      { code: "UNSUPPORTED_TYPE", detected: null },
      "The file is neither an XLSX spreadsheet nor CSV text",
    );
  }
  return "csv";
}

export async function readSpreadsheet(path: string, kind: SpreadsheetKind, limits: ReadLimits): Promise<SheetContent> {
  return kind === "xlsx" ? readXlsx(path, limits) : readCsv(path, limits);
}

// ---- XLSX

interface SheetScan {
  rows: number;
  merges: string[];
}

async function readXlsx(path: string, limits: ReadLimits): Promise<SheetContent> {
  const scan = await scanXlsx(path, limits);
  if (scan.rows > limits.maxRows) {
    throw new SpreadsheetError(
      { code: "TOO_MANY_ROWS", maxRows: limits.maxRows },
      `The sheet has more than ${limits.maxRows} rows`,
    );
  }
  let data: CellValue[][];
  try {
    data = (await readSheet(path)) as CellValue[][];
  } catch (error) {
    throw new SpreadsheetError(
      { code: "UNREADABLE", reason: (error as Error).message },
      "The XLSX file cannot be read: it may be damaged",
    );
  }
  const rows: SheetRow[] = [];
  data.forEach((cells, i) => {
    const clean = cells.map(cleanCell);
    if (clean.some((c) => c !== null)) rows.push({ rowNumber: i + 1, cells: trimEnd(clean) });
  });
  if (rows.length === 0) throw new SpreadsheetError({ code: "EMPTY" }, "The sheet is empty");
  return { format: "xlsx", rows, merges: scan.merges };
}

/** Long enough for any row or mergeCell tag to lie wholly inside the overlap kept between chunks. */
const OVERLAP = 400;
const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const MERGE_TAG = /<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}\d{1,7}(?::[A-Z]{1,3}\d{1,7})?)"/g;

/**
 * Streams the archive once: refuses it when its parts unpack beyond the limit, and returns the row
 * count and merged ranges of the first sheet (in workbook order).
 */
async function scanXlsx(path: string, limits: ReadLimits): Promise<SheetScan> {
  const sheets = new Map<string, SheetScan>();
  const small = new Map<string, string>();
  let unpacked = 0;
  let failure: Error | null = null;
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file) => {
    const name = file.name;
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/.test(name);
    const isIndex = name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels";
    const decoder = new TextDecoder();
    const scan: SheetScan = { rows: 0, merges: [] };
    let text = "";
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = error;
        return;
      }
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes) {
        failure = new SpreadsheetError(
          { code: "TOO_LARGE_UNPACKED", maxUnpackedBytes: limits.maxUnpackedBytes },
          `The spreadsheet unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1024 / 1024)} MB`,
        );
        file.terminate();
        return;
      }
      // Every part counts towards the limit (the parser unpacks them all); only sheets are scanned.
      if (!isSheet && !isIndex) return;
      text += decoder.decode(chunk, { stream: !final });
      if (isIndex) {
        if (final) small.set(name, text);
        return;
      }
      const safe = final ? text.length : Math.max(0, text.length - OVERLAP);
      for (const match of text.matchAll(ROW_TAG)) if (match.index < safe) scan.rows++;
      for (const match of text.matchAll(MERGE_TAG)) if (match.index < safe && match[1]) scan.merges.push(match[1]);
      text = text.slice(safe);
      if (final) sheets.set(name, scan);
    };
    file.start();
  };

  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
      unzip.push(new Uint8Array(chunk as Buffer));
      if (failure) break;
    }
    if (!failure) unzip.push(new Uint8Array(0), true);
  } catch (error) {
    failure ??= error as Error;
  }
  if (failure) {
    if (failure instanceof SpreadsheetError) throw failure;
    throw new SpreadsheetError(
      { code: "UNREADABLE", reason: (failure as Error).message },
      "The XLSX file cannot be read: it may be damaged",
    );
  }
  const first = firstSheetPath(small.get("xl/workbook.xml"), small.get("xl/_rels/workbook.xml.rels"));
  const scan = (first ? sheets.get(first) : undefined) ?? [...sheets.values()][0];
  if (!scan) throw new SpreadsheetError({ code: "EMPTY" }, "The workbook has no sheet");
  return scan;
}

/** The part holding the workbook's first sheet, from the workbook and its relationships. */
export function firstSheetPath(workbook: string | undefined, rels: string | undefined): string | null {
  if (!workbook || !rels) return null;
  const sheet = /<(?:\w+:)?sheet\s[^>]*?\br:id="([^"]+)"/.exec(workbook);
  if (!sheet) return null;
  const id = sheet[1];
  for (const match of rels.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const tag = match[0];
    if (new RegExp(`\\bId="${id}"`).test(tag)) {
      const target = /\bTarget="([^"]+)"/.exec(tag)?.[1];
      if (!target) return null;
      return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    }
  }
  return null;
}

// ---- CSV

/** Decodes strict UTF-8 (refusing other encodings with a clear message) and drops a byte-order mark. */
class Utf8Decoder extends Transform {
  #decoder = new TextDecoder("utf-8", { fatal: true });
  #first = true;
  constructor() {
    super({ readableObjectMode: false, decodeStrings: true });
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    try {
      let text = this.#decoder.decode(chunk, { stream: true });
      if (this.#first && text.length > 0) {
        text = text.replace(/^\uFEFF/, "");
        this.#first = false;
      }
      done(null, text);
    } catch {
      done(notUtf8());
    }
  }
  override _flush(done: TransformCallback) {
    try {
      done(null, this.#decoder.decode());
    } catch {
      done(notUtf8());
    }
  }
}

const notUtf8 = () =>
  new SpreadsheetError(
    { code: "NOT_UTF8" },
    "The CSV file is not UTF-8 text: save it again as “CSV UTF-8 (comma delimited)”",
  );

/** The delimiter the header line uses most: Excel writes ";" where the decimal comma is the custom. */
export function detectDelimiter(firstLine: string): "," | ";" | "\t" {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [",", ";", "\t"] as const;
  return candidates.reduce((best, ch) => (count(ch) > count(best) ? ch : best), ",");
}

async function readCsv(path: string, limits: ReadLimits): Promise<SheetContent> {
  const delimiter = detectDelimiter(await firstLineOf(path));
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
  });
  const source = createReadStream(path).pipe(new Utf8Decoder());
  source.on("error", (error) => parser.destroy(error));
  source.pipe(parser);
  const rows: SheetRow[] = [];
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record.map((v) => cleanCell(v));
      if (!cells.some((c) => c !== null)) continue;
      rows.push({ rowNumber: record.info.lines, cells: trimEnd(cells) });
      if (rows.length > limits.maxRows) {
        source.destroy();
        throw new SpreadsheetError(
          { code: "TOO_MANY_ROWS", maxRows: limits.maxRows },
          `The file has more than ${limits.maxRows} rows`,
        );
      }
    }
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError(
      { code: "UNREADABLE", reason: (error as Error).message },
      `The CSV file cannot be read: ${(error as Error).message}`,
    );
  }
  if (rows.length === 0) throw new SpreadsheetError({ code: "EMPTY" }, "The file is empty");
  return { format: "csv", rows, merges: [] };
}

async function firstLineOf(path: string): Promise<string> {
  const stream = createReadStream(path, { start: 0, end: 64 * 1024 - 1 });
  let text = "";
  for await (const chunk of stream) text += (chunk as Buffer).toString("utf8");
  return text.split(/\r?\n/, 1)[0] ?? "";
}

// ---- cells

function cleanCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") {
    const trimmed = value.replace(/\u00a0/g, " ").trim();
    return trimmed === "" ? null : trimmed;
  }
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  return String(value);
}

function trimEnd(cells: CellValue[]): CellValue[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === null) end--;
  return cells.slice(0, end);
}

/** "A", "B", … "Z", "AA": the letter of a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
