import { isUniqueViolation } from "@khcn/db/errors";
import { ADJUSTMENT_KINDS, type AdjustmentKind, type Database, type TaskTable } from "@khcn/db/schema";
import type { Kysely, Updateable } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import {
  type Actor,
  adjustmentWatchScope,
  canDecideAdjustment,
  canRequestAdjustment,
  canSeeTask,
  canWithdrawAdjustment,
  type TaskAccessFacts,
} from "../auth/permissions.ts";
import { applyAdjustedPlan, checkProposedPlan } from "../budget/service.ts";
import { DomainError, notFound } from "../http/errors.ts";
import {
  documentViews,
  parseDocument,
  recordDocument,
  rethrowDocumentConflict,
  vietnamToday,
} from "../lifecycle/documents.ts";
import { notify } from "../notifications/repository.ts";
import { rescheduleAfterExtension } from "../progress/reports-link.ts";
import { getParameter } from "../rules/parameters.ts";
import { reassignPi } from "../tasks/record.ts";
import * as tasks from "../tasks/repository.ts";
import {
  ADJUSTABLE_STAGES,
  type AdjustableTask,
  type AdjustmentChange,
  type ChangedField,
  checkAdjustment,
  decisionClock,
  decisionDueBy,
  kindAllowed,
  recordChanges,
  type Terms,
} from "./adjustment-rules.ts";
import * as repo from "./repository.ts";
import type {
  Adjustment,
  AdjustmentList,
  AdjustmentTerms,
  CreateAdjustmentBody,
  DecideAdjustmentBody,
  PendingAdjustments,
} from "./schemas.ts";

/*
 * Adjustment requests: the host (through the PI, or staff on its behalf) asks to change one kind
 * of the approved terms; staff or the head of the managing unit decide within the configured
 * days. An approval writes the change into the task's record in the same transaction (end date,
 * budget, PI and team, host, objectives), moves the task's version on and, for an extension,
 * redoes the report schedule. Every step is audited against the task.
 */

type TaskRow = NonNullable<Awaited<ReturnType<typeof tasks.lockTaskRow>>>;

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
  return { task, team, access };
}

async function visibleTask(db: Kysely<Database>, actor: Actor, taskId: number, lock = false) {
  const loaded = await loadTask(db, taskId, lock);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  return loaded;
}

const adjustable = (t: TaskRow): AdjustableTask => ({
  stage: t.stage,
  fundingMode: t.funding_mode,
  startDate: t.start_date,
  endDate: t.end_date,
  totalBudget: t.total_budget,
  stateBudget: t.state_budget,
  piPersonId: t.pi_person_id,
  hostOrganisationId: t.host_organisation_id,
  objectives: t.objectives,
});

function changeOf(body: CreateAdjustmentBody): AdjustmentChange {
  switch (body.kind) {
    case "duration":
      return { kind: "duration", endDate: body.after.endDate };
    case "budget":
      return { kind: "budget", totalBudget: body.after.totalBudget, stateBudget: body.after.stateBudget };
    case "content":
      return { kind: "content", description: body.after.description, objectives: body.after.objectives ?? null };
    case "products":
      return { kind: "products", description: body.after.description };
    case "pi":
      return { kind: "pi", piPersonId: body.after.piPersonId };
    case "host_organisation":
      return { kind: "host_organisation", hostOrganisationId: body.after.hostOrganisationId };
    case "other":
      return { kind: "other", description: body.after.description };
  }
}

/** The change a stored request asks for, read back from its `after` terms. */
function storedChange(kind: AdjustmentKind, after: AdjustmentTerms): AdjustmentChange {
  const text = after.description ?? "";
  switch (kind) {
    case "duration":
      return { kind, endDate: after.endDate ?? "" };
    case "budget":
      return { kind, totalBudget: after.totalBudget ?? "0", stateBudget: after.stateBudget ?? "0" };
    case "content":
      return { kind, description: text, objectives: after.objectives ?? null };
    case "pi":
      return { kind, piPersonId: after.piPersonId ?? 0 };
    case "host_organisation":
      return { kind, hostOrganisationId: after.hostOrganisationId ?? 0 };
    case "products":
    case "other":
      return { kind, description: text };
  }
}

