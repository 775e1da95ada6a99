import { describe, expect, it } from "vitest";
import { defaultParameter } from "../rules/parameters.ts";
import { lunarToSolar, solarToLunar } from "./lunar.ts";
import {
  addWorkingDays,
  DEFAULT_HOLIDAY_RULES,
  type HolidayRules,
  holidayRulesFrom,
  holidaysOf,
  isWorkingDay,
  workingDaysBetween,
} from "./working-days.ts";

const tet = (year: number) => lunarToSolar({ year, month: 1, day: 1, leap: false });

describe("the lunar calendar (UTC+7)", () => {
  it.each([
    [2020, "2020-01-25"],
    [2023, "2023-01-22"],
    [2024, "2024-02-10"],
    [2025, "2025-01-29"],
    [2026, "2026-02-17"],
    [2027, "2027-02-06"],
    [2033, "2033-01-31"],
  ])("puts Tết %i on %s", (year, date) => {
    expect(tet(year)).toBe(date);
  });

  it("follows Vietnam's time zone where China's calendar differs (Tết 1985 and 2007)", () => {
    expect(tet(1985)).toBe("1985-01-21");
    expect(tet(2007)).toBe("2007-02-17");
  });

  it.each([
    [2023, "2023-04-29"],
    [2024, "2024-04-18"],
    [2025, "2025-04-07"],
    [2026, "2026-04-26"],
  ])("puts the Hùng Kings' day (10/3 lunar) of %i on %s", (year, date) => {
    expect(lunarToSolar({ year, month: 3, day: 10, leap: false })).toBe(date);
  });

  it("knows leap months (2023 repeated the second month)", () => {
    expect(solarToLunar("2023-03-22")).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true })).toBe("2023-03-22");
    expect(() => lunarToSolar({ year: 2024, month: 2, day: 1, leap: true })).toThrow(RangeError);
  });

  it("converts both ways", () => {
    expect(solarToLunar("2025-01-28")).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    for (const iso of ["2024-12-31", "2025-06-15", "2026-02-16", "2026-11-26", "2030-02-02"]) {
      expect(lunarToSolar(solarToLunar(iso))).toBe(iso);
    }
  });
});

describe("public holidays", () => {
  it("gives Tết as the last day of the lunar year and the first four of the new one", () => {
    const days = holidaysOf(2026)
      .filter((h) => h.code === "tet")
      .map((h) => h.date);
    expect(days).toEqual(["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"]);
  });

  it("lists the year's holidays, with a compensatory day for the Hùng Kings on a Sunday", () => {
    expect(holidaysOf(2026).filter((h) => h.code !== "tet")).toEqual([
      { date: "2026-01-01", code: "new_year" },
      { date: "2026-04-26", code: "hung_kings" },
      { date: "2026-04-27", code: "compensatory" },
      { date: "2026-04-30", code: "reunification" },
      { date: "2026-05-01", code: "labour" },
      { date: "2026-09-01", code: "national_day" },
      { date: "2026-09-02", code: "national_day" },
    ]);
  });

  it("compensates holidays on a weekend on the next free working days (2023: 29/4 to 3/5 off)", () => {
    const spring = holidaysOf(2023)
      .filter((h) => h.date >= "2023-04-29" && h.date <= "2023-05-05")
      .map((h) => `${h.date} ${h.code}`);
    expect(spring).toEqual([
      "2023-04-29 hung_kings",
      "2023-04-30 reunification",
      "2023-05-01 labour",
      "2023-05-02 compensatory",
      "2023-05-03 compensatory",
    ]);
  });

  it("takes the day after 2/9 when a year's decision says so", () => {
    const rules: HolidayRules = {
      ...DEFAULT_HOLIDAY_RULES,
      nationalDayAdjacent: { default: "before", byYear: { "2027": "after" } },
    };
    const september = (year: number) =>
      holidaysOf(year, rules)
        .filter((h) => h.code === "national_day")
        .map((h) => h.date);
    expect(september(2027)).toEqual(["2027-09-02", "2027-09-03"]);
    expect(september(2028)).toEqual(["2028-09-01", "2028-09-02"]);
  });

  it("follows the Tết length of the parameter", () => {
    const rules: HolidayRules = { ...DEFAULT_HOLIDAY_RULES, tet: { daysBefore: 2, daysFrom: 3 } };
    expect(
      holidaysOf(2027, rules)
        .filter((h) => h.code === "tet")
        .map((h) => h.date),
    ).toEqual(["2027-02-04", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]);
  });
});

