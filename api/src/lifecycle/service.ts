import { isUniqueViolation } from "@khcn/db/errors";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canSeeTask, rolesOnTask } from "../auth/permissions.ts";
import { parseDong } from "../budget/money.ts";
import { findFile } from "../files/repository.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { formatDocumentNumber, parseDocumentNumber } from "./document-number.ts";
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

function factsOf(task: repo.LoadedTask["task"]): TaskFacts {
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
  };
}

async function visibleTask(db: Kysely<Database>, actor: Actor, taskId: number, lock = false) {
  const loaded = await repo.loadTaskFacts(db, taskId, lock);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  return loaded;
}

export async function listActions(db: Kysely<Database>, actor: Actor, taskId: number): Promise<ActionList> {
  const { task, access } = await visibleTask(db, actor, taskId);
  const roles = rolesOnTask(actor, access);
  const facts = factsOf(task);
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
        requires: [...r.requires],
        ...(r.outcomes ? { outcomes: [...r.outcomes] } : {}),
        reasons,
      };
    }),
  };
}

/** Parses and checks the document before anything is locked, so bad input costs no lock. */
function readDocument(body: TransitionBody, today: string) {
  const doc = body.document;
  if (!doc) return null;
  const parsed = parseDocumentNumber(doc.number);
  if (!parsed) {
    throw new DomainError("VALIDATION_FAILED", "The document number is not in the form number/TYPE-ISSUER", {
      "document.number": "Write it as number/TYPE-ISSUER, e.g. 135/QĐ-SKHCN",
    });
  }
  const year = Number(doc.issuedOn.slice(0, 4));
  if (parsed.year !== null && parsed.year !== year) {
    throw new DomainError("VALIDATION_FAILED", "The year in the number differs from the date", {
      "document.number": `The number says ${parsed.year} but the document is dated ${year}`,
    });
  }
  if (doc.issuedOn > today) {
    throw new DomainError("VALIDATION_FAILED", "The document date is in the future", {
      "document.issuedOn": "A document cannot be dated after today",
    });
  }
  return {
    ...parsed,
    year,
    yearInNumber: parsed.year !== null,
    issuedOn: doc.issuedOn,
    signer: doc.signer,
    summary: doc.summary ?? null,
    fileId: doc.fileId ?? null,
  };
}

export async function performTransition(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: TransitionBody,
  now = new Date(),
): Promise<TransitionResult> {
  const action = body.action as Action;
  // Vietnam has one time zone (UTC+7) and documents are dated in it.
  const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const document = readDocument(body, today);
  try {
    return await db.transaction().execute(async (trx) => {
      const { task, access } = await visibleTask(trx, actor, taskId, true);
      if (task.stage !== body.fromStage) {
        throw new DomainError("STAGE_CHANGED", "The task has moved on since you opened it; reload to see its stage", {
          fromStage: `The task is now at ${task.stage}`,
        });
      }
      const decision = decide(action, factsOf(task), rolesOnTask(actor, access), {
        hasDocument: document !== null,
        comment: body.comment ?? null,
        outcome: body.outcome ?? null,
      });
      if (!decision.allowed) throw refusalError(decision.refusals);

      let documentId: number | null = null;
      if (document) {
        if (document.fileId !== null) {
          // Only a file this person uploaded can be attached: ids of others' files lead nowhere.
          const file = await findFile(trx, document.fileId);
          if (!file || file.uploaded_by !== actor.userId) {
            throw new DomainError("VALIDATION_FAILED", "The attached file does not exist", {
              "document.fileId": "No such file",
            });
          }
        }
        const fullNumber = formatDocumentNumber({ ...document, year: document.yearInNumber ? document.year : null });
        const existing = await repo.findDocumentByNumber(trx, document);
        if (existing) {
          // One decision may cover several tasks: the same number with the same date and signer is that decision.
          if (existing.issued_on !== document.issuedOn || existing.signer.trim() !== document.signer.trim()) {
            throw new DomainError("DUPLICATE_DOCUMENT_NUMBER", "Another document already has this number this year", {
              "document.number": `${fullNumber} of ${document.year} is already recorded, dated ${existing.issued_on}, signed by ${existing.signer}`,
            });
          }
          documentId = existing.id;
        } else {
          const created = await repo.insertDocument(trx, { ...document, createdBy: actor.userId });
          documentId = created.id;
          await appendAudit(trx, {
            actorUserId: actor.userId,
            action: "document.recorded",
            entityType: "document",
            entityId: created.id,
            taskId,
            data: { number: fullNumber, issuedOn: document.issuedOn, signer: document.signer, fileId: document.fileId },
          });
        }
      }
      const outcome = body.outcome ?? null;
      const moved = await repo.moveTask(trx, taskId, decision.to, outcome);
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
        data: { action, from: task.stage, to: decision.to, documentId, outcome, comment: body.comment?.trim() || null },
      });
      const entries = (await repo.timeline(trx, taskId)).map(toEntry);
      const entry = entries[entries.length - 1];
      if (!entry) throw new Error("transition not recorded");
      return { stage: moved.stage, version: moved.version, entry };
    });
  } catch (error) {
    if (isUniqueViolation(error, "document_number_key")) {
      throw new DomainError("DUPLICATE_DOCUMENT_NUMBER", "Another document was just recorded with this number", {
        "document.number": "This number was recorded a moment ago; check it and try again",
      });
    }
    throw error;
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
  const [rows, total] = await Promise.all([
    repo.history(db, taskId, page.pageSize, (page.page - 1) * page.pageSize),
    repo.countHistory(db, taskId),
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
