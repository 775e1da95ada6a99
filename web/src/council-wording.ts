import { ApiError } from "./api/client.ts";
import type {
  Composition,
  CouncilMember,
  CouncilRole,
  Grade,
  Outcome,
  OutcomeExplanation,
  QuorumResult,
} from "./api/councils.ts";
import { describeError, type UserMessage } from "./errors.ts";

/*
 * What the council's numbers mean, in the reader's words: the outcome's explanation line by line,
 * the meeting's readiness, the composition still missing, and the councils' refusals by code.
 * Every function returns catalogue keys with their values, so both languages say the same thing.
 */

export const GRADES: readonly Grade[] = ["excellent", "pass", "fail"];
export const ROLES: readonly CouncilRole[] = ["chair", "vice_chair", "reviewer", "scientific_secretary", "member"];

const RULE_NAMES = ["excellent_share", "pass_share", "no_fail_for_excellent"] as const;
type RuleName = (typeof RULE_NAMES)[number];
const isRuleName = (rule: string): rule is RuleName => (RULE_NAMES as readonly string[]).includes(rule);

const DECISIONS = [
  "NO_QUORUM",
  "NO_VOTERS",
  "MISSING_GRADES",
  "LATE_DOSSIER",
  "EXCELLENT",
  "PASS",
  "PASS_EXCELLENT_BLOCKED_BY_FAIL",
  "FAIL_PASS_SHARE_NOT_MET",
  "POINTS_BAND",
] as const;
type Decision = (typeof DECISIONS)[number];
const isDecision = (value: unknown): value is Decision => (DECISIONS as readonly unknown[]).includes(value);

/** The result and explanation of a council's outcome for one task (a council may review several). */
export function taskOutcome(
  outcome: Outcome,
  taskId?: number,
): { result: Outcome["result"]; explanation: OutcomeExplanation } {
  const own = taskId === undefined ? undefined : outcome.tasks.find((t) => t.taskId === taskId);
  const chosen = own ?? outcome;
  // The API types the explanation loosely (a record); grading.ts is what writes it.
  return { result: chosen.result, explanation: chosen.explanation as unknown as OutcomeExplanation };
}

/** The grade a council's result names, or null for a selection (a winner, or none). */
export function outcomeGrade(result: Outcome["result"]): Grade | null {
  return typeof result === "string" ? result : null;
}

/** The council's quorum as quorum.ts computed it (the API types it loosely), or null before attendance. */
export function councilQuorum(quorum: Record<string, unknown> | null): QuorumResult | null {
  return quorum && typeof quorum.met === "boolean" ? (quorum as unknown as QuorumResult) : null;
}

type QuorumFacts = Pick<QuorumResult, "met" | "present" | "total" | "required">;

/** Quorum in one sentence, met or not. */
export function quorumLine(quorum: QuorumFacts, prefix: "councils.outcome" | "councils.attendance"): UserMessage {
  const params = { present: String(quorum.present), total: String(quorum.total), required: String(quorum.required) };
  return { key: quorum.met ? `${prefix}.quorumMet` : `${prefix}.quorumNotMet`, params };
}

/** Renders a message in the reader's language (the i18n context's `message`). */
export type Say = (message: UserMessage) => string;

/**
 * The explanation, in the order the minutes give it: the decision, votes per grade, each threshold
 * as "3/4 — needed N, got M", points, the quorum, who did not grade and why, a late dossier, the
 * regulation.
 */
export function explanationLines(explanation: OutcomeExplanation, say: Say): string[] {
  const lines: UserMessage[] = [];
  if (isDecision(explanation.decision)) lines.push({ key: `councils.outcome.decision.${explanation.decision}` });
  const counts = explanation.counts ?? { excellent: 0, pass: 0, fail: 0 };
  lines.push({
    key: "councils.outcome.counts",
    params: {
      excellent: String(counts.excellent ?? 0),
      pass: String(counts.pass ?? 0),
      fail: String(counts.fail ?? 0),
      voting: String(explanation.voting ?? 0),
    },
  });
  for (const threshold of explanation.thresholds ?? []) {
    const verdict = say({
      key: threshold.met ? "councils.outcome.thresholdMet" : "councils.outcome.thresholdNotMet",
    });
    if (threshold.rule === "no_fail_for_excellent") {
      lines.push({
        key: "councils.outcome.noFailLine",
        params: { needed: String(threshold.needed), got: String(threshold.got), verdict },
      });
      continue;
    }
    const rule: string = threshold.rule;
    lines.push({
      key: "councils.outcome.threshold",
      params: {
        rule: isRuleName(rule) ? say({ key: `councils.outcome.ruleName.${rule}` }) : rule,
        fraction: threshold.fraction,
        needed: String(threshold.needed),
        got: String(threshold.got),
        verdict,
      },
    });
  }
  if (explanation.points) {
    lines.push({
      key: "councils.outcome.points",
      params: { average: explanation.points.average, band: explanation.points.band.label },
    });
  }
  if (explanation.quorum) lines.push(quorumLine(explanation.quorum, "councils.outcome"));
  for (const recusal of explanation.recusals ?? []) {
    const name = recusal.fullName ?? `#${recusal.memberId}`;
    lines.push(
      recusal.reason
        ? { key: "councils.outcome.recusalWithReason", params: { name, reason: recusal.reason } }
        : { key: "councils.outcome.recusal", params: { name } },
    );
  }
  if (explanation.lateDossier) lines.push({ key: "councils.outcome.lateDossier" });
  if (explanation.regulation) {
    lines.push({ key: "councils.outcome.regulation", params: { regulation: explanation.regulation } });
  }
  return lines.map(say);
}

