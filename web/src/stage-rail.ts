import type { TimelineEntry } from "@khcn/api/lifecycle/schemas";
import type { Stage } from "./api/types.ts";

/*
 * The stages of a task drawn as a vertical rail: the main path in order, with a side exit
 * (rejected, terminated, failed) placed after the stage it left from when it happened. Each step
 * is done, current, upcoming, skipped (passed over after a side exit) or not reached (the task
 * ended before it), and carries the transition that brought the task into it, if one is recorded.
 */

export const MAIN_PATH: readonly Stage[] = [
  "proposed",
  "identified",
  "selection",
  "budget_appraisal",
  "approved",
  "in_progress",
  "acceptance",
  "recognition",
  "registration",
  "settlement",
  "closed",
];

const SIDE_EXITS: readonly Stage[] = ["rejected", "terminated", "failed"];
/** Where a side exit is drawn when no transition says where it came from (data registered before the lifecycle). */
const USUAL_EXIT_FROM: Partial<Record<Stage, Stage>> = {
  rejected: "proposed",
  terminated: "in_progress",
  failed: "acceptance",
};
/** Stages after which nothing follows. */
const FINAL: readonly Stage[] = ["closed", "rejected"];

export type StepState = "done" | "current" | "upcoming" | "skipped" | "notReached";

export interface RailStep {
  stage: Stage;
  state: StepState;
  /** A side exit rather than a stage of the main path. */
  side: boolean;
  /** The latest transition into this stage, for steps done or current. */
  entry: TimelineEntry | null;
}

export function stageRail(current: Stage, entries: readonly TimelineEntry[]): RailStep[] {
  const stages: Stage[] = [...MAIN_PATH];
  const placeExit = (exit: Stage, from: Stage | undefined) => {
    if (stages.includes(exit)) return;
    const at = from === undefined ? -1 : stages.indexOf(from);
    stages.splice(at >= 0 ? at + 1 : stages.length, 0, exit);
  };
  for (const entry of entries) {
    if (SIDE_EXITS.includes(entry.toStage)) placeExit(entry.toStage, entry.fromStage);
  }
  if (SIDE_EXITS.includes(current)) placeExit(current, USUAL_EXIT_FROM[current]);

  const currentAt = stages.indexOf(current);
  const exitAt = stages.findIndex((s) => SIDE_EXITS.includes(s));
  // After a side exit the path resumes at settlement; after a rejection, nowhere.
  const exited = exitAt >= 0 && exitAt <= currentAt;
  const resumesAt = exited && current !== "rejected" ? stages.indexOf("settlement") : stages.length;
  const latestInto = (stage: Stage) => entries.findLast((e) => e.toStage === stage) ?? null;

  return stages.map((stage, i): RailStep => {
    const side = SIDE_EXITS.includes(stage);
    const bypassed = exited && !side && i > exitAt && i < resumesAt;
    let state: StepState;
    if (i === currentAt) state = "current";
    else if (i < currentAt) state = bypassed ? "skipped" : "done";
    else state = bypassed || FINAL.includes(current) ? "notReached" : "upcoming";
    return { stage, state, side, entry: state === "done" || state === "current" ? latestInto(stage) : null };
  });
}
