import { Readable } from "node:stream";
import { isUniqueViolation } from "@khcn/db/errors";
import type { AcceptanceOutcome, CouncilKind, CouncilRole, Database, Regime, Stage } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import {
  type Actor,
  canFormCouncilFor,
  canManageCouncil,
  canManageExperts,
  canReadExperts,
  canSeeCouncil,
  canSeeTask,
  councilListScope,
  gradesVisible,
  hasRole,
  holdsSeat,
} from "../auth/permissions.ts";
import { holidayRulesFrom, workingDaysBetween } from "../calendar/working-days.ts";
import { findFile, insertFile } from "../files/repository.ts";
import type { FileStore } from "../files/storage.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { requestHash, storeAnswer, storedAnswer } from "../idempotency/repository.ts";
import { type DeadlineRules, stepDeadlines } from "../lifecycle/deadlines.ts";
import {
  documentViews,
  parseDocument,
  recordDocument,
  rethrowDocumentConflict,
  vietnamToday,
} from "../lifecycle/documents.ts";
import { loadTaskFacts } from "../lifecycle/repository.ts";
import { applyCouncilOutcome } from "../lifecycle/service.ts";
import { loadParameters, type Parameters } from "../rules/parameters.ts";
import {
  type TaskFacts as ConflictTaskFacts,
  checkMember,
  compositionComplete,
  compositionRoles,
  memberFlags,
} from "./conflicts.ts";
import {
  type AcceptanceSheet,
  type ApplicantScores,
  checkPoints,
  checkSelectionPoints,
  councilAcceptanceOutcome,
  GRADES,
  type Grade,
  gradeFromPoints,
  isDossierLate,
  memberAcceptanceGrade,
  type SelectionOutcome,
  selectionOutcome,
  type VotingMember,
} from "./grading.ts";
import type { MinutesModel } from "./minutes-pdf.ts";
import { checkQuorum, type QuorumResult } from "./quorum.ts";
import * as repo from "./repository.ts";
import type {
  Council,
  CouncilSummary,
  DeadlineList,
  Expert,
  Outcome,
  Score,
  ScoreBody,
  ScoreSheet,
} from "./schemas.ts";

/*
 * Councils of every kind: formed by staff from the expert registry against the conflict rules,
 * established by a decision, members declaring conflicts before they score, scoring each on their
 * own device with the grades sealed until the close, and the close computing the outcome with its
 * explanation, writing the minutes and, for an acceptance council, moving the task on.
 */

const PAGE_SIZE = 50;

// ---------------------------------------------------------------------------------------------
// Experts

function toExpert(r: NonNullable<Awaited<ReturnType<typeof repo.findExpert>>>): Expert {
  return {
    id: r.id,
    personId: r.person_id,
    fullName: r.full_name,
    title: r.title,
    position: r.position,
    field: r.field,
    specialty: r.specialty,
    organisation:
      r.organisation_id !== null && r.organisation_name !== null
        ? { id: r.organisation_id, name: r.organisation_name }
        : null,
    email: r.email,
    phone: r.phone,
    userId: r.user_id,
  };
}

export async function listExperts(
  db: Kysely<Database>,
  actor: Actor,
  query: { q?: string | undefined; field?: Expert["field"] | undefined; page: number },
) {
  if (!canReadExperts(actor))
    throw new DomainError("FORBIDDEN", "Only the Department's staff consult the expert registry");
  const { rows, total } = await repo.listExperts(db, {
    q: query.q || undefined,
    field: query.field,
    limit: PAGE_SIZE,
    offset: (query.page - 1) * PAGE_SIZE,
  });
  return { items: rows.map(toExpert), total };
}

type CreateExpert =
  | {
      fullName: string;
      title?: string | undefined;
      field: Expert["field"];
      specialty?: string | undefined;
      organisationId?: number | undefined;
      email?: string | undefined;
      phone?: string | undefined;
    }
  | { personId: number; field: Expert["field"]; specialty?: string | undefined };

export async function createExpert(db: Kysely<Database>, actor: Actor, body: CreateExpert): Promise<Expert> {
  if (!canManageExperts(actor))
    throw new DomainError("FORBIDDEN", "Only the Department's staff keep the expert registry");
  try {
    return await db.transaction().execute(async (trx) => {
      let personId: number;
      if ("personId" in body) {
        if (!(await repo.findPerson(trx, body.personId))) {
          throw new DomainError("VALIDATION_FAILED", "No such person", { personId: "No such person" });
        }
        if (await repo.findExpertByPerson(trx, body.personId)) {
          throw new DomainError("CONFLICT", "The person is already in the expert registry", {
            personId: "Already in the registry",
          });
        }
        personId = body.personId;
      } else {
        if (body.organisationId !== undefined && !(await repo.organisationExists(trx, body.organisationId))) {
          throw new DomainError("VALIDATION_FAILED", "No such organisation", {
            organisationId: "No such organisation",
          });
        }
        personId = (
          await repo.insertPerson(trx, {
            fullName: body.fullName,
            title: body.title || null,
            organisationId: body.organisationId ?? null,
            email: body.email ?? null,
            phone: body.phone || null,
          })
        ).id;
      }
      const created = await repo.insertExpert(trx, {
        personId,
        field: body.field,
        specialty: body.specialty || null,
        createdBy: actor.userId,
      });
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "expert.created",
        entityType: "expert",
        entityId: created.id,
        data: { personId, field: body.field },
      });
      const expert = await repo.findExpert(trx, created.id);
      if (!expert) throw new Error("expert not recorded");
      return toExpert(expert);
    });
  } catch (error) {
    if (isUniqueViolation(error, "expert_person_id_key")) {
      throw new DomainError("CONFLICT", "The person is already in the expert registry", {
        personId: "Already in the registry",
      });
    }
    throw error;
  }
}

export async function updateExpert(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: {
    fullName?: string | undefined;
    title?: string | null | undefined;
    field?: Expert["field"] | undefined;
    specialty?: string | null | undefined;
    organisationId?: number | null | undefined;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    active?: boolean | undefined;
  },
): Promise<Expert> {
  if (!canManageExperts(actor))
    throw new DomainError("FORBIDDEN", "Only the Department's staff keep the expert registry");
  return db.transaction().execute(async (trx) => {
    const expert = await repo.findExpert(trx, id);
    if (!expert) throw notFound("Expert");
    if (body.organisationId != null && !(await repo.organisationExists(trx, body.organisationId))) {
      throw new DomainError("VALIDATION_FAILED", "No such organisation", { organisationId: "No such organisation" });
    }
    await repo.updatePerson(trx, expert.person_id, {
      ...(body.fullName !== undefined ? { full_name: body.fullName } : {}),
      ...(body.title !== undefined ? { title: body.title || null } : {}),
      ...(body.organisationId !== undefined ? { organisation_id: body.organisationId } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.phone !== undefined ? { phone: body.phone || null } : {}),
    });
    await repo.updateExpert(trx, id, {
      ...(body.field !== undefined ? { field: body.field } : {}),
      ...(body.specialty !== undefined ? { specialty: body.specialty || null } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
    });
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "expert.updated",
      entityType: "expert",
      entityId: id,
      data: { ...body },
    });
    const updated = await repo.findExpert(trx, id);
    if (!updated) throw notFound("Expert");
    return toExpert(updated);
  });
}

// ---------------------------------------------------------------------------------------------
// Loading a council with what the rules need

