import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import {
  type Actor,
  canReadReports,
  canReviewReport,
  canWriteReport,
  overdueReportScope,
  reportQueueScope,
  type TaskScope,
} from "../auth/permissions.ts";
import { formatDong, parseDong } from "../budget/money.ts";
import { approvedByCategory } from "../budget/repository.ts";
import { findFile } from "../files/repository.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import { notify } from "../notifications/repository.ts";
import { canonicalQuantity } from "../tasks/record.ts";
import {
  buildDocument,
  checkInput,
  compareSubmissions,
  completeInput,
  type HostConfirmation,
  type ProductProgress,
  prefillInput,
  REPORT_SECTIONS,
  type ReportContext,
  type ReportDocument,
  type ReportInput,
  type Submission,
} from "./document.ts";
import * as repo from "./repository.ts";
import {
  daysBetween,
  opensOn,
  overdueFrom,
  planReports,
  reportState,
  type StateRules,
  vietnamToday,
} from "./schedule.ts";
import { type ReportRules, reportRules } from "./scheduling.ts";
import type {
  CompareQuery,
  Comparison,
  OverdueReports,
  ReportPeriodView,
  ReportQueue,
  ReportView,
  ReviewBody,
  ReviewResult,
  SaveDraftBody,
  SavedDraft,
  SubmitBody,
  SubmitResult,
  TaskProgress,
  TaskReports,
  VersionDetail,
  VersionSummary,
} from "./schemas.ts";

/*
 * Periodic progress reports: the PI drafts (autosaved, guarded by a revision), submits with the
 * host organisation's confirmation (idempotently), staff accept or return, the PI revises and
 * resubmits; every submission is kept as a version. Each change runs in one transaction that
 * locks the task (shared) and the period (exclusive), and is audited when it matters: submit,
 * accept, return. Autosaves are not audited; the draft row records who saved last and when.
 */

type Loaded = NonNullable<Awaited<ReturnType<typeof repo.loadTask>>>;

/** A period the actor may see, or 404 (a task they may not see is not disclosed). */
async function visiblePeriod(db: Kysely<Database>, actor: Actor, periodId: number) {
  const period = await repo.findPeriod(db, periodId);
  if (!period) throw notFound("Report");
  const loaded = await repo.loadTask(db, period.task_id);
  if (!loaded || !canReadReports(actor, loaded.access)) throw notFound("Report");
  return { period, ...loaded };
}

/** The same under locks: the task shared (it cannot move meanwhile), the period exclusive. */
async function lockedPeriod(trx: Kysely<Database>, actor: Actor, periodId: number) {
  const seen = await repo.findPeriod(trx, periodId);
  if (!seen) throw notFound("Report");
  const loaded = await repo.loadTask(trx, seen.task_id, "share");
  if (!loaded || !canReadReports(actor, loaded.access)) throw notFound("Report");
  const period = await repo.findPeriod(trx, periodId, true);
  if (!period) throw notFound("Report");
  return { period, ...loaded };
}

async function visibleTask(db: Kysely<Database>, actor: Actor, taskId: number) {
  const loaded = await repo.loadTask(db, taskId);
  if (!loaded || !canReadReports(actor, loaded.access)) throw notFound("Task");
  return loaded;
}

/** What a period's view needs of its row. */
type PeriodFacts = Pick<repo.PeriodRow, "id" | "task_id" | "seq" | "period_start" | "period_end" | "due_on" | "status">;

const dates = (p: Pick<PeriodFacts, "period_start" | "period_end">) => ({
  periodStart: p.period_start,
  periodEnd: p.period_end,
});

// ---- what a report opens with

