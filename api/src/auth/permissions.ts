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