/** The terms with the names of the people and organisations they point at, as they are now. */
async function withNames(db: Kysely<Database>, terms: Terms): Promise<Terms> {
  const named: Terms = { ...terms };
  if (typeof terms.piPersonId === "number") {
    named.piName = (await repo.personNames(db, [terms.piPersonId])).get(terms.piPersonId) ?? null;
  } else if ("piPersonId" in terms) named.piName = null;
  if (typeof terms.hostOrganisationId === "number") {
    const names = await repo.organisationNames(db, [terms.hostOrganisationId]);
    named.hostName = names.get(terms.hostOrganisationId) ?? null;
  } else if ("hostOrganisationId" in terms) named.hostName = null;
  return named;
}

const refusal = (verdict: Extract<ReturnType<typeof checkAdjustment>, { ok: false }>) =>
  new DomainError(verdict.code, verdict.message, verdict.fields, { codes: verdict.codes });

// ---- filing a request

export async function requestAdjustment(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: CreateAdjustmentBody,
  now = new Date(),
): Promise<Adjustment> {
  const today = vietnamToday(now);
  try {
    return await db.transaction().execute(async (trx) => {
      const { task, access } = await visibleTask(trx, actor, taskId, true);
      if (!canRequestAdjustment(actor, access)) {
        throw new DomainError(
          "FORBIDDEN",
          "The task's PI (for the host organisation) or the unit's staff file adjustments",
        );
      }
      const open = (await repo.openKinds(trx, taskId)).find((o) => o.kind === body.kind);
      if (open) {
        throw new DomainError(
          "CONFLICT",
          "A request of this kind is still open for this task",
          {
            kind: `Request #${open.id} of this kind awaits its decision: withdraw it or wait for it`,
          },
          { codes: { kind: "OPEN_REQUEST_EXISTS" } },
        );
      }
      const exceptional = body.kind === "duration" && body.exceptional === true;
      const verdict = checkAdjustment(adjustable(task), changeOf(body), {
        reason: body.reason,
        exceptional,
        approvedExtensions: await repo.countApprovedExtensions(trx, taskId),
      });
      if (!verdict.ok) throw refusal(verdict);
      if (
        body.kind === "pi" &&
        !(await tasks.existingPersonIds(trx, [body.after.piPersonId])).has(body.after.piPersonId)
      ) {
        throw new DomainError("VALIDATION_FAILED", "The request is not valid", {
          "after.piPersonId": "No such person",
        });
      }
      if (body.kind === "host_organisation" && !(await tasks.organisationExists(trx, body.after.hostOrganisationId))) {
        throw new DomainError("VALIDATION_FAILED", "The request is not valid", {
          "after.hostOrganisationId": "No such organisation",
        });
      }
      const days = await getParameter(
        trx,
        { unitId: task.managing_unit_id, regime: task.regime },
        "adjustment_decision_days",
      );
      const before = await withNames(trx, verdict.before);
      // A budget request may carry the plan for its new totals, held to the plan rules now and on approval.
      const planLines =
        body.kind === "budget" && body.after.planLines
          ? await checkProposedPlan(trx, task, body.after, body.after.planLines, "after.planLines")
          : null;
      const after = { ...(await withNames(trx, verdict.after)), ...(planLines ? { planLines } : {}) };
      const dueBy = decisionDueBy(today, days);
      const { id } = await repo.insertAdjustment(trx, {
        taskId,
        kind: body.kind,
        requestedBy: actor.userId,
        dueBy,
        reason: body.reason,
        exceptional,
        before,
        after,
        extensionMonths: verdict.extensionMonths,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "adjustment.submitted",
        entityType: "adjustment",
        entityId: id,
        taskId,
        data: { kind: body.kind, before, after, extensionMonths: verdict.extensionMonths, exceptional, dueBy },
      });
      return view(trx, actor, id, today);
    });
  } catch (error) {
    if (isUniqueViolation(error, "adjustment_request_open_key")) {
      throw new DomainError("CONFLICT", "A request of this kind was just filed for this task", {
        kind: "A request of this kind awaits its decision",
      });
    }
    throw error;
  }
}