/** The task's record and the earlier reports, as the report of this period sees them. */
export async function contextFor(
  db: Kysely<Database>,
  task: Loaded["task"],
  period: repo.PeriodRow,
  rules: ReportRules,
): Promise<ReportContext> {
  const [{ items, products }, standing] = await Promise.all([
    repo.plannedWork(db, task.id),
    repo.standingVersions(db, task.id),
  ]);
  const earlier = standing.filter((v) => v.period_start < period.period_start).map((v) => v.content as ReportDocument);
  const previous = earlier[earlier.length - 1];
  const spentBefore: Record<string, bigint> = {};
  for (const doc of earlier) {
    for (const line of doc.budget.lines) {
      const key = `${line.category}.${line.source}`;
      spentBefore[key] = (spentBefore[key] ?? 0n) + parseDong(line.amount);
    }
  }
  const previousItem = new Map(previous?.contentItems.map((c) => [c.contentItemId, c]));
  const previousProduct = new Map(previous?.products.map((p) => [p.productId, p]));
  return {
    contentItems: items.map((c) => ({
      id: c.id,
      title: c.title,
      plannedWork: c.description,
      previousPercent: previousItem.get(c.id)?.percentComplete ?? null,
    })),
    products: products.map((p) => ({
      id: p.id,
      productClass: p.product_class,
      name: p.name,
      unit: p.unit,
      contractedQuantity: canonicalQuantity(p.quantity),
      previousStatus: previousProduct.get(p.id)?.status ?? null,
      previousQuantity: previousProduct.get(p.id)?.quantityAchieved ?? null,
    })),
    budget: {
      totalBudget: task.total_budget,
      stateBudget: task.state_budget,
      otherBudget: formatDong(parseDong(task.total_budget) - parseDong(task.state_budget)),
    },
    categories: rules.parameters.get("expense_categories"),
    spentBefore: Object.fromEntries(Object.entries(spentBefore).map(([k, v]) => [k, formatDong(v)])),
    approved: await approvedByCategory(db, task.id),
  };
}

// ---- views

function periodView(
  p: PeriodFacts,
  extra: {
    draftSavedAt: Date | null;
    latest: { id: number; version_no: number; submitted_at: Date; decision: "accepted" | "returned" | null } | null;
  },
  today: string,
  rules: StateRules,
): ReportPeriodView {
  const state = reportState(
    { status: p.status, ...dates(p), dueOn: p.due_on, hasDraft: extra.draftSavedAt !== null },
    today,
    rules,
  );
  return {
    id: p.id,
    taskId: p.task_id,
    seq: p.seq,
    periodStart: p.period_start,
    periodEnd: p.period_end,
    dueOn: p.due_on,
    opensOn: opensOn(dates(p), rules),
    overdueFrom: overdueFrom(p.due_on, rules),
    status: p.status,
    state,
    daysOverdue: state === "overdue" ? daysBetween(p.due_on, today) : null,
    hasDraft: extra.draftSavedAt !== null,
    draftSavedAt: extra.draftSavedAt?.toISOString() ?? null,
    latestVersion: extra.latest
      ? {
          id: extra.latest.id,
          versionNo: extra.latest.version_no,
          submittedAt: extra.latest.submitted_at.toISOString(),
          decision: extra.latest.decision,
        }
      : null,
  };
}

async function loadPeriodView(db: Kysely<Database>, periodId: number, today: string, rules: StateRules) {
  const period = await repo.findPeriod(db, periodId);
  if (!period) throw notFound("Report");
  const [draft, versions] = await Promise.all([repo.findDraft(db, periodId), repo.versionsOfPeriod(db, periodId)]);
  const latest = versions[versions.length - 1];
  return periodView(
    period,
    {
      draftSavedAt: draft?.saved_at ?? null,
      latest: latest ? { ...latest, decision: latest.decision ?? null } : null,
    },
    today,
    rules,
  );
}

