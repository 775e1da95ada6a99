import type { AdjustmentKind, FundingMode, Stage } from "@khcn/db/schema";
import { formatDong, parseDong } from "../budget/money.ts";
import { addDays, daysBetween } from "../reports/schedule.ts";

/*
 * What an adjustment request may ask for, as pure functions. The host asks (through the PI) for a
 * change of one kind; the Department decides. The funding mode forbids some kinds outright (under
 * full lump-sum funding the objectives and products are fixed), an extension must move the end
 * date later, a long extension needs a fuller justification and a second one is exceptional.
 * The service runs the same check when the request is filed and again when it is approved,
 * against the task as it is then.
 */

/** The thresholds of the rules, as data (the decision deadline is the rule parameter adjustment_decision_days). */
export interface AdjustmentRules {
  /** An extension of more than this many months needs the longer justification. */
  longExtensionMonths: number;
  /** The least length, in characters, of the justification of a long or a second extension. */
  minJustificationLength: number;
}

export const DEFAULT_ADJUSTMENT_RULES: AdjustmentRules = { longExtensionMonths: 6, minJustificationLength: 200 };

/**
 * Stable, machine-readable codes of the rules' refusals: clients branch (and translate) on these,
 * never on the English sentences, which are for people reading the API.
 */
export type AdjustmentRefusalCode =
  | "LUMP_SUM_CONTENT_FIXED"
  | "LUMP_SUM_PRODUCTS_FIXED"
  | "NOT_IN_PROGRESS"
  | "NO_END_DATE"
  | "END_NOT_LATER"
  | "SECOND_EXTENSION_NEEDS_EXCEPTIONAL"
  | "LONG_EXTENSION_NEEDS_JUSTIFICATION"
  | "SECOND_EXTENSION_NEEDS_JUSTIFICATION"
  | "TOTAL_NOT_POSITIVE"
  | "STATE_OVER_TOTAL"
  | "BUDGET_UNCHANGED"
  | "SAME_PI"
  | "SAME_HOST"
  /** Not from the pure rules: the service's, for the list of kinds and a duplicate request. */
  | "OPEN_REQUEST_EXISTS"
  | "NOT_PERMITTED";

export const ADJUSTMENT_REFUSAL_CODES = [
  "LUMP_SUM_CONTENT_FIXED",
  "LUMP_SUM_PRODUCTS_FIXED",
  "NOT_IN_PROGRESS",
  "NO_END_DATE",
  "END_NOT_LATER",
  "SECOND_EXTENSION_NEEDS_EXCEPTIONAL",
  "LONG_EXTENSION_NEEDS_JUSTIFICATION",
  "SECOND_EXTENSION_NEEDS_JUSTIFICATION",
  "TOTAL_NOT_POSITIVE",
  "STATE_OVER_TOTAL",
  "BUDGET_UNCHANGED",
  "SAME_PI",
  "SAME_HOST",
  "OPEN_REQUEST_EXISTS",
  "NOT_PERMITTED",
] as const satisfies readonly AdjustmentRefusalCode[];

/** The code of each kind a funding mode never allows. */
export const FORBIDDEN_KIND_CODES: Readonly<
  Record<FundingMode, Partial<Record<AdjustmentKind, AdjustmentRefusalCode>>>
> = {
  full_lump_sum: { content: "LUMP_SUM_CONTENT_FIXED", products: "LUMP_SUM_PRODUCTS_FIXED" },
  partial_lump_sum: {},
};

/** The kinds a funding mode never allows, with the reason. */
export const FORBIDDEN_KINDS: Readonly<Record<FundingMode, Partial<Record<AdjustmentKind, string>>>> = {
  full_lump_sum: {
    content:
      "Under full lump-sum funding the objectives and content are fixed by the contract: they cannot be adjusted",
    products: "Under full lump-sum funding the products are fixed by the contract: they cannot be adjusted",
  },
  partial_lump_sum: {},
};

/** The stages in which a request may be filed and approved: the contract is running. */
export const ADJUSTABLE_STAGES: readonly Stage[] = ["in_progress"];

/** The change a request asks for, by kind. */
export type AdjustmentChange =
  | { kind: "duration"; endDate: string }
  | { kind: "budget"; totalBudget: string; stateBudget: string }
  | { kind: "content"; description: string; objectives?: string | null | undefined }
  | { kind: "products"; description: string }
  | { kind: "pi"; piPersonId: number }
  | { kind: "host_organisation"; hostOrganisationId: number }
  | { kind: "other"; description: string };

