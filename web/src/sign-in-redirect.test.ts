import { describe, expect, it } from "vitest";
import { safeNextPath, signInHref } from "./sign-in-redirect.ts";

describe("safeNextPath", () => {
  it("keeps paths inside the app", () => {
    expect(safeNextPath("/nhiem-vu/12")).toBe("/nhiem-vu/12");
    expect(safeNextPath("/nhiem-vu?q=giong+lua&page=2")).toBe("/nhiem-vu?q=giong+lua&page=2");
  });

  it("refuses other sites and loops", () => {
    expect(safeNextPath("https://evil.example")).toBe("/viec-can-lam");
    expect(safeNextPath("//evil.example")).toBe("/viec-can-lam");
    expect(safeNextPath("/\\evil.example")).toBe("/viec-can-lam");
    expect(safeNextPath("/dang-nhap?next=/x")).toBe("/viec-can-lam");
    expect(safeNextPath(undefined)).toBe("/viec-can-lam");
  });
});

describe("signInHref", () => {
  it("carries the page to come back to", () => {
    expect(signInHref("/nhiem-vu/7")).toBe("/dang-nhap?next=%2Fnhiem-vu%2F7");
    expect(signInHref("/nhiem-vu")).toBe("/dang-nhap?next=%2Fnhiem-vu");
    expect(signInHref("/viec-can-lam")).toBe("/dang-nhap");
    expect(signInHref(undefined)).toBe("/dang-nhap");
  });
});
