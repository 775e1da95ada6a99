import { worksAsPi } from "../auth/permissions.ts";
import { reportState } from "../reports/schedule.ts";
import { reportRules } from "../reports/scheduling.ts";
import * as repo from "./repository.ts";
import { type WorklistItem, type WorklistProvider, webPaths } from "./section.ts";

/** The PI's periodic reports open for submission, in draft or overdue (the reports area's own states). */
export const dueReports: WorklistProvider = {
  key: "dueReports",
  appliesTo: worksAsPi,
  async items({ db, actor, today }) {
    if (actor.personId === null) return [];
    const rows = await repo.reportsOfPi(db, actor.personId);
    const items: WorklistItem[] = [];
    for (const r of rows) {
      if (r.status === "returned") continue;
      const rules = (await reportRules(db, r)).state;
      const state = reportState(
        {
          status: r.status,
          periodStart: r.period_start,
          periodEnd: r.period_end,
          dueOn: r.due_on,
          hasDraft: r.saved_at !== null,
        },
        today,
        rules,
      );
      if (state !== "due" && state !== "draft" && state !== "overdue") continue;
      items.push({
        taskId: r.task_id,
        taskCode: r.code,
        taskTitle: r.title,
        label: state === "overdue" ? "report_overdue" : state === "draft" ? "report_draft" : "report_due",
        dueOn: r.due_on,
        overdue: state === "overdue",
        href: webPaths.report(r.task_id, r.id),
      });
    }
    return items;
  },
};
