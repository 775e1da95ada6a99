import { decidesAsHead, unitScope } from "../auth/permissions.ts";
import { openAdjustmentRequests, tasksInStage } from "../portfolio/repository.ts";
import { type WorklistItem, type WorklistProvider, webPaths } from "./section.ts";

/** What waits for the head: adjustment requests to decide and accepted results to recognise. */
export const headDecisions: WorklistProvider = {
  key: "headDecisions",
  appliesTo: decidesAsHead,
  async items({ db, actor, today }) {
    const scope = unitScope(actor);
    const [requests, recognition] = await Promise.all([
      openAdjustmentRequests(db, scope),
      tasksInStage(db, scope, "recognition"),
    ]);
    const items: WorklistItem[] = requests.map((a) => ({
      taskId: a.task_id,
      taskCode: a.code,
      taskTitle: a.title,
      label: "decide_adjustment",
      dueOn: a.due_by,
      overdue: a.due_by < today,
      href: webPaths.task(a.task_id, "dieu-chinh"),
    }));
    for (const t of recognition) {
      items.push({
        taskId: t.id,
        taskCode: t.code,
        taskTitle: t.title,
        label: "recognise_results",
        dueOn: null,
        overdue: false,
        href: webPaths.task(t.id, "tien-trinh"),
      });
    }
    return items;
  },
};
