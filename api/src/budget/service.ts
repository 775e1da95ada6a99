import type { Database, Task } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import {
  type Actor,
  canEditBudgetPlan,
  canReadBudget,
  canRecordBudgetMovement,
  type TaskAccessFacts,
} from "../auth/permissions.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { lockKey, requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import {
  documentViews,
  type ParsedDocument,
  parseDocument,
  recordDocument,
  rethrowDocumentConflict,
  vietnamToday,
} from "../lifecycle/documents.ts";
import { reportedProgress } from "../reports/service.ts";
import { getParameter, loadParameters } from "../rules/parameters.ts";
import type { SheetSpec } from "../spreadsheets/write.ts";
import * as tasks from "../tasks/repository.ts";
import { forecast, physicalProgressOf, yearFigures } from "./burn.ts";
import { type Dong, displayDong, formatDong, parseDong, readAmount } from "./money.ts";
import { allocationsOverPlan, checkMovement } from "./movement-rules.ts";
import { checkPlan, isBalanced, lineView, type PlanLine, type PlanTerms, planTotals } from "./plan-rules.ts";
import * as repo from "./repository.ts";
import type { BudgetView, PlanLinesInput, RecordMovementBody, SavePlanBody } from "./schemas.ts";

/*
 * A task's budget: the approved plan (source × year × expense category) that must add up to the
 * approved totals, kept with its revisions; the money moving against it; and how it burns. Every
 * change locks the task row, checks the rules against what is stored, writes and audits in one
 * transaction.
 */

async function loadTask(db: Kysely<Database>, taskId: number, lock: boolean) {
  const task = lock
    ? await tasks.lockTaskRow(db, taskId)
    : await db.selectFrom("task").selectAll().where("id", "=", taskId).executeTakeFirst();
  if (!task) return undefined;
  const team = await tasks.teamEntriesOfTask(db, taskId);
  const access: TaskAccessFacts = {
    managingUnitId: task.managing_unit_id,
    piPersonId: task.pi_person_id,
    teamPersonIds: team.map((m) => m.person_id),
    stage: task.stage,
  };
  return { task, access };
}

async function visibleTask(db: Kysely<Database>, actor: Actor, taskId: number, lock = false) {
  const loaded = await loadTask(db, taskId, lock);
  if (!loaded || !canReadBudget(actor, loaded.access)) throw notFound("Task");
  return loaded;
}

const scopeOf = (task: Pick<Task, "managing_unit_id" | "regime">) => ({
  unitId: task.managing_unit_id,
  regime: task.regime,
});

const yearOf = (date: string | null) => (date === null ? null : Number(date.slice(0, 4)));

async function planTerms(
  db: Kysely<Database>,
  task: Pick<Task, "managing_unit_id" | "regime" | "start_date" | "end_date">,
  totals: { totalBudget: Dong; stateBudget: Dong },
): Promise<PlanTerms> {
  const categories = await getParameter(db, scopeOf(task), "expense_categories");
  return {
    ...totals,
    firstYear: yearOf(task.start_date),
    lastYear: yearOf(task.end_date),
    categories: categories.map((c) => c.code),
  };
}

/** Checks proposed lines against the totals they must reach and the money already allocated. */
async function verifiedPlan(
  db: Kysely<Database>,
  task: Task,
  totals: { totalBudget: Dong; stateBudget: Dong },
  input: PlanLinesInput,
  prefix: string,
): Promise<PlanLine[]> {
  const verdict = checkPlan(input, await planTerms(db, task, totals), prefix);
  if (!verdict.ok) throw new DomainError(verdict.code, verdict.message, verdict.fields);
  const over = allocationsOverPlan(verdict.lines, repo.movementFacts(await repo.movements(db, task.id)));
  if (over.length > 0) {
    const detail = over
      .map(
        (o) =>
          `${o.year} (${o.source === "state" ? "state budget" : "other sources"}): ${displayDong(o.allocated)} already allocated, ${displayDong(o.planned)} planned`,
      )
      .join("; ");
    throw new DomainError(
      "ALLOCATION_OVER_PLAN",
      `The plan gives some years less than is already allocated: ${detail}`,
      {
        [prefix]: detail,
      },
    );
  }
  return verdict.lines;
}

// ---- reading

