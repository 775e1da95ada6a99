import { ApiError } from "./api/client.ts";
import type { UserMessage } from "./errors.ts";
import type { FieldErrors } from "./field-errors.ts";
import { progressFieldErrors } from "./progress-errors.ts";

/*
 * The budget rules refuse with stable codes (api/src/budget/movement-rules.ts, plan-rules.ts); the
 * reader gets the catalogue's words at the field at fault, with the limit the rule hit written in
 * the unit they read money in.
 */

const MOVEMENT_CODES = [
  "ADVANCE_OVER_ALLOCATION",
  "SETTLEMENT_OVER_ADVANCE",
  "RECOVERY_OVER_PAID",
  "ALLOCATION_OVER_PLAN",
  "NEGATIVE_BALANCE",
] as const;
type MovementCode = (typeof MOVEMENT_CODES)[number];
const isMovementCode = (code: string): code is MovementCode => (MOVEMENT_CODES as readonly string[]).includes(code);

/** A refused movement's fields in the reader's words; `money` writes the limit (whole đồng) as they read it. */
export function movementErrors(error: unknown, money: (dong: string) => string): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  if (isMovementCode(error.code)) {
    const limit = typeof error.details.limit === "string" ? error.details.limit : "0";
    return { amount: { key: `budget.errors.${error.code}`, params: { limit: money(limit) } } };
  }
  const found = progressFieldErrors(error);
  if (error.code === "AMOUNT_INVALID") found.amount = { key: "errors.moneyFormat" };
  return found;
}

export interface PlanErrors {
  /** By cell key (source|year|category). */
  cells: FieldErrors;
  /** The plan as a whole: it does not add up. */
  balance: UserMessage | null;
  reason: UserMessage | null;
  /** Anything else, for the form's alert. */
  other: UserMessage | null;
}

const PLAN_CODES: Readonly<Record<string, UserMessage>> = {
  UNKNOWN_CATEGORY: { key: "budget.errors.UNKNOWN_CATEGORY" },
  YEAR_OUTSIDE_TASK: { key: "budget.errors.YEAR_OUTSIDE_TASK" },
  DUPLICATE_PLAN_LINE: { key: "budget.errors.DUPLICATE_PLAN_LINE" },
  AMOUNT_INVALID: { key: "errors.moneyFormat" },
  ALLOCATION_OVER_PLAN: { key: "budget.errors.planOverAllocation" },
};

/** A refused plan: `lines.N.…` marks the cell the Nth line came from, `lines` the balance. */
export function planErrors(error: unknown, cellOfLine: readonly string[]): PlanErrors {
  const result: PlanErrors = { cells: {}, balance: null, reason: null, other: null };
  if (!(error instanceof ApiError)) return result;
  const byCode = PLAN_CODES[error.code];
  for (const field of Object.keys(error.fields)) {
    const line = /^lines\.(\d+)\./.exec(field);
    const cell = line ? cellOfLine[Number(line[1])] : undefined;
    if (cell) result.cells[cell] = byCode ?? { key: "errors.fieldInvalid" };
    else if (field === "lines") result.balance = { key: "budget.errors.PLAN_NOT_BALANCED" };
    else if (field === "reason") result.reason = { key: "budget.errors.reasonRequired" };
  }
  if (error.code === "PLAN_NOT_BALANCED") result.balance = { key: "budget.errors.PLAN_NOT_BALANCED" };
  const marked = Object.keys(result.cells).length > 0 || result.balance || result.reason;
  if (!marked) result.other = byCode ?? null;
  return result;
}