// ---- deciding

export async function decideAdjustment(
  db: Kysely<Database>,
  actor: Actor,
  adjustmentId: number,
  body: DecideAdjustmentBody,
  now = new Date(),
): Promise<Adjustment> {
  const today = vietnamToday(now);
  const document = body.document ? parseDocument(body.document, today) : null;
  const comment = body.comment?.trim() || null;
  try {
    return await db.transaction().execute(async (trx) => {
      const found = await repo.findAdjustment(trx, adjustmentId);
      if (!found) throw notFound("Adjustment request");
      // The task first, then the request, as filing and withdrawing do: no two of them lock in opposite orders.
      const { task, team, access } = await visibleTask(trx, actor, found.task_id, true);
      if (!canDecideAdjustment(actor, access)) {
        throw new DomainError("FORBIDDEN", "Staff or the head of the managing unit decide adjustments");
      }
      const locked = await repo.lockAdjustment(trx, adjustmentId);
      if (locked?.status !== "submitted") {
        throw new DomainError("CONFLICT", "This request has already been settled", {
          status: `The request is ${locked?.status ?? "gone"}`,
        });
      }
      const missing: Record<string, string> = {};
      if (body.decision === "approve" && !document) missing.document = "An approval is made by a decision: record it";
      if (body.decision === "reject" && !comment) missing.comment = "Give the host the reason for the rejection";
      if (Object.keys(missing).length > 0) {
        throw new DomainError("VALIDATION_FAILED", "Some required information is missing", missing);
      }

      if (body.decision === "reject") {
        const documentId = document ? await recordDocument(trx, actor, task.id, document) : null;
        await repo.closeAdjustment(trx, adjustmentId, {
          status: "rejected",
          decidedBy: actor.userId,
          documentId,
          comment,
        });
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "adjustment.rejected",
          entityType: "adjustment",
          entityId: adjustmentId,
          taskId: task.id,
          data: { kind: found.kind, documentId, comment },
        });
        await tellRequester(trx, actor, found, "rejected");
        return view(trx, actor, adjustmentId, today);
      }

      // The request is checked again against the task as it is now.
      const verdict = checkAdjustment(adjustable(task), storedChange(found.kind, found.after as AdjustmentTerms), {
        reason: found.reason,
        exceptional: found.exceptional,
        approvedExtensions: await repo.countApprovedExtensions(trx, task.id),
      });
      if (!verdict.ok) {
        throw new DomainError(
          "ADJUSTMENT_REFUSED",
          `The request no longer fits the task: ${verdict.message}`,
          verdict.fields,
          { codes: verdict.codes },
        );
      }
      const documentId = document ? await recordDocument(trx, actor, task.id, document) : null;
      const { set, changes } = applied(task, found.kind, verdict.after);
      const updated = await tasks.updateTaskRow(trx, task.id, set);
      if (set.pi_person_id !== undefined) {
        const nextTeam = reassignPi(
          team.map((m) => ({ personId: m.person_id, role: m.role })),
          set.pi_person_id,
        );
        await tasks.replaceTeam(trx, task.id, nextTeam);
        changes.team = { before: team.map((m) => ({ personId: m.person_id, role: m.role })), after: nextTeam };
      }
      if (found.kind === "duration") await rescheduleAfterExtension(trx, task.id, actor.userId);
      if (found.kind === "budget") {
        const terms = found.after as AdjustmentTerms;
        const plan = await applyAdjustedPlan(
          trx,
          actor.userId,
          task,
          { totalBudget: terms.totalBudget ?? task.total_budget, stateBudget: terms.stateBudget ?? task.state_budget },
          adjustmentId,
          terms.planLines,
        );
        if (plan) changes.budgetPlan = { before: null, after: { revision: plan.revision } };
      }
      await repo.closeAdjustment(trx, adjustmentId, {
        status: "approved",
        decidedBy: actor.userId,
        documentId,
        comment,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "adjustment.approved",
        entityType: "adjustment",
        entityId: adjustmentId,
        taskId: task.id,
        data: {
          kind: found.kind,
          before: found.before,
          after: found.after,
          extensionMonths: found.extension_months,
          documentId,
          comment,
          version: updated.version,
          changes,
        },
      });
      await tellRequester(trx, actor, found, "approved");
      return view(trx, actor, adjustmentId, today);
    });
  } catch (error) {
    rethrowDocumentConflict(error);
  }
}