function versionSummary(v: repo.VersionRow): VersionSummary {
  return {
    id: v.id,
    versionNo: v.version_no,
    submittedAt: v.submitted_at.toISOString(),
    submittedBy: v.submitted_by_name,
    hostConfirmation: {
      confirmedBy: v.host_confirmed_by,
      position: v.host_confirmer_position,
      confirmedOn: v.host_confirmed_on,
      file:
        v.host_file_id !== null && v.host_file_name !== null ? { id: v.host_file_id, name: v.host_file_name } : null,
    },
    review:
      v.decision !== null && v.reviewed_at !== null
        ? {
            decision: v.decision,
            comments: (v.comments ?? {}) as Record<string, string>,
            reviewer: v.reviewer_name ?? "",
            reviewedAt: v.reviewed_at.toISOString(),
          }
        : null,
  };
}

const confirmationOf = (v: {
  host_confirmed_by: string;
  host_confirmer_position: string | null;
  host_confirmed_on: string;
  host_file_id: number | null;
}): HostConfirmation => ({
  confirmedBy: v.host_confirmed_by,
  position: v.host_confirmer_position,
  confirmedOn: v.host_confirmed_on,
  fileId: v.host_file_id,
});

// ---- the rules of writing

/** Whether the PI may still write this report at all: the task runs and the report is not accepted. */
function refuseClosed(task: Loaded["task"], period: repo.PeriodRow) {
  if (period.status === "accepted") {
    throw new DomainError("REPORT_CLOSED", "This report has been accepted and can no longer change");
  }
  if (task.stage !== "in_progress") {
    throw new DomainError(
      "REPORT_CLOSED",
      `The task is no longer in progress (stage ${task.stage}): its reports are closed`,
    );
  }
}

function refuseNotWriter(actor: Actor, access: Loaded["access"]) {
  if (!canWriteReport(actor, access)) {
    throw new DomainError("FORBIDDEN", "Only the task's principal investigator writes and submits its reports");
  }
}

function staleDraft(context: ReportContext, draft: repo.DraftRow | undefined, sent: number) {
  const input = draft ? (draft.content as ReportInput) : prefillInput(context);
  return new DomainError(
    "STALE_DRAFT",
    `The report was saved elsewhere since you opened it (revision ${sent}, now ${draft?.revision ?? 0}): merge and save again`,
    { revision: `The current revision is ${draft?.revision ?? 0}` },
    {
      draft: {
        revision: draft?.revision ?? 0,
        savedAt: draft?.saved_at.toISOString() ?? null,
        savedBy: draft?.saved_by_name ?? null,
        content: input,
        report: buildDocument(context, input),
      },
    },
  );
}

const invalid = (fields: Record<string, string>) =>
  new DomainError("VALIDATION_FAILED", "The request is not valid", fields);

// ---- reading