export async function getBudget(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<BudgetView> {
  const { task, access } = await visibleTask(db, actor, taskId);
  return view(db, actor, task, access, now);
}

async function view(
  db: Kysely<Database>,
  actor: Actor,
  task: Task,
  access: TaskAccessFacts,
  now: Date,
): Promise<BudgetView> {
  const [lines, revisionRows, movementRows, parameters, reported] = await Promise.all([
    repo.planLines(db, task.id),
    repo.revisions(db, task.id),
    repo.movements(db, task.id),
    loadParameters(db, scopeOf(task)),
    reportedProgress(db, task.id),
  ]);
  const docs = await documentViews(
    db,
    movementRows.flatMap((m) => (m.document_id !== null ? [m.document_id] : [])),
  );
  const totalBudget = parseDong(task.total_budget);
  const stateBudget = parseDong(task.state_budget);
  const totals = planTotals(lines);
  const years = yearFigures(lines, repo.movementFacts(movementRows));
  const outlook = forecast({
    years,
    totalBudget,
    physicalProgress: physicalProgressOf(reported.report?.contentItems),
    today: vietnamToday(now),
    endDate: task.end_date,
    spendAheadMargin: parameters.get("budget_spend_ahead_margin"),
    lapseWarningAfterDays: parameters.get("budget_lapse_warning_after_days"),
  });
  const money = formatDong;
  return {
    taskId: task.id,
    version: revisionRows[0]?.revision ?? 0,
    totalBudget: task.total_budget,
    stateBudget: task.state_budget,
    categories: parameters.get("expense_categories").map((c) => ({ code: c.code, nameVi: c.nameVi, nameEn: c.nameEn })),
    lines: lines.map(lineView),
    totals: {
      state: money(totals.state),
      other: money(totals.other),
      total: money(totals.total),
      byYear: totals.byYear.map((y) => ({
        year: y.year,
        state: money(y.state),
        other: money(y.other),
        total: money(y.total),
      })),
    },
    balanced: isBalanced(lines, { totalBudget, stateBudget }),
    revisions: revisionRows.map((r) => ({
      revision: r.revision,
      reason: r.reason,
      adjustmentRequestId: r.adjustment_request_id,
      total: r.total,
      stateTotal: r.state_total,
      createdAt: r.created_at.toISOString(),
      createdBy: r.created_by_name,
    })),
    movements: movementRows.map((m) => ({
      id: m.id,
      kind: m.kind,
      year: m.year,
      source: m.source,
      amount: m.amount,
      occurredOn: m.occurred_on,
      document: m.document_id !== null ? (docs.get(m.document_id) ?? null) : null,
      note: m.note,
      recoveryCause: m.recovery_cause,
      createdAt: m.created_at.toISOString(),
      createdBy: m.created_by_name,
    })),
    years: years.map((y) => ({
      year: y.year,
      approved: money(y.approved),
      allocated: money(y.allocated),
      advanced: money(y.advanced),
      settled: money(y.settled),
      recovered: money(y.recovered),
      outstandingAdvance: money(y.outstandingAdvance),
      unallocated: money(y.unallocated),
    })),
    forecast: {
      physicalProgress: outlook.physicalProgress,
      spentShare: outlook.spentShare,
      projectedYearEnd: outlook.projectedYearEnd && {
        year: outlook.projectedYearEnd.year,
        allocated: money(outlook.projectedYearEnd.allocated),
        advanced: money(outlook.projectedYearEnd.advanced),
        projectedAdvanced: money(outlook.projectedYearEnd.projectedAdvanced),
        projectedLapse: money(outlook.projectedYearEnd.projectedLapse),
      },
      warnings: outlook.warnings.map((w) => ({
        code: w.code,
        message: w.message,
        ...(w.year !== undefined ? { year: w.year } : {}),
        ...(w.amount !== undefined ? { amount: money(w.amount) } : {}),
      })),
    },
    permissions: {
      canEditPlan: canEditBudgetPlan(actor, access),
      canRecordMovement: canRecordBudgetMovement(actor, access),
    },
  };
}

// ---- the plan

export async function saveBudgetPlan(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: SavePlanBody,
  now = new Date(),
): Promise<BudgetView> {
  return db.transaction().execute(async (trx) => {
    const { task, access } = await visibleTask(trx, actor, taskId, true);
    if (!canEditBudgetPlan(actor, access)) {
      throw new DomainError("FORBIDDEN", "Staff of the managing unit keep the budget plan");
    }
    const current = await repo.currentRevision(trx, taskId);
    if (body.version !== current) {
      throw new DomainError(
        "STALE_VERSION",
        "The plan was changed since you opened it: reload and redo your change",
        { version: `The plan is at revision ${current}` },
        { version: current },
      );
    }
    const lines = await verifiedPlan(
      trx,
      task,
      { totalBudget: parseDong(task.total_budget), stateBudget: parseDong(task.state_budget) },
      body.lines,
      "lines",
    );
    await repo.savePlan(trx, { taskId, reason: body.reason, lines, createdBy: actor.userId });
    return view(trx, actor, task, access, now);
  });
}

/**
 * For a budget adjustment request: the proposed plan checked against the totals the request asks
 * for. Returns the lines as the request stores them (amounts as decimal strings).
 */
export async function checkProposedPlan(
  db: Kysely<Database>,
  task: Task,
  totals: { totalBudget: string; stateBudget: string },
  input: PlanLinesInput,
  prefix: string,
) {
  const lines = await verifiedPlan(
    db,
    task,
    { totalBudget: parseDong(totals.totalBudget), stateBudget: parseDong(totals.stateBudget) },
    input,
    prefix,
  );
  return lines.map(lineView);
}

/**
 * On the approval of a budget adjustment, inside its transaction (task row locked, totals already
 * updated): the proposed plan, checked again, becomes the next revision. Without proposed lines
 * the plan stays as it was and no longer balances, which the budget page shows for re-balancing.
 */
export async function applyAdjustedPlan(
  trx: Kysely<Database>,
  actorUserId: number,
  task: Task,
  totals: { totalBudget: string; stateBudget: string },
  adjustmentId: number,
  proposed: PlanLinesInput | null | undefined,
): Promise<{ revision: number } | null> {
  if (!proposed) return null;
  const lines = await verifiedPlan(
    trx,
    task,
    { totalBudget: parseDong(totals.totalBudget), stateBudget: parseDong(totals.stateBudget) },
    proposed,
    "after.planLines",
  );
  return repo.savePlan(trx, {
    taskId: task.id,
    reason: `Adjustment #${adjustmentId} approved`,
    lines,
    createdBy: actorUserId,
    adjustmentRequestId: adjustmentId,
  });
}

// ---- money movements

export interface MovementOutcome {
  body: BudgetView;
  /** True when the answer is the one stored for this Idempotency-Key: nothing was recorded now. */
  replayed: boolean;
}

/** With an Idempotency-Key, a retried movement (the answer lost) is recorded once, not twice. */
export async function recordMovement(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: RecordMovementBody,
  idempotencyKey?: string,
  now = new Date(),
): Promise<MovementOutcome> {
  const today = vietnamToday(now);
  // Everything that can be checked without the database is checked before any lock is taken.
  const read = readAmount(body.amount, { positive: true });
  if (!read.ok)
    throw new DomainError("AMOUNT_INVALID", "The amount is not a whole number of đồng", { amount: read.reason });
  const faults: Record<string, string> = {};
  if (body.kind === "recovery" && !body.recoveryCause) faults.recoveryCause = "Say why the money is recovered";
  if (body.kind !== "recovery" && body.recoveryCause) faults.recoveryCause = "Only a recovery has a cause";
  if (body.occurredOn > today) faults.occurredOn = "A movement cannot be dated after today";
  if (Object.keys(faults).length > 0) throw new DomainError("VALIDATION_FAILED", "The movement is not valid", faults);
  const document: ParsedDocument | null = body.document ? parseDocument(body.document, today) : null;

  const hash = idempotencyKey ? requestHash("POST", `/tasks/${taskId}/budget/movements`, body) : null;
  try {
    return await db.transaction().execute(async (trx): Promise<MovementOutcome> => {
      if (idempotencyKey) await lockKey(trx, actor.userId, idempotencyKey);
      const { task, access } = await visibleTask(trx, actor, taskId, true);
      if (!canRecordBudgetMovement(actor, access)) {
        throw new DomainError("FORBIDDEN", "Staff of the managing unit record the money moving");
      }
      if (idempotencyKey && hash) {
        const stored = await storedAnswer<BudgetView>(trx, actor.userId, idempotencyKey, hash);
        if (stored) return { body: stored.body, replayed: true };
      }
      const [lines, movementRows] = await Promise.all([repo.planLines(trx, taskId), repo.movements(trx, taskId)]);
      const verdict = checkMovement(lines, repo.movementFacts(movementRows), {
        kind: body.kind,
        year: body.year,
        source: body.source,
        amount: read.amount,
      });
      if (!verdict.ok) {
        throw new DomainError(verdict.code, verdict.message, verdict.fields, { limit: formatDong(verdict.limit) });
      }
      const documentId = document ? await recordDocument(trx, actor, taskId, document) : null;
      await repo.insertMovement(trx, {
        taskId,
        kind: body.kind,
        year: body.year,
        source: body.source,
        amount: read.amount,
        occurredOn: body.occurredOn,
        documentId,
        note: body.note?.trim() || null,
        recoveryCause: body.recoveryCause ?? null,
        createdBy: actor.userId,
      });
      const result = await view(trx, actor, task, access, now);
      if (idempotencyKey && hash)
        await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 201, body: result });
      return { body: result, replayed: false };
    });
  } catch (error) {
    rethrowDocumentConflict(error);
  }
}

