import { readSheet } from "read-excel-file/node";
import { describe, expect, it } from "vitest";
import { attachmentHeader, type SheetSpec, writeSpreadsheet } from "./write.ts";

const sheet: SheetSpec = {
  name: "Danh sách nhiệm vụ",
  columns: [
    { key: "code", header: "Mã nhiệm vụ", kind: "text" },
    { key: "title", header: "Tên nhiệm vụ", kind: "text" },
    { key: "budget", header: "Kinh phí (đồng)", kind: "money" },
    { key: "count", header: "Số kỳ báo cáo", kind: "integer" },
    { key: "endDate", header: "Ngày kết thúc", kind: "date" },
    { key: "progress", header: "Tiến độ", kind: "percent" },
  ],
  rows: [
    {
      code: "ĐT.01/2025",
      title: "Nghiên cứu giống lúa, chịu mặn",
      budget: "1250000000",
      count: 4,
      endDate: "2026-12-31",
      progress: 45.5,
    },
    { code: "ĐT.02/2025", title: "=SUM(A1)", budget: 900_000_000n, count: null, endDate: null, progress: null },
  ],
};

describe("writeSpreadsheet as XLSX", () => {
  it("writes Vietnamese headers, money as whole-đồng numbers and legal dates as real dates", async () => {
    const file = await writeSpreadsheet(sheet, "xlsx");
    expect(file.extension).toBe("xlsx");
    expect(file.contentType).toContain("spreadsheetml");
    const rows = await readSheet(Buffer.from(file.body));
    expect(rows[0]).toEqual([
      "Mã nhiệm vụ",
      "Tên nhiệm vụ",
      "Kinh phí (đồng)",
      "Số kỳ báo cáo",
      "Ngày kết thúc",
      "Tiến độ",
    ]);
    expect(rows[1]?.[2]).toBe(1_250_000_000);
    expect(rows[1]?.[3]).toBe(4);
    const date = rows[1]?.[4];
    expect(date).toBeInstanceOf(Date);
    expect((date as unknown as Date).toISOString().slice(0, 10)).toBe("2026-12-31");
    expect(rows[1]?.[5]).toBeCloseTo(0.455, 10);
    // In XLSX a text cell is never evaluated, so it stays exactly as typed.
    expect(rows[2]?.[1]).toBe("=SUM(A1)");
    expect(rows[2]?.[2]).toBe(900_000_000);
    expect(rows[2]?.[4]).toBeNull();
  });

  it("keeps every digit of an amount beyond a double's exact range as text instead of rounding", async () => {
    const huge = "9007199254740993"; // 2^53 + 1
    const file = await writeSpreadsheet(
      { name: "x", columns: [{ key: "a", header: "Số tiền", kind: "money" }], rows: [{ a: huge }] },
      "xlsx",
    );
    const rows = await readSheet(Buffer.from(file.body));
    expect(rows[1]?.[0]).toBe(huge);
  });
});

describe("writeSpreadsheet as CSV", () => {
  it("writes UTF-8 with a BOM, commas, ISO dates and plain integers, quoting and defusing formulas", async () => {
    const file = await writeSpreadsheet(sheet, "csv");
    expect(file.extension).toBe("csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    expect([...file.body.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(file.body); // the decoder drops the BOM
    expect(text.split("\r\n")).toEqual([
      "Mã nhiệm vụ,Tên nhiệm vụ,Kinh phí (đồng),Số kỳ báo cáo,Ngày kết thúc,Tiến độ",
      'ĐT.01/2025,"Nghiên cứu giống lúa, chịu mặn",1250000000,4,2026-12-31,45.5',
      "ĐT.02/2025,'=SUM(A1),900000000,,,",
      "",
    ]);
  });

  it("is exact for money at any size", async () => {
    const file = await writeSpreadsheet(
      { name: "x", columns: [{ key: "a", header: "a", kind: "money" }], rows: [{ a: 123456789012345678901n }] },
      "csv",
    );
    expect(new TextDecoder().decode(file.body)).toContain("123456789012345678901");
  });
});

describe("attachmentHeader", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(attachmentHeader("nhiệm-vụ-đang-thực-hiện", "xlsx")).toBe(
      `attachment; filename="nhiem-vu-dang-thuc-hien.xlsx"; filename*=UTF-8''${encodeURIComponent("nhiệm-vụ-đang-thực-hiện.xlsx")}`,
    );
  });
});
