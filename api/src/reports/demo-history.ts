import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { DemoSpending, DemoSpendingLine } from "../budget/demo-budget.ts";
import { type Dong, formatDong, parseDong, shareOf, splitDong } from "../budget/money.ts";
import { buildDocument, FUNDING_SOURCES, type ReportContext, type ReportInput } from "./document.ts";
import * as repo from "./repository.ts";
import { addDays, daysBetween, earlier } from "./schedule.ts";
import { reportRules, scheduleAllInProgress } from "./scheduling.ts";
import { contextFor } from "./service.ts";

/*
 * The periodic reports a demo portfolio would have behind it on its "today": every running task
 * is scheduled, and the reports that fell due before that day are filled in from the contract
 * (steady progress, spending in step with time), submitted with the host's confirmation and
 * accepted. The latest report due varies by task so the queue and the overdue list have
 * something in them: accepted, awaiting review, or not yet in (overdue). Tasks led by someone with
 * an account (the demo PI) keep their latest report open, for the PI to write.
 *
 * It writes data, not events: the audit trail holds what people did in this installation.
 */

/** How the demo spreads spending over the default expense categories when the task has no demo budget (integer weights). */
const DEMO_SHARES: Readonly<Record<string, bigint>> = {
  labour: 40n,
  experts: 5n,
  materials: 25n,
  equipment: 15n,
  construction: 0n,
  other: 15n,
};

/** The contract's share of time elapsed at a date (0–1): it drives progress percentages, never money. */
const elapsed = (start: string, end: string, at: string) =>
  Math.min(1, Math.max(0, (daysBetween(start, at) + 1) / (daysBetween(start, end) + 1)));

/** Days of the contract up to and including `at`, within [0, length]. */
const daysIn = (start: string, end: string, at: string) =>
  BigInt(Math.min(daysBetween(start, end) + 1, Math.max(0, daysBetween(start, at) + 1)));

/**
 * Spending in step with time, for a task without a demo budget: each source spent evenly over the
 * contract and split by the demo's category weights, in whole thousands of đồng, exactly.
 */
export function evenSpending(
  categories: readonly string[],
  contract: { start: string; end: string },
  budget: { total: Dong; state: Dong },
  period: { from: string | null; to: string },
): DemoSpendingLine[] {
  const known = categories.some((c) => (DEMO_SHARES[c] ?? 0n) > 0n);
  const weights = categories.map((c) => (known ? (DEMO_SHARES[c] ?? 0n) : 1n));
  const length = daysIn(contract.start, contract.end, contract.end);
  const spentBy = (amount: Dong, at: string | null) =>
    at === null ? 0n : shareOf(amount, daysIn(contract.start, contract.end, at), length, 1000n);
  return FUNDING_SOURCES.flatMap((source) => {
    const amount = source === "state" ? budget.state : budget.total - budget.state;
    const now = splitDong(spentBy(amount, period.to), weights, 1000n);
    const then = splitDong(spentBy(amount, period.from), weights, 1000n);
    return categories.map((category, i) => ({ category, source, amount: (now[i] ?? 0n) - (then[i] ?? 0n) }));
  });
}

/**
 * A plausible report at `fraction` of the contract: earlier content
 * items run ahead of later ones; the period's spending is given, by category and source.
 */
export function demoInput(
  context: ReportContext,
  fraction: number,
  spending: readonly DemoSpendingLine[],
): ReportInput {
  const n = context.contentItems.length;
  const percent = (f: number, i: number) =>
    Math.min(100, Math.round((f * (1 + ((n - 1 - i) * 0.3) / n) * 100) / 5) * 5);
  const spent = new Map(spending.map((s) => [`${s.category}|${s.source}`, s.amount]));
  const categories = context.categories.map((c) => c.code);
  return {
    contentItems: context.contentItems.map((c, i) => {
      const now = percent(fraction, i);
      const was = c.previousPercent ?? 0;
      return {
        contentItemId: c.id,
        percentComplete: Math.max(now, was),
        workDone:
          now > was
            ? `Hoàn thành thêm ${now - was}% khối lượng theo kế hoạch`
            : "Không triển khai trong kỳ theo kế hoạch",
      };
    }),
    products: context.products.map((p) => ({
      productId: p.id,
      status: fraction < 0.25 ? "not_started" : "in_progress",
      quantityAchieved: null,
      note: "",
    })),
    spending: categories.flatMap((code) =>
      FUNDING_SOURCES.map((source) => {
        const amount = spent.get(`${code}|${source}`) ?? 0n;
        return { category: code, source, amount: formatDong(amount > 0n ? amount : 0n) };
      }),
    ),
    problems: "",
    proposals: { extension: "", adjustment: "", staffChange: "" },
  };
}