export async function listTaskReports(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<TaskReports> {
  const { task, access } = await visibleTask(db, actor, taskId);
  const today = vietnamToday(now);
  const [rules, periods, latest] = await Promise.all([
    reportRules(db, task),
    repo.periodsOfTask(db, taskId),
    repo.latestVersionsOfTask(db, taskId),
  ]);
  const plan = task.start_date && task.end_date ? planReports(task.start_date, task.end_date, rules.schedule) : null;
  return {
    taskId,
    stage: task.stage,
    rules: {
      dueDays: [...rules.schedule.dueDays],
      periodMonths: rules.schedule.periodMonths,
      ...rules.state,
    },
    periods: periods.map((p) => {
      const v = latest.find((l) => l.period_id === p.id);
      return periodView(
        p,
        { draftSavedAt: p.saved_at, latest: v ? { ...v, decision: v.decision ?? null } : null },
        today,
        rules.state,
      );
    }),
    final: periods.length > 0 || task.stage === "in_progress" ? (plan?.final ?? null) : null,
    canWrite: canWriteReport(actor, access),
  };
}

/** The report of a period: the saved draft, or if none yet, the report as it opens, prefilled. */
export async function getReport(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  now = new Date(),
): Promise<ReportView> {
  const { period, task, access } = await visiblePeriod(db, actor, periodId);
  const today = vietnamToday(now);
  const rules = await reportRules(db, task);
  const [context, draft, versions] = await Promise.all([
    contextFor(db, task, period, rules),
    repo.findDraft(db, periodId),
    repo.versionsOfPeriod(db, periodId),
  ]);
  const writer = canWriteReport(actor, access);
  const latest = versions[versions.length - 1];
  const latestContent = latest ? await repo.findVersion(db, periodId, latest.id) : undefined;
  const submitted = latestContent ? (latestContent.content as ReportDocument) : null;
  // The PI works on the draft; everyone else reads what was submitted (a draft is the PI's until then).
  const shows = writer ? (draft ? "draft" : "prefill") : submitted ? "version" : "prefill";
  const document =
    shows === "version" && submitted
      ? submitted
      : buildDocument(context, shows === "draft" && draft ? (draft.content as ReportInput) : prefillInput(context));
  // The draft against the last submission, the host's confirmation aside (it is given at submission).
  const unsubmitted =
    writer && latestContent && submitted
      ? compareSubmissions(
          { document: submitted, hostConfirmation: confirmationOf(latestContent) },
          { document, hostConfirmation: confirmationOf(latestContent) },
        ).map((c) => c.path)
      : null;
  const writable =
    writer && period.status !== "accepted" && task.stage === "in_progress" && today >= period.period_start;
  return {
    period: periodView(
      period,
      {
        draftSavedAt: draft?.saved_at ?? null,
        latest: latest ? { ...latest, decision: latest.decision ?? null } : null,
      },
      today,
      rules.state,
    ),
    task: { id: task.id, code: task.code, title: task.title, stage: task.stage, pi: task.pi_name },
    report: document,
    shows,
    unsubmittedChanges: unsubmitted,
    revision: draft?.revision ?? 0,
    draft: draft
      ? { revision: draft.revision, savedAt: draft.saved_at.toISOString(), savedBy: draft.saved_by_name }
      : null,
    versions: versions.map(versionSummary),
    can: {
      edit: writable,
      submit: writable && today >= opensOn(dates(period), rules.state),
      review: canReviewReport(actor, access) && period.status === "submitted",
    },
  };
}

export async function getVersion(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  versionId: number,
): Promise<VersionDetail> {
  await visiblePeriod(db, actor, periodId);
  const version = await repo.findVersion(db, periodId, versionId);
  if (!version) throw notFound("Version");
  return { ...versionSummary(version), periodId, report: version.content as ReportDocument };
}

/** Field by field, what changed from one version to another (default: the latest against the one before). */
export async function compareVersions(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  query: CompareQuery,
): Promise<Comparison> {
  await visiblePeriod(db, actor, periodId);
  const versions = await repo.versionsOfPeriod(db, periodId);
  const toIndex = query.to === undefined ? versions.length - 1 : versions.findIndex((v) => v.id === query.to);
  const to = versions[toIndex];
  if (!to) throw notFound("Version");
  const fromIndex = query.from === undefined ? toIndex - 1 : versions.findIndex((v) => v.id === query.from);
  if (query.from !== undefined && fromIndex < 0) throw notFound("Version");
  const from = fromIndex >= 0 ? versions[fromIndex] : undefined;
  const submission = async (v: repo.VersionRow): Promise<Submission> => {
    const full = await repo.findVersion(db, periodId, v.id);
    if (!full) throw notFound("Version");
    return { document: full.content as ReportDocument, hostConfirmation: confirmationOf(full) };
  };
  return {
    from: from ? { id: from.id, versionNo: from.version_no } : null,
    to: { id: to.id, versionNo: to.version_no },
    changes: compareSubmissions(from ? await submission(from) : null, await submission(to)),
  };
}

// ---- writing

/**
 * Autosave: the whole form replaces the draft if the client saw the current revision; otherwise
 * 409 STALE_DRAFT carries the server's draft so the client can merge. Saving what is already
 * saved changes nothing (no new revision).
 */
export async function saveDraft(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  body: SaveDraftBody,
  now = new Date(),
): Promise<SavedDraft> {
  const today = vietnamToday(now);
  return db.transaction().execute(async (trx) => {
    const { period, task, access } = await lockedPeriod(trx, actor, periodId);
    refuseNotWriter(actor, access);
    refuseClosed(task, period);
    if (today < period.period_start) {
      throw new DomainError(
        "REPORT_NOT_DUE",
        `This period starts on ${period.period_start}: its report cannot be written yet`,
      );
    }
    const rules = await reportRules(trx, task);
    const context = await contextFor(trx, task, period, rules);
    const errors = checkInput(context, body.content);
    if (Object.keys(errors).length > 0) throw invalid(errors);

    const draft = await repo.findDraft(trx, periodId);
    if (body.revision !== (draft?.revision ?? 0)) throw staleDraft(context, draft, body.revision);
    const input = completeInput(context, body.content);
    if (draft && JSON.stringify(completeInput(context, draft.content as ReportInput)) === JSON.stringify(input)) {
      return {
        revision: draft.revision,
        savedAt: draft.saved_at.toISOString(),
        savedBy: draft.saved_by_name,
        changed: false,
      };
    }
    const revision = (draft?.revision ?? 0) + 1;
    await repo.saveDraft(trx, { periodId, content: input, revision, savedBy: actor.userId, savedAt: now });
    if (period.status === "upcoming") await repo.setPeriodStatus(trx, periodId, "draft");
    const name = await trx.selectFrom("app_user").select("full_name").where("id", "=", actor.userId).executeTakeFirst();
    return { revision, savedAt: now.toISOString(), savedBy: name?.full_name ?? "", changed: true };
  });
}

export interface SubmitOutcome {
  status: 201;
  body: SubmitResult;
  /** True when the answer is the one stored for this Idempotency-Key: nothing happened now. */
  replayed: boolean;
}

/**
 * Freezes the draft (of the revision the PI saw) as a new version with the host's confirmation.
 * With an Idempotency-Key, a retry gets the first answer back; without one, submitting again
 * what is already submitted is refused, so a double click never makes two versions.
 */
export async function submitReport(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  body: SubmitBody,
  idempotencyKey?: string,
  now = new Date(),
): Promise<SubmitOutcome> {
  const today = vietnamToday(now);
  const confirmation: HostConfirmation = {
    confirmedBy: body.hostConfirmation.confirmedBy,
    position: body.hostConfirmation.position || null,
    confirmedOn: body.hostConfirmation.confirmedOn,
    fileId: body.hostConfirmation.fileId ?? null,
  };
  if (confirmation.confirmedOn > today) {
    throw invalid({ "hostConfirmation.confirmedOn": "The confirmation cannot be dated after today" });
  }
  const hash = idempotencyKey ? requestHash("POST", `/reports/${periodId}/submit`, body) : null;
  return db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    const { period, task, access } = await lockedPeriod(trx, actor, periodId);
    refuseNotWriter(actor, access);
    if (idempotencyKey && hash) {
      const stored = await storedAnswer<SubmitResult>(trx, actor.userId, idempotencyKey, hash);
      if (stored) return { status: 201, body: stored.body, replayed: true };
    }
    refuseClosed(task, period);
    const rules = await reportRules(trx, task);
    const opens = opensOn(dates(period), rules.state);
    if (today < opens) {
      throw new DomainError(
        "REPORT_NOT_DUE",
        `The report for ${period.period_start} – ${period.period_end} is not due yet: it may be submitted from ${opens}`,
      );
    }
    if (confirmation.confirmedOn < period.period_start) {
      throw invalid({
        "hostConfirmation.confirmedOn": "The confirmation cannot be dated before the period it confirms",
      });
    }
    if (confirmation.fileId !== null) {
      // Only a file this person uploaded can be attached: ids of others' files lead nowhere.
      const file = await findFile(trx, confirmation.fileId);
      if (!file || file.uploaded_by !== actor.userId) throw invalid({ "hostConfirmation.fileId": "No such file" });
    }

    const context = await contextFor(trx, task, period, rules);
    const draft = await repo.findDraft(trx, periodId);
    if (body.revision !== (draft?.revision ?? 0)) throw staleDraft(context, draft, body.revision);
    const input = draft ? (draft.content as ReportInput) : prefillInput(context);
    const document = buildDocument(context, input);

    const latest = await repo.latestVersionContent(trx, periodId);
    if (latest) {
      const before: Submission = {
        document: latest.content as ReportDocument,
        hostConfirmation: confirmationOf(latest),
      };
      if (compareSubmissions(before, { document, hostConfirmation: confirmation }).length === 0) {
        throw new DomainError(
          "ALREADY_SUBMITTED",
          period.status === "returned"
            ? `This exact report was submitted as version ${latest.version_no} and returned: revise what the review asks first`
            : `This report was already submitted as version ${latest.version_no}, unchanged`,
          undefined,
          { versionId: latest.id, versionNo: latest.version_no },
        );
      }
    }
    const versionNo = (latest?.version_no ?? 0) + 1;
    const version = await repo.insertVersion(trx, {
      periodId,
      versionNo,
      content: document,
      draftRevision: body.revision,
      submittedBy: actor.userId,
      submittedAt: now,
      hostConfirmedBy: confirmation.confirmedBy,
      hostConfirmerPosition: confirmation.position,
      hostConfirmedOn: confirmation.confirmedOn,
      hostFileId: confirmation.fileId,
    });
    // The draft goes on from what was submitted, so a revision starts from it.
    if (!draft)
      await repo.saveDraft(trx, { periodId, content: input, revision: 1, savedBy: actor.userId, savedAt: now });
    await repo.setPeriodStatus(trx, periodId, "submitted");
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "report.submitted",
      entityType: "report_period",
      entityId: periodId,
      taskId: task.id,
      data: {
        seq: period.seq,
        periodStart: period.period_start,
        periodEnd: period.period_end,
        versionId: version.id,
        versionNo,
        late: today > period.due_on,
        hostConfirmedBy: confirmation.confirmedBy,
      },
    });
    const versions = await repo.versionsOfPeriod(trx, periodId);
    const submitted = versions.find((v) => v.id === version.id);
    if (!submitted) throw new Error("version not recorded");
    const result: SubmitResult = {
      period: await loadPeriodView(trx, periodId, today, rules.state),
      version: versionSummary(submitted),
    };
    if (idempotencyKey && hash)
      await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 201, body: result });
    return { status: 201, body: result, replayed: false };
  });
}

