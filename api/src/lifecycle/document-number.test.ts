import { describe, expect, it } from "vitest";
import { formatDocumentNumber, parseDocumentNumber } from "./document-number.ts";

describe("parseDocumentNumber", () => {
  it.each([
    ["135/QĐ-SKHCN", { number: "135", year: null, docType: "QĐ", issuer: "SKHCN" }],
    ["89/TTr-SKHCN", { number: "89", year: null, docType: "TTr", issuer: "SKHCN" }],
    ["19/2024/QĐ-UBND", { number: "19", year: 2024, docType: "QĐ", issuer: "UBND" }],
    ["07/HĐ-SKHCN-QLKH", { number: "07", year: null, docType: "HĐ", issuer: "SKHCN-QLKH" }],
    [" 12a/BB-HĐKHCN ", { number: "12a", year: null, docType: "BB", issuer: "HĐKHCN" }],
  ])("reads %s", (text, expected) => {
    expect(parseDocumentNumber(text)).toEqual(expected);
  });

  it.each([
    "",
    "135",
    "QĐ-SKHCN",
    "135/QĐ",
    "135/QĐ-",
    "/QĐ-SKHCN",
    "135/QĐ-skhcn",
    "135/QĐ SKHCN",
    "1234567/QĐ-SKHCN",
    "135/24/QĐ-UBND",
  ])("refuses %j", (text) => {
    expect(parseDocumentNumber(text)).toBeNull();
  });

  it("reads a decomposed Đ as the composed one", () => {
    expect(parseDocumentNumber("135/QĐ-SKHCN".normalize("NFD"))?.docType).toBe("QĐ");
  });

  it("writes numbers back in the official form", () => {
    expect(formatDocumentNumber({ number: "19", year: 2024, docType: "QĐ", issuer: "UBND" })).toBe("19/2024/QĐ-UBND");
    expect(formatDocumentNumber({ number: "135", docType: "QĐ", issuer: "SKHCN" })).toBe("135/QĐ-SKHCN");
  });
});