/** The task's terms as they stand. */
export interface AdjustableTask {
  stage: Stage;
  fundingMode: FundingMode;
  startDate: string | null;
  endDate: string | null;
  totalBudget: string;
  stateBudget: string;
  piPersonId: number | null;
  hostOrganisationId: number | null;
  objectives: string | null;
}

export interface RequestFacts {
  reason: string;
  exceptional: boolean;
  /** Extensions already approved for this task (not counting this request). */
  approvedExtensions: number;
}

/** The terms before and after, as stored with the request (names are added by the service). */
export type Terms = Record<string, string | number | null>;

export type Verdict =
  | { ok: true; before: Terms; after: Terms; extensionMonths: number | null }
  | {
      ok: false;
      code: "ADJUSTMENT_REFUSED" | "VALIDATION_FAILED";
      message: string;
      fields: Record<string, string>;
      /** The stable code of each field's refusal (same keys as `fields`). */
      codes: Record<string, AdjustmentRefusalCode>;
    };

/** One refused field: its code and its English explanation. */
type Refusal = Record<string, [AdjustmentRefusalCode, string]>;

const verdictOf = (code: "ADJUSTMENT_REFUSED" | "VALIDATION_FAILED", message: string, refusal: Refusal): Verdict => ({
  ok: false,
  code,
  message,
  fields: Object.fromEntries(Object.entries(refusal).map(([field, [, text]]) => [field, text])),
  codes: Object.fromEntries(Object.entries(refusal).map(([field, [c]]) => [field, c])),
});
const refused = (message: string, refusal: Refusal): Verdict => verdictOf("ADJUSTMENT_REFUSED", message, refusal);
const invalid = (message: string, refusal: Refusal): Verdict => verdictOf("VALIDATION_FAILED", message, refusal);

/** Whether the funding mode allows the kind at all, with the reason when it does not. */
export function kindAllowed(
  fundingMode: FundingMode,
  kind: AdjustmentKind,
): { allowed: boolean; reason: string | null; reasonCode: AdjustmentRefusalCode | null } {
  const reason = FORBIDDEN_KINDS[fundingMode][kind] ?? null;
  return { allowed: reason === null, reason, reasonCode: FORBIDDEN_KIND_CODES[fundingMode][kind] ?? null };
}

/** Checks a requested change against the task; on success, the terms before and after. */
export function checkAdjustment(
  task: AdjustableTask,
  change: AdjustmentChange,
  request: RequestFacts,
  rules: AdjustmentRules = DEFAULT_ADJUSTMENT_RULES,
): Verdict {
  if (!ADJUSTABLE_STAGES.includes(task.stage)) {
    return refused("Adjustments are made while the contract runs", {
      stage: ["NOT_IN_PROGRESS", `The task is at ${task.stage}; adjustments are possible only in progress`],
    });
  }
  const forbidden = kindAllowed(task.fundingMode, change.kind);
  if (!forbidden.allowed && forbidden.reasonCode !== null) {
    return refused(forbidden.reason ?? "Not allowed", { kind: [forbidden.reasonCode, forbidden.reason ?? ""] });
  }

  switch (change.kind) {
    case "duration":
      return checkExtension(task, change.endDate, request, rules);
    case "budget": {
      const total = parseDong(change.totalBudget);
      const state = parseDong(change.stateBudget);
      if (total <= 0n)
        return invalid("The total budget must be more than zero", {
          "after.totalBudget": ["TOTAL_NOT_POSITIVE", "More than 0"],
        });
      if (state > total) {
        return invalid("The state budget cannot exceed the total", {
          "after.stateBudget": ["STATE_OVER_TOTAL", "The state budget cannot exceed the total budget"],
        });
      }
      if (total === parseDong(task.totalBudget) && state === parseDong(task.stateBudget)) {
        return invalid("The budget would not change", { after: ["BUDGET_UNCHANGED", "These are the current amounts"] });
      }
      return {
        ok: true,
        before: { totalBudget: task.totalBudget, stateBudget: task.stateBudget },
        after: { totalBudget: formatDong(total), stateBudget: formatDong(state) },
        extensionMonths: null,
      };
    }
    case "pi":
      if (change.piPersonId === task.piPersonId) {
        return invalid("This person already leads the task", { "after.piPersonId": ["SAME_PI", "Already the PI"] });
      }
      return {
        ok: true,
        before: { piPersonId: task.piPersonId },
        after: { piPersonId: change.piPersonId },
        extensionMonths: null,
      };
    case "host_organisation":
      if (change.hostOrganisationId === task.hostOrganisationId) {
        return invalid("This organisation already hosts the task", {
          "after.hostOrganisationId": ["SAME_HOST", "Already the host organisation"],
        });
      }
      return {
        ok: true,
        before: { hostOrganisationId: task.hostOrganisationId },
        after: { hostOrganisationId: change.hostOrganisationId },
        extensionMonths: null,
      };
    case "content": {
      const objectives = change.objectives ?? null;
      if (objectives !== null && objectives !== task.objectives) {
        return {
          ok: true,
          before: { objectives: task.objectives },
          after: { description: change.description, objectives },
          extensionMonths: null,
        };
      }
      return { ok: true, before: {}, after: { description: change.description }, extensionMonths: null };
    }
    case "products":
    case "other":
      return { ok: true, before: {}, after: { description: change.description }, extensionMonths: null };
  }
}

