import { describe, expect, it } from "vitest";
import { checkDocumentNumber, parseDocumentNumber } from "./document-number.ts";

describe("document numbers", () => {
  it("accepts the forms documents are numbered in", () => {
    for (const text of ["135/QĐ-SKHCN", "89/TTr-SKHCN", "19/2024/QĐ-UBND", "12a/HĐ-SKHCN-KHTC", " 7/BB-HĐKH "]) {
      expect(parseDocumentNumber(text), text).not.toBeNull();
    }
  });

  it("refuses what is not a number/TYPE-ISSUER", () => {
    for (const text of ["135", "QĐ-SKHCN", "135/QĐ", "135-QĐ-SKHCN", "135/QĐ-skhcn", "abc/QĐ-SKHCN", "1/24/QĐ-UBND"]) {
      expect(parseDocumentNumber(text), text).toBeNull();
    }
  });

  it("reads the year written in the number", () => {
    expect(parseDocumentNumber("19/2024/QĐ-UBND")).toEqual({ year: 2024 });
    expect(parseDocumentNumber("135/QĐ-SKHCN")).toEqual({ year: null });
  });

  it("says what is wrong, including a year that differs from the date", () => {
    expect(checkDocumentNumber("", "2025-03-15")).toBe("required");
    expect(checkDocumentNumber("135 QĐ SKHCN", "2025-03-15")).toBe("format");
    expect(checkDocumentNumber("19/2024/QĐ-UBND", "2025-03-15")).toBe("year");
    expect(checkDocumentNumber("19/2025/QĐ-UBND", "2025-03-15")).toBeNull();
    expect(checkDocumentNumber("135/QĐ-SKHCN", "")).toBeNull();
  });
});
