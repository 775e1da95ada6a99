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