/** The person who filed the request learns the decision (unless they took it themselves). */
async function tellRequester(
  trx: Kysely<Database>,
  actor: Actor,
  request: repo.AdjustmentRow,
  decision: "approved" | "rejected",
) {
  if (request.requested_by === actor.userId) return;
  await notify(trx, {
    userId: request.requested_by,
    kind: "adjustment.decided",
    taskId: request.task_id,
    payload: { adjustmentId: request.id, kind: request.kind, decision },
  });
}

/**
 * The task columns an approval writes, and each field that changes with its value before and after
 * (named as `task.updated` names them). A value the request leaves as it is writes nothing.
 */
function applied(task: TaskRow, kind: AdjustmentKind, after: Terms) {
  const fields = recordChanges(kind, after);
  const set: Updateable<TaskTable> = {};
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  const change = <F extends keyof typeof COLUMN>(field: F, value: TaskRow[(typeof COLUMN)[F]]) => {
    const column = COLUMN[field];
    if (task[column] === value) return;
    Object.assign(set, { [column]: value });
    changes[field] = { before: task[column], after: value };
  };
  if (fields.endDate !== undefined) change("endDate", String(fields.endDate));
  if (fields.totalBudget !== undefined) change("totalBudget", String(fields.totalBudget));
  if (fields.stateBudget !== undefined) change("stateBudget", String(fields.stateBudget));
  if (fields.piPersonId !== undefined) change("piPersonId", Number(fields.piPersonId));
  if (fields.hostOrganisationId !== undefined) change("hostOrganisationId", Number(fields.hostOrganisationId));
  if (fields.objectives !== undefined) change("objectives", String(fields.objectives));
  return { set, changes };
}

/** The task column each field an adjustment may change is stored in. */
const COLUMN = {
  endDate: "end_date",
  totalBudget: "total_budget",
  stateBudget: "state_budget",
  piPersonId: "pi_person_id",
  hostOrganisationId: "host_organisation_id",
  objectives: "objectives",
} as const satisfies Record<ChangedField, keyof TaskRow>;

// ---- withdrawing

export async function withdrawAdjustment(
  db: Kysely<Database>,
  actor: Actor,
  adjustmentId: number,
  now = new Date(),
): Promise<Adjustment> {
  return db.transaction().execute(async (trx) => {
    const found = await repo.findAdjustment(trx, adjustmentId);
    if (!found) throw notFound("Adjustment request");
    await visibleTask(trx, actor, found.task_id, true);
    if (!canWithdrawAdjustment(actor, { requestedBy: found.requested_by })) {
      throw new DomainError("FORBIDDEN", "Only the person who filed the request may withdraw it");
    }
    const locked = await repo.lockAdjustment(trx, adjustmentId);
    if (locked?.status !== "submitted") {
      throw new DomainError("CONFLICT", "This request has already been settled", {
        status: `The request is ${locked?.status ?? "gone"}`,
      });
    }
    await repo.closeAdjustment(trx, adjustmentId, {
      status: "withdrawn",
      decidedBy: actor.userId,
      documentId: null,
      comment: null,
    });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "adjustment.withdrawn",
      entityType: "adjustment",
      entityId: adjustmentId,
      taskId: found.task_id,
      data: { kind: found.kind },
    });
    return view(trx, actor, adjustmentId, vietnamToday(now));
  });
}

// ---- reading

