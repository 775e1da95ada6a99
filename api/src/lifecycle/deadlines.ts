import type { Stage } from "@khcn/db/schema";
import { addWorkingDays, DEFAULT_HOLIDAY_RULES, type HolidayRules } from "../calendar/working-days.ts";

/*
 * The deadlines of the steps from the end of the contract to the registration of the results
 * (domain.md "Lifecycle" 7–9): the acceptance dossier within 30 days of the contract's end; the
 * acceptance council established within 15 working days of a valid dossier; its meeting within
 * 30 days of the decision; the PI's revision within 30 days of the acceptance; the registration of
 * the results within 30 days of it. Each count is a rule parameter; working days follow the
 * calendar of public holidays. Pure: the facts come in, the deadlines go out.
 */

export const DEADLINE_STEPS = ["dossier", "council_establishment", "meeting", "revision", "registration"] as const;
export type DeadlineStep = (typeof DEADLINE_STEPS)[number];

/** What a deadline counts from. */
export type DeadlineBasis = "contract_end" | "dossier_received" | "council_established" | "accepted";

export type DeadlineStatus = "pending" | "open" | "done" | "done_late" | "overdue";

export interface DeadlineFacts {
  stage: Stage;
  /** The contract's end (after any approved extension). */
  endDate: string | null;
  dossierReceivedOn: string | null;
  councilEstablishedOn: string | null;
  /** The acceptance council's outcome (its close, or the outcome recorded by hand). */
  acceptedOn: string | null;
  /** The decision recognising the results. */
  recognisedOn: string | null;
  registeredOn: string | null;
  today: string;
}

export interface DeadlineRules {
  dossierDays: number;
  councilEstablishmentWorkingDays: number;
  meetingWithinDays: number;
  revisionDays: number;
  registrationDays: number;
  holidays: HolidayRules;
}

export interface StepDeadline {
  step: DeadlineStep;
  basis: DeadlineBasis;
  /** The date the count starts from; null while the step before has not happened. */
  from: string | null;
  /** How many days, and whether they are working days. */
  days: number;
  workingDays: boolean;
  dueOn: string | null;
  doneOn: string | null;
  status: DeadlineStatus;
  /** Calendar days from today to the due date (negative when past); null when not running. */
  daysLeft: number | null;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const addCalendarDays = (iso: string, n: number) =>
  new Date((dayNumber(iso) + n) * DAY).toISOString().slice(0, 10);

/** Stages where the steps after a pass no longer apply. */
const NO_PASS: readonly Stage[] = ["failed", "terminated", "rejected"];
/** Stages before the contract ends: no deadline is running yet. */
const BEFORE_CONTRACT: readonly Stage[] = [
  "proposed",
  "identified",
  "selection",
  "budget_appraisal",
  "approved",
  "rejected",
];

export function stepDeadlines(facts: DeadlineFacts, rules: DeadlineRules): StepDeadline[] {
  if (BEFORE_CONTRACT.includes(facts.stage)) return [];
  const step = (
    name: DeadlineStep,
    basis: DeadlineBasis,
    from: string | null,
    days: number,
    workingDays: boolean,
    doneOn: string | null,
  ): StepDeadline => {
    const dueOn =
      from === null ? null : workingDays ? addWorkingDays(from, days, rules.holidays) : addCalendarDays(from, days);
    let status: DeadlineStatus;
    if (doneOn !== null) status = dueOn !== null && doneOn > dueOn ? "done_late" : "done";
    else if (dueOn === null) status = "pending";
    else status = facts.today > dueOn ? "overdue" : "open";
    const daysLeft = dueOn !== null && doneOn === null ? dayNumber(dueOn) - dayNumber(facts.today) : null;
    return { step: name, basis, from, days, workingDays, dueOn, doneOn, status, daysLeft };
  };
  const steps = [
    step("dossier", "contract_end", facts.endDate, rules.dossierDays, false, facts.dossierReceivedOn),
    step(
      "council_establishment",
      "dossier_received",
      facts.dossierReceivedOn,
      rules.councilEstablishmentWorkingDays,
      true,
      facts.councilEstablishedOn,
    ),
    step(
      "meeting",
      "council_established",
      facts.councilEstablishedOn,
      rules.meetingWithinDays,
      false,
      facts.acceptedOn,
    ),
  ];
  if (NO_PASS.includes(facts.stage)) return steps;
  return [
    ...steps,
    step("revision", "accepted", facts.acceptedOn, rules.revisionDays, false, facts.recognisedOn),
    step("registration", "accepted", facts.acceptedOn, rules.registrationDays, false, facts.registeredOn),
  ];
}

export const DEFAULT_DEADLINE_RULES: DeadlineRules = {
  dossierDays: 30,
  councilEstablishmentWorkingDays: 15,
  meetingWithinDays: 30,
  revisionDays: 30,
  registrationDays: 30,
  holidays: DEFAULT_HOLIDAY_RULES,
};
