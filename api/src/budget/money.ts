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

/** Amounts as people write them: in đồng, or in triệu đồng (millions) with up to six decimals. */
export type AmountUnit = "dong" | "million";

/**
 * A plain decimal ("1250.5") in `unit` as whole đồng, refusing fractions of a đồng and amounts
 * above `max`: the one place a written amount becomes money, for the import and any form.
 */
export function dongFromDecimal(
  decimal: string,
  unit: AmountUnit,
  max: Dong = MAX_DONG,
): { ok: true; amount: Dong } | { ok: false; problem: "AMOUNT_TEXT" | "AMOUNT_FRACTIONAL" | "AMOUNT_TOO_LARGE" } {
  if (!/^\d+(\.\d+)?$/.test(decimal)) return { ok: false, problem: "AMOUNT_TEXT" };
  const [whole = "0", fraction = ""] = decimal.split(".");
  const scale = unit === "million" ? 6 : 0;
  const significantFraction = fraction.replace(/0+$/, "");
  if (significantFraction.length > scale) return { ok: false, problem: "AMOUNT_FRACTIONAL" };
  const dong = BigInt(whole + significantFraction.padEnd(scale, "0"));
  if (dong > max) return { ok: false, problem: "AMOUNT_TOO_LARGE" };
  return { ok: true, amount: dong };
}

/** "1.250,5" → "1250.5"; null when the grouping is not one a person would write. */
export function splitSeparators(text: string, unit: AmountUnit): string | null {
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;
  let thousands: "." | "," | null = null;
  let decimalMark: "." | "," | null = null;
  if (dots > 0 && commas > 0) {
    decimalMark = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    thousands = decimalMark === "." ? "," : ".";
    if (text.split(decimalMark).length - 1 > 1) return null;
  } else if (dots + commas > 1) {
    thousands = dots > 0 ? "." : ",";
  } else if (dots + commas === 1) {
    const mark = dots === 1 ? "." : ",";
    const after = text.length - text.indexOf(mark) - 1;
    const groups = after === 3 && !(mark === "," && unit === "million");
    if (groups) thousands = mark;
    else decimalMark = mark;
  }
  let whole = text;
  let fraction = "";
  if (decimalMark) {
    const at = text.lastIndexOf(decimalMark);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!/^\d+$/.test(fraction)) return null;
  }
  if (thousands) {
    const groups = whole.split(thousands);
    if (!/^\d{1,3}$/.test(groups[0] ?? "") || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    whole = groups.join("");
  }
  if (!/^\d+$/.test(whole)) return null;
  return fraction ? `${whole}.${fraction}` : whole;
}