interface Loaded {
  council: repo.CouncilRow;
  tasks: Awaited<ReturnType<typeof repo.councilTasks>>;
  members: repo.MemberRow[];
  scores: repo.ScoreRow[];
  applicants: Awaited<ReturnType<typeof repo.applicantsOf>>;
  products: Awaited<ReturnType<typeof repo.productsOfTasks>>;
  teams: Awaited<ReturnType<typeof repo.teamsOfTasks>>;
}

async function load(db: Kysely<Database>, id: number, lock = false): Promise<Loaded | null> {
  const council = await repo.findCouncil(db, id, lock);
  if (!council) return null;
  const [tasks, members, scores, applicants] = await Promise.all([
    repo.councilTasks(db, id),
    repo.councilMembers(db, id),
    repo.councilScores(db, id),
    repo.applicantsOf(db, id),
  ]);
  const taskIds = tasks.map((t) => t.id);
  const [products, teams] = await Promise.all([repo.productsOfTasks(db, taskIds), repo.teamsOfTasks(db, taskIds)]);
  return { council, tasks, members, scores, applicants, products, teams };
}

const accessOf = (l: Loaded) => ({ unitId: l.council.unit_id, memberPersonIds: l.members.map((m) => m.person_id) });

/** The council if the actor may see it; 404 otherwise, its existence undisclosed. */
async function visible(db: Kysely<Database>, actor: Actor, id: number, lock = false): Promise<Loaded> {
  const loaded = await load(db, id, lock);
  if (!loaded || !canSeeCouncil(actor, accessOf(loaded))) throw notFound("Council");
  return loaded;
}

function requireManager(actor: Actor, l: Loaded) {
  if (!canManageCouncil(actor, accessOf(l))) {
    throw new DomainError("FORBIDDEN", "Only the managing unit's staff (the administrative secretary) may do this");
  }
}

function requireStatus(l: Loaded, ...allowed: ("forming" | "established" | "closed")[]) {
  const status = l.council.status;
  if (allowed.includes(status)) return;
  if (status === "closed") throw new DomainError("COUNCIL_CLOSED", "The council is closed: nothing changes any more");
  if (status === "forming") {
    throw new DomainError("COUNCIL_NOT_ESTABLISHED", "The council is still being formed: record its decision first");
  }
  throw new DomainError("COUNCIL_NOT_FORMING", "The council is established: its membership no longer changes");
}

function conflictTasks(l: Loaded): ConflictTaskFacts[] {
  return l.tasks.map((t) => ({
    taskId: t.id,
    teamPersonIds: [
      ...(t.pi_person_id !== null ? [t.pi_person_id] : []),
      ...l.teams.filter((m) => m.task_id === t.id).map((m) => m.person_id),
    ],
    hostOrganisationId: t.host_organisation_id,
  }));
}

const seated = (l: Loaded) =>
  l.members.map((m) => ({ memberId: m.id, personId: m.person_id, role: m.role, organisationId: m.organisation_id }));

interface CouncilRules {
  params: Parameters;
  composition: { size: number; roles: Record<"chair" | "vice_chair" | "reviewer" | "scientific_secretary", number> };
}

async function rulesOf(
  db: Kysely<Database>,
  council: { unit_id: number; regime: repo.CouncilRow["regime"]; kind: CouncilKind },
) {
  const params = await loadParameters(db, { unitId: council.unit_id, regime: council.regime });
  return { params, composition: params.get("council_composition")[council.kind] } satisfies CouncilRules;
}

const quorumOf = (l: Loaded, params: Parameters): QuorumResult =>
  checkQuorum(
    l.members.map((m) => ({ memberId: m.id, role: m.role, attended: m.attended, recused: m.recused })),
    params.get("council_quorum"),
    { actingChairMemberId: l.council.acting_chair_member_id },
  );

/** A member's progress on their sheets: none yet, some saved, or all signed. */
function scoreStatusOf(l: Loaded, memberId: number, taskId?: number): "not_started" | "draft" | "signed_off" {
  const tasks = taskId === undefined ? l.tasks.map((t) => t.id) : [taskId];
  const mine = l.scores.filter((s) => s.member_id === memberId && tasks.includes(s.task_id));
  if (mine.length === 0) return "not_started";
  const expected = tasks.reduce(
    (n, t) => n + (l.council.kind === "selection" ? Math.max(applicantsOfTask(l, t).length, 1) : 1),
    0,
  );
  return mine.length >= expected && mine.every((s) => s.status === "signed_off") ? "signed_off" : "draft";
}

const applicantsOfTask = (l: Loaded, taskId: number) => l.applicants.filter((a) => a.task_id === taskId);

function readiness(l: Loaded, params: Parameters, today: string): Council["readiness"] {
  const required = params.get("dossier_before_meeting_working_days");
  const meeting = l.council.meeting_on;
  if (meeting === null)
    return { workingDaysBeforeMeeting: null, requiredWorkingDays: required, warning: false, message: null };
  const holidays = holidayRulesFrom(params);
  const sent = l.council.dossier_sent_on;
  if (sent !== null) {
    const days = workingDaysBetween(sent, meeting, holidays);
    const warning = days < required;
    return {
      workingDaysBeforeMeeting: days,
      requiredWorkingDays: required,
      warning,
      message: warning
        ? `The dossier went to the members ${days} working day(s) before the meeting; at least ${required} are required`
        : null,
    };
  }
  // Not sent yet: what is left is the time between today and the meeting.
  const left = workingDaysBetween(today, meeting, holidays);
  const warning = left < required;
  return {
    workingDaysBeforeMeeting: null,
    requiredWorkingDays: required,
    warning,
    message: warning
      ? `The dossier has not gone to the members and the meeting is ${Math.max(left, 0)} working day(s) away; at least ${required} are required`
      : null,
  };
}

function storedOutcome(council: repo.CouncilRow): Outcome | null {
  return council.outcome ? (council.outcome as Outcome) : null;
}

async function minutesOf(db: Kysely<Database>, council: repo.CouncilRow) {
  if (council.minutes_file_id === null) return null;
  const file = await findFile(db, council.minutes_file_id);
  return file ? { fileId: file.id, fileName: file.original_name } : null;
}

