import { SEED_ACTIONS } from "@khcn/db/seed/history";
import { describe, expect, it } from "vitest";
import { ACTIONS, isAction } from "./rules.ts";

// The demo seed writes task histories without importing the API: its copy of the machine must agree.
describe("the demo seed's copy of the stage machine", () => {
  it("uses only real actions, from and to the stages the machine gives them", () => {
    for (const [name, step] of Object.entries(SEED_ACTIONS)) {
      expect(isAction(name), name).toBe(true);
      if (!isAction(name)) continue;
      expect([...ACTIONS[name].from].sort(), name).toEqual(expect.arrayContaining([...step.from]));
      expect(step.to, name).toBe(ACTIONS[name].to);
    }
  });
});