function checkExtension(task: AdjustableTask, endDate: string, request: RequestFacts, rules: AdjustmentRules): Verdict {
  if (task.endDate === null) {
    return invalid("The task has no end date to extend", {
      "after.endDate": ["NO_END_DATE", "The task has no end date"],
    });
  }
  if (endDate <= task.endDate) {
    return invalid("An extension must move the end date later", {
      "after.endDate": ["END_NOT_LATER", `Choose a date after the current end date, ${task.endDate}`],
    });
  }
  const months = extensionMonths(task.endDate, endDate);
  const second = request.approvedExtensions > 0;
  if (second && !request.exceptional) {
    return refused("The task has been extended before: a second extension is exceptional", {
      exceptional: [
        "SECOND_EXTENSION_NEEDS_EXCEPTIONAL",
        "Mark the request as exceptional and explain why a second extension is needed",
      ],
    });
  }
  const long = months > rules.longExtensionMonths;
  if ((long || second) && request.reason.trim().length < rules.minJustificationLength) {
    const why = second ? "A second extension" : `An extension of more than ${rules.longExtensionMonths} months`;
    return invalid(`${why} needs a fuller justification`, {
      reason: [
        second ? "SECOND_EXTENSION_NEEDS_JUSTIFICATION" : "LONG_EXTENSION_NEEDS_JUSTIFICATION",
        `${why} needs a justification of at least ${rules.minJustificationLength} characters`,
      ],
    });
  }
  return { ok: true, before: { endDate: task.endDate }, after: { endDate }, extensionMonths: months };
}

// ---- dates (ISO yyyy-mm-dd, computed in UTC)

const parts = (iso: string) => ({
  y: Number(iso.slice(0, 4)),
  m: Number(iso.slice(5, 7)) - 1,
  d: Number(iso.slice(8, 10)),
});
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);

/**
 * The date `months` months after `date`. The last day of a month goes to the last day of the
 * target month (30/6 + 6 months is 31/12); other days are cut to the target month's length.
 */
export function addMonths(date: string, months: number): string {
  const { y, m, d } = parts(date);
  const targetLast = lastDay(y, m + months);
  return iso(y, m + months, d === lastDay(y, m) ? targetLast : Math.min(d, targetLast));
}

/** By how many months, rounded up, an end date moves: 31/12 → 30/6 is 6, → 1/7 is 7. */
export function extensionMonths(from: string, to: string): number {
  if (to <= from) return 0;
  let months = 1;
  while (addMonths(from, months) < to) months += 1;
  return months;
}

/** The decision deadline of a request filed on `requestedOn`: calendar days, per the rule parameter. */
export const decisionDueBy = (requestedOn: string, decisionDays: number) => addDays(requestedOn, decisionDays);

/** How a pending decision stands today: days left (0 on the due day), or days overdue. */
export function decisionClock(dueBy: string, today: string): { daysLeft: number; overdue: boolean } {
  const daysLeft = daysBetween(today, dueBy);
  return { daysLeft, overdue: daysLeft < 0 };
}

/** The task columns an approved change writes (none for changes recorded as text only). */
export function recordChanges(kind: AdjustmentKind, after: Terms): Partial<Record<ChangedField, string | number>> {
  switch (kind) {
    case "duration":
      return { endDate: String(after.endDate) };
    case "budget":
      return { totalBudget: String(after.totalBudget), stateBudget: String(after.stateBudget) };
    case "pi":
      return { piPersonId: Number(after.piPersonId) };
    case "host_organisation":
      return { hostOrganisationId: Number(after.hostOrganisationId) };
    case "content":
      return typeof after.objectives === "string" ? { objectives: after.objectives } : {};
    case "products":
    case "other":
      return {};
  }
}

export type ChangedField =
  | "endDate"
  | "totalBudget"
  | "stateBudget"
  | "piPersonId"
  | "hostOrganisationId"
  | "objectives";
