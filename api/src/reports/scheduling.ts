import type { Database, Regime } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { loadParameters, type Parameters } from "../rules/parameters.ts";
import * as repo from "./repository.ts";
import { planReports, type ScheduleRules, type StateRules } from "./schedule.ts";

/*
 * Keeps a running task's reporting periods in line with its contract dates. The first call (the
 * contract is signed) creates them; later calls (an extension is approved) recompute them:
 * periods with a draft or a submission stay as they are, the others follow the new plan, and
 * periods the plan adds are created. Every call is idempotent.
 */

export interface ReportRules {
  schedule: ScheduleRules;
  state: StateRules;
  parameters: Parameters;
}

/** The rule parameters of a task's unit and regime, as the schedule and the states use them. */
export async function reportRules(
  db: Kysely<Database>,
  task: { managing_unit_id: number; regime: Regime },
): Promise<ReportRules> {
  const parameters = await loadParameters(db, { unitId: task.managing_unit_id, regime: task.regime });
  return {
    schedule: {
      dueDays: parameters.get("report_due_days"),
      periodMonths: parameters.get("report_period_months"),
      firstPeriodMinDays: parameters.get("report_first_period_min_days"),
      dossierDays: parameters.get("acceptance_dossier_days"),
    },
    state: {
      opensDaysBeforePeriodEnd: parameters.get("report_opens_days_before_period_end"),
      overdueGraceDays: parameters.get("report_overdue_grace_days"),
    },
    parameters,
  };
}

export interface ScheduleChange {
  added: number;
  removed: number;
  redated: number;
}

/** Creates (or brings up to date) the task's reporting periods, inside the caller's transaction. */
export async function scheduleReports(
  trx: Kysely<Database>,
  taskId: number,
  opts: { actorUserId?: number | null } = {},
): Promise<ScheduleChange> {
  return syncSchedule(trx, taskId, opts.actorUserId ?? null);
}

/**
 * After the contract's dates changed (an approved extension): submitted, returned and accepted
 * periods and those with a draft stay; the others are recomputed; new ones are added.
 */
export async function rescheduleReports(
  trx: Kysely<Database>,
  taskId: number,
  opts: { actorUserId?: number | null } = {},
): Promise<ScheduleChange> {
  return syncSchedule(trx, taskId, opts.actorUserId ?? null);
}

/**
 * Schedules every running task that has no periods yet (tasks loaded by the demo seed or moved
 * in before reports existed). Safe to run at every start: scheduled tasks are left alone.
 */
export async function scheduleAllInProgress(db: Kysely<Database>): Promise<{ tasks: number; periods: number }> {
  const ids = await repo.unscheduledTasksInProgress(db);
  let periods = 0;
  for (const id of ids) {
    const change = await db.transaction().execute((trx) => syncSchedule(trx, id, null));
    periods += change.added;
  }
  return { tasks: ids.length, periods };
}

const overlaps = (a: { periodStart: string; periodEnd: string }, b: { periodStart: string; periodEnd: string }) =>
  a.periodStart <= b.periodEnd && b.periodStart <= a.periodEnd;

async function syncSchedule(
  trx: Kysely<Database>,
  taskId: number,
  actorUserId: number | null,
): Promise<ScheduleChange> {
  const loaded = await repo.loadTask(trx, taskId, "update");
  const none = { added: 0, removed: 0, redated: 0 };
  if (!loaded) return none;
  const { task } = loaded;
  if (task.start_date === null || task.end_date === null) return none;

  const rules = await reportRules(trx, task);
  const plan = planReports(task.start_date, task.end_date, rules.schedule);
  const existing = (await repo.periodsOfTask(trx, taskId)).map((p) => ({
    id: p.id,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    dueOn: p.due_on,
    // A period someone has written in stays whatever the plan says.
    kept: p.status !== "upcoming" || p.saved_at !== null,
  }));

  const matched = new Set<number>();
  const redate: { id: number; dueOn: string }[] = [];
  const add: typeof plan.periods = [];
  for (const planned of plan.periods) {
    const same = existing.find((e) => e.periodStart === planned.periodStart && e.periodEnd === planned.periodEnd);
    if (same) {
      matched.add(same.id);
      if (!same.kept && same.dueOn !== planned.dueOn) redate.push({ id: same.id, dueOn: planned.dueOn });
      continue;
    }
    if (existing.some((e) => e.kept && overlaps(e, planned))) continue;
    add.push(planned);
  }
  const remove = existing.filter((e) => !e.kept && !matched.has(e.id)).map((e) => e.id);
  if (add.length === 0 && remove.length === 0 && redate.length === 0) return none;

  await repo.deletePeriods(trx, remove);
  // Numbered in order of their start once the set is known; insert first with numbers past the rest.
  await repo.insertPeriods(
    trx,
    taskId,
    add.map((p, i) => ({ ...p, seq: existing.length + i + 1 })),
  );
  const after = await repo.periodsOfTask(trx, taskId);
  for (const [i, p] of after.entries()) {
    const dueOn = redate.find((r) => r.id === p.id)?.dueOn ?? p.due_on;
    if (p.seq !== i + 1 || dueOn !== p.due_on) await repo.updatePeriodDates(trx, p.id, { seq: i + 1, dueOn });
  }
  await appendAudit(trx, {
    actorUserId,
    action: existing.length === 0 ? "report.scheduled" : "report.rescheduled",
    entityType: "task",
    entityId: taskId,
    taskId,
    data: {
      periods: after.map((p, i) => ({
        seq: i + 1,
        periodStart: p.period_start,
        periodEnd: p.period_end,
        dueOn: redate.find((r) => r.id === p.id)?.dueOn ?? p.due_on,
      })),
      added: add.length,
      removed: remove.length,
      redated: redate.length,
      dossierDueOn: plan.final?.dossierDueOn ?? null,
    },
  });
  return { added: add.length, removed: remove.length, redated: redate.length };
}