async function toCouncil(db: Kysely<Database>, actor: Actor, l: Loaded, now = new Date()): Promise<Council> {
  const { params, composition } = await rulesOf(db, l.council);
  const flags = memberFlags({ composition, members: seated(l) }, conflictTasks(l));
  const establishment = l.council.establishment_document_id
    ? ((await documentViews(db, [l.council.establishment_document_id])).get(l.council.establishment_document_id) ??
      null)
    : null;
  const secretary = l.council.admin_secretary_user_id
    ? await repo.staffUserName(db, l.council.admin_secretary_user_id)
    : undefined;
  const manager = canManageCouncil(actor, accessOf(l));
  const mine = l.members.find((m) => holdsSeat(actor, { personId: m.person_id }));
  const open = l.council.status !== "closed";
  const reopened = await repo.reopenings(db, l.council.id);
  const showGrades = gradesVisible(l.council);
  return {
    id: l.council.id,
    kind: l.council.kind,
    status: l.council.status,
    title: l.council.title,
    version: l.council.version,
    unitId: l.council.unit_id,
    regime: l.council.regime,
    tasks: l.tasks.map((t) => ({
      id: t.id,
      code: t.code,
      title: t.title,
      stage: t.stage,
      hostOrganisation:
        t.host_organisation_id !== null && t.host_name !== null
          ? { id: t.host_organisation_id, name: t.host_name }
          : null,
      products: l.products
        .filter((p) => p.task_id === t.id)
        .map((p) => ({ id: p.id, name: p.name, productClass: p.product_class, quantity: p.quantity, unit: p.unit })),
    })),
    applicants: l.applicants.map((a) => ({
      id: a.id,
      taskId: a.task_id,
      name: a.name,
      organisationId: a.organisation_id,
      piName: a.pi_name,
    })),
    establishment,
    meetingOn: l.council.meeting_on,
    location: l.council.location,
    dossierSentOn: l.council.dossier_sent_on,
    readiness: readiness(l, params, vietnamToday(now)),
    adminSecretary: secretary ? { userId: secretary.id, fullName: secretary.full_name } : null,
    composition: { size: composition.size, roles: compositionRoles(composition) },
    members: l.members.map((m) => ({
      id: m.id,
      role: m.role,
      person: { id: m.person_id, fullName: m.full_name, title: m.title, organisation: m.organisation_name },
      conflict: {
        status: m.conflict_status,
        note: m.conflict_note,
        declaredAt: m.conflict_declared_at?.toISOString() ?? null,
      },
      flags: (flags.get(m.id) ?? []).map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        ...(f.taskIds ? { taskIds: f.taskIds } : {}),
      })),
      recused: m.recused,
      recusalReason: m.recusal_reason,
      attended: m.attended,
      scoreStatus: scoreStatusOf(l, m.id),
      grades: showGrades
        ? l.tasks.map((t) => ({
            taskId: t.id,
            grade:
              l.scores.find((s) => s.member_id === m.id && s.task_id === t.id && s.applicant_id === null)
                ?.derived_grade ?? null,
          }))
        : null,
    })),
    actingChairMemberId: l.council.acting_chair_member_id,
    quorum: l.council.attendance_recorded ? (quorumOf(l, params) as unknown as Record<string, unknown>) : null,
    outcome: storedOutcome(l.council),
    minutes: await minutesOf(db, l.council),
    reopenings: reopened.map((r) => ({
      memberId: r.member_id,
      taskId: r.task_id,
      reason: r.reason,
      at: r.at.toISOString(),
      by: r.actor_name,
    })),
    permissions: {
      canEdit: manager && open,
      canClose: manager && l.council.status === "established",
      canScore:
        mine !== undefined && l.council.status === "established" && !mine.recused && mine.conflict_status === "none",
      canDeclare: mine !== undefined && open && mine.conflict_status !== "declared",
      canReopen: manager && open,
    },
    myMemberId: mine?.id ?? null,
  };
}

export async function getCouncil(db: Kysely<Database>, actor: Actor, id: number): Promise<Council> {
  return toCouncil(db, actor, await visible(db, actor, id));
}

// ---------------------------------------------------------------------------------------------
// Lists

async function summaries(db: Kysely<Database>, rows: repo.CouncilRow[]): Promise<CouncilSummary[]> {
  const ids = rows.map((r) => r.id);
  const [tasks, counts] = await Promise.all([repo.tasksOfCouncils(db, ids), repo.memberCounts(db, ids)]);
  const files = await Promise.all(rows.map((r) => minutesOf(db, r)));
  return rows.map((r, i) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    title: r.title,
    meetingOn: r.meeting_on,
    location: r.location,
    tasks: tasks
      .filter((t) => t.council_id === r.id)
      .map((t) => ({ id: t.id, code: t.code, title: t.title, stage: t.stage })),
    memberCount: Number(counts.find((c) => c.council_id === r.id)?.n ?? 0),
    outcome: storedOutcome(r),
    minutes: files[i] ?? null,
  }));
}

export async function listCouncils(
  db: Kysely<Database>,
  actor: Actor,
  query: {
    taskId?: number | undefined;
    kind?: CouncilKind | undefined;
    status?: "forming" | "established" | "closed" | undefined;
  },
) {
  const scope = councilListScope(actor);
  if (!scope) throw new DomainError("FORBIDDEN", "Only staff, heads, administrators and council members list councils");
  const rows = await repo.listCouncils(db, { ...scope, ...query });
  return { items: await summaries(db, rows) };
}

export async function myCouncils(db: Kysely<Database>, actor: Actor) {
  if (!hasRole(actor, "council") || actor.personId === null) return { items: [] };
  const seats = await repo.seatsOf(db, actor.personId);
  const items = [];
  for (const seat of seats.sort((a, b) => b.council_id - a.council_id)) {
    const l = await load(db, seat.council_id);
    if (!l) continue;
    const [summary] = await summaries(db, [l.council]);
    if (!summary) continue;
    items.push({
      council: summary,
      myRole: seat.role,
      memberId: seat.id,
      conflict: seat.conflict_status,
      recused: seat.recused,
      tasks: l.tasks.map((t) => ({
        taskId: t.id,
        code: t.code,
        title: t.title,
        scoreStatus: scoreStatusOf(l, seat.id, t.id),
      })),
    });
  }
  return { items };
}

export async function taskCouncils(db: Kysely<Database>, actor: Actor, taskId: number) {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  const rows = await repo.listCouncils(db, { all: true, unitId: null, personId: null, taskId });
  return { items: await summaries(db, rows) };
}

export async function composition(db: Kysely<Database>, actor: Actor, kind: CouncilKind, taskId: number) {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  const params = await loadParameters(db, { unitId: loaded.task.managing_unit_id, regime: loaded.task.regime });
  const c = params.get("council_composition")[kind];
  return { size: c.size, roles: compositionRoles(c) };
}

// ---------------------------------------------------------------------------------------------
// Forming a council

const DEFAULT_TITLES: Record<CouncilKind, string> = {
  identification: "Hội đồng tư vấn xác định nhiệm vụ",
  selection: "Hội đồng tư vấn tuyển chọn, giao trực tiếp",
  budget_appraisal: "Tổ thẩm định kinh phí",
  inspection: "Đoàn kiểm tra",
  expert_verification: "Tổ chuyên gia thẩm định",
  acceptance: "Hội đồng tư vấn đánh giá, nghiệm thu",
};

/** The stage a task must be at for each kind of council (none: any stage). */
const STAGE_FOR: Partial<Record<CouncilKind, string>> = {
  identification: "proposed",
  selection: "selection",
  budget_appraisal: "budget_appraisal",
  acceptance: "acceptance",
};

