import { describe, expect, it } from "vitest";
import { addMonths, dayAfter, extensionMonths } from "./extension-months.ts";

describe("extension months", () => {
  it("keeps the end of a month at the end of a month", () => {
    expect(addMonths("2026-06-30", 6)).toBe("2026-12-31");
    expect(addMonths("2026-12-31", 2)).toBe("2027-02-28");
    expect(addMonths("2026-01-15", 1)).toBe("2026-02-15");
  });

  it("counts months rounded up, as the API does", () => {
    expect(extensionMonths("2026-12-31", "2027-06-30")).toBe(6);
    expect(extensionMonths("2026-12-31", "2027-07-01")).toBe(7);
    expect(extensionMonths("2026-12-31", "2027-01-01")).toBe(1);
  });

  it("gives nothing for a date that does not move the end later", () => {
    expect(extensionMonths("2026-12-31", "2026-12-31")).toBeNull();
    expect(extensionMonths(null, "2027-01-01")).toBeNull();
    expect(extensionMonths("2026-12-31", "")).toBeNull();
  });

  it("knows the day after", () => {
    expect(dayAfter("2026-12-31")).toBe("2027-01-01");
  });
});
