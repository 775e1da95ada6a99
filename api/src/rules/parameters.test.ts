import { describe, expect, it } from "vitest";
import { DomainError } from "../http/errors.ts";
import { defaultParameter, PARAMETER_KEYS, PARAMETERS, resolveParameter } from "./parameters.ts";

const row = (unit_id: number | null, regime: string, value: unknown, key = "report_due_days") => ({
  unit_id,
  regime,
  key,
  value,
});

describe("rule parameters", () => {
  it("has a valid default for every parameter and regime", () => {
    for (const key of PARAMETER_KEYS) {
      for (const regime of ["law_2013", "law_93_2025"] as const) {
        expect(PARAMETERS[key].schema.safeParse(defaultParameter(key, regime)).success, key).toBe(true);
      }
    }
    expect(defaultParameter("report_due_days", "law_2013")).toEqual(["03-15", "09-15"]);
    expect(defaultParameter("adjustment_decision_days", "law_93_2025")).toBe(15);
  });

  it("takes the most specific stored value: unit and regime, unit, regime, then all", () => {
    const scope = { unitId: 7, regime: "law_2013" as const };
    const rows = [
      row(null, "*", ["01-01"]),
      row(null, "law_2013", ["02-02"]),
      row(7, "*", ["03-03"]),
      row(7, "law_2013", ["04-04"]),
      row(8, "law_2013", ["05-05"]),
      row(7, "law_93_2025", ["06-06"]),
    ];
    expect(resolveParameter(rows, scope, "report_due_days")).toEqual(["04-04"]);
    expect(resolveParameter(rows.slice(0, 3), scope, "report_due_days")).toEqual(["03-03"]);
    expect(resolveParameter(rows.slice(0, 2), scope, "report_due_days")).toEqual(["02-02"]);
    expect(resolveParameter(rows.slice(0, 1), scope, "report_due_days")).toEqual(["01-01"]);
    // Another unit's or another regime's value never applies.
    expect(
      resolveParameter(
        [rows[4], rows[5]].filter((r) => r !== undefined),
        scope,
        "report_due_days",
      ),
    ).toEqual(["03-15", "09-15"]);
  });

  it("refuses a stored value the parameter's rules reject", () => {
    const scope = { unitId: null, regime: "law_2013" as const };
    for (const bad of [["02-30"], [], 6, ["03-15", "03-15"]]) {
      expect(() => resolveParameter([row(null, "*", bad)], scope, "report_due_days")).toThrow(DomainError);
    }
    expect(() => resolveParameter([row(null, "*", 5, "report_period_months")], scope, "report_period_months")).toThrow(
      /report_period_months/,
    );
    expect(resolveParameter([row(null, "*", ["02-29"])], scope, "report_due_days")).toEqual(["02-29"]);
  });
});
