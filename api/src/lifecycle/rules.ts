import type { AcceptanceOutcome, FundingMode, Regime, Stage, TaskRecoveryCause } from "@khcn/db/schema";

/*
 * The stage machine as data. Each action names the stages it leaves from, the stage it leads
 * to, the roles that may take it and the guards it must pass. `decide` is the one function that
 * applies the table; the API refuses what it refuses and the UI offers only what it allows.
 */

/** A role as it bears on one task: staff and heads count only for their own unit's tasks. */
export type TaskRole = "staff" | "head" | "pi" | "council" | "admin";

export type Requirement = "document" | "comment" | "outcome" | "registration" | "recovery";

/** Task facts a guard may look at. */
export interface TaskFacts {
  stage: Stage;
  hostOrganisationId: number | null;
  piPersonId: number | null;
  totalBudget: bigint;
  stateBudget: bigint;
  startDate: string | null;
  endDate: string | null;
  fundingMode: FundingMode;
  selectionMethod: "open_call" | "direct_assignment" | null;
  regime: Regime;
  /** The task's latest acceptance council: an open one records the outcome itself when it closes. */
  acceptanceCouncil: "none" | "open" | "closed";
}

/** The results registration certificate (register_results). */
export interface RegistrationInput {
  number: string;
  registeredOn: string;
}

/** Why money is or is not recovered (settle after a failure), and how much in đồng. */
export interface RecoveryInput {
  cause: TaskRecoveryCause;
  amount: bigint;
}

/** What the person taking the action supplies. */
export interface TransitionInput {
  hasDocument: boolean;
  comment: string | null;
  outcome: AcceptanceOutcome | null;
  registration?: RegistrationInput | null;
  recovery?: RecoveryInput | null;
}

type FieldGuard = (task: TaskFacts) => Record<string, string>;

export interface ActionRule {
  from: readonly Stage[];
  to: Stage;
  roles: readonly TaskRole[];
  requires: readonly Requirement[];
  /** Further inputs required when the action leaves from one particular stage. */
  requiresFrom?: Partial<Record<Stage, readonly Requirement[]>>;
  /** Outcomes this action accepts, when it records an acceptance outcome. */
  outcomes?: readonly AcceptanceOutcome[];
  /** Task fields that must be in order first: field → reason. */
  guard?: FieldGuard;
  /** A move back along the path (shown differently, always with a reason). */
  backward?: boolean;
}

const hostAndPi: FieldGuard = (t) => ({
  ...(t.hostOrganisationId === null ? { hostOrganisationId: "A host organisation must be chosen" } : {}),
  ...(t.piPersonId === null ? { piPersonId: "A principal investigator must be chosen" } : {}),
});

const selectionMethodChosen: FieldGuard = (t): Record<string, string> =>
  t.selectionMethod === null ? { selectionMethod: "Choose open call or direct assignment first" } : {};

/** Approval fixes host, PI, budget, duration and funding mode: all must be there. */
const readyForApproval: FieldGuard = (t) => ({
  ...hostAndPi(t),
  ...(t.totalBudget <= 0n ? { totalBudget: "The total budget must be set" } : {}),
  ...(t.stateBudget > t.totalBudget ? { stateBudget: "The state budget cannot exceed the total" } : {}),
  ...(t.startDate === null ? { startDate: "The start date must be set" } : {}),
  ...(t.endDate === null ? { endDate: "The end date must be set" } : {}),
  ...(t.startDate !== null && t.endDate !== null && t.endDate < t.startDate
    ? { endDate: "The end date is before the start date" }
    : {}),
});

/** While an acceptance council sits, its close records the outcome: nobody records another by hand. */
const noOpenAcceptanceCouncil: FieldGuard = (t): Record<string, string> =>
  t.acceptanceCouncil === "open"
    ? { acceptanceCouncil: "An acceptance council is sitting on this task: its close records the outcome" }
    : {};

const STAFF = ["staff"] as const;
const STAFF_OR_HEAD = ["staff", "head"] as const;

