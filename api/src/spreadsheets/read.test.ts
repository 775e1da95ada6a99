import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import writeXlsxFile from "write-excel-file/node";
import {
  columnLetter,
  detectDelimiter,
  firstSheetPath,
  readSpreadsheet,
  SpreadsheetError,
  sniffSpreadsheet,
} from "./read.ts";

const dir = mkdtempSync(path.join(tmpdir(), "khcn-read-"));
const file = (name: string, content: Uint8Array | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};
const xlsx = async (rows: unknown[][]) => new Uint8Array(await writeXlsxFile(rows as never).toBuffer());
const limits = { maxRows: 100, maxUnpackedBytes: 10 * 1024 * 1024 };
const problem = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SpreadsheetError);
  return (error as SpreadsheetError).problem;
};

describe("readSpreadsheet", () => {
  it("reads an XLSX sheet: numbers, dates, text, row numbers; skips blank rows; reports merged ranges", async () => {
    const content = await xlsx([
      [{ value: "Danh mục", columnSpan: 2 }, null],
      [],
      [{ value: "Mã" }, { value: "Ngày" }, { value: "Tiền" }],
      [{ value: " ĐT.1 " }, { value: new Date(Date.UTC(2024, 0, 31)), format: "dd/mm/yyyy" }, { value: 1250.5 }],
    ]);
    const sheet = await readSpreadsheet(file("a.xlsx", content), "xlsx", limits);
    expect(sheet.rows).toEqual([
      { rowNumber: 1, cells: ["Danh mục"] },
      { rowNumber: 3, cells: ["Mã", "Ngày", "Tiền"] },
      { rowNumber: 4, cells: ["ĐT.1", new Date(Date.UTC(2024, 0, 31)), 1250.5] },
    ]);
    expect(sheet.merges).toEqual(["A1:B1"]);
  });

  it("stops at the row limit", async () => {
    const content = await xlsx(Array.from({ length: 120 }, (_, i) => [{ value: `r${i}` }]));
    expect(await problem(readSpreadsheet(file("b.xlsx", content), "xlsx", limits))).toEqual({
      code: "TOO_MANY_ROWS",
      maxRows: 100,
    });
    const csv = Array.from({ length: 120 }, (_, i) => `r${i};x`).join("\n");
    expect(await problem(readSpreadsheet(file("b.csv", csv), "csv", limits))).toMatchObject({ code: "TOO_MANY_ROWS" });
  });

  it("refuses an archive that unpacks beyond the limit", async () => {
    const content = await xlsx(Array.from({ length: 50 }, (_, i) => [{ value: `${i}`.repeat(2000) }]));
    expect(
      await problem(readSpreadsheet(file("c.xlsx", content), "xlsx", { maxRows: 100, maxUnpackedBytes: 50_000 })),
    ).toMatchObject({ code: "TOO_LARGE_UNPACKED" });
  });

  it("reads CSV with the delimiter of its header, quotes and a BOM", async () => {
    const csv = '\uFEFFMã;Tên;Tiền\r\nĐT.1;"Lúa; chịu mặn";1.250,5\r\n\r\n;;\r\nĐT.2;Bò;0\r\n';
    const sheet = await readSpreadsheet(file("d.csv", csv), "csv", limits);
    expect(sheet.rows).toEqual([
      { rowNumber: 1, cells: ["Mã", "Tên", "Tiền"] },
      { rowNumber: 2, cells: ["ĐT.1", "Lúa; chịu mặn", "1.250,5"] },
      { rowNumber: 5, cells: ["ĐT.2", "Bò", "0"] },
    ]);
  });

  it("refuses CSV that is not UTF-8", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("Ma,Ten\n"), 0x4d, 0xe3, 0x0a]);
    expect(await problem(readSpreadsheet(file("e.csv", bytes), "csv", limits))).toEqual({ code: "NOT_UTF8" });
  });
});

describe("sniffSpreadsheet", () => {
  it("tells XLSX, CSV text and other files apart by content", async () => {
    expect(await sniffSpreadsheet(await xlsx([[{ value: "a" }]]))).toBe("xlsx");
    expect(await sniffSpreadsheet(new TextEncoder().encode("Mã,Tên\nĐT.1,Lúa\n"))).toBe("csv");
    expect(await problem(sniffSpreadsheet(new TextEncoder().encode("%PDF-1.7\n%%EOF")))).toEqual({
      code: "UNSUPPORTED_TYPE",
      detected: "pdf",
    });
    expect(await problem(sniffSpreadsheet(new Uint8Array([1, 0, 2, 0, 3])))).toEqual({
      code: "UNSUPPORTED_TYPE",
      detected: null,
    });
  });
});

describe("helpers", () => {
  it("finds the first sheet through the workbook's relationships", () => {
    const workbook =
      '<workbook><sheets><sheet name="B" sheetId="2" r:id="rId7"/><sheet name="A" r:id="rId1"/></sheets></workbook>';
    const rels =
      '<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Target="/xl/worksheets/sheet2.xml"/></Relationships>';
    expect(firstSheetPath(workbook, rels)).toBe("xl/worksheets/sheet2.xml");
  });
  it("detects the delimiter and names columns", () => {
    expect(detectDelimiter("Mã;Tên;Kinh phí")).toBe(";");
    expect(detectDelimiter("Mã,Tên")).toBe(",");
    expect(detectDelimiter("Mã\tTên")).toBe("\t");
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
  });
});
