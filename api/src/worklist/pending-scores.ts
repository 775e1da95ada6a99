import { sitsOnCouncils } from "../auth/permissions.ts";
import { openSeats } from "../councils/repository.ts";
import { councilPaths } from "./councils-to-form.ts";
import type { WorklistProvider } from "./section.ts";

/**
 * A council member's waiting work on each established council: declare conflicts first, then
 * score and sign each task's sheet, by the meeting day.
 */
export const pendingScores: WorklistProvider = {
  key: "pendingScores",
  appliesTo: sitsOnCouncils,
  async items({ db, actor, today }) {
    if (actor.personId === null) return [];
    const seats = await openSeats(db, actor.personId);
    return seats
      .filter((s) => s.conflict_status === "undeclared" || Number(s.signed ?? 0) === 0 || Number(s.drafts ?? 0) > 0)
      .map((s) => ({
        taskId: s.id,
        taskCode: s.code,
        taskTitle: s.title,
        label: s.conflict_status === "undeclared" ? "declare_conflict" : "score_task",
        dueOn: s.meeting_on,
        overdue: s.meeting_on !== null && s.meeting_on < today,
        href: councilPaths.mine(s.council_id),
      }));
  },
};