/** Staff accept the latest version or return it with comments; the PI is told either way. */
export async function reviewReport(
  db: Kysely<Database>,
  actor: Actor,
  periodId: number,
  body: ReviewBody,
  now = new Date(),
): Promise<ReviewResult> {
  const today = vietnamToday(now);
  return db.transaction().execute(async (trx) => {
    const { period, task, access } = await lockedPeriod(trx, actor, periodId);
    if (!canReviewReport(actor, access)) {
      throw new DomainError("FORBIDDEN", "Only the managing unit's staff review this task's reports");
    }
    if (period.status !== "submitted") {
      throw new DomainError("NOT_AWAITING_REVIEW", `This report is ${period.status}, not awaiting review`);
    }
    const latest = await repo.latestVersionContent(trx, periodId);
    if (!latest || latest.id !== body.versionId) {
      throw new DomainError(
        "STALE_VERSION",
        `The PI has submitted a newer version (${latest?.version_no ?? "?"}) since you opened it: review that one`,
        { versionId: `The version awaiting review is ${latest?.id ?? "none"}` },
      );
    }
    const comments: Record<string, string> = {};
    for (const section of REPORT_SECTIONS) {
      const text = body.comments[section]?.trim();
      if (text) comments[section] = text;
    }
    if (body.decision === "return" && Object.keys(comments).length === 0) {
      throw invalid({ comments: "Say what to revise: a report is returned with at least one comment" });
    }
    const decision = body.decision === "accept" ? "accepted" : "returned";
    await repo.insertReview(trx, { versionId: latest.id, decision, comments, reviewerId: actor.userId, at: now });
    await repo.setPeriodStatus(trx, periodId, decision);
    const facts = {
      periodId,
      seq: period.seq,
      periodStart: period.period_start,
      periodEnd: period.period_end,
      versionId: latest.id,
      versionNo: latest.version_no,
      comments,
    };
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: `report.${decision}`,
      entityType: "report_period",
      entityId: periodId,
      taskId: task.id,
      data: facts,
    });
    if (task.pi_user_id !== null) {
      await notify(trx, { userId: task.pi_user_id, kind: `report.${decision}`, taskId: task.id, payload: facts });
    }
    const rules = await reportRules(trx, task);
    const versions = await repo.versionsOfPeriod(trx, periodId);
    const reviewed = versions.find((v) => v.id === latest.id);
    if (!reviewed) throw new Error("version vanished");
    return { period: await loadPeriodView(trx, periodId, today, rules.state), version: versionSummary(reviewed) };
  });
}

