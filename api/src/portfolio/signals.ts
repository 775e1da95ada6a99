import type { Database, Regime } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { TaskScope } from "../auth/permissions.ts";
import { addDays } from "../reports/schedule.ts";
import { overdueReportItems } from "../reports/service.ts";
import { loadParameters } from "../rules/parameters.ts";
import { type DeadlineKind, MAX_DEADLINE_DAYS } from "./deadlines.ts";
import * as repo from "./repository.ts";

/*
 * What is late and what falls due, per task, as of a day. The dashboard counts these and the task
 * list filters on the very same sets, so a figure and the list it opens always agree.
 */

export interface TaskRef {
  taskId: number;
  code: string;
  title: string;
}

export interface DatedSignal extends TaskRef {
  dueOn: string;
}

/** Tasks with at least one overdue periodic report (the reports area's own rule), with how many. */
export async function overdueReportTasks(db: Kysely<Database>, scope: TaskScope, today: string) {
  const items = await overdueReportItems(db, scope, today);
  const byTask = new Map<number, DatedSignal & { reports: number; periodIds: number[] }>();
  for (const item of items) {
    const seen = byTask.get(item.task.id);
    if (seen) {
      seen.reports += 1;
      seen.periodIds.push(item.periodId);
      if (item.dueOn < seen.dueOn) seen.dueOn = item.dueOn;
    } else {
      byTask.set(item.task.id, {
        taskId: item.task.id,
        code: item.task.code,
        title: item.task.title,
        dueOn: item.dueOn,
        reports: 1,
        periodIds: [item.periodId],
      });
    }
  }
  return [...byTask.values()];
}

/** Days after the contract's end the acceptance dossier is due, read once per unit and regime. */
function dossierDaysReader(db: Kysely<Database>) {
  const cache = new Map<string, Promise<number>>();
  return (task: { managing_unit_id: number; regime: Regime }) => {
    const key = `${task.managing_unit_id}:${task.regime}`;
    let days = cache.get(key);
    if (!days) {
      days = loadParameters(db, { unitId: task.managing_unit_id, regime: task.regime }).then((p) =>
        p.get("acceptance_dossier_days"),
      );
      cache.set(key, days);
    }
    return days;
  };
}

/**
 * Running tasks whose acceptance dossier is overdue: the contract (or its extension) ended more
 * than `acceptance_dossier_days` ago and the dossier has not been received (the task is still in
 * progress). `dueOn` is the day the dossier was due.
 */
export async function overdueDossiers(db: Kysely<Database>, scope: TaskScope, today: string): Promise<DatedSignal[]> {
  const rows = await repo.runningTasksEndedBefore(db, scope, today);
  const dossierDays = dossierDaysReader(db);
  const late: DatedSignal[] = [];
  for (const row of rows) {
    if (row.end_date === null) continue;
    const dueOn = addDays(row.end_date, await dossierDays(row));
    if (dueOn < today) late.push({ taskId: row.id, code: row.code, title: row.title, dueOn });
  }
  return late;
}

export interface Deadline extends DatedSignal {
  kind: DeadlineKind;
}

/**
 * Deadlines from today to `days` days ahead (inclusive): unsubmitted periodic reports, contracts
 * ending, acceptance dossiers falling due and adjustment decisions due.
 */
export async function upcomingDeadlines(
  db: Kysely<Database>,
  scope: TaskScope,
  today: string,
  days: number,
): Promise<Deadline[]> {
  const last = addDays(today, days);
  const dossierDays = dossierDaysReader(db);
  const [reports, ending, endedLately, adjustments] = await Promise.all([
    repo.reportsDueBetween(db, scope, today, last),
    repo.runningTasksEndingBetween(db, scope, today, last),
    // A dossier falls due some days after the end: contracts that ended up to a year ago qualify.
    repo.runningTasksEndingBetween(db, scope, addDays(today, -MAX_DEADLINE_DAYS), last),
    repo.openAdjustmentRequests(db, scope),
  ]);
  const deadlines: Deadline[] = [];
  for (const r of reports) {
    deadlines.push({ taskId: r.task_id, code: r.code, title: r.title, dueOn: r.due_on, kind: "report" });
  }
  for (const t of ending) {
    if (t.end_date)
      deadlines.push({ taskId: t.id, code: t.code, title: t.title, dueOn: t.end_date, kind: "contract_end" });
  }
  for (const t of endedLately) {
    if (!t.end_date) continue;
    const dueOn = addDays(t.end_date, await dossierDays(t));
    if (dueOn >= today && dueOn <= last) {
      deadlines.push({ taskId: t.id, code: t.code, title: t.title, dueOn, kind: "dossier" });
    }
  }
  for (const a of adjustments) {
    if (a.due_by >= today && a.due_by <= last) {
      deadlines.push({ taskId: a.task_id, code: a.code, title: a.title, dueOn: a.due_by, kind: "adjustment" });
    }
  }
  return deadlines.sort((a, b) => (a.dueOn === b.dueOn ? a.code.localeCompare(b.code) : a.dueOn < b.dueOn ? -1 : 1));
}

/** Tasks with an adjustment request awaiting a decision. */
export async function pendingAdjustmentTasks(db: Kysely<Database>, scope: TaskScope, today: string) {
  const rows = await repo.openAdjustmentRequests(db, scope);
  const byTask = new Map<number, DatedSignal & { requests: number; overdue: number }>();
  for (const r of rows) {
    const late = r.due_by < today ? 1 : 0;
    const seen = byTask.get(r.task_id);
    if (seen) {
      seen.requests += 1;
      seen.overdue += late;
    } else {
      byTask.set(r.task_id, {
        taskId: r.task_id,
        code: r.code,
        title: r.title,
        dueOn: r.due_by,
        requests: 1,
        overdue: late,
      });
    }
  }
  return [...byTask.values()];
}
