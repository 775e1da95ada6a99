import { type Database, STAGES, TASK_FIELDS } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { type Actor, dashboardScope } from "../auth/permissions.ts";
import { formatDong, parseDong, sumDong } from "../budget/money.ts";
import { type Balance, balancesByYear, outstandingAdvance } from "../budget/movement-rules.ts";
import { DomainError } from "../http/errors.ts";
import { DEADLINE_KINDS, DEADLINE_WINDOWS } from "../portfolio/deadlines.ts";
import * as repo from "../portfolio/repository.ts";
import {
  overdueDossiers,
  overdueReportTasks,
  pendingAdjustmentTasks,
  upcomingDeadlines,
} from "../portfolio/signals.ts";
import { addDays, vietnamToday } from "../reports/schedule.ts";
import type { Dashboard } from "./schemas.ts";

/*
 * The head's view of the portfolio: where the money is, what is late, what waits for a decision.
 * Every figure carries the task-list filter it stands for, and the list applies the same rules
 * (api/src/portfolio/signals.ts), so opening a figure lists exactly the tasks it counts.
 */

export async function getDashboard(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<Dashboard> {
  const scope = dashboardScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "The dashboard is for the Department's staff and heads");
  const today = vietnamToday(now);
  const farthest = Math.max(...DEADLINE_WINDOWS);
  const [
    { stages, fields, hosts, provinces },
    themes,
    plan,
    moved,
    lateReports,
    lateDossiers,
    adjustments,
    recognition,
    deadlines,
  ] = await Promise.all([
    repo.countByDimensions(db, scope),
    repo.countByRootTheme(db, scope),
    repo.planByYear(db, scope),
    repo.movementsByYear(db, scope),
    overdueReportTasks(db, scope, today),
    overdueDossiers(db, scope, today),
    pendingAdjustmentTasks(db, scope, today),
    repo.tasksInStage(db, scope, "recognition"),
    upcomingDeadlines(db, scope, today, farthest),
  ]);

  const stageCount = new Map(stages.map((r) => [r.stage, Number(r.n)]));
  const fieldCount = new Map(fields.map((r) => [r.field, Number(r.n)]));

  const years = balancesByYear(
    plan.map((row) => ({ year: row.year, amount: parseDong(row.amount) })),
    moved.map((row) => ({ year: row.year, kind: row.kind, amount: parseDong(row.amount) })),
  );
  const money = [...years.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, f]) => ({ year, ...formatMoney(f), filter: { budgetYear: year } }));
  const all = [...years.values()];
  const total = (key: keyof Balance) => sumDong(all.map((f) => f[key]));
  const moneyTotals = formatMoney({
    planned: total("planned"),
    allocated: total("allocated"),
    advanced: total("advanced"),
    settled: total("settled"),
    recovered: total("recovered"),
  });

  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, "vi");
  return {
    today,
    total: { count: sumCounts(stageCount), filter: {} },
    stages: STAGES.map((stage) => ({ stage, count: stageCount.get(stage) ?? 0, filter: { stage: [stage] } })),
    themes: themes
      .sort((a, b) => a.sort_order - b.sort_order || a.code.localeCompare(b.code))
      .map((t) => ({
        id: t.id,
        code: t.code,
        nameVi: t.name_vi,
        nameEn: t.name_en,
        count: Number(t.n),
        filter: { theme: t.id },
      })),
    fields: TASK_FIELDS.map((field) => ({ field, count: fieldCount.get(field) ?? 0, filter: { field } })),
    hosts: hosts
      .map((h) => ({ id: h.id, name: h.name, shortName: h.short_name, count: Number(h.n), filter: { host: h.id } }))
      .sort((a, b) => b.count - a.count || byName(a, b)),
    formerProvinces: provinces
      .map((p) => ({ id: p.id, name: p.name, count: Number(p.n), filter: { formerProvince: p.id } }))
      .sort(byName),
    money,
    moneyTotals,
    attention: {
      overdueReports: {
        count: lateReports.length,
        reports: lateReports.reduce((n, t) => n + t.reports, 0),
        filter: { overdueReports: true },
      },
      overdueDossiers: { count: lateDossiers.length, filter: { overdueDossier: true } },
      pendingAdjustments: {
        count: adjustments.length,
        requests: adjustments.reduce((n, t) => n + t.requests, 0),
        overdue: adjustments.reduce((n, t) => n + t.overdue, 0),
        filter: { pendingAdjustment: true },
      },
      recognitionsWaiting: { count: recognition.length, filter: { stage: ["recognition"] } },
    },
    deadlines: DEADLINE_WINDOWS.map((days) => {
      const last = addDays(today, days);
      const within = deadlines.filter((d) => d.dueOn <= last);
      return {
        days,
        count: distinctTasks(within),
        byKind: DEADLINE_KINDS.map((kind) => ({
          kind,
          count: distinctTasks(within.filter((d) => d.kind === kind)),
          filter: { deadlineWithin: days, deadlineKind: kind },
        })),
        filter: { deadlineWithin: days },
      };
    }),
  };
}

/** Outstanding advances as the budget module counts them: neither settled nor recovered. */
function formatMoney(f: Balance) {
  return {
    plan: formatDong(f.planned),
    allocated: formatDong(f.allocated),
    advanced: formatDong(f.advanced),
    settled: formatDong(f.settled),
    recovered: formatDong(f.recovered),
    outstandingAdvance: formatDong(outstandingAdvance(f)),
  };
}

const sumCounts = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
const distinctTasks = (list: readonly { taskId: number }[]) => new Set(list.map((d) => d.taskId)).size;