export interface Readiness {
  workingDaysBeforeMeeting: number | null;
  requiredWorkingDays: number;
  warning: boolean;
}

/** Whether the documents reached the members in time, and the sentence that says so. */
export function readinessLine(readiness: Readiness): { tone: "ok" | "warn"; message: UserMessage } {
  const required = String(readiness.requiredWorkingDays);
  const days = readiness.workingDaysBeforeMeeting;
  if (days === null) return { tone: "warn", message: { key: "councils.meeting.readyUnknown", params: { required } } };
  if (days < 0) return { tone: "warn", message: { key: "councils.meeting.readyAfter", params: { required } } };
  const late = readiness.warning || days < readiness.requiredWorkingDays;
  return {
    tone: late ? "warn" : "ok",
    message: {
      key: late ? "councils.meeting.readyWarn" : "councils.meeting.readyOk",
      params: { days: String(days), required },
    },
  };
}

export interface RoleGap {
  role: CouncilRole;
  have: number;
  need: number;
}

/** Each role the composition asks for, with how many seats are filled; the size counts everyone. */
export function compositionGaps(
  composition: Composition,
  members: readonly Pick<CouncilMember, "role">[],
): { roles: RoleGap[]; missing: RoleGap[]; complete: boolean } {
  const roles = composition.roles.map(({ role, count }) => ({
    role,
    need: count,
    have: members.filter((m) => m.role === role).length,
  }));
  const missing = roles.filter((r) => r.have < r.need);
  return { roles, missing, complete: missing.length === 0 && members.length >= composition.size };
}

/** Refusals of adding a member, and which field of the form they belong to. */
const MEMBER_FIELD: Readonly<Record<string, "personId" | "role">> = {
  TEAM_MEMBER: "personId",
  SECOND_HOST_MEMBER: "personId",
  ALREADY_MEMBER: "personId",
  HOST_ORG_KEY_ROLE: "role",
  ROLE_FULL: "role",
  COUNCIL_FULL: "personId",
};

const COUNCIL_CODES = new Set([
  ...Object.keys(MEMBER_FIELD),
  "GRADE_OUT_OF_SCALE",
  "NOT_A_MEMBER",
  "RECUSED",
  "CONFLICT_UNDECLARED",
  "ALREADY_SIGNED_OFF",
  "COUNCIL_CLOSED",
  "NO_QUORUM",
  "STALE",
  "COUNCIL_EXISTS",
  "COUNCIL_NOT_ESTABLISHED",
  "COUNCIL_NOT_FORMING",
  "REVIEW_MISSING",
  "COMPOSITION_INCOMPLETE",
]);

type CouncilErrorKey =
  | "TEAM_MEMBER"
  | "HOST_ORG_KEY_ROLE"
  | "SECOND_HOST_MEMBER"
  | "ROLE_FULL"
  | "ALREADY_MEMBER"
  | "COUNCIL_FULL"
  | "GRADE_OUT_OF_SCALE"
  | "NOT_A_MEMBER"
  | "RECUSED"
  | "CONFLICT_UNDECLARED"
  | "ALREADY_SIGNED_OFF"
  | "COUNCIL_CLOSED"
  | "NO_QUORUM"
  | "STALE"
  | "COUNCIL_EXISTS"
  | "COUNCIL_NOT_ESTABLISHED"
  | "COUNCIL_NOT_FORMING"
  | "REVIEW_MISSING"
  | "COMPOSITION_INCOMPLETE";

const isCouncilCode = (code: string): code is CouncilErrorKey => COUNCIL_CODES.has(code);

/** Names a refusal lists (MISSING_GRADES names the members), from `details` as the server sends them. */
function listedNames(details: Readonly<Record<string, unknown>>): string[] {
  const members = details.members;
  if (!Array.isArray(members)) return [];
  return members
    .map((m: unknown) =>
      typeof m === "string"
        ? m
        : typeof m === "object" && m !== null && typeof (m as { fullName?: unknown }).fullName === "string"
          ? (m as { fullName: string }).fullName
          : null,
    )
    .filter((name): name is string => name !== null);
}

/** The reader's words for a council refusal; other errors as everywhere else. */
export function councilError(error: unknown): UserMessage {
  if (error instanceof ApiError) {
    if (isCouncilCode(error.code)) return { key: `councils.errors.${error.code}` };
    if (error.code === "STALE_VERSION") return { key: "councils.errors.STALE" };
    if (error.code === "MISSING_GRADES") {
      const names = listedNames(error.details);
      return names.length > 0
        ? { key: "councils.errors.MISSING_GRADES", params: { names: names.join(", ") } }
        : { key: "councils.errors.MISSING_GRADES_ANON" };
    }
  }
  return describeError(error);
}

/** A refused new member: the message, at the field it concerns (null: for the whole form). */
export function memberRefusal(error: unknown): { field: "personId" | "role" | null; message: UserMessage } {
  if (error instanceof ApiError) {
    // The server names the field (conflicts.ts knows which); the code is the fallback.
    if (error.fields.personId) return { field: "personId", message: councilError(error) };
    if (error.fields.role) return { field: "role", message: councilError(error) };
    const byCode = MEMBER_FIELD[error.code];
    if (byCode) return { field: byCode, message: councilError(error) };
  }
  return { field: null, message: councilError(error) };
}
