import { describe, expect, it } from "vitest";
import { headerUnit, mapHeader } from "./columns.ts";

describe("mapHeader", () => {
  it("maps Vietnamese headers, their variants and budget-by-year columns", () => {
    const mapping = mapHeader([
      "STT",
      "Mã số",
      "Tên đề tài/dự án",
      "Loai nhiem vu",
      "Lĩnh vực",
      "Cơ quan chủ trì",
      "Chủ nhiệm đề tài",
      "Chủ đề",
      "Từ ngày",
      "Đến ngày",
      "Tình trạng",
      "Tổng kinh phí (triệu đồng)",
      "Kinh phí năm 2025 (triệu đồng)",
      "2026",
      "Đối ứng năm 2026 (đồng)",
      "Ghi chú",
    ]);
    expect(mapping.missing).toEqual([]);
    expect(mapping.unknown).toEqual([]);
    const byKey = Object.fromEntries(mapping.columns.map((c) => [c.key, c]));
    expect(byKey.code?.letter).toBe("B");
    expect(byKey.title?.header).toBe("Tên đề tài/dự án");
    expect(byKey.totalBudget?.unit).toBe("million");
    expect(byKey["state:2025"]).toMatchObject({ year: 2025, source: "state", unit: "million", letter: "M" });
    expect(byKey["state:2026"]).toMatchObject({ unit: "dong" });
    expect(byKey["other:2026"]).toMatchObject({ source: "other", unit: "dong" });
  });

  it("names the missing, unknown and repeated columns", () => {
    const mapping = mapHeader(["Mã nhiệm vụ", "Tên nhiệm vụ", "Người liên hệ", "Mã", "Giai đoạn"]);
    expect(mapping.missing).toEqual(["kind", "field", "host", "pi", "totalBudget"]);
    expect(mapping.unknown).toEqual([{ letter: "C", header: "Người liên hệ" }]);
    expect(mapping.repeated).toEqual([{ letter: "D", header: "Mã" }]);
  });
});

describe("headerUnit", () => {
  it("reads the unit of an amount column from its header", () => {
    expect(headerUnit("Tổng kinh phí (triệu đồng)")).toEqual({ words: "tong kinh phi", unit: "million" });
    expect(headerUnit("Tổng kinh phí (đồng)")).toEqual({ words: "tong kinh phi", unit: "dong" });
    expect(headerUnit("Tổng kinh phí, triệu đồng")).toEqual({ words: "tong kinh phi", unit: "million" });
    expect(headerUnit("Tổng kinh phí")).toEqual({ words: "tong kinh phi", unit: null });
  });
});
