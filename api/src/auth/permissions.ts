import type { Role } from "@khcn/db/schema";

/** The signed-in person as the rules see them. */
export interface Actor {
  userId: number;
  personId: number | null;
  roles: readonly Role[];
  unitId: number | null;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/**
 * Which tasks an actor may see. Department people see the whole portfolio; a scientist sees the
 * tasks they lead or work on; a council member sees the tasks of the councils they sit on (the
 * councils arrive with the councils work), plus any they are on the team of.
 */
export type TaskScope = { kind: "all" } | { kind: "person"; personId: number } | { kind: "none" };

export function taskScope(actor: Actor): TaskScope {
  if (hasRole(actor, "admin", "staff", "head")) return { kind: "all" };
  if (actor.personId !== null && hasRole(actor, "pi", "council")) return { kind: "person", personId: actor.personId };
  return { kind: "none" };
}