export async function createCouncil(
  db: Kysely<Database>,
  actor: Actor,
  body: {
    kind: CouncilKind;
    taskIds: number[];
    title?: string | undefined;
    meetingOn?: string | undefined;
    location?: string | undefined;
  },
): Promise<Council> {
  const taskIds = [...new Set(body.taskIds)].sort((a, b) => a - b);
  if (body.kind === "acceptance" && taskIds.length > 1) {
    throw new DomainError("VALIDATION_FAILED", "An acceptance council reviews one task", {
      taskIds: "Choose one task",
    });
  }
  const id = await db.transaction().execute(async (trx) => {
    const tasks = [];
    for (const taskId of taskIds) {
      // Locked in id order, so two councils formed at once wait for each other and never deadlock.
      const loaded = await loadTaskFacts(trx, taskId, true);
      if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
      if (!canFormCouncilFor(actor, loaded.access)) {
        throw new DomainError("FORBIDDEN", "Only the managing unit's staff form councils for its tasks");
      }
      const stage = STAGE_FOR[body.kind];
      if (stage && loaded.task.stage !== stage) {
        throw new DomainError("PRECONDITION_FAILED", `This kind of council sits on tasks at the stage ${stage}`, {
          taskIds: `Task ${taskId} is at ${loaded.task.stage}`,
        });
      }
      tasks.push(loaded.task);
    }
    const first = tasks[0];
    if (!first) throw new DomainError("VALIDATION_FAILED", "Choose at least one task", { taskIds: "Required" });
    if (tasks.some((t) => t.managing_unit_id !== first.managing_unit_id || t.regime !== first.regime)) {
      throw new DomainError("VALIDATION_FAILED", "The tasks of one council share their managing unit and regime", {
        taskIds: "Tasks of different units or regimes",
      });
    }
    const open = await repo.openCouncilsOfTasks(trx, taskIds, body.kind);
    if (open.length > 0) {
      throw new DomainError("COUNCIL_EXISTS", "A council of this kind is already sitting on the task", {
        taskIds: `Council ${open[0]?.id} is not closed yet`,
      });
    }
    const created = await repo.insertCouncil(trx, {
      kind: body.kind,
      title: body.title ?? DEFAULT_TITLES[body.kind],
      unitId: first.managing_unit_id,
      regime: first.regime,
      meetingOn: body.meetingOn ?? null,
      location: body.location ?? null,
      adminSecretaryUserId: actor.userId,
      createdBy: actor.userId,
    });
    await repo.linkTasks(trx, created.id, taskIds);
    for (const taskId of taskIds) {
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "council.created",
        entityType: "council",
        entityId: created.id,
        taskId,
        data: { kind: body.kind, taskIds },
      });
    }
    return created.id;
  });
  return getCouncil(db, actor, id);
}

export async function updateCouncil(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: {
    version: number;
    title?: string | undefined;
    meetingOn?: string | null | undefined;
    location?: string | null | undefined;
    dossierSentOn?: string | null | undefined;
  },
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "forming", "established");
    if (l.council.version !== body.version) {
      throw new DomainError("STALE_VERSION", "The council changed since you opened it; reload and try again", {
        version: `The council is at version ${l.council.version}`,
      });
    }
    const { version: _, ...patch } = body;
    await repo.updateCouncil(trx, id, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.meetingOn !== undefined ? { meeting_on: patch.meetingOn } : {}),
      ...(patch.location !== undefined ? { location: patch.location } : {}),
      ...(patch.dossierSentOn !== undefined ? { dossier_sent_on: patch.dossierSentOn } : {}),
    });
    await audit(trx, actor, l, "council.updated", patch);
  });
  return getCouncil(db, actor, id);
}

async function audit(trx: Kysely<Database>, actor: Actor, l: Loaded, action: string, data: Record<string, unknown>) {
  for (const t of l.tasks) {
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action,
      entityType: "council",
      entityId: l.council.id,
      taskId: t.id,
      data,
    });
  }
}

export async function addMember(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: { personId: number; role: CouncilRole },
): Promise<Council> {
  try {
    await db.transaction().execute(async (trx) => {
      const l = await visible(trx, actor, id, true);
      requireManager(actor, l);
      requireStatus(l, "forming");
      const person = await repo.findPerson(trx, body.personId);
      if (!person || !(await repo.findExpertByPerson(trx, body.personId))) {
        throw new DomainError("VALIDATION_FAILED", "Members are drawn from the expert registry", {
          personId: "Not in the expert registry",
        });
      }
      const { composition } = await rulesOf(trx, l.council);
      const flags = checkMember(
        { personId: body.personId, role: body.role, organisationId: person.organisation_id },
        { composition, members: seated(l) },
        conflictTasks(l),
      );
      const refusal = flags.find((f) => f.severity === "refuse");
      if (refusal) {
        throw new DomainError(
          refusal.code as "TEAM_MEMBER",
          refusal.message,
          { [refusal.field]: refusal.message },
          {
            flags,
          },
        );
      }
      const member = await repo.insertMember(trx, id, body.personId, body.role);
      await repo.updateCouncil(trx, id, {});
      await audit(trx, actor, l, "council.member_added", {
        memberId: member.id,
        personId: body.personId,
        fullName: person.full_name,
        role: body.role,
        warnings: flags.map((f) => f.code),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, "council_member_council_id_person_id_key")) {
      throw new DomainError("ALREADY_MEMBER", "The person already sits on the council", {
        personId: "Already a member",
      });
    }
    throw error;
  }
  return getCouncil(db, actor, id);
}

export async function removeMember(db: Kysely<Database>, actor: Actor, id: number, memberId: number): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "forming");
    const member = l.members.find((m) => m.id === memberId);
    if (!member) throw notFound("Member");
    await repo.deleteMember(trx, memberId);
    await repo.updateCouncil(trx, id, {});
    await audit(trx, actor, l, "council.member_removed", { memberId, personId: member.person_id, role: member.role });
  });
  return getCouncil(db, actor, id);
}

export async function establish(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: {
    document: {
      number: string;
      issuedOn: string;
      signer: string;
      summary?: string | undefined;
      fileId?: number | undefined;
    };
  },
  now = new Date(),
): Promise<Council> {
  const document = parseDocument(body.document, vietnamToday(now));
  try {
    await db.transaction().execute(async (trx) => {
      const l = await visible(trx, actor, id, true);
      requireManager(actor, l);
      requireStatus(l, "forming");
      const { composition } = await rulesOf(trx, l.council);
      const check = compositionComplete(l.members, composition);
      if (!check.complete) {
        throw new DomainError(
          "COMPOSITION_INCOMPLETE",
          `The council needs its full composition first: ${check.have} of ${check.size} members, with every named seat filled`,
          { members: "The composition is incomplete" },
          { missing: check.missing },
        );
      }
      const refused = [...memberFlags({ composition, members: seated(l) }, conflictTasks(l)).values()]
        .flat()
        .find((f) => f.severity === "refuse");
      if (refused) throw new DomainError(refused.code as "TEAM_MEMBER", refused.message, { members: refused.message });
      const firstTask = l.tasks[0]?.id ?? 0;
      const documentId = await recordDocument(trx, actor, firstTask, document);
      await repo.updateCouncil(trx, id, { status: "established", establishment_document_id: documentId });
      await audit(trx, actor, l, "council.established", { documentId });
    });
  } catch (error) {
    rethrowDocumentConflict(error);
  }
  return getCouncil(db, actor, id);
}

function seatOf(actor: Actor, l: Loaded, memberId?: number) {
  const member =
    memberId === undefined
      ? l.members.find((m) => holdsSeat(actor, { personId: m.person_id }))
      : l.members.find((m) => m.id === memberId);
  if (memberId !== undefined && !member) throw notFound("Member");
  if (!member || !holdsSeat(actor, { personId: member.person_id })) {
    throw new DomainError("NOT_A_MEMBER", "Only the member in this seat may do this");
  }
  return member;
}

