/*
 * The seats of a council. The database vocabulary (COUNCIL_ROLES in db/src/schema.ts) spells the
 * same words; these pure modules keep their own copy so they compile without the database.
 */

export const COUNCIL_ROLE_LIST = ["chair", "vice_chair", "reviewer", "scientific_secretary", "member"] as const;
export type CouncilRoleName = (typeof COUNCIL_ROLE_LIST)[number];

/** The seats counted by number; "member" takes whatever the size leaves. */
export const COUNTED_ROLES = ["chair", "vice_chair", "reviewer", "scientific_secretary"] as const;
export type CountedRole = (typeof COUNTED_ROLES)[number];

/** Seats that a person from the host organisation may not hold. */
export const KEY_ROLES: readonly CouncilRoleName[] = ["chair", "vice_chair", "reviewer", "scientific_secretary"];

export const COUNCIL_KIND_LIST = [
  "identification",
  "selection",
  "budget_appraisal",
  "inspection",
  "expert_verification",
  "acceptance",
] as const;
export type CouncilKindName = (typeof COUNCIL_KIND_LIST)[number];

/** A council's size and the number of each counted seat (rule parameter council_composition). */
export interface Composition {
  size: number;
  roles: Record<CountedRole, number>;
}
