import { type Fraction, formatFraction, meetsFraction, neededFor } from "./fraction.ts";
import type { CouncilRoleName } from "./roles.ts";

/*
 * Whether a council may decide: at least a fraction (default 2/3) of its members who are not
 * recused are present, among them the chair (or the vice-chair acting for an absent chair) and
 * the reviewers. Without a quorum there is no outcome at all, not a failing one.
 */

export interface QuorumMember {
  memberId: number;
  role: CouncilRoleName;
  /** null: attendance not recorded yet (counts as absent). */
  attended: boolean | null;
  recused: boolean;
}

/** Rule parameter council_quorum. */
export interface QuorumRules {
  fraction: Fraction;
  /** The chair, or the vice-chair acting for an absent chair, must be present. */
  chairRequired: boolean;
  /** How many reviewers must be present (default 2: both). */
  reviewersRequired: number;
}

export const DEFAULT_QUORUM_RULES: QuorumRules = {
  fraction: { num: 2, den: 3 },
  chairRequired: true,
  reviewersRequired: 2,
};

export type QuorumReasonCode =
  | "NO_MEMBERS"
  | "TOO_FEW_PRESENT"
  | "NO_CHAIR"
  | "ACTING_CHAIR_NOT_VICE_CHAIR"
  | "REVIEWERS_ABSENT"
  | "ATTENDANCE_NOT_RECORDED";

export interface QuorumReason {
  code: QuorumReasonCode;
  /** The numbers behind the reason (e.g. present and required), for the words of the web. */
  got?: number;
  needed?: number;
  memberIds?: number[];
}

export interface QuorumResult {
  met: boolean;
  /** Members present and not recused. */
  present: number;
  /** Least number present for the fraction. */
  required: number;
  /** Members not recused. */
  total: number;
  fraction: string;
  recused: number;
  chairPresent: boolean;
  /** The vice-chair chairs in place of an absent (or recused) chair. */
  actingViceChair: boolean;
  actingChairMemberId: number | null;
  reviewersPresent: number;
  reviewersRequired: number;
  /** Why the quorum is not met (empty when met), plus ATTENDANCE_NOT_RECORDED as information. */
  reasons: QuorumReason[];
}

export function checkQuorum(
  members: readonly QuorumMember[],
  rules: QuorumRules = DEFAULT_QUORUM_RULES,
  options: { actingChairMemberId?: number | null } = {},
): QuorumResult {
  const seated = members.filter((m) => !m.recused);
  const present = seated.filter((m) => m.attended === true);
  const total = seated.length;
  const required = neededFor(total, rules.fraction);
  const reasons: QuorumReason[] = [];

  const unrecorded = seated.filter((m) => m.attended === null).map((m) => m.memberId);
  if (unrecorded.length > 0) reasons.push({ code: "ATTENDANCE_NOT_RECORDED", memberIds: unrecorded });

  const fractionMet = meetsFraction(present.length, total, rules.fraction);
  if (total === 0) reasons.push({ code: "NO_MEMBERS", got: 0, needed: 0 });
  else if (!fractionMet) reasons.push({ code: "TOO_FEW_PRESENT", got: present.length, needed: required });

  const chair = present.find((m) => m.role === "chair");
  let actingChairMemberId: number | null = null;
  let actingViceChair = false;
  let chairOk = chair !== undefined;
  if (!chair) {
    const requested = options.actingChairMemberId ?? null;
    const viceChairs = present.filter((m) => m.role === "vice_chair");
    const acting = requested === null ? viceChairs[0] : viceChairs.find((m) => m.memberId === requested);
    if (requested !== null && !acting) {
      reasons.push({ code: "ACTING_CHAIR_NOT_VICE_CHAIR", memberIds: [requested] });
    }
    if (acting) {
      actingViceChair = true;
      actingChairMemberId = acting.memberId;
      chairOk = true;
    }
  }
  if (rules.chairRequired && !chairOk) reasons.push({ code: "NO_CHAIR" });

  const reviewersPresent = present.filter((m) => m.role === "reviewer").length;
  if (reviewersPresent < rules.reviewersRequired) {
    reasons.push({ code: "REVIEWERS_ABSENT", got: reviewersPresent, needed: rules.reviewersRequired });
  }

  const met = reasons.every((r) => r.code === "ATTENDANCE_NOT_RECORDED") && total > 0;
  return {
    met,
    present: present.length,
    required,
    total,
    fraction: formatFraction(rules.fraction),
    recused: members.length - seated.length,
    chairPresent: chair !== undefined,
    actingViceChair,
    actingChairMemberId,
    reviewersPresent,
    reviewersRequired: rules.reviewersRequired,
    reasons,
  };
}