describe("working days", () => {
  it("skips weekends and holidays", () => {
    expect(isWorkingDay("2026-04-24")).toBe(true); // Friday
    expect(isWorkingDay("2026-04-25")).toBe(false); // Saturday
    expect(isWorkingDay("2026-04-27")).toBe(false); // compensatory for the Hùng Kings
    expect(isWorkingDay("2026-04-30")).toBe(false);
    expect(isWorkingDay("2026-02-17")).toBe(false); // Tết
    expect(isWorkingDay("2026-02-23")).toBe(true);
  });

  it("puts a meeting 3 working days after Friday 24/4/2026 on Monday 4/5/2026", () => {
    // 27/4 compensatory, 28 and 29 work, 30/4 and 1/5 holidays, 2–3/5 weekend, 4/5 the third.
    expect(addWorkingDays("2026-04-24", 3)).toBe("2026-05-04");
    expect(workingDaysBetween("2026-04-24", "2026-05-04")).toBe(3);
    expect(workingDaysBetween("2026-04-24", "2026-05-01")).toBe(2);
  });

  it("counts backwards and inverts addWorkingDays", () => {
    expect(addWorkingDays("2026-05-04", -3)).toBe("2026-04-24");
    expect(workingDaysBetween("2026-05-04", "2026-04-24")).toBe(-3);
    expect(addWorkingDays("2026-04-25", 0)).toBe("2026-04-25");
    expect(addWorkingDays("2026-02-13", 1)).toBe("2026-02-23"); // over Tết
    for (const n of [1, 5, 15, 40]) expect(workingDaysBetween("2025-12-20", addWorkingDays("2025-12-20", n))).toBe(n);
  });

  it("counts 15 working days to establish a council across Tết 2027", () => {
    // Dossier valid on Monday 1/2/2027: 2–4/2 count 3; Tết 5–9/2 (Friday–Tuesday) with 6/2 and 7/2 on a
    // weekend compensated on 10–11/2; 12/2 is the 4th, then two more weeks reach the 14th on 26/2.
    expect(addWorkingDays("2027-02-01", 14)).toBe("2027-02-26");
    expect(addWorkingDays("2027-02-01", 15)).toBe("2027-03-01");
  });

  it("honours extra days off and make-up Saturdays from the parameters", () => {
    const rules: HolidayRules = {
      ...DEFAULT_HOLIDAY_RULES,
      extraHolidays: ["2025-01-27"],
      makeupWorkingDays: ["2025-02-08", "2025-02-03"],
    };
    expect(isWorkingDay("2025-01-27", rules)).toBe(false);
    expect(isWorkingDay("2025-02-08", rules)).toBe(true); // a Saturday worked
    expect(isWorkingDay("2025-02-03", rules)).toBe(true); // the compensatory day given back
    expect(isWorkingDay("2025-02-03")).toBe(false);
    expect(addWorkingDays("2025-01-24", 1, rules)).toBe("2025-02-03");
  });

  it("reads its rules from the rule parameters", () => {
    const params = { get: (key: string) => defaultParameter(key as never, "law_2013") };
    expect(holidayRulesFrom(params as never)).toEqual(DEFAULT_HOLIDAY_RULES);
  });

  it("refuses what is not a date", () => {
    expect(() => isWorkingDay("26/4/2026")).toThrow(RangeError);
    expect(() => addWorkingDays("2026-04-24", 1.5)).toThrow(RangeError);
  });
});
