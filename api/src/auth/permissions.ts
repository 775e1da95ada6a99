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
 * tasks of the councils they sit on (the councils arrive with the councils work) and any they
 * work on. A person with several roles sees the union.
 */
export type TaskScope = { all: true } | { all: false; unitId: number | null; personId: number | null };

export function taskScope(actor: Actor): TaskScope {
  if (hasRole(actor, "admin")) return { all: true };
  const unitId = hasRole(actor, "staff", "head") ? actor.unitId : null;
  const personId = hasRole(actor, "pi", "council") ? actor.personId : null;
  return { all: false, unitId, personId };
}

/** What the rules need to know of a task to decide who may touch it. */
export interface TaskAccessFacts {
  managingUnitId: number;
  piPersonId: number | null;
  teamPersonIds: readonly number[];
  stage: Stage;
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

/** An administrator cannot disable themselves or drop their own administrator role; another must. */
export const locksOutSelf = (
  actor: Actor,
  userId: number,
  change: { active?: boolean; roles?: readonly Role[] | undefined },
) =>
  userId === actor.userId &&
  (change.active === false || (change.roles !== undefined && !change.roles.includes("admin")));

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