// ---- lists across tasks

export async function reviewQueue(db: Kysely<Database>, actor: Actor): Promise<ReportQueue> {
  const scope = reportQueueScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "Only the Department's staff and heads see the review queue");
  const rows = await repo.submittedAwaitingReview(db, scope);
  return {
    items: rows.map((r) => ({
      periodId: r.id,
      seq: r.seq,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      dueOn: r.due_on,
      task: { id: r.task_id, code: r.code, title: r.title },
      pi: r.pi_name,
      versionId: r.version_id,
      versionNo: r.version_no,
      submittedAt: r.submitted_at.toISOString(),
      late: vietnamToday(new Date(r.first_submitted_at ?? r.submitted_at)) > r.due_on,
    })),
  };
}

export async function overdueReports(db: Kysely<Database>, actor: Actor, now = new Date()): Promise<OverdueReports> {
  const scope = overdueReportScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "Overdue reports are listed for the Department and for PIs");
  return { items: await overdueReportItems(db, scope, vietnamToday(now)) };
}

/** Overdue reports in a scope as of `today`: also what the dashboard counts and the task list filters on. */
export async function overdueReportItems(
  db: Kysely<Database>,
  scope: TaskScope,
  today: string,
): Promise<OverdueReports["items"]> {
  const rows = await repo.unsubmittedPastDue(db, scope, today);
  // Grace days may differ by unit and regime: read each combination once.
  const graces = new Map<string, StateRules>();
  const items: OverdueReports["items"] = [];
  for (const r of rows) {
    const key = `${r.managing_unit_id}:${r.regime}`;
    let rules = graces.get(key);
    if (!rules) {
      rules = (await reportRules(db, r)).state;
      graces.set(key, rules);
    }
    if (today < overdueFrom(r.due_on, rules)) continue;
    items.push({
      periodId: r.id,
      seq: r.seq,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      dueOn: r.due_on,
      daysOverdue: daysBetween(r.due_on, today),
      hasDraft: r.saved_at !== null,
      task: { id: r.task_id, code: r.code, title: r.title },
      pi: r.pi_name,
    });
  }
  return items;
}

