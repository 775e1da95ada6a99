import { describe, expect, it } from "vitest";
import {
  displayDong,
  dongFromDecimal,
  otherSources,
  parseDong,
  percentOf,
  readAmount,
  scaleDong,
  splitSeparators,
} from "./money.ts";

describe("money", () => {
  it("parses whole đồng exactly, beyond the range of a float", () => {
    expect(parseDong("9007199254740993")).toBe(9007199254740993n);
    expect(parseDong(1250500000)).toBe(1250500000n);
  });

  it("refuses fractions and text", () => {
    for (const bad of ["1.5", "1,250", "abc", "", " 12"]) expect(() => parseDong(bad)).toThrow(RangeError);
    expect(() => parseDong(0.5)).toThrow(RangeError);
  });

  it("computes the non-state share of a budget", () => {
    expect(otherSources("3000000000", "1200000000")).toBe("1800000000");
    expect(otherSources("9007199254740993", "1")).toBe("9007199254740992");
  });
});

describe("amounts as requests send them", () => {
  it("reads digits and safe integers, exactly beyond 2^53", () => {
    expect(readAmount("9007199254740993")).toEqual({ ok: true, amount: 9007199254740993n });
    expect(readAmount(1250500000)).toEqual({ ok: true, amount: 1250500000n });
    expect(readAmount("0")).toEqual({ ok: true, amount: 0n });
  });

  it("says why an amount is refused", () => {
    expect(readAmount("-1")).toMatchObject({ ok: false, reason: expect.stringMatching(/negative/) });
    expect(readAmount(-1)).toMatchObject({ ok: false, reason: expect.stringMatching(/negative/) });
    expect(readAmount("1.5")).toMatchObject({ ok: false, reason: expect.stringMatching(/fraction/) });
    expect(readAmount(1.5)).toMatchObject({ ok: false, reason: expect.stringMatching(/fraction/) });
    expect(readAmount("abc")).toMatchObject({ ok: false });
    expect(readAmount(2 ** 60)).toMatchObject({ ok: false, reason: expect.stringMatching(/string/) });
    expect(readAmount("0", { positive: true })).toMatchObject({ ok: false });
    expect(readAmount("99999999999999999999")).toMatchObject({ ok: false });
  });

  it("gives percentages to one decimal and scales without floats", () => {
    expect(percentOf(550n, 1200n)).toBe(45.8);
    expect(percentOf(1n, 0n)).toBeNull();
    expect(scaleDong(9007199254740993n, 2, 1)).toBe(18014398509481986n);
    expect(displayDong(1250500000n)).toBe("1.250.500.000 đồng");
  });
});

describe("dongFromDecimal", () => {
  it("reads đồng and triệu đồng to the last đồng and refuses what is not whole đồng", () => {
    expect(dongFromDecimal("1250.5", "million")).toEqual({ ok: true, amount: 1_250_500_000n });
    expect(dongFromDecimal("0.000001", "million")).toEqual({ ok: true, amount: 1n });
    expect(dongFromDecimal("0.0000005", "million")).toEqual({ ok: false, problem: "AMOUNT_FRACTIONAL" });
    expect(dongFromDecimal("12.5", "dong")).toEqual({ ok: false, problem: "AMOUNT_FRACTIONAL" });
    expect(dongFromDecimal("1e9", "dong")).toEqual({ ok: false, problem: "AMOUNT_TEXT" });
    expect(dongFromDecimal("1001", "dong", 1000n)).toEqual({ ok: false, problem: "AMOUNT_TOO_LARGE" });
  });
  it("splits Vietnamese and English grouping", () => {
    expect(splitSeparators("1.250,5", "million")).toBe("1250.5");
    expect(splitSeparators("1,250,500,000", "dong")).toBe("1250500000");
    expect(splitSeparators("1.25.0", "dong")).toBeNull();
  });
});