export async function listAdjustments(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<AdjustmentList> {
  const { task, access } = await visibleTask(db, actor, taskId);
  const [rows, open, approvedExtensions, decisionDays] = await Promise.all([
    repo.adjustmentsOfTask(db, taskId),
    repo.openKinds(db, taskId),
    repo.countApprovedExtensions(db, taskId),
    getParameter(db, { unitId: task.managing_unit_id, regime: task.regime }, "adjustment_decision_days"),
  ]);
  const canRequest = canRequestAdjustment(actor, access) && ADJUSTABLE_STAGES.includes(task.stage);
  return {
    items: await views(db, actor, rows, vietnamToday(now)),
    canRequest,
    kinds: ADJUSTMENT_KINDS.map((kind) => {
      const byMode = kindAllowed(task.funding_mode, kind);
      if (!byMode.allowed) return { kind, allowed: false, reason: byMode.reason, reasonCode: byMode.reasonCode };
      const pending = open.find((o) => o.kind === kind);
      if (pending) {
        return {
          kind,
          allowed: false,
          reason: `Request #${pending.id} of this kind awaits its decision`,
          reasonCode: "OPEN_REQUEST_EXISTS" as const,
        };
      }
      if (!ADJUSTABLE_STAGES.includes(task.stage)) {
        return {
          kind,
          allowed: false,
          reason: "Adjustments are made while the task is in progress",
          reasonCode: "NOT_IN_PROGRESS" as const,
        };
      }
      return canRequest
        ? { kind, allowed: true, reason: null, reasonCode: null }
        : {
            kind,
            allowed: false,
            reason: "The task's PI or the unit's staff request adjustments",
            reasonCode: "NOT_PERMITTED" as const,
          };
    }),
    approvedExtensions,
    decisionDays,
  };
}

/** Open requests awaiting a decision with their deadlines: a unit's for its staff and head, all for administrators. */
export async function pendingAdjustments(
  db: Kysely<Database>,
  actor: Actor,
  now = new Date(),
): Promise<PendingAdjustments> {
  const scope = adjustmentWatchScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "Only the Department's staff and heads watch adjustment requests");
  const rows = await repo.openAdjustments(db, scope.all ? null : scope.unitId);
  const items = await views(db, actor, rows, vietnamToday(now));
  return {
    items: items.map((item, i) => {
      const row = rows[i] as repo.AdjustmentRow;
      return { ...item, task: { id: row.task_id, code: row.task_code, title: row.task_title } };
    }),
    overdue: items.filter((i) => i.clock?.overdue).length,
  };
}

async function view(db: Kysely<Database>, actor: Actor, id: number, today: string): Promise<Adjustment> {
  const row = await repo.findAdjustment(db, id);
  if (!row) throw new Error(`adjustment ${id} vanished`);
  return (await views(db, actor, [row], today))[0] as Adjustment;
}

async function views(db: Kysely<Database>, actor: Actor, rows: repo.AdjustmentRow[], today: string) {
  const docs = await documentViews(
    db,
    rows.flatMap((r) => (r.decision_document_id !== null ? [r.decision_document_id] : [])),
  );
  return rows.map((r): Adjustment => {
    const open = r.status === "submitted";
    const access: TaskAccessFacts = {
      managingUnitId: r.managing_unit_id,
      piPersonId: r.pi_person_id,
      teamPersonIds: [],
      stage: r.stage,
    };
    return {
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      status: r.status,
      reason: r.reason,
      exceptional: r.exceptional,
      before: r.before as AdjustmentTerms,
      after: r.after as AdjustmentTerms,
      extensionMonths: r.extension_months,
      requestedBy: { userId: r.requested_by, name: r.requester_name },
      requestedAt: r.requested_at.toISOString(),
      dueBy: r.due_by,
      clock: open ? decisionClock(r.due_by, today) : null,
      decision:
        r.decided_at !== null
          ? {
              by: r.decider_name ?? "",
              at: r.decided_at.toISOString(),
              comment: r.decision_comment,
              document: r.decision_document_id !== null ? (docs.get(r.decision_document_id) ?? null) : null,
            }
          : null,
      canDecide: open && canDecideAdjustment(actor, access),
      canWithdraw: open && canWithdrawAdjustment(actor, { requestedBy: r.requested_by }),
    };
  });
}
