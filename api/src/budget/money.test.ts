import { describe, expect, it } from "vitest";
import { otherSources, parseDong } from "./money.ts";

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