export async function declareConflict(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  memberId: number,
  body: { hasConflict: boolean; note?: string | undefined },
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    const member = seatOf(actor, l, memberId);
    requireStatus(l, "forming", "established");
    if (member.conflict_status === "declared") {
      throw new DomainError("CONFLICT", "A declared conflict stands: the member is recused");
    }
    if (!body.hasConflict && member.conflict_status === "none") {
      throw new DomainError("CONFLICT", "The declaration is already recorded");
    }
    if (body.hasConflict && !body.note?.trim()) {
      throw new DomainError("VALIDATION_FAILED", "Say what the conflict of interest is", { note: "Required" });
    }
    const at = new Date();
    await repo.updateMember(trx, member.id, {
      conflict_status: body.hasConflict ? "declared" : "none",
      conflict_note: body.note?.trim() || null,
      conflict_declared_at: at,
      // A declared conflict recuses the member: their sheets stop counting.
      ...(body.hasConflict
        ? {
            recused: true,
            recusal_reason: `Xung đột lợi ích: ${body.note?.trim()}`,
            recused_at: at,
            recused_by: actor.userId,
          }
        : {}),
    });
    await repo.updateCouncil(trx, id, {});
    await audit(trx, actor, l, "council.conflict_declared", {
      memberId,
      hasConflict: body.hasConflict,
      note: body.note ?? null,
    });
  });
  return getCouncil(db, actor, id);
}

export async function recuse(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  memberId: number,
  reason: string,
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "forming", "established");
    const member = l.members.find((m) => m.id === memberId);
    if (!member) throw notFound("Member");
    if (member.recused) throw new DomainError("CONFLICT", "The member is already recused");
    await repo.updateMember(trx, memberId, {
      recused: true,
      recusal_reason: reason,
      recused_at: new Date(),
      recused_by: actor.userId,
    });
    if (l.council.acting_chair_member_id === memberId)
      await repo.updateCouncil(trx, id, { acting_chair_member_id: null });
    await repo.updateCouncil(trx, id, {});
    await audit(trx, actor, l, "council.member_recused", { memberId, reason });
  });
  return getCouncil(db, actor, id);
}

export async function setAttendance(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: { present: number[]; actingChairMemberId?: number | undefined },
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "established");
    const present = [...new Set(body.present)];
    const stranger = present.find((m) => !l.members.some((x) => x.id === m));
    if (stranger !== undefined) {
      throw new DomainError("VALIDATION_FAILED", "Someone listed does not sit on this council", {
        present: `No member ${stranger}`,
      });
    }
    const recused = present.find((m) => l.members.find((x) => x.id === m)?.recused);
    if (recused !== undefined) {
      throw new DomainError("VALIDATION_FAILED", "A recused member does not count as present", {
        present: `Member ${recused} is recused`,
      });
    }
    const acting = body.actingChairMemberId;
    if (acting !== undefined) {
      const m = l.members.find((x) => x.id === acting);
      if (m?.role !== "vice_chair" || !present.includes(acting)) {
        throw new DomainError("VALIDATION_FAILED", "Only a vice-chair who is present may chair in the chair's place", {
          actingChairMemberId: "Not a present vice-chair",
        });
      }
    }
    await repo.setAttendance(trx, id, present);
    await repo.updateCouncil(trx, id, { attendance_recorded: true, acting_chair_member_id: acting ?? null });
    await audit(trx, actor, l, "council.attendance", { present, actingChairMemberId: acting ?? null });
  });
  return getCouncil(db, actor, id);
}