// ---- export

const SOURCE_VI = { state: "Ngân sách nhà nước (SNKH)", other: "Nguồn khác" } as const;
const KIND_VI = {
  allocation: "Dự toán giao",
  advance: "Tạm ứng",
  settlement: "Quyết toán",
  recovery: "Thu hồi",
} as const;

/** One of the budget's tables as a sheet with Vietnamese headers, for the writer. */
export async function budgetSheet(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  table: "plan" | "movements" | "years",
  now = new Date(),
): Promise<{ sheet: SheetSpec; baseName: string }> {
  const { task, access } = await visibleTask(db, actor, taskId);
  const budget = await view(db, actor, task, access, now);
  const baseName = `${task.code}-${table === "plan" ? "du-toan" : table === "movements" ? "cap-phat" : "theo-nam"}`;
  if (table === "plan") {
    const names = new Map(budget.categories.map((c) => [c.code, c.nameVi]));
    return {
      baseName,
      sheet: {
        name: "Dự toán",
        columns: [
          { key: "year", header: "Năm", kind: "integer", width: 8 },
          { key: "source", header: "Nguồn kinh phí", kind: "text", width: 28 },
          { key: "category", header: "Khoản chi", kind: "text", width: 44 },
          { key: "amount", header: "Số tiền (đồng)", kind: "money", width: 20 },
        ],
        rows: budget.lines.map((l) => ({
          year: l.year,
          source: SOURCE_VI[l.source],
          category: l.category === null ? "Chưa phân khoản" : (names.get(l.category) ?? l.category),
          amount: l.amount,
        })),
      },
    };
  }
  if (table === "movements") {
    return {
      baseName,
      sheet: {
        name: "Cấp phát",
        columns: [
          { key: "occurredOn", header: "Ngày", kind: "date", width: 12 },
          { key: "kind", header: "Loại", kind: "text", width: 14 },
          { key: "year", header: "Năm ngân sách", kind: "integer", width: 10 },
          { key: "source", header: "Nguồn kinh phí", kind: "text", width: 28 },
          { key: "amount", header: "Số tiền (đồng)", kind: "money", width: 20 },
          { key: "document", header: "Văn bản", kind: "text", width: 24 },
          { key: "note", header: "Ghi chú", kind: "text", width: 40 },
        ],
        rows: budget.movements.map((m) => ({
          occurredOn: m.occurredOn,
          kind: KIND_VI[m.kind],
          year: m.year,
          source: SOURCE_VI[m.source],
          amount: m.amount,
          document: m.document?.number ?? null,
          note: m.note,
        })),
      },
    };
  }
  return {
    baseName,
    sheet: {
      name: "Theo năm",
      columns: [
        { key: "year", header: "Năm", kind: "integer", width: 8 },
        { key: "approved", header: "Dự toán được duyệt", kind: "money", width: 20 },
        { key: "allocated", header: "Đã giao", kind: "money", width: 20 },
        { key: "advanced", header: "Đã tạm ứng", kind: "money", width: 20 },
        { key: "settled", header: "Đã quyết toán", kind: "money", width: 20 },
        { key: "recovered", header: "Đã thu hồi", kind: "money", width: 20 },
        { key: "outstandingAdvance", header: "Tạm ứng chưa quyết toán", kind: "money", width: 22 },
        { key: "unallocated", header: "Chưa giao", kind: "money", width: 20 },
      ],
      rows: budget.years,
    },
  };
}