export const ACTIONS = {
  identify: { from: ["proposed"], to: "identified", roles: STAFF, requires: ["document"] },
  reject_proposal: { from: ["proposed"], to: "rejected", roles: STAFF_OR_HEAD, requires: ["document", "comment"] },
  open_selection: {
    from: ["identified"],
    to: "selection",
    roles: STAFF,
    requires: ["document"],
    guard: selectionMethodChosen,
  },
  select_host: { from: ["selection"], to: "budget_appraisal", roles: STAFF, requires: ["document"], guard: hostAndPi },
  reject_at_selection: { from: ["selection"], to: "rejected", roles: STAFF_OR_HEAD, requires: ["document", "comment"] },
  reopen_selection: {
    from: ["budget_appraisal"],
    to: "selection",
    roles: STAFF,
    requires: ["comment"],
    backward: true,
  },
  approve: {
    from: ["budget_appraisal"],
    to: "approved",
    roles: STAFF_OR_HEAD,
    requires: ["document"],
    guard: readyForApproval,
  },
  return_to_appraisal: {
    from: ["approved"],
    to: "budget_appraisal",
    roles: STAFF_OR_HEAD,
    requires: ["comment"],
    backward: true,
  },
  sign_contract: {
    from: ["approved"],
    to: "in_progress",
    roles: STAFF,
    requires: ["document"],
    guard: readyForApproval,
  },
  terminate: { from: ["in_progress"], to: "terminated", roles: STAFF_OR_HEAD, requires: ["document", "comment"] },
  receive_acceptance_dossier: { from: ["in_progress"], to: "acceptance", roles: STAFF, requires: ["document"] },
  return_dossier: { from: ["acceptance"], to: "in_progress", roles: STAFF, requires: ["comment"], backward: true },
  record_acceptance_pass: {
    from: ["acceptance"],
    to: "recognition",
    roles: STAFF,
    requires: ["document", "outcome"],
    outcomes: ["excellent", "pass"],
    guard: noOpenAcceptanceCouncil,
  },
  record_acceptance_fail: {
    from: ["acceptance"],
    to: "failed",
    roles: STAFF,
    requires: ["document", "outcome"],
    outcomes: ["fail"],
    guard: noOpenAcceptanceCouncil,
  },
  reopen_acceptance: {
    from: ["recognition"],
    to: "acceptance",
    roles: STAFF,
    requires: ["comment"],
    backward: true,
  },
  recognise_results: { from: ["recognition"], to: "registration", roles: STAFF_OR_HEAD, requires: ["document"] },
  register_results: {
    from: ["registration"],
    to: "settlement",
    roles: STAFF,
    requires: ["document", "registration"],
  },
  settle: {
    from: ["terminated", "failed"],
    to: "settlement",
    roles: STAFF,
    requires: ["document"],
    requiresFrom: { failed: ["recovery"] },
  },
  liquidate: { from: ["settlement"], to: "closed", roles: STAFF, requires: ["document"] },
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTIONS;
export const ACTION_NAMES = Object.keys(ACTIONS) as Action[];

export const isAction = (name: string): name is Action => Object.hasOwn(ACTIONS, name);

export const rule = (action: Action): ActionRule => ACTIONS[action];

export type Refusal =
  | { code: "WRONG_STAGE"; stage: Stage; allowedFrom: readonly Stage[] }
  | { code: "ROLE"; allowed: readonly TaskRole[] }
  | { code: "MISSING_FIELDS"; fields: Record<string, string> }
  | { code: "MISSING_INPUT"; fields: Record<string, string> };

export type Decision = { allowed: true; to: Stage } | { allowed: false; refusals: Refusal[] };

const INPUT_MESSAGES: Record<Requirement, string> = {
  document: "A document (decision, minutes or contract) is required for this step",
  comment: "A reason is required for this step",
  outcome: "The council's outcome is required",
  registration: "The registration certificate's number and date are required",
  recovery: "The cause of the failure and the amount to recover are required",
};

/**
 * Under Law 93/2025 a task that failed despite correct procedure and honest spending recovers
 * nothing; any other cause names the amount to recover, never more than the state paid.
 */
export function recoveryProblems(task: TaskFacts, recovery: RecoveryInput): Record<string, string> {
  if (recovery.amount < 0n) return { "recovery.amount": "The amount cannot be negative" };
  if (recovery.amount > task.stateBudget) {
    return { "recovery.amount": "The amount to recover cannot exceed the state budget of the task" };
  }
  if (recovery.cause === "honest_failure" && task.regime === "law_93_2025" && recovery.amount !== 0n) {
    return {
      "recovery.amount": "Under Law 93/2025 an honest, compliant failure recovers nothing: the amount must be 0",
    };
  }
  if (recovery.cause !== "honest_failure" && recovery.amount === 0n) {
    return { "recovery.amount": "Give the amount to recover for this cause" };
  }
  return {};
}

/**
 * Decides one transition. Without `input`, decides whether the action is open to this person
 * now (used to list actions); with it, whether this very request may go ahead.
 */
export function decide(action: Action, task: TaskFacts, roles: readonly TaskRole[], input?: TransitionInput): Decision {
  const r: ActionRule = ACTIONS[action];
  const refusals: Refusal[] = [];
  if (!r.from.includes(task.stage)) refusals.push({ code: "WRONG_STAGE", stage: task.stage, allowedFrom: r.from });
  if (!r.roles.some((role) => roles.includes(role))) refusals.push({ code: "ROLE", allowed: r.roles });
  const fields = r.guard?.(task) ?? {};
  if (Object.keys(fields).length > 0) refusals.push({ code: "MISSING_FIELDS", fields });
  if (input) {
    const missing: Record<string, string> = {};
    const needs = [...r.requires, ...(r.requiresFrom?.[task.stage] ?? [])];
    for (const need of needs) {
      if (need === "document" && !input.hasDocument) missing.document = INPUT_MESSAGES.document;
      if (need === "comment" && !input.comment?.trim()) missing.comment = INPUT_MESSAGES.comment;
      if (need === "outcome" && (input.outcome === null || !r.outcomes?.includes(input.outcome))) {
        missing.outcome = r.outcomes
          ? `${INPUT_MESSAGES.outcome}: one of ${r.outcomes.join(", ")}`
          : INPUT_MESSAGES.outcome;
      }
      if (need === "registration" && !(input.registration?.number.trim() && input.registration.registeredOn)) {
        missing.registration = INPUT_MESSAGES.registration;
      }
      if (need === "recovery" && !input.recovery) missing.recovery = INPUT_MESSAGES.recovery;
    }
    if (input.registration && !needs.includes("registration")) {
      missing.registration = "This step records no registration";
    }
    if (input.recovery) {
      if (action !== "settle") missing.recovery = "This step records no recovery";
      else Object.assign(missing, recoveryProblems(task, input.recovery));
    }
    if (r.outcomes === undefined && input.outcome !== null) missing.outcome = "This step records no outcome";
    if (Object.keys(missing).length > 0) refusals.push({ code: "MISSING_INPUT", fields: missing });
  }
  return refusals.length === 0 ? { allowed: true, to: r.to } : { allowed: false, refusals };
}

/** The actions that leave the given stage, in table order. */
export const actionsFrom = (stage: Stage): Action[] =>
  ACTION_NAMES.filter((a) => (ACTIONS[a].from as readonly Stage[]).includes(stage));