export async function addApplicant(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: { taskId: number; name: string; organisationId?: number | undefined; piName?: string | undefined },
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "forming", "established");
    if (l.council.kind !== "selection") {
      throw new DomainError("VALIDATION_FAILED", "Only selection councils score applicants", {
        taskId: "Not a selection council",
      });
    }
    if (!l.tasks.some((t) => t.id === body.taskId)) {
      throw new DomainError("VALIDATION_FAILED", "The council does not review this task", {
        taskId: "Not on this council",
      });
    }
    if (body.organisationId !== undefined && !(await repo.organisationExists(trx, body.organisationId))) {
      throw new DomainError("VALIDATION_FAILED", "No such organisation", { organisationId: "No such organisation" });
    }
    const created = await repo.insertApplicant(trx, {
      councilId: id,
      taskId: body.taskId,
      organisationId: body.organisationId ?? null,
      name: body.name,
      piName: body.piName ?? null,
    });
    await repo.updateCouncil(trx, id, {});
    await audit(trx, actor, l, "council.applicant_added", { applicantId: created.id, name: body.name });
  });
  return getCouncil(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Scoring

/** Why this member may not score now, or null. */
function scoringBlock(l: Loaded, member: repo.MemberRow): DomainError | null {
  if (l.council.status === "closed")
    return new DomainError("COUNCIL_CLOSED", "The council is closed: the grades are final");
  if (l.council.status === "forming") {
    return new DomainError(
      "COUNCIL_NOT_ESTABLISHED",
      "The council is not established yet: scoring opens with its decision",
    );
  }
  if (member.recused) return new DomainError("RECUSED", "A recused member does not score");
  if (member.conflict_status === "undeclared") {
    return new DomainError("CONFLICT_UNDECLARED", "Declare any conflict of interest before scoring");
  }
  return null;
}

interface StoredSheet {
  products?: { productId: number; quantity: Grade; quality: Grade }[];
  report?: Grade | null;
  comments?: string | null;
  reviewFileId?: number | null;
  points?: Record<string, number> | null;
}

function toScore(row: repo.ScoreRow | Awaited<ReturnType<typeof repo.saveScore>>, derivedReasons?: unknown[]): Score {
  const sheet = (row.sheet ?? {}) as StoredSheet & { reasons?: unknown[] };
  return {
    taskId: row.task_id,
    applicantId: row.applicant_id,
    sheet: {
      products: sheet.products ?? [],
      report: sheet.report ?? null,
      comments: sheet.comments ?? null,
      reviewFileId: row.review_file_id,
      points: sheet.points ?? null,
    },
    derived:
      row.derived_grade !== null || sheet.reasons
        ? { grade: row.derived_grade, reasons: (derivedReasons ?? sheet.reasons ?? []) as Record<string, unknown>[] }
        : null,
    status: row.status,
    version: row.version,
    signedOffAt: row.signed_off_at?.toISOString() ?? null,
  };
}

export async function scoreSheet(db: Kysely<Database>, actor: Actor, id: number): Promise<ScoreSheet> {
  const l = await visible(db, actor, id);
  const member = seatOf(actor, l);
  const { params } = await rulesOf(db, l.council);
  const block = scoringBlock(l, member);
  const criteria = l.council.kind === "selection" ? params.get("selection_criteria") : [];
  return {
    councilId: id,
    memberId: member.id,
    role: member.role,
    canScore: block === null,
    blockedBy: block?.code ?? null,
    reviewRequired: member.role === "reviewer" && l.council.kind !== "selection",
    criteria: criteria.map((c) => ({ code: c.code, name: c.nameVi, nameEn: c.nameEn, max: c.max, key: c.key })),
    tasks: l.tasks.map((t) => ({
      taskId: t.id,
      code: t.code,
      title: t.title,
      products: l.products
        .filter((p) => p.task_id === t.id)
        .map((p) => ({ id: p.id, name: p.name, productClass: p.product_class, quantity: p.quantity, unit: p.unit })),
      applicants: applicantsOfTask(l, t.id).map((a) => ({ id: a.id, name: a.name })),
      // Only the member's own sheets: the others' stay sealed until the close.
      scores: l.scores.filter((s) => s.member_id === member.id && s.task_id === t.id).map((s) => toScore(s)),
    })),
  };
}

const outOfScale = (field: string, message: string) =>
  new DomainError("GRADE_OUT_OF_SCALE", message, { [field]: message });

/** Checks a sheet against the task and the scheme; returns what to store and the member's derived grade. */
async function checkSheet(
  trx: Kysely<Database>,
  actor: Actor,
  l: Loaded,
  taskId: number,
  body: ScoreBody,
  params: Parameters,
): Promise<{
  applicantId: number | null;
  sheet: StoredSheet & { reasons: unknown[] };
  grade: AcceptanceOutcome | null;
}> {
  const isGrade = (g: string | undefined): g is Grade => g !== undefined && (GRADES as readonly string[]).includes(g);
  const comments = body.comments?.trim() || null;
  let reviewFileId: number | null = body.reviewFileId ?? null;
  if (reviewFileId !== null) {
    const file = await findFile(trx, reviewFileId);
    if (!file || file.uploaded_by !== actor.userId) {
      throw new DomainError("VALIDATION_FAILED", "The review file does not exist", {
        reviewFileId: "Upload the review first",
      });
    }
  }
  if (l.council.kind === "selection") {
    const applicant = applicantsOfTask(l, taskId).find((a) => a.id === body.applicantId);
    if (!applicant) {
      throw new DomainError("VALIDATION_FAILED", "Say which applicant the points are for", {
        applicantId: "Not an applicant of this task",
      });
    }
    const points = body.points ?? {};
    const criteria = params.get("selection_criteria");
    const problems = checkSelectionPoints(points, criteria);
    const scale = problems.find((p) => p.code === "OUT_OF_SCALE" || p.code === "TOO_PRECISE");
    if (scale) {
      const max = criteria.find((c) => c.code === scale.criterion)?.max ?? 0;
      throw outOfScale(`points.${scale.criterion}`, `Points from 0 to ${max}, in steps of 0.01`);
    }
    const other = problems[0];
    if (other) {
      throw new DomainError("VALIDATION_FAILED", "Give points for every criteria group, and only those", {
        [`points.${other.criterion}`]: other.code === "MISSING" ? "Required" : "Unknown criteria group",
      });
    }
    reviewFileId = null;
    return { applicantId: applicant.id, sheet: { points, comments, reasons: [] }, grade: null };
  }
  if (body.applicantId !== undefined) {
    throw new DomainError("VALIDATION_FAILED", "Only selection councils score applicants", {
      applicantId: "Not expected",
    });
  }
  const scheme = params.get("grading_scheme");
  if (scheme.kind === "points") {
    const total = body.points?.total;
    if (total === undefined)
      throw new DomainError("VALIDATION_FAILED", "Give the points", { "points.total": "Required" });
    const checked = checkPoints(total, scheme.max);
    if (!checked.ok) throw outOfScale("points.total", `Points from 0 to ${scheme.max}, in steps of 0.01`);
    const band = gradeFromPoints(total, scheme.bands);
    return {
      applicantId: null,
      sheet: { points: { total }, comments, reviewFileId, reasons: [{ code: "POINTS_BAND", band: band.label }] },
      grade: band.grade,
    };
  }
  const products = l.products.filter((p) => p.task_id === taskId);
  const given = body.products ?? [];
  given.forEach((p, i) => {
    if (!isGrade(p.quantity)) throw outOfScale(`products.${i}.quantity`, "A grade is excellent, pass or fail");
    if (!isGrade(p.quality)) throw outOfScale(`products.${i}.quality`, "A grade is excellent, pass or fail");
  });
  if (body.report === undefined)
    throw new DomainError("VALIDATION_FAILED", "Grade the final report", { report: "Required" });
  if (!isGrade(body.report)) throw outOfScale("report", "A grade is excellent, pass or fail");
  const ids = given.map((p) => p.productId);
  const unknown = given.findIndex((p) => !products.some((x) => x.id === p.productId));
  if (unknown >= 0) {
    throw new DomainError("VALIDATION_FAILED", "Grade only the contracted products of this task", {
      [`products.${unknown}.productId`]: "Not a product of this task",
    });
  }
  const missing = products.find((p) => !ids.includes(p.id));
  if (missing || new Set(ids).size !== ids.length) {
    throw new DomainError("VALIDATION_FAILED", "Grade every contracted product once, on quantity and quality", {
      products: missing ? `Missing: ${missing.name}` : "A product is graded twice",
    });
  }
  const sheet: AcceptanceSheet = {
    products: given.map((p) => ({
      productId: p.productId,
      quantity: p.quantity as Grade,
      quality: p.quality as Grade,
    })),
    report: body.report,
  };
  const derived = memberAcceptanceGrade(sheet, params.get("acceptance_thresholds"));
  return {
    applicantId: null,
    sheet: {
      products: [...sheet.products] as StoredSheet["products"],
      report: body.report,
      comments,
      reviewFileId,
      reasons: derived.reasons,
    },
    grade: derived.grade,
  };
}

export async function saveScore(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  taskId: number,
  body: ScoreBody,
): Promise<Score> {
  return db.transaction().execute(async (trx) => {
    // The council row is the lock: a member's sheet and the close never cross.
    const l = await visible(trx, actor, id, true);
    const member = seatOf(actor, l);
    const block = scoringBlock(l, member);
    if (block) throw block;
    if (!l.tasks.some((t) => t.id === taskId)) throw notFound("Task of this council");
    const { params } = await rulesOf(trx, l.council);
    const checked = await checkSheet(trx, actor, l, taskId, body, params);
    const existing = await repo.findScore(trx, { memberId: member.id, taskId, applicantId: checked.applicantId }, true);
    if (existing?.status === "signed_off") {
      throw new DomainError("ALREADY_SIGNED_OFF", "The sheet is signed: only the secretary can reopen it");
    }
    const saved = await repo.saveScore(
      trx,
      {
        councilId: id,
        memberId: member.id,
        taskId,
        applicantId: checked.applicantId,
        sheet: checked.sheet,
        derivedGrade: checked.grade,
        reviewFileId: checked.sheet.reviewFileId ?? null,
      },
      existing?.id ?? null,
    );
    // The grade itself is sealed: the trail records that a sheet was saved, not what it says.
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "council.score_saved",
      entityType: "council",
      entityId: id,
      taskId,
      data: { memberId: member.id, applicantId: checked.applicantId, version: saved.version },
    });
    return toScore(saved);
  });
}

export interface SignOffOutcome {
  body: Score[];
  replayed: boolean;
}

