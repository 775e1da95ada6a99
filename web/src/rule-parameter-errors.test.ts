import { describe, expect, it } from "vitest";
import { ApiError } from "./api/client.ts";
import { joinedValueError, valueErrors } from "./rule-parameter-errors.ts";

const refusal = (issues: unknown[], fields: Record<string, string> = { value: "x" }) =>
  new ApiError(400, "VALIDATION_FAILED", "Not a valid value", fields, { issues });

describe("a refused rule parameter value", () => {
  it("puts the generic problems in the reader's words, with the bounds formatted", () => {
    const errors = valueErrors(
      refusal([
        { path: "", code: "too_big", origin: "number", maximum: 20971520, message: "Too big" },
        { path: "acceptance.size", code: "too_small", origin: "number", minimum: 1, message: "Too small" },
        { path: "bands", code: "too_small", origin: "array", minimum: 1, message: "Too small" },
        { path: "kind", code: "invalid_union", message: "Invalid discriminator value" },
        { path: "fraction.num", code: "invalid_type", expected: "int", message: "Invalid input" },
      ]),
      "vi",
    );
    expect(errors).toEqual({
      "": { key: "admin.parameters.errors.numberMax", params: { max: "20.971.520" } },
      "acceptance.size": { key: "admin.parameters.errors.numberMin", params: { min: "1" } },
      bands: { key: "admin.parameters.errors.listMin", params: { min: "1" } },
      kind: { key: "admin.parameters.errors.choice" },
      "fraction.num": { key: "admin.parameters.errors.wholeNumber" },
    });
  });

  it("knows the rules' own sentences and keeps any other as written", () => {
    const errors = valueErrors(
      refusal([
        { path: "1", code: "invalid_format", message: "A day of the year as MM-DD, e.g. 03-15" },
        { path: "1", code: "custom", message: "Not a day of the year" },
        { path: "", code: "custom", message: "A day is listed twice" },
        { path: "x", code: "custom", message: "Some new rule" },
      ]),
      "en",
    );
    expect(errors).toEqual({
      "1": { key: "admin.parameters.errors.monthDay" },
      "": { key: "admin.parameters.errors.duplicateDay" },
      x: { text: "Some new rule" },
    });
  });

  it("falls back to the fields when the answer lists no problems, and ignores other errors", () => {
    expect(valueErrors(refusal([], { value: "Required", "value.0": "Bad", unitId: "No such unit" }), "vi")).toEqual({
      "": { text: "Required" },
      "0": { text: "Bad" },
    });
    expect(valueErrors(new ApiError(403, "FORBIDDEN", "No"), "vi")).toEqual({});
    expect(valueErrors(new Error("boom"), "vi")).toEqual({});
  });

  it("joins the problems with their places for the JSON editor", () => {
    const render = (m: { key?: string; text?: string }) => m.text ?? m.key ?? "";
    expect(joinedValueError({}, render)).toBeUndefined();
    expect(joinedValueError({ "": { text: "A" }, "acceptance.size": { text: "B" } }, render)).toEqual({
      text: "A acceptance.size: B",
    });
  });
});
