import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canSeeCouncil, canSeeTask, rolesOnTask } from "../auth/permissions.ts";
import { parseDong } from "../budget/money.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { lockKey, requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import { terminationProposal } from "../inspections/service.ts";
import { scheduleReports } from "../reports/scheduling.ts";
import { formatDocumentNumber } from "./document-number.ts";
import { parseDocument, recordDocument, rethrowDocumentConflict, vietnamToday } from "./documents.ts";
import * as repo from "./repository.ts";
import { type Action, actionsFrom, decide, type Refusal, rule, type TaskFacts } from "./rules.ts";
import type {
  ActionList,
  AvailableAction,
  History,
  Timeline,
  TimelineEntry,
  TransitionBody,
  TransitionResult,
} from "./schemas.ts";

export function factsOf(
  task: repo.LoadedTask["task"],
  acceptanceCouncil: repo.LoadedTask["acceptanceCouncil"],
): TaskFacts {
  return {
    stage: task.stage,
    hostOrganisationId: task.host_organisation_id,
    piPersonId: task.pi_person_id,
    totalBudget: parseDong(task.total_budget),
    stateBudget: parseDong(task.state_budget),
    startDate: task.start_date,
    endDate: task.end_date,
    fundingMode: task.funding_mode,
    selectionMethod: task.selection_method,
    regime: task.regime,
    acceptanceCouncil,
  };
}

async function visibleTask(db: Kysely<Database>, actor: Actor, taskId: number, lock = false) {
  const loaded = await repo.loadTaskFacts(db, taskId, lock);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  return loaded;
}

export async function listActions(db: Kysely<Database>, actor: Actor, taskId: number): Promise<ActionList> {
  const { task, access, acceptanceCouncil } = await visibleTask(db, actor, taskId);
  const roles = rolesOnTask(actor, access);
  const facts = factsOf(task, acceptanceCouncil);
  // An inspection's proposal to terminate is shown with the step it leads to; the step itself is unchanged.
  const proposal = await terminationProposal(db, taskId, task.stage);
  return {
    stage: task.stage,
    version: task.version,
    actions: actionsFrom(task.stage).map((action) => {
      const r = rule(action);
      const decision = decide(action, facts, roles);
      const reasons = decision.allowed
        ? []
        : decision.refusals.flatMap((refusal): AvailableAction["reasons"] => {
            if (refusal.code === "ROLE") return [{ code: "ROLE" as const, roles: [...refusal.allowed] }];
            if (refusal.code === "MISSING_FIELDS") return [{ code: "MISSING_FIELDS" as const, fields: refusal.fields }];
            return [];
          });
      return {
        action,
        to: r.to,
        backward: r.backward ?? false,
        allowed: decision.allowed,
        requires: [...r.requires, ...(r.requiresFrom?.[task.stage] ?? [])],
        ...(r.outcomes ? { outcomes: [...r.outcomes] } : {}),
        ...(action === "terminate" && proposal ? { proposedBy: proposal } : {}),
        reasons,
      };
    }),
  };
}

export interface TransitionOutcome {
  body: TransitionResult;
  /** True when the answer is the one stored for this Idempotency-Key: nothing happened now. */
  replayed: boolean;
}

/**
 * With an Idempotency-Key, a retry of a step (the answer lost on a flaky line) gets the first
 * answer back instead of 409 STAGE_CHANGED, and two copies sent at once move the task once.
 */
export async function performTransition(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: TransitionBody,
  idempotencyKey?: string,
  now = new Date(),
): Promise<TransitionOutcome> {
  const action = body.action as Action;
  const document = body.document ? parseDocument(body.document, vietnamToday(now)) : null;
  const hash = idempotencyKey ? requestHash("POST", `/tasks/${taskId}/transitions`, body) : null;
  try {
    return await db.transaction().execute(async (trx): Promise<TransitionOutcome> => {
      if (idempotencyKey) await lockKey(trx, actor.userId, idempotencyKey);
      const { task, access, acceptanceCouncil } = await visibleTask(trx, actor, taskId, true);
      if (idempotencyKey && hash) {
        const stored = await storedAnswer<TransitionResult>(trx, actor.userId, idempotencyKey, hash);
        if (stored) return { body: stored.body, replayed: true };
      }
      if (task.stage !== body.fromStage) {
        throw new DomainError("STAGE_CHANGED", "The task has moved on since you opened it; reload to see its stage", {
          fromStage: `The task is now at ${task.stage}`,
        });
      }
      const registration = body.registration ?? null;
      const recovery = body.recovery ? { cause: body.recovery.cause, amount: parseDong(body.recovery.amount) } : null;
      const decision = decide(action, factsOf(task, acceptanceCouncil), rolesOnTask(actor, access), {
        hasDocument: document !== null,
        comment: body.comment ?? null,
        outcome: body.outcome ?? null,
        registration,
        recovery,
      });
      if (!decision.allowed) throw refusalError(decision.refusals);

      const documentId = document ? await recordDocument(trx, actor, taskId, document) : null;
      const outcome = body.outcome ?? null;
      const moved = await repo.moveTask(trx, taskId, decision.to, outcome, { registration, recovery });
      // A signed contract (or a dossier sent back) starts the periodic reports; idempotent.
      if (decision.to === "in_progress") await scheduleReports(trx, taskId, { actorUserId: actor.userId });
      await repo.insertTransition(trx, {
        taskId,
        action,
        from: task.stage,
        to: decision.to,
        documentId,
        outcome,
        comment: body.comment?.trim() || null,
        actorUserId: actor.userId,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "task.transition",
        entityType: "task",
        entityId: taskId,
        taskId,
        data: {
          action,
          from: task.stage,
          to: decision.to,
          documentId,
          outcome,
          comment: body.comment?.trim() || null,
          ...(registration ? { registration } : {}),
          ...(recovery ? { recovery: { cause: recovery.cause, amount: recovery.amount.toString() } } : {}),
        },
      });
      const entries = (await repo.timeline(trx, taskId)).map(toEntry);
      const entry = entries[entries.length - 1];
      if (!entry) throw new Error("transition not recorded");
      const result: TransitionResult = { stage: moved.stage, version: moved.version, entry };
      if (idempotencyKey && hash)
        await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 200, body: result });
      return { body: result, replayed: false };
    });
  } catch (error) {
    rethrowDocumentConflict(error);
  }
}

