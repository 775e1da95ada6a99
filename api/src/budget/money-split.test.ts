import { describe, expect, it } from "vitest";
import { shareOf, splitDong } from "./money.ts";

describe("splitting money", () => {
  it("splits by whole-number weights in whole thousands, the parts adding up exactly", () => {
    const parts = splitDong(1_000_000_000n, [40n, 5n, 25n, 15n, 0n, 15n], 1000n);
    expect(parts).toEqual([400_000_000n, 50_000_000n, 250_000_000n, 150_000_000n, 0n, 150_000_000n]);
    const odd = splitDong(1_000_001_500n, [1n, 1n, 1n], 1000n);
    expect(odd.reduce((a, b) => a + b, 0n)).toBe(1_000_001_500n);
    // The thousands left over go to the largest remainders; the odd 500 đồng to the heaviest part.
    expect(odd).toEqual([333_334_500n, 333_334_000n, 333_333_000n]);
  });

  it("keeps exact beyond what a float can hold", () => {
    const parts = splitDong(9_007_199_254_740_993n, [1n, 2n]);
    expect((parts[0] ?? 0n) + (parts[1] ?? 0n)).toBe(9_007_199_254_740_993n);
  });

  it("refuses weights that cannot split", () => {
    expect(() => splitDong(10n, [])).toThrow(RangeError);
    expect(() => splitDong(10n, [0n, 0n])).toThrow(RangeError);
  });

  it("takes a share rounded down to the step", () => {
    expect(shareOf(800_000_000n, 182n, 731n, 1000n)).toBe(199_179_000n);
    expect(shareOf(999n, 1n, 1n, 1000n)).toBe(0n);
  });
});
