import type { TaskKind } from "@khcn/db/schema";

/*
 * Task codes follow a configurable template (setting `task_code_template`), by default
 * `{kind}.{year}.{seq}` → `ĐT.2024.07`. Placeholders:
 *   {kind}   the kind's prefix (ĐT, DA, ĐA, NV)
 *   {year}   the task's start year, or the current year for a proposal without dates
 *   {seq}    the next number in the series of codes that share everything but the number,
 *            at least two digits; `{seq:3}` pads to three
 * Everything here is pure; the service reads the setting and the existing codes.
 */

export const TASK_CODE_TEMPLATE_SETTING = "task_code_template";
export const DEFAULT_TASK_CODE_TEMPLATE = "{kind}.{year}.{seq}";

/** The prefixes of {kind}, as Vietnamese documents abbreviate the kinds. */
export const TASK_CODE_PREFIX: Readonly<Record<TaskKind, string>> = {
  de_tai: "ĐT",
  du_an_sxtn: "DA",
  de_an: "ĐA",
  nhiem_vu_dmst: "NV",
};

const MAX_TEMPLATE_LENGTH = 100;
const DEFAULT_SEQ_WIDTH = 2;

type Token = { literal: string } | { placeholder: "kind" | "year" } | { placeholder: "seq"; width: number };

export interface CodeTemplate {
  source: string;
  tokens: readonly Token[];
}

export class CodeTemplateError extends Error {
  override readonly name = "CodeTemplateError";
}

/** Reads a template, refusing unknown placeholders, stray braces and templates without exactly one {seq}. */
export function parseCodeTemplate(source: unknown): CodeTemplate {
  if (typeof source !== "string" || source.trim() === "") throw new CodeTemplateError("The template must be text");
  if (source.length > MAX_TEMPLATE_LENGTH) throw new CodeTemplateError("The template is too long");
  const tokens: Token[] = [];
  const pattern = /\{([^{}]*)\}/g;
  let at = 0;
  for (const match of source.matchAll(pattern)) {
    if (match.index > at) tokens.push(literal(source.slice(at, match.index)));
    tokens.push(placeholder(match[1] ?? ""));
    at = match.index + match[0].length;
  }
  if (at < source.length) tokens.push(literal(source.slice(at)));
  const seqs = tokens.filter((t) => "placeholder" in t && t.placeholder === "seq").length;
  if (seqs !== 1) throw new CodeTemplateError("The template must contain {seq} exactly once");
  return { source, tokens };
}

function literal(text: string): Token {
  if (/[{}\s]/.test(text)) throw new CodeTemplateError(`Unexpected brace or space in "${text}"`);
  return { literal: text };
}

function placeholder(name: string): Token {
  if (name === "kind" || name === "year") return { placeholder: name };
  const seq = /^seq(?::([1-6]))?$/.exec(name);
  if (seq) return { placeholder: "seq", width: seq[1] ? Number(seq[1]) : DEFAULT_SEQ_WIDTH };
  throw new CodeTemplateError(`Unknown placeholder {${name}}: use {kind}, {year} or {seq}`);
}

/** The codes of one kind and year: everything before and after the number is fixed. */
export interface CodeSeries {
  prefix: string;
  suffix: string;
  width: number;
}

export function codeSeries(template: CodeTemplate, values: { kind: TaskKind; year: number }): CodeSeries {
  let prefix = "";
  let suffix = "";
  let width = DEFAULT_SEQ_WIDTH;
  let seen = false;
  for (const token of template.tokens) {
    if ("placeholder" in token && token.placeholder === "seq") {
      seen = true;
      width = token.width;
      continue;
    }
    const text =
      "literal" in token
        ? token.literal
        : token.placeholder === "kind"
          ? TASK_CODE_PREFIX[values.kind]
          : String(values.year);
    if (seen) suffix += text;
    else prefix += text;
  }
  return { prefix, suffix, width };
}

/** The number a code holds in the series, or null when the code is not of the series. */
export function sequenceOf(series: CodeSeries, code: string): number | null {
  if (code.length <= series.prefix.length + series.suffix.length) return null;
  if (!code.startsWith(series.prefix) || !code.endsWith(series.suffix)) return null;
  const digits = code.slice(series.prefix.length, code.length - series.suffix.length);
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}

/** One more than the highest number already used in the series (gaps are not reused). */
export function nextSequence(series: CodeSeries, existingCodes: Iterable<string>): number {
  let highest = 0;
  for (const code of existingCodes) {
    const n = sequenceOf(series, code);
    if (n !== null && n > highest) highest = n;
  }
  return highest + 1;
}

export function formatCode(series: CodeSeries, seq: number): string {
  return `${series.prefix}${String(seq).padStart(series.width, "0")}${series.suffix}`;
}

/** {year}: the start year, else the current year in Vietnam (UTC+7, no daylight saving). */
export function codeYear(startDate: string | null, now: Date): number {
  if (startDate) return Number(startDate.slice(0, 4));
  return new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear();
}
