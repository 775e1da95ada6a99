import { worksAsPi } from "../auth/permissions.ts";
import * as repo from "./repository.ts";
import { type WorklistProvider, webPaths } from "./section.ts";

/** Reports staff returned to the PI for revision. */
export const returnedItems: WorklistProvider = {
  key: "returnedItems",
  appliesTo: worksAsPi,
  async items({ db, actor }) {
    if (actor.personId === null) return [];
    const rows = await repo.reportsOfPi(db, actor.personId);
    return rows
      .filter((r) => r.status === "returned")
      .map((r) => ({
        taskId: r.task_id,
        taskCode: r.code,
        taskTitle: r.title,
        label: "report_returned",
        dueOn: null,
        overdue: false,
        href: webPaths.report(r.task_id, r.id),
      }));
  },
};