/** Vietnam's 9:00 (or any hour) on a legal date, as an instant. */
const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00+07:00`);

/** Schedules every running task and fills in the reports due before `asOf`, once (an untouched period only). */
export async function recordDemoReportHistory(
  db: Kysely<Database>,
  opts: { asOf: string; spending?: DemoSpending },
): Promise<{ submitted: number; accepted: number }> {
  await scheduleAllInProgress(db);
  let submitted = 0;
  let accepted = 0;
  for (const taskId of await repo.scheduledTasksInProgress(db)) {
    await db.transaction().execute(async (trx) => {
      const loaded = await repo.loadTask(trx, taskId, "update");
      if (!loaded) return;
      const { task } = loaded;
      const { start_date: start, end_date: end } = task;
      if (start === null || end === null) return;
      const reviewer = await repo.staffOfUnit(trx, task.managing_unit_id);
      if (reviewer === null) return;
      const host = await repo.hostContact(trx, taskId);
      const rules = await reportRules(trx, task);
      const periods = (await repo.periodsOfTask(trx, taskId)).filter((p) => p.due_on < opts.asOf);
      if (periods.some((p) => p.status !== "upcoming" || p.saved_at !== null)) return;
      // The latest due: the demo PI writes it; otherwise accepted, awaiting review or missing by task.
      const last = task.pi_user_id !== null ? "open" : (["accepted", "submitted", "open"] as const)[taskId % 3];
      let reportedTo: string | null = null;
      // Progress lags time for a task spending ahead of it (per mille of time; 1000 in step).
      const pace = (opts.spending?.progressPerMille(taskId) ?? 1000) / 1000;
      for (const [i, p] of periods.entries()) {
        const isLast = i === periods.length - 1;
        if (isLast && last === "open") break;
        const period = await repo.findPeriod(trx, p.id);
        if (!period) continue;
        const fraction = elapsed(start, end, p.period_end) * pace;
        const context = await contextFor(trx, task, period, rules);
        const spending =
          opts.spending?.between(taskId, reportedTo, p.period_end) ??
          evenSpending(
            context.categories.map((c) => c.code),
            { start, end },
            { total: parseDong(task.total_budget), state: parseDong(task.state_budget) },
            { from: reportedTo, to: p.period_end },
          );
        const input = demoInput(context, fraction, spending);
        reportedTo = p.period_end;
        const submittedAt = at(addDays(p.due_on, -5), 9);
        const by = task.pi_user_id ?? reviewer;
        await repo.saveDraft(trx, { periodId: p.id, content: input, revision: 1, savedBy: by, savedAt: submittedAt });
        const version = await repo.insertVersion(trx, {
          periodId: p.id,
          versionNo: 1,
          content: buildDocument(context, input),
          draftRevision: 1,
          submittedBy: by,
          submittedAt,
          hostConfirmedBy: host?.contact_name ?? `Thủ trưởng ${host?.name ?? "tổ chức chủ trì"}`,
          hostConfirmerPosition: "Thủ trưởng tổ chức chủ trì",
          hostConfirmedOn: addDays(p.due_on, -7),
          hostFileId: null,
        });
        submitted += 1;
        if (isLast && last === "submitted") {
          await repo.setPeriodStatus(trx, p.id, "submitted");
          continue;
        }
        const reviewedOn = earlier(addDays(p.due_on, 10), opts.asOf);
        await repo.insertReview(trx, {
          versionId: version.id,
          decision: "accepted",
          comments: {},
          reviewerId: reviewer,
          at: at(reviewedOn, 15),
        });
        await repo.setPeriodStatus(trx, p.id, "accepted");
        accepted += 1;
      }
    });
  }
  return { submitted, accepted };
}
