/*
 * Thresholds as exact fractions of whole counts. "At least 3/4 of the members" compares
 * got × den ≥ num × total in integers: a float 0.75 × 7 would be 5.25 and invite rounding slips.
 */

export interface Fraction {
  num: number;
  den: number;
}

export const formatFraction = (f: Fraction) => `${f.num}/${f.den}`;

/** got/total ≥ num/den, exactly. An empty total meets nothing. */
export function meetsFraction(got: number, total: number, f: Fraction): boolean {
  if (total <= 0) return false;
  return BigInt(got) * BigInt(f.den) >= BigInt(f.num) * BigInt(total);
}

/** The least whole count that reaches num/den of total: ⌈num × total / den⌉. */
export function neededFor(total: number, f: Fraction): number {
  if (total <= 0) return 0;
  const n = BigInt(f.num) * BigInt(total);
  const d = BigInt(f.den);
  return Number((n + d - 1n) / d);
}
