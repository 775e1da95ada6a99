import { describe, expect, it } from "vitest";
import { groupOf } from "./parameter-groups.ts";
import { PARAMETER_KEYS } from "./parameters.ts";

describe("parameter groups", () => {
  it("places every parameter in a named group", () => {
    const ungrouped = PARAMETER_KEYS.filter((key) => groupOf(key) === "other");
    expect(ungrouped).toEqual([]);
  });
});
