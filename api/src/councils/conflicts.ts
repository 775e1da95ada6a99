import { COUNTED_ROLES, type Composition, type CouncilRoleName, KEY_ROLES } from "./roles.ts";

/*
 * Who may sit on a council (domain.md "Councils"): nobody on a task's team (the PI included);
 * at most one member from a task's host organisation, and not in a key seat (chair, vice-chair,
 * reviewer, scientific secretary); one chair, one vice-chair, two reviewers, one secretary by
 * default; no more members than the council's size. A council may review several tasks, so the
 * conflict rules run against each task. The messages are English for people reading the API;
 * clients branch and word on `code`.
 */

export type MemberFlagCode =
  | "TEAM_MEMBER"
  | "HOST_ORG_KEY_ROLE"
  | "SECOND_HOST_MEMBER"
  | "ROLE_FULL"
  | "ALREADY_MEMBER"
  | "COUNCIL_FULL"
  /** A warning only: one member from the host organisation in an ordinary seat is allowed. */
  | "HOST_ORG_MEMBER";

export interface MemberFlag {
  code: MemberFlagCode;
  severity: "refuse" | "warn";
  message: string;
  /** The request field the flag is about (for `fields` of a 422). */
  field: "personId" | "role";
  /** The tasks the conflict is with (conflict codes). */
  taskIds?: number[];
  role?: CouncilRoleName;
  /** The seat count or the size that is full. */
  limit?: number;
}

export interface Candidate {
  personId: number;
  role: CouncilRoleName;
  organisationId: number | null;
}

export interface SeatedMember extends Candidate {
  memberId: number;
}

export interface CouncilFacts {
  composition: Composition;
  members: readonly SeatedMember[];
}

export interface TaskFacts {
  taskId: number;
  /** The PI and everyone registered on the task's team. */
  teamPersonIds: readonly number[];
  hostOrganisationId: number | null;
}

/** Role seats of a composition, members taking the rest (GET /councils/composition). */
export function compositionRoles(composition: Composition): { role: CouncilRoleName; count: number }[] {
  const counted = COUNTED_ROLES.map((role) => ({ role, count: composition.roles[role] }));
  const rest = composition.size - counted.reduce((s, r) => s + r.count, 0);
  return [...counted, { role: "member" as const, count: Math.max(rest, 0) }];
}

/** The conflict rules alone, for a person against the other members (also used to flag seated members). */
function conflictFlags(
  candidate: Candidate,
  others: readonly SeatedMember[],
  tasks: readonly TaskFacts[],
): MemberFlag[] {
  const flags: MemberFlag[] = [];
  const onTeam = tasks.filter((t) => t.teamPersonIds.includes(candidate.personId)).map((t) => t.taskId);
  if (onTeam.length > 0) {
    flags.push({
      code: "TEAM_MEMBER",
      severity: "refuse",
      field: "personId",
      taskIds: onTeam,
      message: "The person is the PI or on the team of a task the council reviews",
    });
  }
  const org = candidate.organisationId;
  const hostTasks = org === null ? [] : tasks.filter((t) => t.hostOrganisationId === org).map((t) => t.taskId);
  if (hostTasks.length > 0) {
    if (KEY_ROLES.includes(candidate.role)) {
      flags.push({
        code: "HOST_ORG_KEY_ROLE",
        severity: "refuse",
        field: "role",
        role: candidate.role,
        taskIds: hostTasks,
        message: "A person from the host organisation may not be chair, vice-chair, reviewer or scientific secretary",
      });
    }
    if (others.some((m) => m.organisationId === org)) {
      flags.push({
        code: "SECOND_HOST_MEMBER",
        severity: "refuse",
        field: "personId",
        taskIds: hostTasks,
        limit: 1,
        message: "The council already has a member from the host organisation",
      });
    }
    if (flags.every((f) => f.severity !== "refuse")) {
      flags.push({
        code: "HOST_ORG_MEMBER",
        severity: "warn",
        field: "personId",
        taskIds: hostTasks,
        message: "The person works for the host organisation (allowed once, as an ordinary member)",
      });
    }
  }
  return flags;
}

/**
 * What stands against adding the candidate in the role: refusals (the API answers 422 with the
 * first one's code) and warnings (shown, not blocking).
 */
export function checkMember(candidate: Candidate, council: CouncilFacts, tasks: readonly TaskFacts[]): MemberFlag[] {
  const flags: MemberFlag[] = [];
  if (council.members.some((m) => m.personId === candidate.personId)) {
    flags.push({
      code: "ALREADY_MEMBER",
      severity: "refuse",
      field: "personId",
      message: "The person already sits on the council",
    });
  }
  flags.push(...conflictFlags(candidate, council.members, tasks));

  const { size } = council.composition;
  if (council.members.length >= size) {
    flags.push({
      code: "COUNCIL_FULL",
      severity: "refuse",
      field: "personId",
      limit: size,
      message: `The council already has its ${size} members`,
    });
  } else {
    const seats = compositionRoles(council.composition).find((r) => r.role === candidate.role)?.count ?? 0;
    const taken = council.members.filter((m) => m.role === candidate.role).length;
    if (taken >= seats) {
      flags.push({
        code: "ROLE_FULL",
        severity: "refuse",
        field: "role",
        role: candidate.role,
        limit: seats,
        message: `The council already has ${seats} ${candidate.role.replace("_", " ")} seat${seats === 1 ? "" : "s"} filled`,
      });
    }
  }
  // Refusals first, in the order above, so the API reports the most telling one.
  return [...flags.filter((f) => f.severity === "refuse"), ...flags.filter((f) => f.severity === "warn")];
}

/** The conflict flags of each seated member against the others (GET /councils/:id members[].flags). */
export function memberFlags(council: CouncilFacts, tasks: readonly TaskFacts[]): Map<number, MemberFlag[]> {
  const out = new Map<number, MemberFlag[]>();
  for (const m of council.members) {
    const others = council.members.filter((o) => o.memberId !== m.memberId);
    out.set(m.memberId, conflictFlags(m, others, tasks));
  }
  return out;
}

export type CompositionGapCode = "ROLE_MISSING" | "ROLE_OVER" | "SIZE_SHORT" | "SIZE_OVER";

export interface CompositionGap {
  code: CompositionGapCode;
  role?: CouncilRoleName;
  needed: number;
  have: number;
}

export interface CompositionCheck {
  complete: boolean;
  size: number;
  have: number;
  missing: CompositionGap[];
}

/** Whether the seated members make the council the composition asks for (needed to establish it). */
export function compositionComplete(
  members: readonly { role: CouncilRoleName }[],
  composition: Composition,
): CompositionCheck {
  const missing: CompositionGap[] = [];
  for (const { role, count } of compositionRoles(composition)) {
    const have = members.filter((m) => m.role === role).length;
    // Ordinary members fill whatever the size leaves: only the size tells whether there are enough.
    if (role === "member") continue;
    if (have < count) missing.push({ code: "ROLE_MISSING", role, needed: count, have });
    if (have > count) missing.push({ code: "ROLE_OVER", role, needed: count, have });
  }
  if (members.length < composition.size) {
    missing.push({ code: "SIZE_SHORT", needed: composition.size, have: members.length });
  }
  if (members.length > composition.size) {
    missing.push({ code: "SIZE_OVER", needed: composition.size, have: members.length });
  }
  return { complete: missing.length === 0, size: composition.size, have: members.length, missing };
}