function refusalError(refusals: readonly Refusal[]) {
  const role = refusals.find((r) => r.code === "ROLE");
  if (role) return new DomainError("FORBIDDEN", `Only ${role.allowed.join(" or ")} may take this step on this task`);
  const stage = refusals.find((r) => r.code === "WRONG_STAGE");
  if (stage) {
    return new DomainError("TRANSITION_REFUSED", `This step is not possible from the stage ${stage.stage}`, {
      action: `Possible only from ${stage.allowedFrom.join(", ")}`,
    });
  }
  const input = refusals.find((r) => r.code === "MISSING_INPUT");
  const fields = refusals.find((r) => r.code === "MISSING_FIELDS");
  if (input) return new DomainError("VALIDATION_FAILED", "Some required information is missing", input.fields);
  if (fields) {
    return new DomainError("PRECONDITION_FAILED", "Complete the task record before this step", fields.fields);
  }
  return new DomainError("TRANSITION_REFUSED", "This step is not possible now");
}

function toEntry(row: Awaited<ReturnType<typeof repo.timeline>>[number]): TimelineEntry {
  return {
    id: row.id,
    action: row.action,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    outcome: row.outcome,
    comment: row.comment,
    at: row.at.toISOString(),
    actor: row.actor_name,
    document:
      row.document_id !== null && row.number !== null && row.doc_type !== null && row.issuer !== null
        ? {
            id: row.document_id,
            number: formatDocumentNumber({
              number: row.number,
              docType: row.doc_type,
              issuer: row.issuer,
              year: row.year_in_number ? row.issued_year : null,
            }),
            docType: row.doc_type,
            issuer: row.issuer,
            issuedOn: row.issued_on ?? "",
            signer: row.signer ?? "",
            summary: row.summary,
            file: row.file_id !== null && row.file_name !== null ? { id: row.file_id, name: row.file_name } : null,
          }
        : null,
  };
}

export async function getTimeline(db: Kysely<Database>, actor: Actor, taskId: number): Promise<Timeline> {
  const { task } = await visibleTask(db, actor, taskId);
  return { stage: task.stage, entries: (await repo.timeline(db, taskId)).map(toEntry) };
}

export async function getHistory(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  page: { page: number; pageSize: number },
): Promise<History> {
  await visibleTask(db, actor, taskId);
  // A PI sees their task, not the council judging it: who sits there and how they score stays with the council.
  const councils = (await repo.councilsOfTask(db, taskId)).filter((c) => canSeeCouncil(actor, c)).map((c) => c.id);
  const [rows, total] = await Promise.all([
    repo.history(db, taskId, page.pageSize, (page.page - 1) * page.pageSize, councils),
    repo.countHistory(db, taskId, councils),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      actor: r.actor_name,
      data: r.data,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/**
 * Moves a task out of acceptance as its acceptance council's close decides, inside the close's
 * transaction: through the same table and checks as a move by hand, citing the council's minutes.
 */
export async function applyCouncilOutcome(
  trx: Kysely<Database>,
  actor: Actor,
  taskId: number,
  outcome: "excellent" | "pass" | "fail",
  minutesDocumentId: number,
  comment: string,
): Promise<{ from: string; to: string }> {
  const loaded = await repo.loadTaskFacts(trx, taskId, true);
  if (!loaded) throw notFound("Task");
  const action: Action = outcome === "fail" ? "record_acceptance_fail" : "record_acceptance_pass";
  // The council closing now is the outcome's source: the guard against outcomes by hand does not apply.
  const decision = decide(action, factsOf(loaded.task, "closed"), rolesOnTask(actor, loaded.access), {
    hasDocument: true,
    comment,
    outcome,
  });
  if (!decision.allowed) {
    const stage = decision.refusals.find((r) => r.code === "WRONG_STAGE");
    if (stage) {
      throw new DomainError(
        "TRANSITION_REFUSED",
        `A task the council reviews is no longer in acceptance (it is at ${stage.stage}): the outcome cannot move it`,
        { taskIds: String(taskId) },
      );
    }
    throw refusalError(decision.refusals);
  }
  await repo.moveTask(trx, taskId, decision.to, outcome);
  await repo.insertTransition(trx, {
    taskId,
    action,
    from: loaded.task.stage,
    to: decision.to,
    documentId: minutesDocumentId,
    outcome,
    comment,
    actorUserId: actor.userId,
  });
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "task.transition",
    entityType: "task",
    entityId: taskId,
    taskId,
    data: { action, from: loaded.task.stage, to: decision.to, documentId: minutesDocumentId, outcome, comment },
  });
  return { from: loaded.task.stage, to: decision.to };
}
