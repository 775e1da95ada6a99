import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { type Actor, canSeeTask } from "../auth/permissions.ts";
import { notFound } from "../http/errors.ts";
import { vietnamToday } from "../lifecycle/documents.ts";
import { loadTaskFacts } from "../lifecycle/repository.ts";
import { contentItemsOfTask, productsOfTask } from "../tasks/repository.ts";
import { milestoneState } from "./milestone-rules.ts";
import { latestReportedProgress } from "./reports-link.ts";
import type { Milestone, Milestones } from "./schemas.ts";

/**
 * The task's milestones (its content items and products with their planned dates), planned
 * against reported progress, with the late ones flagged. `now` is injectable for tests.
 */
export async function getMilestones(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<Milestones> {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  const today = vietnamToday(now);
  const running = loaded.task.stage === "in_progress";
  const [contentItems, products, reported] = await Promise.all([
    contentItemsOfTask(db, taskId),
    productsOfTask(db, taskId),
    latestReportedProgress(db, taskId),
  ]);
  const items: Milestone[] = [
    ...contentItems.map((c): Milestone => {
      const got = reported.contentItems.get(c.id) ?? null;
      const state = milestoneState(
        { plannedStart: c.planned_start, plannedEnd: c.planned_end, reported: got },
        today,
        running,
      );
      return {
        type: "content_item",
        id: c.id,
        title: c.title,
        plannedStart: c.planned_start,
        plannedEnd: c.planned_end,
        plannedPercent: state.plannedPercent,
        reportedPercent: got?.percentComplete ?? null,
        reportedStatus: got?.status ?? null,
        complete: state.complete,
        late: state.late,
        daysLate: state.daysLate,
      };
    }),
    ...products.map((p): Milestone => {
      const got = reported.products.get(p.id) ?? null;
      // A product has a due date, not a period: no planned percentage.
      const state = milestoneState({ plannedStart: null, plannedEnd: p.due_on, reported: got }, today, running);
      return {
        type: "product",
        id: p.id,
        title: p.name,
        plannedStart: null,
        plannedEnd: p.due_on,
        plannedPercent: null,
        reportedPercent: got?.percentComplete ?? null,
        reportedStatus: got?.status ?? null,
        complete: state.complete,
        late: state.late,
        daysLate: state.daysLate,
      };
    }),
  ];
  return {
    today,
    startDate: loaded.task.start_date,
    endDate: loaded.task.end_date,
    report: reported.period
      ? {
          periodId: reported.period.id,
          seq: reported.period.seq,
          periodStart: reported.period.periodStart,
          periodEnd: reported.period.periodEnd,
          status: reported.period.status,
        }
      : null,
    items,
    summary: {
      total: items.length,
      planned: items.filter((i) => i.plannedEnd !== null).length,
      complete: items.filter((i) => i.complete).length,
      late: items.filter((i) => i.late).length,
    },
  };
}
