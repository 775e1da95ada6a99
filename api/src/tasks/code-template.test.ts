import { TASK_CODE_PREFIX as BUILDER_PREFIX } from "@khcn/db/seed/builders";
import { describe, expect, it } from "vitest";
import {
  CodeTemplateError,
  codeSeries,
  codeYear,
  DEFAULT_TASK_CODE_TEMPLATE,
  formatCode,
  nextSequence,
  parseCodeTemplate,
  sequenceOf,
  TASK_CODE_PREFIX,
} from "./code-template.ts";

const series = (template: string, kind: "de_tai" | "du_an_sxtn" | "de_an" | "nhiem_vu_dmst", year: number) =>
  codeSeries(parseCodeTemplate(template), { kind, year });

describe("task code template", () => {
  it("renders the default template as ĐT.2024.07", () => {
    const s = series(DEFAULT_TASK_CODE_TEMPLATE, "de_tai", 2024);
    expect(s).toEqual({ prefix: "ĐT.2024.", suffix: "", width: 2 });
    expect(formatCode(s, 7)).toBe("ĐT.2024.07");
    expect(formatCode(s, 123)).toBe("ĐT.2024.123");
  });

  it("uses each kind's prefix", () => {
    expect(formatCode(series("{kind}.{year}.{seq}", "du_an_sxtn", 2022), 3)).toBe("DA.2022.03");
    expect(formatCode(series("{kind}.{year}.{seq}", "de_an", 2026), 2)).toBe("ĐA.2026.02");
    expect(formatCode(series("{kind}.{year}.{seq}", "nhiem_vu_dmst", 2026), 1)).toBe("NV.2026.01");
  });

  it("keeps text after the number and pads as asked", () => {
    const s = series("{seq:3}/{year}/{kind}-NB", "de_tai", 2026);
    expect(s).toEqual({ prefix: "", suffix: "/2026/ĐT-NB", width: 3 });
    expect(formatCode(s, 4)).toBe("004/2026/ĐT-NB");
  });

  it("refuses templates it cannot number", () => {
    for (const bad of [
      "",
      "{kind}.{year}",
      "{seq}.{seq}",
      "{kind}.{month}.{seq}",
      "{kind} {seq}",
      "{kind}.{seq",
      "{seq:9}",
      42,
      null,
      "x".repeat(101),
    ]) {
      expect(() => parseCodeTemplate(bad), String(bad)).toThrow(CodeTemplateError);
    }
  });

  it("takes one more than the highest number in the series, ignoring other series", () => {
    const s = series(DEFAULT_TASK_CODE_TEMPLATE, "de_tai", 2026);
    const codes = ["ĐT.2026.01", "ĐT.2026.07", "ĐT.2026.x", "ĐT.2025.09", "DA.2026.12", "ĐT.2026.", "ĐT.2026.05-b"];
    expect(nextSequence(s, codes)).toBe(8);
    expect(nextSequence(s, [])).toBe(1);
    expect(sequenceOf(s, "ĐT.2026.100")).toBe(100);
    expect(sequenceOf(s, "ĐT.2026.05-b")).toBeNull();
  });

  it("reads the year from the start date, else today in Vietnam", () => {
    expect(codeYear("2024-03-15", new Date("2030-01-01T00:00:00Z"))).toBe(2024);
    // 31 December 18:00 UTC is already 1 January in Hà Nội.
    expect(codeYear(null, new Date("2026-12-31T18:00:00Z"))).toBe(2027);
    expect(codeYear(null, new Date("2026-12-31T16:00:00Z"))).toBe(2026);
  });

  it("agrees with the prefixes the test builders and the demo seed use", () => {
    expect(BUILDER_PREFIX).toEqual(TASK_CODE_PREFIX);
  });
});
