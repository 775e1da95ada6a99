import { worksAsUnitStaff } from "../auth/permissions.ts";
import { tasksWithRunningSteps } from "../councils/repository.ts";
import { deadlinesOf } from "../councils/service.ts";
import type { DeadlineStep } from "../lifecycle/deadlines.ts";
import { type WorklistItem, type WorklistProvider, webPaths } from "./section.ts";

/** The work-list label of each step watched here (the dossier and the council have sections of their own). */
const LABELS: Partial<Record<DeadlineStep, string>> = {
  meeting: "hold_meeting",
  revision: "revise_results",
  registration: "step_deadline",
};

/** Staff watch the running steps after the dossier: the meeting, the PI's revision, the registration. */
export const stepDeadlines: WorklistProvider = {
  key: "stepDeadlines",
  appliesTo: worksAsUnitStaff,
  async items({ db, actor, today }) {
    const items: WorklistItem[] = [];
    for (const task of await tasksWithRunningSteps(db, actor.unitId)) {
      for (const step of await deadlinesOf(db, task, today)) {
        const label = LABELS[step.step];
        if (!label || (step.status !== "open" && step.status !== "overdue")) continue;
        items.push({
          taskId: task.id,
          taskCode: task.code,
          taskTitle: task.title,
          label,
          dueOn: step.dueOn,
          overdue: step.status === "overdue",
          href: webPaths.task(task.id, "tien-trinh"),
        });
      }
    }
    return items;
  },
};
