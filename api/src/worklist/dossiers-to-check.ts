import { unitScope, worksAsUnitStaff } from "../auth/permissions.ts";
import { tasksInStage } from "../portfolio/repository.ts";
import { overdueDossiers } from "../portfolio/signals.ts";
import { type WorklistItem, type WorklistProvider, webPaths } from "./section.ts";

/**
 * Acceptance dossiers: received ones staff must check for validity (the task is in acceptance),
 * and overdue ones staff must chase (the contract ended and no dossier came).
 */
export const dossiersToCheck: WorklistProvider = {
  key: "dossiersToCheck",
  appliesTo: worksAsUnitStaff,
  async items({ db, actor, today }) {
    const scope = unitScope(actor);
    const [received, late] = await Promise.all([
      tasksInStage(db, scope, "acceptance"),
      overdueDossiers(db, scope, today),
    ]);
    const items: WorklistItem[] = received.map((t) => ({
      taskId: t.id,
      taskCode: t.code,
      taskTitle: t.title,
      label: "check_dossier",
      dueOn: null,
      overdue: false,
      href: webPaths.task(t.id, "tien-trinh"),
    }));
    for (const t of late) {
      items.push({
        taskId: t.taskId,
        taskCode: t.code,
        taskTitle: t.title,
        label: "dossier_overdue",
        dueOn: t.dueOn,
        overdue: true,
        href: webPaths.task(t.taskId, "tien-trinh"),
      });
    }
    return items;
  },
};