export async function signOff(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  taskId: number,
  idempotencyKey?: string,
): Promise<SignOffOutcome> {
  const hash = idempotencyKey ? requestHash("POST", `/councils/${id}/scores/${taskId}/sign-off`, {}) : null;
  return db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    const member = seatOf(actor, l);
    if (idempotencyKey && hash) {
      const stored = await storedAnswer<Score[]>(trx, actor.userId, idempotencyKey, hash);
      if (stored) return { body: stored.body, replayed: true };
    }
    const block = scoringBlock(l, member);
    if (block) throw block;
    if (!l.tasks.some((t) => t.id === taskId)) throw notFound("Task of this council");
    const mine = l.scores.filter((s) => s.member_id === member.id && s.task_id === taskId);
    if (mine.length === 0)
      throw new DomainError("VALIDATION_FAILED", "Save the sheet before signing it", { sheet: "Nothing saved yet" });
    if (mine.every((s) => s.status === "signed_off")) {
      throw new DomainError("ALREADY_SIGNED_OFF", "The sheet is already signed: only the secretary can reopen it");
    }
    if (l.council.kind === "selection") {
      const unscored = applicantsOfTask(l, taskId).filter((a) => !mine.some((s) => s.applicant_id === a.id));
      if (unscored.length > 0) {
        throw new DomainError("VALIDATION_FAILED", "Score every applicant before signing", {
          applicants: unscored.map((a) => a.name).join(", "),
        });
      }
    } else if (member.role === "reviewer" && mine.some((s) => s.review_file_id === null)) {
      throw new DomainError("REVIEW_MISSING", "A reviewer attaches the written review before signing", {
        reviewFileId: "Upload the written review",
      });
    }
    const signed = [];
    for (const s of mine) {
      signed.push(s.status === "signed_off" ? s : await repo.setScoreStatus(trx, s.id, true));
    }
    await appendAudit(trx, {
      actorUserId: actor.userId,
      action: "council.score_signed_off",
      entityType: "council",
      entityId: id,
      taskId,
      data: { memberId: member.id, scores: signed.map((s) => s.id) },
    });
    const body = signed.map((s) => toScore(s));
    if (idempotencyKey && hash) await storeAnswer(trx, actor.userId, idempotencyKey, hash, { status: 200, body });
    return { body, replayed: false };
  });
}

