import { type FundingMode, STAGES, type Stage } from "@khcn/db/schema";

/*
 * Which fields of a task's record a stage freezes, as data. Editing the record is for what the
 * Department registers; what an approval decision fixes changes only through the lifecycle
 * (an adjustment decision), and an ended task's record is history. `refusedChanges` is the one
 * function that applies the table; the service refuses what it refuses, and the task detail
 * tells the UI which fields to lock and why.
 */

/** The fields of the record as the API names them. */
export const RECORD_FIELDS = [
  "code",
  "title",
  "kind",
  "field",
  "regime",
  "managingUnitId",
  "formerProvinceId",
  "hostOrganisationId",
  "piPersonId",
  "team",
  "orderingAgency",
  "selectionMethod",
  "startDate",
  "endDate",
  "fundingMode",
  "totalBudget",
  "stateBudget",
  "objectives",
  "themeIds",
  "contentItems",
  "products",
  "applicationSites",
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

export type FreezeCode = "ENDED" | "CODE_FIXED" | "APPROVED_TERM" | "LUMP_SUM";

export interface FreezeRule {
  /** Stages in which the rule holds. */
  stages: readonly Stage[];
  /** Only under these funding modes (all when absent). */
  fundingModes?: readonly FundingMode[];
  fields: readonly RecordField[] | "all";
  /** Stable name of the reason, for clients that word it in the user's language. */
  code: FreezeCode;
  /** Shown to the user; `{stage}` is replaced by the task's stage. */
  reason: string;
}

export const ENDED_STAGES: readonly Stage[] = ["closed", "rejected", "terminated", "failed"];

/** The approval decision and every stage after it on the main path. */
export const APPROVED_STAGES: readonly Stage[] = [
  "approved",
  "in_progress",
  "acceptance",
  "recognition",
  "registration",
  "settlement",
  "closed",
];

/** What the approval decision fixes: host, PI, budget by source, duration, funding mode. */
export const APPROVED_TERMS: readonly RecordField[] = [
  "kind",
  "regime",
  "managingUnitId",
  "hostOrganisationId",
  "piPersonId",
  "totalBudget",
  "stateBudget",
  "startDate",
  "endDate",
  "fundingMode",
];

/** Earlier rules win: a field gets the reason of the first rule that freezes it. */
export const FREEZE_RULES: readonly FreezeRule[] = [
  {
    stages: ENDED_STAGES,
    fields: "all",
    code: "ENDED",
    reason: "The task has ended ({stage}): its record is read-only",
  },
  {
    stages: STAGES.filter((stage) => stage !== "proposed"),
    fields: ["code"],
    code: "CODE_FIXED",
    reason: "The code is fixed once the proposal has been taken forward",
  },
  {
    stages: APPROVED_STAGES,
    fields: APPROVED_TERMS,
    code: "APPROVED_TERM",
    reason: "Fixed by the approval decision: change it through an adjustment",
  },
  {
    stages: APPROVED_STAGES,
    fundingModes: ["full_lump_sum"],
    fields: ["objectives", "products"],
    code: "LUMP_SUM",
    reason: "Under full lump-sum funding the objectives and products cannot change after approval",
  },
];

export interface EditFacts {
  stage: Stage;
  fundingMode: FundingMode;
}

/** Every frozen field of a task in its current state, with the rule that freezes it. */
export function freezes(task: EditFacts): Partial<Record<RecordField, FreezeRule>> {
  const frozen: Partial<Record<RecordField, FreezeRule>> = {};
  for (const rule of FREEZE_RULES) {
    if (!rule.stages.includes(task.stage)) continue;
    if (rule.fundingModes && !rule.fundingModes.includes(task.fundingMode)) continue;
    for (const field of rule.fields === "all" ? RECORD_FIELDS : rule.fields) frozen[field] ??= rule;
  }
  return frozen;
}

/** Every frozen field of a task in its current state, with the reason. */
export function frozenFields(task: EditFacts): Partial<Record<RecordField, string>> {
  return Object.fromEntries(
    Object.entries(freezes(task)).map(([field, rule]) => [field, rule.reason.replaceAll("{stage}", task.stage)]),
  );
}

/** Every frozen field with the stable code of its reason. */
export function frozenFieldCodes(task: EditFacts): Partial<Record<RecordField, FreezeCode>> {
  return Object.fromEntries(Object.entries(freezes(task)).map(([field, rule]) => [field, rule.code]));
}

/** The changed fields the task's state refuses, each with its reason; empty when all may change. */
export function refusedChanges(task: EditFacts, changed: Iterable<RecordField>): Record<string, string> {
  const frozen = frozenFields(task);
  const refused: Record<string, string> = {};
  for (const field of changed) {
    const reason = frozen[field];
    if (reason) refused[field] = reason;
  }
  return refused;
}
