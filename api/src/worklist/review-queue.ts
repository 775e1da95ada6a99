import { worksAsUnitStaff } from "../auth/permissions.ts";
import { reviewQueue as submittedReports } from "../reports/service.ts";
import { type WorklistProvider, webPaths } from "./section.ts";

/** Submitted reports of the unit's tasks waiting for staff to accept or return them. */
export const reviewQueue: WorklistProvider = {
  key: "reviewQueue",
  appliesTo: worksAsUnitStaff,
  async items({ db, actor }) {
    const queue = await submittedReports(db, actor);
    return queue.items.map((r) => ({
      taskId: r.task.id,
      taskCode: r.task.code,
      taskTitle: r.task.title,
      label: "review_report",
      dueOn: null,
      overdue: false,
      href: webPaths.report(r.task.id, r.periodId),
    }));
  },
};
