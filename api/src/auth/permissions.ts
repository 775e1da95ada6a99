import type { Role, Stage } from "@khcn/db/schema";

/** The signed-in person as the rules see them. */
export interface Actor {
  userId: number;
  personId: number | null;
  roles: readonly Role[];
  unitId: number | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/**
 * Which tasks an actor may see. Administrators see everything; staff and heads see the tasks
 * their unit manages; a scientist sees the tasks they lead or work on; a council member sees the
 * tasks of the councils they sit on and any they work on. A person with several roles sees the union.
 */
export type TaskScope =
  | { all: true }
  | {
      all: false;
      unitId: number | null;
      personId: number | null;
      /** The person whose council seats open the councils' tasks (council members only). */
      councilPersonId?: number | null;
    };

export function taskScope(actor: Actor): TaskScope {
  if (hasRole(actor, "admin")) return { all: true };
  const unitId = hasRole(actor, "staff", "head") ? actor.unitId : null;
  const personId = hasRole(actor, "pi", "council") ? actor.personId : null;
  const councilPersonId = hasRole(actor, "council") ? actor.personId : null;
  return { all: false, unitId, personId, councilPersonId };
}

/** What the rules need to know of a task to decide who may touch it. */
export interface TaskAccessFacts {
  managingUnitId: number;
  piPersonId: number | null;
  teamPersonIds: readonly number[];
  stage: Stage;
  /** People seated on any council of the task; left out where a caller does not load them (no access by seat then). */
  councilPersonIds?: readonly number[];
}

export const isDepartmentStaffOf = (actor: Actor, task: Pick<TaskAccessFacts, "managingUnitId">) =>
  hasRole(actor, "staff") && actor.unitId === task.managingUnitId;

export const isDepartmentHeadOf = (actor: Actor, task: Pick<TaskAccessFacts, "managingUnitId">) =>
  hasRole(actor, "head") && actor.unitId === task.managingUnitId;

export const isPiOf = (actor: Actor, task: Pick<TaskAccessFacts, "piPersonId">) =>
  hasRole(actor, "pi") && actor.personId !== null && actor.personId === task.piPersonId;

export function canSeeTask(actor: Actor, task: TaskAccessFacts): boolean {
  const scope = taskScope(actor);
  if (scope.all) return true;
  if (scope.unitId !== null && scope.unitId === task.managingUnitId) return true;
  const seat = scope.councilPersonId ?? null;
  if (seat !== null && task.councilPersonIds?.includes(seat)) return true;
  return scope.personId !== null && (scope.personId === task.piPersonId || task.teamPersonIds.includes(scope.personId));
}

/** Staff register tasks; a scientist may submit a proposal of their own. */
export const canCreateTask = (actor: Actor) => hasRole(actor, "staff", "pi");

/**
 * Staff edit the record of their unit's tasks; a PI may still edit their own proposal until
 * staff take it forward (the stage leaves `proposed`).
 */
export function canEditTask(actor: Actor, task: TaskAccessFacts): boolean {
  if (isDepartmentStaffOf(actor, task)) return true;
  return task.stage === "proposed" && isPiOf(actor, task);
}

export const canManageThemes = (actor: Actor) => hasRole(actor, "admin");

/**
 * The roles a person holds *on this task*, which the stage machine reads: department roles count
 * only for the unit that manages the task, the PI role only for the task's own PI.
 */
export function rolesOnTask(actor: Actor, task: TaskAccessFacts): ("staff" | "head" | "pi" | "admin")[] {
  const roles: ("staff" | "head" | "pi" | "admin")[] = [];
  if (isDepartmentStaffOf(actor, task)) roles.push("staff");
  if (isDepartmentHeadOf(actor, task)) roles.push("head");
  if (isPiOf(actor, task)) roles.push("pi");
  if (hasRole(actor, "admin")) roles.push("admin");
  return roles;
}

/**
 * How an actor registers a new task: department staff register it for their unit and choose
 * everything; a scientist submits a proposal of their own, led by themselves. Staff take
 * precedence for someone who holds both roles.
 */
export function taskCreatorRole(actor: Actor): "staff" | "proposer" | null {
  if (hasRole(actor, "staff")) return "staff";
  if (hasRole(actor, "pi")) return "proposer";
  return null;
}

/** Staff place tasks only in the unit they work for: a task moved elsewhere would leave their sight. */
export const canAssignTaskToUnit = (actor: Actor, unitId: number) =>
  isDepartmentStaffOf(actor, { managingUnitId: unitId });

/** Record fields only the managing unit's staff set; a PI's own proposal keeps its code, unit and PI. */
export const STAFF_ONLY_TASK_FIELDS = ["code", "managingUnitId", "piPersonId"] as const;

/** The record fields this actor may not set on a task (or, without one, on a task they create). */
export function taskFieldsReservedFrom(actor: Actor, task?: TaskAccessFacts): readonly string[] {
  if (task ? isDepartmentStaffOf(actor, task) : taskCreatorRole(actor) === "staff") return [];
  return STAFF_ONLY_TASK_FIELDS;
}

/** The people pickers (PI, team): those who register or propose tasks, and administrators. */
export const canSearchPeople = (actor: Actor) => hasRole(actor, "admin", "staff", "pi");

/** Administrators manage accounts, roles and units. */
export const canManageUsers = (actor: Actor) => hasRole(actor, "admin");

/**
 * Whose sessions an administrator may see and end: those of accounts in the administrator's own
 * unit. An administrator attached to no unit is the installation's administrator and may end anyone's.
 */
export const canManageSessionsOf = (actor: Actor, user: { unitId: number | null }) =>
  hasRole(actor, "admin") && (actor.unitId === null || actor.unitId === user.unitId);

/**
 * Whose password an administrator may set anew (a user who forgot theirs): the same accounts whose
 * sessions they manage, never their own; that change asks for the current password (decision 013).
 */
export const canResetPasswordOf = (actor: Actor, user: { id: number; unitId: number | null }) =>
  user.id !== actor.userId && canManageSessionsOf(actor, user);

/** An administrator cannot disable themselves or drop their own administrator role; another must. */
export const locksOutSelf = (
  actor: Actor,
  userId: number,
  change: { active?: boolean; roles?: readonly Role[] | undefined },
) =>
  userId === actor.userId &&
  (change.active === false || (change.roles !== undefined && !change.roles.includes("admin")));

/**
 * An official document already recorded under a number is taken up again (one decision covering
 * several tasks) only by its recorder or by someone who sees a task citing it: otherwise a guessed
 * number would hand over another unit's decision and its file.
 */
export const canCiteRecordedDocument = (
  actor: Actor,
  document: { createdBy: number | null },
  citingTasks: readonly TaskAccessFacts[],
) => document.createdBy === actor.userId || citingTasks.some((task) => canSeeTask(actor, task));

// ---- progress: inspections and adjustments

/** Staff of the managing unit record inspections and mid-term reviews with their minutes. */
export const canRecordInspection = (actor: Actor, task: TaskAccessFacts) => isDepartmentStaffOf(actor, task);

/** The host asks for an adjustment through the task's PI; the managing unit's staff may file it for them. */
export const canRequestAdjustment = (actor: Actor, task: TaskAccessFacts) =>
  isPiOf(actor, task) || isDepartmentStaffOf(actor, task);

/** Staff or the head of the managing unit decide an adjustment request. */
export const canDecideAdjustment = (actor: Actor, task: TaskAccessFacts) =>
  isDepartmentStaffOf(actor, task) || isDepartmentHeadOf(actor, task);

/** Only the person who filed a request may withdraw it (while it is still open). */
export const canWithdrawAdjustment = (actor: Actor, request: { requestedBy: number }) =>
  actor.userId === request.requestedBy;

/**
 * Whose open adjustment requests a person watches for their deadlines: staff and heads those of
 * their unit's tasks, administrators all; nobody else has such a list.
 */
export function adjustmentWatchScope(actor: Actor): { all: true } | { all: false; unitId: number } | null {
  if (hasRole(actor, "admin")) return { all: true };
  if (hasRole(actor, "staff", "head") && actor.unitId !== null) return { all: false, unitId: actor.unitId };
  return null;
}

// ---- periodic progress reports and notifications

/** Everyone who sees a task reads its reports, versions and reviews. */
export const canReadReports = (actor: Actor, task: TaskAccessFacts) => canSeeTask(actor, task);

/** Only the task's PI writes, saves and submits its periodic reports (the host confirms on paper). */
export const canWriteReport = (actor: Actor, task: TaskAccessFacts) => isPiOf(actor, task);

/** Staff of the managing unit accept a submitted report or return it for revision. */
export const canReviewReport = (actor: Actor, task: TaskAccessFacts) => isDepartmentStaffOf(actor, task);

/** Whose reports awaiting review a person sees: staff (and heads, to watch) their unit's, administrators all. */
export function reportQueueScope(actor: Actor): TaskScope | null {
  if (hasRole(actor, "admin")) return { all: true };
  if (hasRole(actor, "staff", "head")) return { all: false, unitId: actor.unitId, personId: null };
  return null;
}

export const canSeeReportQueue = (actor: Actor) => reportQueueScope(actor) !== null;

/** Whose overdue reports a person sees: staff and heads their unit's, administrators all, PIs their own tasks'. */
export function overdueReportScope(actor: Actor): TaskScope | null {
  return hasRole(actor, "staff", "head", "admin", "pi") ? taskScope(actor) : null;
}

export const canListOverdueReports = (actor: Actor) => overdueReportScope(actor) !== null;

/** A notification is its addressee's alone. */
export const ownsNotification = (actor: Actor, notification: { userId: number }) =>
  actor.userId === notification.userId;

// ---- budget: the plan and the money moving against it

/** Everyone who sees a task reads its budget: the unit's staff and head, its PI and team, administrators. */
export const canReadBudget = (actor: Actor, task: TaskAccessFacts) => canSeeTask(actor, task);

/** Staff of the managing unit (the finance officers among them) keep the approved plan. */
export const canEditBudgetPlan = (actor: Actor, task: TaskAccessFacts) => isDepartmentStaffOf(actor, task);

/** Staff of the managing unit record allocations, advances, settlements and recoveries. */
export const canRecordBudgetMovement = (actor: Actor, task: TaskAccessFacts) => isDepartmentStaffOf(actor, task);

// ---- dashboard, exports and work lists

/**
 * Whose portfolio a person watches on the dashboard: staff and heads their unit's tasks,
 * administrators every task; nobody else has a dashboard.
 */
export function dashboardScope(actor: Actor): TaskScope | null {
  if (hasRole(actor, "admin")) return { all: true };
  if (hasRole(actor, "staff", "head") && actor.unitId !== null)
    return { all: false, unitId: actor.unitId, personId: null };
  return null;
}

export const canSeeDashboard = (actor: Actor) => dashboardScope(actor) !== null;

/* Every signed-in person has a work list; its sections depend on the roles below. */

/** A PI's own tasks: the reports they owe and what came back to them. */
export const worksAsPi = (actor: Actor) => hasRole(actor, "pi") && actor.personId !== null;

/** The managing unit's staff: reports to review, dossiers to check. */
export const worksAsUnitStaff = (actor: Actor) => hasRole(actor, "staff") && actor.unitId !== null;

/** The head of a unit: adjustments to decide, results to recognise. */
export const decidesAsHead = (actor: Actor) => hasRole(actor, "head") && actor.unitId !== null;

/** The scope of a unit's department work (staff's and head's work-list sections). */
export const unitScope = (actor: Actor): TaskScope => ({ all: false, unitId: actor.unitId, personId: null });

// ---- councils: the expert registry, councils, their members and scores

/** What the rules need to know of a council. */
export interface CouncilAccessFacts {
  unitId: number;
  memberPersonIds: readonly number[];
}

/** Department staff and heads consult the expert registry, administrators too. */
export const canReadExperts = (actor: Actor) => hasRole(actor, "staff", "head", "admin");

/** Staff keep the registry up to date (so do administrators). */
export const canManageExperts = (actor: Actor) => hasRole(actor, "staff", "admin");

/** A council member holds the seat through their person record and the council role. */
export const sitsOnCouncil = (actor: Actor, council: Pick<CouncilAccessFacts, "memberPersonIds">) =>
  hasRole(actor, "council") && actor.personId !== null && council.memberPersonIds.includes(actor.personId);

/** The member in this seat is the signed-in person. */
export const holdsSeat = (actor: Actor, member: { personId: number }) =>
  hasRole(actor, "council") && actor.personId !== null && actor.personId === member.personId;

/** Administrators see every council; staff and heads their unit's; a member the councils they sit on. */
export function canSeeCouncil(actor: Actor, council: CouncilAccessFacts): boolean {
  if (hasRole(actor, "admin")) return true;
  if (hasRole(actor, "staff", "head") && actor.unitId === council.unitId) return true;
  return sitsOnCouncil(actor, council);
}

/**
 * Staff of the unit form the council, record its decision, attendance and recusals, reopen a
 * signed sheet and close it: the administrative secretary is one of them.
 */
export const canManageCouncil = (actor: Actor, council: Pick<CouncilAccessFacts, "unitId">) =>
  isDepartmentStaffOf(actor, { managingUnitId: council.unitId });

/** Staff form councils for their unit's tasks only. */
export const canFormCouncilFor = (actor: Actor, task: Pick<TaskAccessFacts, "managingUnitId">) =>
  isDepartmentStaffOf(actor, task);

/** Whose councils a person lists: administrators all, staff and heads their unit's, a member their seats'. */
export function councilListScope(
  actor: Actor,
): { all: boolean; unitId: number | null; personId: number | null } | null {
  if (hasRole(actor, "admin")) return { all: true, unitId: null, personId: null };
  const unitId = hasRole(actor, "staff", "head") ? actor.unitId : null;
  const personId = hasRole(actor, "council") ? actor.personId : null;
  if (unitId === null && personId === null) return null;
  return { all: false, unitId, personId };
}

/** Members' grades stay sealed from everyone until the council closes. */
export const gradesVisible = (council: { status: string }) => council.status === "closed";

// ---- imports of existing task registers

/** Department staff bring their unit's register in; administrators may import into any unit. */
export const canImportTasks = (actor: Actor) => hasRole(actor, "staff", "admin");

/** Into which unit: staff their own, administrators any department. */
export const canImportIntoUnit = (actor: Actor, unitId: number) =>
  hasRole(actor, "admin") || isDepartmentStaffOf(actor, { managingUnitId: unitId });

/** A batch is seen and worked on by the staff of its unit and by administrators; others are told it does not exist. */
export const canWorkOnImport = (actor: Actor, batch: { managingUnitId: number }) =>
  canImportIntoUnit(actor, batch.managingUnitId);

// ---- rule parameters

/** Administrators change the rule parameters, for every unit or for one. */
export const canManageRuleParameters = (actor: Actor) => hasRole(actor, "admin");

/**
 * Whose rule parameters a person may read: administrators any unit's (and the values for all
 * units); department staff and heads those in force for their own unit, since the deadlines they
 * work to follow from them. Scientists and council members have no such page.
 */
export function ruleParameterReadScope(actor: Actor): { all: true } | { all: false; unitId: number } | null {
  if (hasRole(actor, "admin")) return { all: true };
  if (hasRole(actor, "staff", "head") && actor.unitId !== null) return { all: false, unitId: actor.unitId };
  return null;
}

export const canReadRuleParameters = (actor: Actor) => ruleParameterReadScope(actor) !== null;

/** A person who may hold council seats: the council role with a person record. */
export const sitsOnCouncils = (actor: Actor) => hasRole(actor, "council") && actor.personId !== null;
