import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { rescheduleReports } from "../reports/scheduling.ts";
import { reportedProgress } from "../reports/service.ts";

/*
 * Where milestones and adjustments meet the periodic reports (api/src/reports): the progress the
 * reports claim, and the schedule to redo when an extension moves the end date. The reports area
 * owns its tables and its content; this is the one place that reaches into it.
 */

export interface ReportedItem {
  percentComplete: number | null;
  status: "not_started" | "in_progress" | "completed" | null;
}

export interface ReportedProgress {
  /** The report the figures come from (the latest accepted, else the latest submitted), or null. */
  period: { id: number; seq: number; periodStart: string; periodEnd: string; status: string } | null;
  contentItems: Map<number, ReportedItem>;
  products: Map<number, ReportedItem>;
}

/** What the task's reports say of each content item and product, on the reports area's own basis. */
export async function latestReportedProgress(db: Kysely<Database>, taskId: number): Promise<ReportedProgress> {
  const { basis, report } = await reportedProgress(db, taskId);
  const progress: ReportedProgress = { period: null, contentItems: new Map(), products: new Map() };
  if (!basis || !report) return progress;
  progress.period = {
    id: basis.periodId,
    seq: basis.seq,
    periodStart: basis.periodStart,
    periodEnd: basis.periodEnd,
    status: basis.status,
  };
  for (const c of report.contentItems) {
    progress.contentItems.set(c.contentItemId, { percentComplete: c.percentComplete, status: null });
  }
  for (const p of report.products) progress.products.set(p.productId, { percentComplete: null, status: p.status });
  return progress;
}

/**
 * Redoes the task's report schedule after its end date moved, inside the caller's transaction
 * (an approved extension adds the periods the longer contract owes).
 */
export async function rescheduleAfterExtension(trx: Kysely<Database>, taskId: number, actorUserId: number) {
  return rescheduleReports(trx, taskId, { actorUserId });
}
