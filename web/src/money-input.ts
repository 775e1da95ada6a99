import { formatDongAmount, type Locale, type MoneyUnit } from "./format.ts";

/*
 * Money typed into a form, in đồng or in triệu đồng (millions), read exactly: the text is split
 * into digits and converted with BigInt, never through a float. Grouping and the decimal mark
 * follow the language (vi: 1.250,5 — en: 1,250.5); a lone mark that cannot be grouping
 * ("1250.5" in Vietnamese) is taken as the decimal mark, as people often type it that way.
 */

export type MoneyProblem = "format" | "whole" | "tooLarge";
export type MoneyParse = { ok: true; dong: bigint } | { ok: false; problem: MoneyProblem };

const MILLION = 1_000_000n;
/** The API takes at most 15 digits of đồng. */
const LIMIT = 10n ** 15n;

function marks(locale: Locale): { decimal: string; group: string } {
  return locale === "vi" ? { decimal: ",", group: "." } : { decimal: ".", group: "," };
}

function ungroup(text: string, group: string): string | null {
  if (/^\d+$/.test(text)) return text;
  const parts = text.split(group);
  const [head, ...rest] = parts;
  if (head === undefined || !/^\d{1,3}$/.test(head) || rest.length === 0) return null;
  return rest.every((p) => /^\d{3}$/.test(p)) ? parts.join("") : null;
}

/** The amount in whole đồng, or what is wrong with the text; null when nothing was typed. */
export function parseMoneyInput(text: string, unit: MoneyUnit, locale: Locale): MoneyParse | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  const { decimal, group } = marks(locale);

  let whole: string | null;
  let fraction = "";
  const pieces = compact.split(decimal);
  if (pieces.length > 2) return { ok: false, problem: "format" };
  if (pieces.length === 2) {
    whole = ungroup(pieces[0] ?? "", group);
    fraction = pieces[1] ?? "";
  } else {
    whole = ungroup(compact, group);
    const groupMarks = compact.split(group).length - 1;
    if (whole === null && groupMarks === 1) {
      // "1250.5" in Vietnamese: not grouping, so a decimal mark.
      const [a = "", b = ""] = compact.split(group);
      whole = /^\d+$/.test(a) ? a : null;
      fraction = b;
    }
  }
  if (whole === null || whole === "" || !/^\d*$/.test(fraction)) return { ok: false, problem: "format" };

  const significant = fraction.replace(/0+$/, "");
  let dong: bigint;
  if (unit === "dong") {
    if (significant !== "") return { ok: false, problem: "whole" };
    dong = BigInt(whole);
  } else {
    if (significant.length > 6) return { ok: false, problem: "whole" };
    dong = BigInt(whole) * MILLION + BigInt(significant.padEnd(6, "0"));
  }
  return dong >= LIMIT ? { ok: false, problem: "tooLarge" } : { ok: true, dong };
}

/** Whole đồng as a form shows it for editing in the chosen unit, exact (no rounding): `1.250,5`. */
export function formatMoneyInput(dong: string | bigint, unit: MoneyUnit, locale: Locale): string {
  const value = typeof dong === "bigint" ? dong : BigInt(dong);
  if (unit === "dong") return formatDongAmount(value, locale) ?? "";
  const whole = formatDongAmount(value / MILLION, locale) ?? "";
  const fraction = (value % MILLION).toString().padStart(6, "0").replace(/0+$/, "");
  return fraction ? `${whole}${marks(locale).decimal}${fraction}` : whole;
}
