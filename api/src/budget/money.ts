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
