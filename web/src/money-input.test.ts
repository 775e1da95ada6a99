import { describe, expect, it } from "vitest";
import { formatMoneyInput, parseMoneyInput } from "./money-input.ts";

const dong = (value: bigint) => ({ ok: true, dong: value });

describe("parseMoneyInput", () => {
  it("reads đồng with or without grouping", () => {
    expect(parseMoneyInput("1250500000", "dong", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("1.250.500.000", "dong", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("1 250 500 000", "dong", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("1,250,500,000", "dong", "en")).toEqual(dong(1_250_500_000n));
  });

  it("reads triệu đồng exactly, to the đồng", () => {
    expect(parseMoneyInput("1.250,5", "million", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("1250,5", "million", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("1250.5", "million", "vi")).toEqual(dong(1_250_500_000n));
    expect(parseMoneyInput("0,000001", "million", "vi")).toEqual(dong(1n));
    expect(parseMoneyInput("1,250.123456", "million", "en")).toEqual(dong(1_250_123_456n));
    expect(parseMoneyInput("850", "million", "vi")).toEqual(dong(850_000_000n));
    // 0.1 + 0.2 is 0.30000000000000004 in floating point; here it is exactly 300 000 đồng.
    expect(parseMoneyInput("0,3", "million", "vi")).toEqual(dong(300_000n));
  });

  it("says what is wrong", () => {
    expect(parseMoneyInput("", "dong", "vi")).toBeNull();
    expect(parseMoneyInput("  ", "million", "vi")).toBeNull();
    expect(parseMoneyInput("12a", "dong", "vi")).toEqual({ ok: false, problem: "format" });
    expect(parseMoneyInput("-5", "dong", "vi")).toEqual({ ok: false, problem: "format" });
    expect(parseMoneyInput("1,2,3", "million", "vi")).toEqual({ ok: false, problem: "format" });
    expect(parseMoneyInput("12.34.5", "dong", "vi")).toEqual({ ok: false, problem: "format" });
    expect(parseMoneyInput("1000,5", "dong", "vi")).toEqual({ ok: false, problem: "whole" });
    expect(parseMoneyInput("1,0000001", "million", "vi")).toEqual({ ok: false, problem: "whole" });
    expect(parseMoneyInput("1000000000000000", "dong", "vi")).toEqual({ ok: false, problem: "tooLarge" });
  });

  it("accepts trailing zeros after the decimal mark", () => {
    expect(parseMoneyInput("1000,00", "dong", "vi")).toEqual(dong(1000n));
    expect(parseMoneyInput("2,5000000", "million", "vi")).toEqual(dong(2_500_000n));
  });
});

describe("formatMoneyInput", () => {
  it("shows the exact amount in the chosen unit", () => {
    expect(formatMoneyInput("1250500000", "dong", "vi")).toBe("1.250.500.000");
    expect(formatMoneyInput("1250500000", "million", "vi")).toBe("1.250,5");
    expect(formatMoneyInput("1250500001", "million", "vi")).toBe("1.250,500001");
    expect(formatMoneyInput("850000000", "million", "en")).toBe("850");
    expect(formatMoneyInput("1250500000", "million", "en")).toBe("1,250.5");
  });

  it("reads back what it writes", () => {
    for (const value of ["0", "1", "999999", "1250500000", "123456789012345"]) {
      for (const unit of ["dong", "million"] as const) {
        for (const locale of ["vi", "en"] as const) {
          expect(parseMoneyInput(formatMoneyInput(value, unit, locale), unit, locale)).toEqual(dong(BigInt(value)));
        }
      }
    }
  });
});