// ---- the task's progress

/**
 * Per content item and product, the latest reported figures (the latest accepted report, else
 * the latest submitted one) against the plan: an item past its planned end (or the contract's
 * end when it has none) and not done is late.
 */
export interface ReportedProgress {
  /** The report the figures come from: the latest accepted, else the latest submitted; null before any. */
  basis: {
    periodId: number;
    seq: number;
    periodStart: string;
    periodEnd: string;
    versionId: number;
    versionNo: number;
    status: "accepted" | "submitted";
  } | null;
  /** A newer submitted report awaiting review, not counted yet (only when the basis is accepted). */
  pending: { periodId: number; seq: number; versionId: number } | null;
  report: ReportDocument | null;
}

/**
 * What the reports say of a task's progress, for the task page and for other areas (milestones):
 * a returned report never counts; an accepted one outranks a newer one awaiting review.
 */
export async function reportedProgress(db: Kysely<Database>, taskId: number): Promise<ReportedProgress> {
  const standing = await repo.standingVersions(db, taskId);
  const accepted = standing.filter((v) => v.status === "accepted");
  const basis = accepted[accepted.length - 1] ?? standing[standing.length - 1];
  if (!basis) return { basis: null, pending: null, report: null };
  const newer = standing.filter((v) => v.period_start > basis.period_start && v.status === "submitted");
  const pending = basis.status === "accepted" ? newer[newer.length - 1] : undefined;
  return {
    basis: {
      periodId: basis.period_id,
      seq: basis.seq,
      periodStart: basis.period_start,
      periodEnd: basis.period_end,
      versionId: basis.id,
      versionNo: basis.version_no,
      status: basis.status === "accepted" ? "accepted" : "submitted",
    },
    pending: pending ? { periodId: pending.period_id, seq: pending.seq, versionId: pending.id } : null,
    report: basis.content as ReportDocument,
  };
}

