import { jsonb } from "@khcn/db/jsonb";
import type { BudgetSource, Database, MovementKind, RecoveryCause } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Dong, formatDong, parseDong } from "./money.ts";
import type { MovementFacts } from "./movement-rules.ts";
import { lineView, type PlanLine, planTotals } from "./plan-rules.ts";

/*
 * All SQL of the budget. `savePlan` and `insertMovement` are also what the demo generator and the
 * import call: they write and audit but check nothing (the service checks first).
 */

export async function planLines(db: Kysely<Database>, taskId: number): Promise<PlanLine[]> {
  const rows = await db
    .selectFrom("budget_line")
    .select(["source", "year", "category", "amount"])
    .where("task_id", "=", taskId)
    .orderBy("year")
    .orderBy("source", "desc")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ source: r.source, year: r.year, category: r.category, amount: parseDong(r.amount) }));
}

export async function currentRevision(db: Kysely<Database>, taskId: number): Promise<number> {
  const row = await db
    .selectFrom("budget_plan_revision")
    .select((eb) => eb.fn.max("revision").as("revision"))
    .where("task_id", "=", taskId)
    .executeTakeFirst();
  return row?.revision ?? 0;
}

export async function revisions(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("budget_plan_revision as r")
    .leftJoin("app_user as u", "u.id", "r.created_by")
    .select([
      "r.revision",
      "r.reason",
      "r.adjustment_request_id",
      "r.total",
      "r.state_total",
      "r.created_at",
      "u.full_name as created_by_name",
    ])
    .where("r.task_id", "=", taskId)
    .orderBy("r.revision", "desc")
    .execute();
}

export interface SavePlan {
  taskId: number;
  reason: string;
  lines: readonly { source: BudgetSource; year: number; category: string | null; amount: Dong | string }[];
  createdBy: number | null;
  adjustmentRequestId?: number | null;
}

/**
 * Replaces the task's plan with these lines and appends the next revision (the snapshot and its
 * totals), audited. Call inside the caller's transaction with the task row locked.
 */
export async function savePlan(db: Kysely<Database>, plan: SavePlan): Promise<{ revision: number }> {
  const lines: PlanLine[] = plan.lines.map((l) => ({ ...l, amount: parseDong(l.amount) }));
  const totals = planTotals(lines);
  const revision = (await currentRevision(db, plan.taskId)) + 1;
  await db.deleteFrom("budget_line").where("task_id", "=", plan.taskId).execute();
  if (lines.length > 0) {
    await db
      .insertInto("budget_line")
      .values(
        lines.map((l) => ({
          task_id: plan.taskId,
          source: l.source,
          year: l.year,
          category: l.category,
          amount: formatDong(l.amount),
        })),
      )
      .execute();
  }
  const snapshot = lines.map(lineView);
  await db
    .insertInto("budget_plan_revision")
    .values({
      task_id: plan.taskId,
      revision,
      reason: plan.reason,
      adjustment_request_id: plan.adjustmentRequestId ?? null,
      lines: jsonb(snapshot),
      total: formatDong(totals.total),
      state_total: formatDong(totals.state),
      created_by: plan.createdBy,
    })
    .execute();
  await appendAudit(db, {
    actorUserId: plan.createdBy,
    action: "budget.plan_saved",
    entityType: "budget_plan",
    entityId: `${plan.taskId}/${revision}`,
    taskId: plan.taskId,
    data: {
      revision,
      reason: plan.reason,
      adjustmentRequestId: plan.adjustmentRequestId ?? null,
      total: formatDong(totals.total),
      state: formatDong(totals.state),
      lines: snapshot,
    },
  });
  return { revision };
}

export interface MovementRow {
  id: number;
  kind: MovementKind;
  year: number;
  source: BudgetSource;
  amount: string;
  occurred_on: string;
  document_id: number | null;
  note: string | null;
  recovery_cause: RecoveryCause | null;
  created_at: Date;
  created_by_name: string | null;
}

export async function movements(db: Kysely<Database>, taskId: number): Promise<MovementRow[]> {
  return db
    .selectFrom("budget_movement as m")
    .leftJoin("app_user as u", "u.id", "m.created_by")
    .select([
      "m.id",
      "m.kind",
      "m.year",
      "m.source",
      "m.amount",
      "m.occurred_on",
      "m.document_id",
      "m.note",
      "m.recovery_cause",
      "m.created_at",
      "u.full_name as created_by_name",
    ])
    .where("m.task_id", "=", taskId)
    .orderBy("m.occurred_on")
    .orderBy("m.id")
    .execute();
}

export const movementFacts = (rows: readonly MovementRow[]): MovementFacts[] =>
  rows.map((r) => ({ kind: r.kind, year: r.year, source: r.source, amount: parseDong(r.amount) }));

export interface NewMovement {
  taskId: number;
  kind: MovementKind;
  year: number;
  source: BudgetSource;
  amount: Dong | string;
  /** yyyy-mm-dd */
  occurredOn: string;
  documentId?: number | null;
  note?: string | null;
  /** Required for a recovery, absent otherwise. */
  recoveryCause?: RecoveryCause | null;
  createdBy: number | null;
}

/** Records one movement, audited. Call inside the caller's transaction with the task row locked. */
export async function insertMovement(db: Kysely<Database>, m: NewMovement): Promise<{ id: number }> {
  const amount = formatDong(parseDong(m.amount));
  const row = await db
    .insertInto("budget_movement")
    .values({
      task_id: m.taskId,
      kind: m.kind,
      year: m.year,
      source: m.source,
      amount,
      occurred_on: m.occurredOn,
      document_id: m.documentId ?? null,
      note: m.note ?? null,
      recovery_cause: m.kind === "recovery" ? (m.recoveryCause ?? "other") : null,
      created_by: m.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await appendAudit(db, {
    actorUserId: m.createdBy,
    action: `budget.${m.kind}_recorded`,
    entityType: "budget_movement",
    entityId: row.id,
    taskId: m.taskId,
    data: {
      kind: m.kind,
      year: m.year,
      source: m.source,
      amount,
      occurredOn: m.occurredOn,
      documentId: m.documentId ?? null,
      recoveryCause: m.recoveryCause ?? null,
    },
  });
  return row;
}

/**
 * The approved amount per expense category and source, over all years (keys `category.source`),
 * for the periodic reports' budget lines; null while no line of the plan has a category.
 */
export async function approvedByCategory(db: Kysely<Database>, taskId: number): Promise<Record<string, string> | null> {
  const lines = await planLines(db, taskId);
  if (!lines.some((l) => l.category !== null)) return null;
  const sums = new Map<string, Dong>();
  for (const l of lines) {
    if (l.category === null) continue;
    const key = `${l.category}.${l.source}`;
    sums.set(key, (sums.get(key) ?? 0n) + l.amount);
  }
  return Object.fromEntries([...sums].map(([k, v]) => [k, formatDong(v)]));
}
