/*
 * Money is whole đồng. It crosses JSON as a decimal string and is computed as bigint here,
 * the one place budget arithmetic lives, so no amount ever passes through a float.
 */
export type Dong = bigint;

export function parseDong(value: string | bigint | number): Dong {
  if (typeof value === "bigint") return value;
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new RangeError(`Not a whole number of đồng: ${value}`);
    return BigInt(value);
  }
  if (!/^-?\d+$/.test(value)) throw new RangeError(`Not a whole number of đồng: ${value}`);
  return BigInt(value);
}

export const formatDong = (amount: Dong): string => amount.toString();

/** The counterpart and other sources: what the total does not draw from the state budget. */
export function otherSources(total: string | bigint, state: string | bigint): string {
  return formatDong(parseDong(total) - parseDong(state));
}

/** The largest amount an int8 column holds. */
export const MAX_DONG = 9_223_372_036_854_775_807n;

/**
 * Reads an amount as a request sends it: a decimal string of digits, or a JSON integer small
 * enough to be exact. Says why not otherwise, so the form can mark the field.
 */
export function readAmount(
  value: unknown,
  { positive = false }: { positive?: boolean } = {},
): { ok: true; amount: Dong } | { ok: false; reason: string } {
  let amount: Dong;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || !Number.isInteger(value))
      return { ok: false, reason: "Whole đồng only, no fractions" };
    if (!Number.isSafeInteger(value))
      return { ok: false, reason: "Too large to send as a number: send it as a string" };
    amount = BigInt(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (/^-\d/.test(text)) return { ok: false, reason: "An amount cannot be negative" };
    if (/^\d+[.,]\d*$/.test(text)) return { ok: false, reason: "Whole đồng only, no fractions" };
    if (!/^\d{1,19}$/.test(text)) return { ok: false, reason: "A whole number of đồng, digits only" };
    amount = BigInt(text);
  } else {
    return { ok: false, reason: "A whole number of đồng, digits only" };
  }
  if (amount < 0n) return { ok: false, reason: "An amount cannot be negative" };
  if (amount > MAX_DONG) return { ok: false, reason: "The amount is too large" };
  if (positive && amount === 0n) return { ok: false, reason: "The amount must be more than zero" };
  return { ok: true, amount };
}

export const sumDong = (amounts: Iterable<Dong>): Dong => {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
};

export const minDong = (a: Dong, b: Dong): Dong => (a < b ? a : b);
export const maxDong = (a: Dong, b: Dong): Dong => (a > b ? a : b);

/** `part` as a percentage of `whole`, to one decimal place (rounded half up); null when the whole is zero. */
export function percentOf(part: Dong, whole: Dong): number | null {
  if (whole <= 0n) return null;
  const tenths = (part * 2000n + whole) / (2n * whole);
  return Number(tenths) / 10;
}

/** `amount` scaled by the fraction numerator/denominator, rounded down to whole đồng. */
export function scaleDong(amount: Dong, numerator: number, denominator: number): Dong {
  if (denominator <= 0) throw new RangeError("Scaling by a fraction with no denominator");
  return (amount * BigInt(Math.round(numerator))) / BigInt(Math.round(denominator));
}

/** Whole đồng as people read them in the messages: 1.250.500.000 đồng. */
export const displayDong = (amount: Dong): string =>
  `${amount < 0n ? "-" : ""}${(amount < 0n ? -amount : amount).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đồng`;

/**
 * Splits an amount in proportion to whole-number weights, in whole steps (1000n: whole thousands of
 * đồng). The largest remainders take the steps left over and any part of a step goes to the heaviest
 * weight, so the parts always add up to the amount exactly.
 */
export function splitDong(amount: Dong, weights: readonly bigint[], step: Dong = 1n): Dong[] {
  if (weights.length === 0) throw new RangeError("Splitting an amount into no parts");
  const total = sumDong(weights);
  if (total <= 0n || weights.some((w) => w < 0n)) throw new RangeError("Splitting by weights that are not positive");
  const units = amount / step;
  const parts = weights.map((w) => (units * w) / total);
  const order = weights
    .map((w, i) => ({ i, rest: (units * w) % total }))
    .sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (let left = units - sumDong(parts), k = 0; left > 0n; left--, k++) {
    const at = order[k % order.length]?.i ?? 0;
    parts[at] = (parts[at] ?? 0n) + 1n;
  }
  const heaviest = weights.reduce((best, w, i) => (w > (weights[best] ?? 0n) ? i : best), 0);
  return parts.map((p, i) => p * step + (i === heaviest ? amount - units * step : 0n));
}

/** `amount` × numerator / denominator, rounded down to a whole step (1000n: whole thousands). */
export function shareOf(amount: Dong, numerator: bigint, denominator: bigint, step: Dong = 1n): Dong {
  if (denominator <= 0n) throw new RangeError("A share with no denominator");
  return ((amount * numerator) / denominator / step) * step;
}
