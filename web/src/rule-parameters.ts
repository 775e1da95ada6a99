import type { Locale } from "./format.ts";
import { en } from "./i18n/en.ts";
import { vi } from "./i18n/vi.ts";

/*
 * The administration screen's reading of a rule parameter: which editor its JSON Schema calls
 * for, how a value becomes the editor's draft and back, and the parameter's name in the
 * reader's language (the API's English description when the catalogue lacks the key).
 */

type JsonSchema = Record<string, unknown>;

export type ParameterEditor =
  | { kind: "number"; min: number | null; max: number | null }
  | { kind: "choice"; options: readonly (number | string)[] }
  | { kind: "boolean" }
  | { kind: "fraction" }
  | { kind: "days"; format: "month-day" | "date" }
  | { kind: "json" };

const isObject = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);
const numberOrNull = (v: unknown) => (typeof v === "number" ? v : null);

/** The editor for a value of this JSON Schema; anything composite gets the JSON text editor. */
export function editorFor(schema: JsonSchema): ParameterEditor {
  if (schema.type === "integer" || schema.type === "number") {
    return { kind: "number", min: numberOrNull(schema.minimum), max: numberOrNull(schema.maximum) };
  }
  if (schema.type === "boolean") return { kind: "boolean" };
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (
    Array.isArray(alternatives) &&
    alternatives.length > 0 &&
    alternatives.every((a) => isObject(a) && "const" in a)
  ) {
    return { kind: "choice", options: alternatives.map((a) => (a as { const: number | string }).const) };
  }
  if (schema.type === "string" && Array.isArray(schema.enum)) return { kind: "choice", options: schema.enum };
  if (schema.type === "object" && isObject(schema.properties)) {
    const keys = Object.keys(schema.properties).sort();
    if (keys.length === 2 && keys[0] === "den" && keys[1] === "num") return { kind: "fraction" };
  }
  if (schema.type === "array" && isObject(schema.items) && schema.items.type === "string") {
    const pattern = String(schema.items.pattern ?? "");
    if (pattern.includes("\\d{4}-\\d{2}-\\d{2}")) return { kind: "days", format: "date" };
    if (pattern.includes("\\d{2}-\\d{2}")) return { kind: "days", format: "month-day" };
  }
  return { kind: "json" };
}

/** What the editor holds while the administrator types: text, a fraction's two numbers, or a list of days. */
export type Draft = { text: string } | { num: string; den: string } | { days: string[] };

export function toDraft(editor: ParameterEditor, value: unknown): Draft {
  switch (editor.kind) {
    case "fraction": {
      const f = isObject(value) ? value : {};
      return { num: f.num === undefined ? "" : String(f.num), den: f.den === undefined ? "" : String(f.den) };
    }
    case "days":
      return { days: Array.isArray(value) ? value.map(String) : [] };
    case "json":
      return { text: JSON.stringify(value, null, 2) };
    default:
      return { text: value === null || value === undefined ? "" : String(value) };
  }
}

/** A typed number, or the text itself when it is not one, so the server names the problem. */
const numberFrom = (text: string): number | string | null => {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : trimmed;
};

/**
 * The value to send. Only JSON that does not parse is refused here; every rule of the value is
 * the server's to check, so the editor and the API cannot disagree.
 */
export function fromDraft(editor: ParameterEditor, draft: Draft): { value: unknown } | { invalidJson: true } {
  if ("num" in draft) return { value: { num: numberFrom(draft.num), den: numberFrom(draft.den) } };
  if ("days" in draft) return { value: draft.days.map((d) => d.trim()).filter((d) => d !== "") };
  switch (editor.kind) {
    case "number":
      return { value: numberFrom(draft.text) };
    case "boolean":
      return { value: draft.text === "true" };
    case "choice": {
      const match = editor.options.find((o) => String(o) === draft.text);
      return { value: match ?? draft.text };
    }
    default:
      try {
        return { value: JSON.parse(draft.text) as unknown };
      } catch {
        return { invalidJson: true };
      }
  }
}

type Names = Record<string, { name: string; description: string } | undefined>;
const NAMES: Record<Locale, Names> = { vi: vi.admin.parameters.names, en: en.admin.parameters.names };

/** The parameter's name and description in the reader's language; the key and the API's words if the catalogue lacks it. */
export function parameterText(
  locale: Locale,
  key: string,
  apiDescription: string,
): { name: string; description: string } {
  return NAMES[locale][key] ?? { name: key, description: apiDescription };
}

/** Whether the catalogue names this parameter in both languages. */
export const hasParameterText = (key: string) => NAMES.vi[key] !== undefined && NAMES.en[key] !== undefined;
