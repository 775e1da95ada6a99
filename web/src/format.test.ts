import { flatten, resolveTemplate, translator } from "@solid-primitives/i18n";
import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatDongAmount,
  formatMillionAmount,
  formatMoneyAmount,
  formatNumber,
  formatShare,
  parseDong,
  todayInVietnam,
  vietnamDateOf,
} from "./format.ts";
import { en } from "./i18n/en.ts";
import { vi } from "./i18n/vi.ts";

describe("formatNumber", () => {
  it("groups thousands with dots in Vietnamese and commas in English", () => {
    expect(formatNumber(1234567, "vi")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });

  it("uses a decimal comma in Vietnamese", () => {
    expect(formatNumber(1250.5, "vi", 1)).toBe("1.250,5");
    expect(formatNumber(1250.5, "en", 1)).toBe("1,250.5");
  });

  it("groups four-digit numbers too", () => {
    expect(formatNumber(1000, "vi")).toBe("1.000");
  });
});

describe("parseDong", () => {
  it("accepts whole đồng only", () => {
    expect(parseDong("1250500000")).toBe(1_250_500_000n);
    expect(parseDong("0")).toBe(0n);
    expect(parseDong("12.5")).toBeNull();
    expect(parseDong("1e9")).toBeNull();
    expect(parseDong("")).toBeNull();
    expect(parseDong(null)).toBeNull();
  });
});

describe("formatDongAmount", () => {
  it("groups whole đồng", () => {
    expect(formatDongAmount("1250500000", "vi")).toBe("1.250.500.000");
    expect(formatDongAmount("1250500000", "en")).toBe("1,250,500,000");
  });

  it("formats zero", () => {
    expect(formatDongAmount("0", "vi")).toBe("0");
  });

  it("keeps every digit of values beyond 2^53", () => {
    // 2^53 + 1 cannot be represented as a float.
    expect(formatDongAmount("9007199254740993", "vi")).toBe("9.007.199.254.740.993");
    expect(formatDongAmount("123456789012345678901234", "en")).toBe("123,456,789,012,345,678,901,234");
  });

  it("refuses what is not a whole number", () => {
    expect(formatDongAmount("abc", "vi")).toBeNull();
  });
});

describe("formatMillionAmount", () => {
  it("shows millions with one decimal", () => {
    expect(formatMillionAmount("1250500000", "vi")).toBe("1.250,5");
    expect(formatMillionAmount("1250500000", "en")).toBe("1,250.5");
    expect(formatMillionAmount("500000000", "vi")).toBe("500,0");
  });

  it("rounds half-up at the edge of a tenth", () => {
    expect(formatMillionAmount("1249999", "vi")).toBe("1,2");
    expect(formatMillionAmount("1250000", "vi")).toBe("1,3");
    expect(formatMillionAmount("1349999", "vi")).toBe("1,3");
    expect(formatMillionAmount("1350000", "vi")).toBe("1,4");
  });

  it("carries into the whole part and the thousands", () => {
    expect(formatMillionAmount("999950000", "vi")).toBe("1.000,0");
    expect(formatMillionAmount("999949999", "vi")).toBe("999,9");
    expect(formatMillionAmount("9950000", "vi")).toBe("10,0");
  });

  it("formats zero and amounts below half a tenth", () => {
    expect(formatMillionAmount("0", "vi")).toBe("0,0");
    expect(formatMillionAmount("49999", "vi")).toBe("0,0");
    expect(formatMillionAmount("50000", "vi")).toBe("0,1");
  });

  it("rounds negative amounts away from zero and never shows minus zero", () => {
    expect(formatMillionAmount("-1250000", "vi")).toBe("-1,3");
    expect(formatMillionAmount("-40000", "vi")).toBe("0,0");
  });

  it("is exact beyond 2^53", () => {
    expect(formatMillionAmount("9007199254740993", "vi")).toBe("9.007.199.254,7");
    expect(formatMillionAmount("123456789012345678950000", "en")).toBe("123,456,789,012,345,679.0");
  });

  it("accepts a bigint", () => {
    expect(formatMillionAmount(2_000_000n, "en")).toBe("2.0");
  });
});

describe("formatMoneyAmount with the catalogue's unit names", () => {
  const tVi = translator(() => flatten(vi), resolveTemplate);
  const tEn = translator(() => flatten(en), resolveTemplate);

  it("reads as Vietnamese civil servants write it", () => {
    const dong = formatMoneyAmount("1250500000", "dong", "vi") ?? "";
    const million = formatMoneyAmount("1250500000", "million", "vi") ?? "";
    expect(tVi("money.dongAmount", { amount: dong })).toBe("1.250.500.000 đ");
    expect(tVi("money.millionAmount", { amount: million })).toBe("1.250,5 triệu đồng");
  });

  it("uses English grouping in English", () => {
    const million = formatMoneyAmount("1250500000", "million", "en") ?? "";
    expect(tEn("money.millionAmount", { amount: million })).toBe("1,250.5 million ₫");
  });
});

describe("formatShare", () => {
  it("gives a percentage with one decimal, rounded half-up", () => {
    expect(formatShare("750000000", "1000000000", "vi")).toBe("75,0%");
    expect(formatShare("1", "3", "en")).toBe("33.3%");
    expect(formatShare("2", "3", "en")).toBe("66.7%");
    expect(formatShare("1", "8", "en")).toBe("12.5%");
    expect(formatShare("1", "16", "en")).toBe("6.3%");
  });

  it("has no share of a zero total", () => {
    expect(formatShare("0", "0", "vi")).toBeNull();
  });
});

describe("formatDate", () => {
  it("writes legal dates as dd/mm/yyyy in Vietnamese", () => {
    expect(formatDate("2024-03-05", "vi")).toBe("05/03/2024");
  });

  it("uses an unambiguous British form in English", () => {
    expect(formatDate("2024-03-05", "en")).toBe("5 Mar 2024");
  });

  it("does not shift the day whatever the time zone", () => {
    expect(formatDate("2025-12-31", "vi")).toBe("31/12/2025");
    expect(formatDate("2025-01-01", "vi")).toBe("01/01/2025");
  });

  it("returns null for missing or malformed dates", () => {
    expect(formatDate(null, "vi")).toBeNull();
    expect(formatDate(undefined, "en")).toBeNull();
    expect(formatDate("", "vi")).toBeNull();
    expect(formatDate("15/03/2024", "vi")).toBeNull();
    expect(formatDate("2024-02-30", "vi")).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("shows instants in Vietnam's time zone", () => {
    expect(formatDateTime("2025-11-25T18:30:00Z", "vi")).toContain("26/11/2025");
    expect(formatDateTime("2025-11-25T18:30:00Z", "vi")).toContain("01:30");
  });

  it("returns null for missing or invalid instants", () => {
    expect(formatDateTime(null, "vi")).toBeNull();
    expect(formatDateTime("not a date", "vi")).toBeNull();
  });
});

describe("todayInVietnam", () => {
  it("is the date in UTC+7, whatever the machine's zone", () => {
    expect(todayInVietnam(new Date("2025-03-14T16:59:00Z"))).toBe("2025-03-14");
    expect(todayInVietnam(new Date("2025-03-14T17:00:00Z"))).toBe("2025-03-15");
    expect(vietnamDateOf("2025-12-31T18:30:00Z")).toBe("2026-01-01");
    expect(vietnamDateOf("nonsense")).toBeNull();
  });
});
