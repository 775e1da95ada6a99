import { jsonSchemaOf } from "@khcn/api/rules/json-schemas";
import { PARAMETER_KEYS, PARAMETERS } from "@khcn/api/rules/parameters";
import { describe, expect, it } from "vitest";
import { en } from "./i18n/en.ts";
import { vi } from "./i18n/vi.ts";
import { editorFor, fromDraft, hasParameterText, parameterText, toDraft } from "./rule-parameters.ts";

// The API's own definitions (a test may read them; the app gets them over HTTP).
const schemaOf = jsonSchemaOf;

describe("rule parameter names", () => {
  it("names and describes every parameter in Vietnamese and English", () => {
    const missing = PARAMETER_KEYS.filter((key) => !hasParameterText(key));
    expect(missing).toEqual([]);
    for (const key of PARAMETER_KEYS) {
      expect(parameterText("vi", key, "").name.trim(), key).not.toBe("");
      expect(parameterText("en", key, "").description.trim(), key).not.toBe("");
    }
  });

  it("names no parameter the API does not have", () => {
    const keys = new Set<string>(PARAMETER_KEYS);
    expect(Object.keys(vi.admin.parameters.names).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.keys(en.admin.parameters.names).sort()).toEqual(Object.keys(vi.admin.parameters.names).sort());
  });

  it("falls back to the key and the API's description for a parameter the catalogue lacks", () => {
    expect(parameterText("vi", "brand_new_rule", "What it does")).toEqual({
      name: "brand_new_rule",
      description: "What it does",
    });
  });
});

describe("editors", () => {
  it("picks an editor by the shape of the value", () => {
    expect(editorFor(schemaOf("acceptance_dossier_days"))).toEqual({ kind: "number", min: 1, max: 366 });
    expect(editorFor(schemaOf("report_period_months"))).toEqual({ kind: "choice", options: [1, 2, 3, 4, 6, 12] });
    expect(editorFor(schemaOf("holiday_compensation"))).toEqual({ kind: "boolean" });
    expect(editorFor(schemaOf("selection_key_zero_fraction"))).toEqual({ kind: "fraction" });
    expect(editorFor(schemaOf("report_due_days"))).toEqual({ kind: "days", format: "month-day" });
    expect(editorFor(schemaOf("extra_holidays"))).toEqual({ kind: "days", format: "date" });
    for (const key of ["council_composition", "grading_scheme", "selection_criteria", "expense_categories"] as const) {
      expect(editorFor(schemaOf(key)).kind, key).toBe("json");
    }
  });

  it("gives back every default unchanged through its editor's draft", () => {
    for (const key of PARAMETER_KEYS) {
      const editor = editorFor(schemaOf(key));
      for (const regime of ["law_2013", "law_93_2025"] as const) {
        const value = PARAMETERS[key].byRegime?.[regime] ?? PARAMETERS[key].default;
        expect(fromDraft(editor, toDraft(editor, value)), key).toEqual({ value });
      }
    }
  });

  it("sends what was typed for the server to judge, and refuses only JSON that does not parse", () => {
    const days = editorFor(schemaOf("acceptance_dossier_days"));
    expect(fromDraft(days, { text: "45" })).toEqual({ value: 45 });
    expect(fromDraft(days, { text: "" })).toEqual({ value: null });
    expect(fromDraft(days, { text: "2.5" })).toEqual({ value: 2.5 });
    const fraction = editorFor(schemaOf("selection_key_zero_fraction"));
    expect(fromDraft(fraction, { num: "2", den: "3" })).toEqual({ value: { num: 2, den: 3 } });
    const list = editorFor(schemaOf("report_due_days"));
    expect(fromDraft(list, { days: [" 03-31 ", "", "09-30"] })).toEqual({ value: ["03-31", "09-30"] });
    const json = editorFor(schemaOf("council_quorum"));
    expect(fromDraft(json, { text: "{ not json" })).toEqual({ invalidJson: true });
    expect(fromDraft(editorFor(schemaOf("holiday_compensation")), { text: "false" })).toEqual({ value: false });
  });
});
