import { describe, expect, it } from "vitest";
import { parseAmount, parseDate, parseField, parseKind, parseStage, splitPersonName } from "./values.ts";

const dong = (cell: Parameters<typeof parseAmount>[0], unit: "dong" | "million") => {
  const parsed = parseAmount(cell, unit);
  return parsed?.ok ? parsed.value.toString() : parsed ? parsed.problem : null;
};

describe("parseAmount", () => {
  it("reads millions written the Vietnamese way", () => {
    expect(dong("1.250,5", "million")).toBe("1250500000");
    expect(dong("1.250,5 triệu", "dong")).toBe("1250500000");
    expect(dong("1250,5", "million")).toBe("1250500000");
    expect(dong("0,000001", "million")).toBe("1");
    expect(dong(1250.5, "million")).toBe("1250500000");
    expect(dong("1.250", "million")).toBe("1250000000");
  });

  it("reads đồng with thousands separators either way, or none", () => {
    expect(dong("1,250,500,000", "dong")).toBe("1250500000");
    expect(dong("1.250.500.000", "dong")).toBe("1250500000");
    expect(dong("1250500000", "dong")).toBe("1250500000");
    expect(dong("1.250.500.000 đồng", "million")).toBe("1250500000");
    expect(dong("1 250 500 000", "dong")).toBe("1250500000");
    expect(dong(1250500000, "dong")).toBe("1250500000");
    expect(dong("1.250.500.000,00", "dong")).toBe("1250500000");
  });

  it("refuses text, negative and fractional đồng, and absurd sizes", () => {
    expect(dong("khoảng 1 tỷ", "dong")).toBe("AMOUNT_TEXT");
    expect(dong("1,25,0", "dong")).toBe("AMOUNT_TEXT");
    expect(dong("-5", "dong")).toBe("AMOUNT_NEGATIVE");
    expect(dong("(5)", "dong")).toBe("AMOUNT_NEGATIVE");
    expect(dong(-1, "million")).toBe("AMOUNT_NEGATIVE");
    expect(dong("1250,5", "dong")).toBe("AMOUNT_FRACTIONAL");
    expect(dong(0.5, "dong")).toBe("AMOUNT_FRACTIONAL");
    expect(dong("0,0000001", "million")).toBe("AMOUNT_FRACTIONAL");
    expect(dong("99999999999", "million")).toBe("AMOUNT_TOO_LARGE");
    expect(dong(true, "dong")).toBe("AMOUNT_TEXT");
  });

  it("leaves an empty cell empty", () => {
    expect(parseAmount(null, "dong")).toBeNull();
    expect(parseAmount("", "million")).toBeNull();
  });
});

describe("parseDate", () => {
  const iso = (cell: Parameters<typeof parseDate>[0]) => {
    const parsed = parseDate(cell);
    return parsed?.ok ? parsed.value : parsed ? parsed.problem : null;
  };
  it("reads dd/mm/yyyy and its variants, ISO dates from date cells and Excel serials", () => {
    expect(iso("31/01/2024")).toBe("2024-01-31");
    expect(iso("1/3/2025")).toBe("2025-03-01");
    expect(iso("01-03-2025")).toBe("2025-03-01");
    expect(iso("01.03.2025")).toBe("2025-03-01");
    expect(iso("2025-03-01")).toBe("2025-03-01");
    expect(iso(45352)).toBe("2024-03-01");
  });
  it("refuses impossible or unreadable dates", () => {
    expect(iso("31/02/2024")).toBe("DATE_INVALID");
    expect(iso("2024/13/01")).toBe("DATE_INVALID");
    expect(iso("tháng 3")).toBe("DATE_INVALID");
    expect(iso("01/01/1850")).toBe("DATE_INVALID");
    expect(iso(12.5)).toBe("DATE_INVALID");
    expect(iso(null)).toBeNull();
  });
});

describe("vocabulary in Vietnamese words", () => {
  it("reads kinds, fields and stages with or without diacritics, and the stored codes", () => {
    expect(parseKind("Đề tài")).toBe("de_tai");
    expect(parseKind("DU AN SXTN")).toBe("du_an_sxtn");
    expect(parseKind("Nhiệm vụ KH,CN&ĐMST")).toBe("nhiem_vu_dmst");
    expect(parseKind("de_an")).toBe("de_an");
    expect(parseField("Khoa học nông nghiệp")).toBe("agricultural");
    expect(parseField("Kỹ thuật và công nghệ")).toBe("engineering");
    expect(parseStage("Đang thực hiện")).toBe("in_progress");
    expect(parseStage("đã kết thúc")).toBe("closed");
    expect(parseStage("Nghiệm thu")).toBe("acceptance");
    expect(parseStage("in_progress")).toBe("in_progress");
  });
  it("knows no other words", () => {
    expect(parseKind("Sáng kiến")).toBeNull();
    expect(parseStage("Đang chờ")).toBeNull();
    expect(parseField(42)).toBeNull();
  });
});

describe("splitPersonName", () => {
  it("separates an academic title from the name", () => {
    expect(splitPersonName("PGS.TS. Lê Minh Cường")).toEqual({ title: "PGS.TS.", fullName: "Lê Minh Cường" });
    expect(splitPersonName("TS. Nguyễn Văn An")).toEqual({ title: "TS.", fullName: "Nguyễn Văn An" });
    expect(splitPersonName("Nguyễn Văn An")).toEqual({ title: null, fullName: "Nguyễn Văn An" });
  });
});
