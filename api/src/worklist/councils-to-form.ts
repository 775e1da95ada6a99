import { worksAsUnitStaff } from "../auth/permissions.ts";
import * as councils from "../councils/repository.ts";
import { deadlinesOf } from "../councils/service.ts";
import type { WorklistItem, WorklistProvider } from "./section.ts";

/** The council pages of the web (web/src/council-paths.ts), repeated as plain strings. */
export const councilPaths = {
  form: (taskId: number) => `/hoi-dong/moi?nhiem-vu=${taskId}`,
  council: (id: number) => `/hoi-dong/${id}`,
  mine: (id: number) => `/hoi-dong-cua-toi/${id}`,
};

/**
 * Acceptance councils staff must form: tasks in acceptance with none sitting, due 15 working days
 * after the valid dossier; and councils being formed that still wait for their decision.
 */
export const councilsToForm: WorklistProvider = {
  key: "councilsToForm",
  appliesTo: worksAsUnitStaff,
  async items({ db, actor, today }) {
    const [awaiting, forming] = await Promise.all([
      councils.tasksAwaitingCouncil(db, actor.unitId),
      councils.councilsForming(db, actor.unitId),
    ]);
    const items: WorklistItem[] = [];
    for (const task of awaiting) {
      const due = (await deadlinesOf(db, task, today)).find((d) => d.step === "council_establishment");
      items.push({
        taskId: task.id,
        taskCode: task.code,
        taskTitle: task.title,
        label: "form_council",
        dueOn: due?.dueOn ?? null,
        overdue: due?.status === "overdue",
        href: councilPaths.form(task.id),
      });
    }
    for (const row of forming) {
      const due =
        row.stage === "acceptance"
          ? (await deadlinesOf(db, row, today)).find((d) => d.step === "council_establishment")
          : undefined;
      items.push({
        taskId: row.id,
        taskCode: row.code,
        taskTitle: row.title,
        label: "establish_council",
        dueOn: due?.dueOn ?? null,
        overdue: due?.status === "overdue",
        href: councilPaths.council(row.council_id),
      });
    }
    return items;
  },
};