export async function reopen(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  memberId: number,
  body: { reason: string; taskId?: number | undefined },
): Promise<Council> {
  await db.transaction().execute(async (trx) => {
    const l = await visible(trx, actor, id, true);
    requireManager(actor, l);
    requireStatus(l, "established");
    const member = l.members.find((m) => m.id === memberId);
    if (!member) throw notFound("Member");
    const signed = l.scores.filter(
      (s) =>
        s.member_id === memberId &&
        s.status === "signed_off" &&
        (body.taskId === undefined || s.task_id === body.taskId),
    );
    if (signed.length === 0) throw new DomainError("NOT_SIGNED_OFF", "The member has no signed sheet to reopen");
    for (const s of signed) {
      await repo.insertReopen(trx, {
        scoreId: s.id,
        memberId,
        reason: body.reason,
        previousSheet: { sheet: s.sheet, derivedGrade: s.derived_grade, signedOffAt: s.signed_off_at },
        previousVersion: s.version,
        actorUserId: actor.userId,
      });
      await repo.setScoreStatus(trx, s.id, false);
    }
    await repo.updateCouncil(trx, id, {});
    await audit(trx, actor, l, "council.score_reopened", {
      memberId,
      taskIds: [...new Set(signed.map((s) => s.task_id))],
      reason: body.reason,
    });
  });
  return getCouncil(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Closing

/** The issuer of the minutes' record: the council itself, numbered by its id. */
const MINUTES_ISSUER = "HĐKHCN";

async function lateDossier(db: Kysely<Database>, l: Loaded, params: Parameters, taskId: number): Promise<boolean> {
  const task = l.tasks.find((t) => t.id === taskId);
  if (!task?.end_date || l.council.kind !== "acceptance") return false;
  const received = await repo.dossierReceived(db, taskId);
  if (!received) return false;
  const submittedOn = received.issued_on ?? vietnamToday(received.at);
  const due = new Date(Date.parse(`${task.end_date}T00:00:00Z`) + params.get("acceptance_dossier_days") * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // An approved extension moves the end date itself, so the due date above already counts it.
  return isDossierLate({ dueOn: due, submittedOn });
}

export async function closeCouncil(
  db: Kysely<Database>,
  store: FileStore,
  actor: Actor,
  id: number,
  now = new Date(),
): Promise<Council> {
  let writtenKey: string | null = null;
  try {
    await db.transaction().execute(async (trx) => {
      const l = await visible(trx, actor, id, true);
      requireManager(actor, l);
      requireStatus(l, "established");
      const { params } = await rulesOf(trx, l.council);
      const quorum = quorumOf(l, params);
      if (!quorum.met) {
        throw new DomainError(
          "NO_QUORUM",
          `No quorum: ${quorum.present} of ${quorum.total} members present (${quorum.required} needed, with the chair or an acting vice-chair and ${quorum.reviewersRequired} reviewers); without a quorum there is no outcome`,
          { attendance: "No quorum" },
          { quorum },
        );
      }
      const voters = l.members.filter((m) => !m.recused && m.attended === true);
      const missing: { memberId: number; fullName: string; taskIds: number[] }[] = [];
      for (const m of voters) {
        const taskIds = l.tasks
          .filter((t) => {
            const signed = l.scores.filter(
              (s) => s.member_id === m.id && s.task_id === t.id && s.status === "signed_off",
            );
            return l.council.kind === "selection"
              ? applicantsOfTask(l, t.id).some((a) => !signed.some((s) => s.applicant_id === a.id))
              : signed.length === 0;
          })
          .map((t) => t.id);
        if (taskIds.length > 0) missing.push({ memberId: m.id, fullName: m.full_name, taskIds });
      }
      if (missing.length > 0) {
        throw new DomainError(
          "MISSING_GRADES",
          `Signed sheets are missing from ${missing.map((m) => m.fullName).join(", ")}`,
          Object.fromEntries(missing.map((m) => [`members.${m.memberId}`, `${m.fullName}: no signed sheet`])),
          { members: missing },
        );
      }
      if (l.council.kind === "selection" && l.applicants.length === 0) {
        throw new DomainError("MISSING_GRADES", "A selection council needs applicants to score", {
          applicants: "None",
        });
      }

      const regulationKind =
        l.council.kind === "acceptance" || l.council.kind === "selection" ? l.council.kind : "other";
      const regulation = params.get("council_regulation")[regulationKind];
      const perTask: Outcome["tasks"] = [];
      const acceptanceResults = new Map<number, Grade>();
      const explanations = new Map<number, ReturnType<typeof councilAcceptanceOutcome>>();
      const selections = new Map<number, SelectionOutcome>();
      for (const t of l.tasks) {
        if (l.council.kind === "selection") {
          const applicants: ApplicantScores[] = applicantsOfTask(l, t.id).map((a) => ({
            applicantId: a.id,
            sheets: l.scores
              .filter(
                (s) => s.applicant_id === a.id && s.status === "signed_off" && voters.some((v) => v.id === s.member_id),
              )
              .map((s) => ({
                memberId: s.member_id,
                points: ((s.sheet as StoredSheet).points ?? {}) as Record<string, number>,
              })),
          }));
          const outcome = selectionOutcome(applicants, {
            passAverage: params.get("selection_pass_average"),
            criteria: params.get("selection_criteria"),
            keyZeroFraction: params.get("selection_key_zero_fraction"),
          });
          selections.set(t.id, outcome);
          perTask.push({
            taskId: t.id,
            result: { winnerApplicantId: outcome.winnerApplicantId },
            explanation: { ...outcome, quorum, regulation } as unknown as Record<string, unknown>,
          });
          continue;
        }
        const scheme = params.get("grading_scheme");
        const members: VotingMember[] = l.members.map((m) => {
          const s = l.scores.find((x) => x.member_id === m.id && x.task_id === t.id && x.status === "signed_off");
          return {
            memberId: m.id,
            fullName: m.full_name,
            present: m.attended === true,
            recused: m.recused,
            recusalReason: m.recusal_reason,
            grade: s?.derived_grade ?? null,
            points: scheme.kind === "points" ? ((s?.sheet as StoredSheet | undefined)?.points?.total ?? null) : null,
          };
        });
        const outcome = councilAcceptanceOutcome({
          members,
          lateDossier: await lateDossier(trx, l, params, t.id),
          thresholds: params.get("acceptance_thresholds"),
          scheme,
          quorum,
          regulation,
        });
        if (outcome.result === null) {
          throw new DomainError("MISSING_GRADES", "No outcome can be stated from the grades recorded", {
            members: outcome.explanation.decision,
          });
        }
        acceptanceResults.set(t.id, outcome.result);
        explanations.set(t.id, outcome);
        perTask.push({
          taskId: t.id,
          result: outcome.result,
          explanation: outcome.explanation as unknown as Record<string, unknown>,
        });
      }
      const first = perTask[0];
      if (!first) throw new DomainError("PRECONDITION_FAILED", "The council reviews no task");
      const closedAt = now;
      const outcome: Outcome = {
        result: first.result,
        explanation: first.explanation,
        tasks: perTask,
        closedAt: closedAt.toISOString(),
      };

      // The minutes: rendered, written to the files folder, recorded as a stored file.
      const today = vietnamToday(now);
      const meetingDate = l.council.meeting_on && l.council.meeting_on <= today ? l.council.meeting_on : today;
      const establishment = l.council.establishment_document_id
        ? (await documentViews(trx, [l.council.establishment_document_id])).get(l.council.establishment_document_id)
        : undefined;
      const chair =
        l.members.find((m) => m.id === quorum.actingChairMemberId) ??
        l.members.find((m) => m.role === "chair" && m.attended === true && !m.recused);
      const secretary = l.members.find((m) => m.role === "scientific_secretary" && m.attended === true && !m.recused);
      const unit = await trx.selectFrom("unit").select("name").where("id", "=", l.council.unit_id).executeTakeFirst();
      const firstTask = l.tasks[0];
      const model: MinutesModel = {
        issuer: (unit?.name ?? "Sở Khoa học và Công nghệ").toUpperCase(),
        councilKind: l.council.kind,
        councilTitle: l.council.title,
        tasks: l.tasks.map((t) => ({ code: t.code, title: t.title, hostOrganisation: t.host_name })),
        establishment: establishment
          ? { number: establishment.number, issuedOn: establishment.issuedOn, signer: establishment.signer }
          : null,
        meeting: { date: meetingDate, place: l.council.location },
        members: l.members.map((m) => ({
          fullName: m.full_name,
          title: m.title,
          organisation: m.organisation_name,
          role: m.role,
          attendance: m.recused ? "recused" : m.attended ? "present" : "absent",
          recusalReason: m.recusal_reason,
        })),
        quorum,
        outcome: firstTask ? (explanations.get(firstTask.id) ?? null) : null,
        selection:
          firstTask && selections.get(firstTask.id)
            ? {
                outcome: selections.get(firstTask.id) as SelectionOutcome,
                applicantNames: Object.fromEntries(l.applicants.map((a) => [a.id, a.name])),
              }
            : null,
        signatures: { chair: chair?.full_name ?? null, secretary: secretary?.full_name ?? null },
      };
      // Loaded on first use: pdfkit and its fonts cost the server some 25 MB of memory from start otherwise.
      const { renderMinutesPdf } = await import("./minutes-pdf.ts");
      const pdf = await renderMinutesPdf(model);
      const stored = await store.putStream(Readable.from([Buffer.from(pdf)]), () => false);
      writtenKey = stored.key;
      const fileName = `bien-ban-hoi-dong-${l.council.id}.pdf`;
      const file = await insertFile(trx, {
        sha256: stored.sha256,
        originalName: fileName,
        contentType: "application/pdf",
        size: stored.size,
        key: stored.key,
        uploadedBy: actor.userId,
      });
      await repo.updateCouncil(
        trx,
        id,
        {
          status: "closed",
          outcome_result:
            l.council.kind === "selection"
              ? (selections.get(firstTask?.id ?? 0)?.winnerApplicantId ?? null) !== null
                ? "winner"
                : "no_winner"
              : (first.result as Grade),
          minutes_file_id: file.id,
          closed_at: closedAt,
          closed_by: actor.userId,
        },
        outcome,
      );
      await audit(trx, actor, l, "council.closed", {
        results: perTask.map((t) => ({ taskId: t.taskId, result: t.result })),
        minutesFileId: file.id,
      });

      if (l.council.kind === "acceptance") {
        // The minutes, as an official record the task's timeline cites with its file.
        const documentId = await recordDocument(trx, actor, firstTask?.id ?? 0, {
          number: String(l.council.id),
          docType: "BB",
          issuer: MINUTES_ISSUER,
          year: Number(meetingDate.slice(0, 4)),
          yearInNumber: false,
          issuedOn: meetingDate,
          signer: chair?.full_name ?? "Chủ tịch Hội đồng",
          summary: `Biên bản họp ${l.council.title}`,
          fileId: file.id,
        });
        for (const [taskId, result] of acceptanceResults) {
          await applyCouncilOutcome(trx, actor, taskId, result, documentId, `Theo kết luận của ${l.council.title}`);
        }
      }
    });
  } catch (error) {
    // Nothing half-written: a minutes file whose close did not commit leaves the disk again.
    if (writtenKey) await store.remove(writtenKey);
    rethrowDocumentConflict(error);
  }
  return getCouncil(db, actor, id);
}

export async function minutesFile(db: Kysely<Database>, store: FileStore, actor: Actor, id: number) {
  const l = await visible(db, actor, id);
  if (l.council.minutes_file_id === null) throw notFound("Minutes");
  const file = await findFile(db, l.council.minutes_file_id);
  if (!file) throw notFound("Minutes");
  return { file, content: await store.get(file.storage_key) };
}

// ---------------------------------------------------------------------------------------------
// Deadlines of the task's steps

export async function taskDeadlines(
  db: Kysely<Database>,
  actor: Actor,
  taskId: number,
  now = new Date(),
): Promise<DeadlineList> {
  const loaded = await loadTaskFacts(db, taskId);
  if (!loaded || !canSeeTask(actor, loaded.access)) throw notFound("Task");
  const today = vietnamToday(now);
  const task = loaded.task;
  return { stage: task.stage, today, items: await deadlinesOf(db, task, today) };
}

/** The step deadlines of one task under its unit's and regime's rule parameters (also for the work list). */
export async function deadlinesOf(
  db: Kysely<Database>,
  task: { id: number; stage: Stage; end_date: string | null; managing_unit_id: number; regime: Regime },
  today: string,
) {
  const params = await loadParameters(db, { unitId: task.managing_unit_id, regime: task.regime });
  const rules: DeadlineRules = {
    dossierDays: params.get("acceptance_dossier_days"),
    councilEstablishmentWorkingDays: params.get("council_establish_working_days"),
    meetingWithinDays: params.get("council_meeting_within_days"),
    revisionDays: params.get("acceptance_revision_days"),
    registrationDays: params.get("result_registration_days"),
    holidays: holidayRulesFrom(params),
  };
  const facts = await repo.deadlineFacts(db, task.id);
  return stepDeadlines({ stage: task.stage, endDate: task.end_date, ...facts, today }, rules);
}
