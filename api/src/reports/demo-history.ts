import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { formatDong, parseDong } from "../budget/money.ts";
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

/** How the demo spreads spending over the default expense categories. */
const DEMO_SHARES: Readonly<Record<string, number>> = {
  labour: 0.4,
  experts: 0.05,
  materials: 0.25,
  equipment: 0.15,
  construction: 0,
  other: 0.15,
};

/** The contract's share of time elapsed at a date (0–1). */
const elapsed = (start: string, end: string, at: string) =>
  Math.min(1, Math.max(0, (daysBetween(start, at) + 1) / (daysBetween(start, end) + 1)));

/**
 * A plausible report at `fraction` of the contract (the previous one at `before`): earlier content
 * items run ahead of later ones; spending follows time, split by the state budget's share.
 */
export function demoInput(
  context: ReportContext,
  fraction: number,
  before: number,
  budget: { total: bigint; state: bigint },
): ReportInput {
  const n = context.contentItems.length;
  const percent = (f: number, i: number) =>
    Math.min(100, Math.round((f * (1 + ((n - 1 - i) * 0.3) / n) * 100) / 5) * 5);
  const spentNow = (budget.total * BigInt(Math.round((fraction - before) * 10_000))) / 10_000n;
  const stateShare = budget.total > 0n ? Number((budget.state * 10_000n) / budget.total) / 10_000 : 1;
  const categories = context.categories.map((c) => c.code);
  const known = categories.every((c) => c in DEMO_SHARES);
  const share = (code: string) => (known ? (DEMO_SHARES[code] ?? 0) : 1 / categories.length);
  const thousand = (amount: number) => formatDong(BigInt(Math.max(0, Math.round(amount / 1000))) * 1000n);
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
      FUNDING_SOURCES.map((source) => ({
        category: code,
        source,
        amount: thousand(Number(spentNow) * share(code) * (source === "state" ? stateShare : 1 - stateShare)),
      })),
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
  opts: { asOf: string },
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
      let before = 0;
      for (const [i, p] of periods.entries()) {
        const isLast = i === periods.length - 1;
        if (isLast && last === "open") break;
        const period = await repo.findPeriod(trx, p.id);
        if (!period) continue;
        const fraction = elapsed(start, end, p.period_end);
        const context = await contextFor(trx, task, period, rules);
        const input = demoInput(context, fraction, before, {
          total: parseDong(task.total_budget),
          state: parseDong(task.state_budget),
        });
        before = fraction;
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