export async function taskProgress(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<TaskProgress> {
  const { task } = await visibleTask(db, actor, taskId);
  const today = vietnamToday(now);
  const [rules, { items, products }, reported, periods] = await Promise.all([
    reportRules(db, task),
    repo.plannedWork(db, taskId),
    reportedProgress(db, taskId),
    repo.periodsOfTask(db, taskId),
  ]);
  const doc = reported.report;
  const percentOf = new Map(doc?.contentItems.map((c) => [c.contentItemId, c.percentComplete]));
  const productOf = new Map(doc?.products.map((p) => [p.productId, p]));

  const contentItems = items.map((c) => {
    const percent = percentOf.get(c.id) ?? null;
    const plannedEnd = c.planned_end ?? task.end_date;
    return {
      id: c.id,
      title: c.title,
      plannedEnd,
      percentComplete: percent,
      late: plannedEnd !== null && today > plannedEnd && (percent ?? 0) < 100,
    };
  });
  const percents = contentItems.flatMap((c) => (c.percentComplete === null ? [] : [c.percentComplete]));
  const start = task.start_date;
  const end = task.end_date;
  const expected =
    start && end && today >= start
      ? Math.min(100, Math.round((100 * (daysBetween(start, today) + 1)) / (daysBetween(start, end) + 1)))
      : start && today < start
        ? 0
        : null;
  const states = periods.map((p) =>
    reportState({ status: p.status, ...dates(p), dueOn: p.due_on, hasDraft: p.saved_at !== null }, today, rules.state),
  );
  return {
    taskId,
    asOf: reported.basis
      ? {
          periodId: reported.basis.periodId,
          seq: reported.basis.seq,
          periodEnd: reported.basis.periodEnd,
          versionId: reported.basis.versionId,
          versionNo: reported.basis.versionNo,
          status: reported.basis.status,
        }
      : null,
    pendingReview: reported.pending,
    overallPercent: percents.length > 0 ? Math.round(percents.reduce((a, b) => a + b, 0) / percents.length) : null,
    expectedPercent: expected,
    contentItems,
    products: products.map((p) => {
      const last = productOf.get(p.id);
      const status: ProductProgress | null = last?.status ?? null;
      const dueOn = p.due_on ?? task.end_date;
      return {
        id: p.id,
        name: p.name,
        unit: p.unit,
        contractedQuantity: canonicalQuantity(p.quantity),
        dueOn: p.due_on,
        status,
        quantityAchieved: last?.quantityAchieved ?? null,
        late: dueOn !== null && today > dueOn && status !== "completed",
      };
    }),
    spending: {
      totalBudget: task.total_budget,
      stateBudget: task.state_budget,
      toDate: doc?.budget.toDate ?? { state: "0", other: "0", total: "0" },
    },
    reports: {
      total: periods.length,
      accepted: periods.filter((p) => p.status === "accepted").length,
      overdue: states.filter((s) => s === "overdue").length,
    },
  };
}
