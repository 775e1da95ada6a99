import { describe, expect, it } from "vitest";
import {
  activeFilterCount,
  activeWatchKeys,
  filterSearch,
  readTaskListState,
  toExportSearch,
  toSearchString,
  toTaskListParams,
} from "./task-list-url.ts";

describe("readTaskListState", () => {
  it("gives the defaults for an empty query", () => {
    const state = readTaskListState({});
    expect(state).toMatchObject({ sort: "code", order: "asc", page: 1, pageSize: 20, q: "" });
    expect(activeFilterCount(state)).toBe(0);
  });

  it("reads known values and ignores unknown ones", () => {
    const state = readTaskListState({
      stage: "in_progress,acceptance",
      theme: "12",
      kind: "nope",
      year: "2024",
      host: "-3",
      q: "  giong lua ",
      sort: "totalBudget",
      order: "desc",
      page: "3",
      pageSize: "7",
    });
    expect(state).toMatchObject({
      stage: "in_progress",
      theme: 12,
      kind: undefined,
      year: 2024,
      host: undefined,
      q: "giong lua",
      sort: "totalBudget",
      order: "desc",
      page: 3,
      pageSize: 20,
    });
    expect(activeFilterCount(state)).toBe(4);
  });
});

describe("toSearchString", () => {
  it("leaves defaults out and round-trips", () => {
    expect(toSearchString(readTaskListState({}))).toBe("");
    const search = toSearchString(readTaskListState({ q: "giống lúa", year: "2025", page: "2", sort: "title" }));
    expect(search).toBe("?year=2025&q=gi%E1%BB%91ng+l%C3%BAa&sort=title&order=asc&page=2");
    const again = readTaskListState(Object.fromEntries(new URLSearchParams(search)));
    expect(toSearchString(again)).toBe(search);
  });
});

describe("toTaskListParams", () => {
  it("sends the stage as a list and omits empty filters", () => {
    expect(toTaskListParams(readTaskListState({ stage: "closed" }))).toEqual({
      stage: ["closed"],
      sort: "code",
      order: "asc",
      page: 1,
      pageSize: 20,
    });
  });
});

describe("my tasks", () => {
  it("is a scope kept in the URL, not counted as a filter", () => {
    const state = readTaskListState({ mine: "true", stage: "proposed" });
    expect(state.mine).toBe(true);
    expect(activeFilterCount(state)).toBe(1);
    expect(toSearchString(state)).toBe("?stage=proposed&mine=true");
    expect(toTaskListParams(state)).toMatchObject({ mine: true, stage: ["proposed"] });
    expect(readTaskListState({ mine: "yes" }).mine).toBe(false);
    expect(toTaskListParams(readTaskListState({}))).not.toHaveProperty("mine");
  });
});

describe("the dashboard's filters", () => {
  it("open the list from a figure's filter and round-trip through the URL", () => {
    expect(filterSearch({ stage: ["recognition"] })).toBe("?stage=recognition");
    const search = filterSearch({ deadlineWithin: 30, deadlineKind: "report" });
    expect(search).toBe("?deadlineWithin=30&deadlineKind=report");
    const state = readTaskListState(Object.fromEntries(new URLSearchParams(search)));
    expect(state).toMatchObject({ deadlineWithin: 30, deadlineKind: "report" });
    expect(toSearchString(state)).toBe(search);
    expect(toTaskListParams(state)).toMatchObject({ deadlineWithin: 30, deadlineKind: "report" });
    expect(activeWatchKeys(state)).toEqual(["deadlineWithin"]);
    expect(activeFilterCount(state)).toBe(1);
  });

  it("reads flags only as true and ignores a kind without its window and out-of-range numbers", () => {
    const state = readTaskListState({
      overdueReports: "true",
      overdueDossier: "yes",
      deadlineKind: "report",
      budgetYear: "1999",
      formerProvince: "4",
    });
    expect(state).toMatchObject({
      overdueReports: true,
      overdueDossier: false,
      deadlineKind: undefined,
      budgetYear: undefined,
      formerProvince: 4,
    });
    expect(activeWatchKeys(state)).toEqual(["formerProvince", "overdueReports"]);
    expect(toSearchString(state)).toBe("?formerProvince=4&overdueReports=true");
  });

  it("exports the list's filters and order without the page", () => {
    const state = readTaskListState({ overdueReports: "true", sort: "title", page: "3", q: "lúa" });
    expect(toExportSearch(state, "xlsx")).toBe("?format=xlsx&sort=title&order=asc&q=l%C3%BAa&overdueReports=true");
  });
});
