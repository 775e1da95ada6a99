import type { TimelineEntry } from "@khcn/api/lifecycle/schemas";
import { describe, expect, it } from "vitest";
import type { Stage } from "./api/types.ts";
import { MAIN_PATH, stageRail } from "./stage-rail.ts";

let nextId = 1;
function entry(fromStage: Stage, toStage: Stage, number: string | null = null): TimelineEntry {
  const id = nextId++;
  return {
    id,
    action: "x",
    fromStage,
    toStage,
    outcome: null,
    comment: null,
    at: `2025-01-0${id % 9}T00:00:00Z`,
    actor: "A",
    document: number
      ? { id, number, docType: "QĐ", issuer: "SKHCN", issuedOn: "2025-01-01", signer: "B", summary: null, file: null }
      : null,
  };
}

const states = (rail: ReturnType<typeof stageRail>) => rail.map((s) => `${s.stage}:${s.state}`);

describe("stageRail", () => {
  it("marks the stages before the current one done and the rest upcoming", () => {
    const rail = stageRail("selection", [
      entry("proposed", "identified", "1/QĐ-SKHCN"),
      entry("identified", "selection"),
    ]);
    expect(rail.map((s) => s.stage)).toEqual(MAIN_PATH);
    expect(states(rail).slice(0, 4)).toEqual([
      "proposed:done",
      "identified:done",
      "selection:current",
      "budget_appraisal:upcoming",
    ]);
    expect(rail[1]?.entry?.document?.number).toBe("1/QĐ-SKHCN");
    expect(rail[3]?.entry).toBeNull();
  });

  it("infers the path of a task registered without transitions", () => {
    const rail = stageRail("in_progress", []);
    expect(rail.filter((s) => s.state === "done").map((s) => s.stage)).toEqual(MAIN_PATH.slice(0, 5));
  });

  it("places a side exit after the stage it left, and nothing after a rejection", () => {
    const rail = stageRail("rejected", [
      entry("proposed", "identified"),
      entry("identified", "selection"),
      entry("selection", "rejected"),
    ]);
    expect(states(rail).slice(0, 5)).toEqual([
      "proposed:done",
      "identified:done",
      "selection:done",
      "rejected:current",
      "budget_appraisal:notReached",
    ]);
    expect(rail.at(-1)?.state).toBe("notReached");
  });

  it("resumes at settlement after a termination, skipping acceptance", () => {
    const rail = stageRail("settlement", [
      entry("in_progress", "terminated", "5/QĐ-SKHCN"),
      entry("terminated", "settlement"),
    ]);
    const byStage = Object.fromEntries(rail.map((s) => [s.stage, s.state]));
    expect(rail.findIndex((s) => s.stage === "terminated")).toBe(rail.findIndex((s) => s.stage === "in_progress") + 1);
    expect(byStage).toMatchObject({
      in_progress: "done",
      terminated: "done",
      acceptance: "skipped",
      registration: "skipped",
      settlement: "current",
      closed: "upcoming",
    });
  });

  it("draws a side exit with no recorded transition at its usual place", () => {
    const rail = stageRail("failed", []);
    const at = rail.findIndex((s) => s.stage === "failed");
    expect(rail[at - 1]?.stage).toBe("acceptance");
    expect(rail.find((s) => s.stage === "recognition")?.state).toBe("notReached");
    expect(rail.find((s) => s.stage === "settlement")?.state).toBe("upcoming");
  });

  it("after a backward move, the stage returned from is upcoming again", () => {
    const rail = stageRail("selection", [
      entry("identified", "selection"),
      entry("selection", "budget_appraisal"),
      entry("budget_appraisal", "selection"),
    ]);
    expect(rail.find((s) => s.stage === "budget_appraisal")).toMatchObject({ state: "upcoming", entry: null });
    expect(rail.find((s) => s.stage === "selection")?.entry?.fromStage).toBe("budget_appraisal");
  });
});
