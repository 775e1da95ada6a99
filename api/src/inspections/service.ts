import type { Database, Stage } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canRecordInspection, canSeeTask } from "../auth/permissions.ts";
import { DomainError, notFound } from "../http/errors.ts";
import {
  documentViews,
  parseDocument,
  recordDocument,
  rethrowDocumentConflict,
  vietnamToday,
} from "../lifecycle/documents.ts";
import { loadTaskFacts } from "../lifecycle/repository.ts";
import * as repo from "./repository.ts";
import type { CreateInspectionBody, Inspection, InspectionList, TerminationProposal } from "./schemas.ts";

/*
 * Inspections and mid-term reviews of a running task. Staff of the managing unit record each with
 * its minutes; the conclusion (continue, continue with adjustments, propose termination) stands
 * until the next inspection. A proposal to terminate does not move the task: it is shown with the
 * task's actions, and staff or the head take the lifecycle's `terminate` step with its decision.
 */

/** Inspections happen while the contract runs. */
const INSPECTED_STAGES: readonly Stage[] = ["in_progress"];

export async function recordInspection(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  body: CreateInspectionBody,
  now = new Date(),
): Promise<Inspection> {
  const today = vietnamToday(now);
  const minutes = parseDocument(body.minutes, today, "minutes");
  try {
    return await db.transaction().execute(async (trx) => {
      const loaded = await loadTaskFacts(trx, taskId, true);
      if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
      if (!canRecordInspection(actor, loaded.access)) {
        throw new DomainError("FORBIDDEN", "Only the managing unit's staff record inspections");
      }
      const { task } = loaded;
      if (!INSPECTED_STAGES.includes(task.stage)) {
        throw new DomainError("CONFLICT", "Inspections are recorded while the task is in progress", {
          stage: `The task is at ${task.stage}`,
        });
      }
      const fields: Record<string, string> = {};
      if (body.inspectedOn > today) fields.inspectedOn = "An inspection cannot be recorded before it takes place";
      else if (task.start_date !== null && body.inspectedOn < task.start_date) {
        fields.inspectedOn = `The task started on ${task.start_date}`;
      }
      if (minutes.issuedOn < body.inspectedOn) {
        fields["minutes.issuedOn"] = "The minutes cannot be dated before the inspection";
      }
      if (Object.keys(fields).length > 0)
        throw new DomainError("VALIDATION_FAILED", "The request is not valid", fields);

      const minutesDocumentId = await recordDocument(trx, actor, taskId, minutes, "minutes");
      const { id } = await repo.insertInspection(trx, {
        taskId,
        kind: body.kind,
        inspectedOn: body.inspectedOn,
        team: body.team.map((m) => ({ name: m.name, role: m.role, organisation: m.organisation ?? null })),
        findings: body.findings,
        conclusion: body.conclusion,
        recommendations: body.recommendations ?? null,
        minutesDocumentId,
        createdBy: actor.userId,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "inspection.recorded",
        entityType: "inspection",
        entityId: id,
        taskId,
        data: { kind: body.kind, inspectedOn: body.inspectedOn, conclusion: body.conclusion, minutesDocumentId },
      });
      if (body.conclusion === "propose_termination") {
        await appendAudit(trx, {
          actorUserId: actor.userId,
          action: "task.termination_proposed",
          entityType: "task",
          entityId: taskId,
          taskId,
          data: { inspectionId: id, inspectedOn: body.inspectedOn, minutesDocumentId },
        });
      }
      const row = await repo.findInspection(trx, id);
      if (!row) throw new Error("inspection not recorded");
      return (await toViews(trx, [row]))[0] as Inspection;
    });
  } catch (error) {
    rethrowDocumentConflict(error, "minutes");
  }
}

export async function listInspections(db: Kysely<Database>, actor: Actor, taskId: number): Promise<InspectionList> {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  const rows = await repo.inspectionsOfTask(db, taskId);
  return {
    items: await toViews(db, rows),
    canRecord: canRecordInspection(actor, loaded.access) && INSPECTED_STAGES.includes(loaded.task.stage),
    terminationProposal: await terminationProposal(db, taskId, loaded.task.stage),
  };
}

/**
 * The standing proposal to terminate a running task: its latest inspection concluded so. A later
 * inspection with another conclusion withdraws it; a task that has left `in_progress` has none.
 */
export async function terminationProposal(
  db: Kysely<Database>,
  taskId: number,
  stage: Stage,
): Promise<TerminationProposal | null> {
  if (!INSPECTED_STAGES.includes(stage)) return null;
  const latest = await repo.latestInspection(db, taskId);
  if (latest?.conclusion !== "propose_termination") return null;
  const minutes = (await documentViews(db, [latest.minutes_document_id])).get(latest.minutes_document_id);
  return { inspectionId: latest.id, inspectedOn: latest.inspected_on, minutesNumber: minutes?.number ?? "" };
}

async function toViews(db: Kysely<Database>, rows: repo.InspectionRow[]): Promise<Inspection[]> {
  const docs = await documentViews(
    db,
    rows.map((r) => r.minutes_document_id),
  );
  return rows.map((r) => {
    const minutes = docs.get(r.minutes_document_id);
    if (!minutes) throw new Error(`minutes ${r.minutes_document_id} missing`);
    return {
      id: r.id,
      taskId: r.task_id,
      kind: r.kind,
      inspectedOn: r.inspected_on,
      team: r.team as Inspection["team"],
      findings: r.findings,
      conclusion: r.conclusion,
      recommendations: r.recommendations,
      minutes,
      recordedBy: r.recorded_by,
      recordedAt: r.created_at.toISOString(),
    };
  });
}
