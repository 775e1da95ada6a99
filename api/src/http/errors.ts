import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { currentRequest } from "../logging/request-context.ts";
import { databaseFaultResponse } from "./database-faults.ts";

/** Stable, machine-readable error codes: clients branch on these, never on messages. */
export type ErrorCode =
  | "VALIDATION_FAILED"
  | "MALFORMED_JSON"
  | "UNAUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "FORBIDDEN"
  | "FOREIGN_ORIGIN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "DUPLICATE_CODE"
  | "STALE_VERSION"
  | "FROZEN_FIELD"
  | "STAGE_CHANGED"
  | "DUPLICATE_DOCUMENT_NUMBER"
  | "TRANSITION_REFUSED"
  | "PRECONDITION_FAILED"
  | "ADJUSTMENT_REFUSED"
  | "STALE_DRAFT"
  | "ALREADY_SUBMITTED"
  | "REPORT_NOT_DUE"
  | "REPORT_CLOSED"
  | "NOT_AWAITING_REVIEW"
  | "IDEMPOTENCY_KEY_REUSED"
  | "UNSUPPORTED_FILE_TYPE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "UNAVAILABLE"
  | "SERVICE_UNAVAILABLE"
  | "DATABASE_UNAVAILABLE"
  | "SETTING_INVALID"
  // budget: the plan and the money moving against it
  | "AMOUNT_INVALID"
  | "UNKNOWN_CATEGORY"
  | "YEAR_OUTSIDE_TASK"
  | "DUPLICATE_PLAN_LINE"
  | "PLAN_NOT_BALANCED"
  | "ALLOCATION_OVER_PLAN"
  | "ADVANCE_OVER_ALLOCATION"
  | "SETTLEMENT_OVER_ADVANCE"
  | "RECOVERY_OVER_PAID"
  | "NEGATIVE_BALANCE"
  | "GRADE_OUT_OF_SCALE"
  | "NOT_A_MEMBER"
  | "RECUSED"
  | "CONFLICT_UNDECLARED"
  | "ALREADY_SIGNED_OFF"
  | "COUNCIL_CLOSED"
  | "COUNCIL_NOT_FORMING"
  | "COUNCIL_NOT_ESTABLISHED"
  | "NO_QUORUM"
  | "MISSING_GRADES"
  | "REVIEW_MISSING"
  | "COMPOSITION_INCOMPLETE"
  | "TEAM_MEMBER"
  | "HOST_ORG_KEY_ROLE"
  | "SECOND_HOST_MEMBER"
  | "ROLE_FULL"
  | "ALREADY_MEMBER"
  | "COUNCIL_FULL"
  | "COUNCIL_EXISTS"
  | "NOT_SIGNED_OFF"
  | "IMPORT_FILE_INVALID"
  | "IMPORT_NOT_READY"
  | "IMPORT_CLOSED"
  | "IMPORT_ROW_FAILED"
  // sessions, passwords and sign-in throttling (decision 013)
  | "TOO_MANY_ATTEMPTS"
  | "CURRENT_PASSWORD_WRONG"
  | "PASSWORD_REJECTED"
  | "EMAIL_TAKEN"
  | "SESSION_NOT_FOUND"
  | "USE_OWN_PASSWORD_CHANGE"
  | "INTERNAL";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  FOREIGN_ORIGIN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE_CODE: 409,
  STALE_VERSION: 409,
  FROZEN_FIELD: 409,
  STAGE_CHANGED: 409,
  DUPLICATE_DOCUMENT_NUMBER: 409,
  TRANSITION_REFUSED: 409,
  PRECONDITION_FAILED: 422,
  ADJUSTMENT_REFUSED: 409,
  STALE_DRAFT: 409,
  ALREADY_SUBMITTED: 409,
  REPORT_NOT_DUE: 409,
  REPORT_CLOSED: 409,
  NOT_AWAITING_REVIEW: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  UNSUPPORTED_FILE_TYPE: 415,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  SETTING_INVALID: 500,
  AMOUNT_INVALID: 422,
  UNKNOWN_CATEGORY: 422,
  YEAR_OUTSIDE_TASK: 422,
  DUPLICATE_PLAN_LINE: 422,
  PLAN_NOT_BALANCED: 422,
  ALLOCATION_OVER_PLAN: 422,
  ADVANCE_OVER_ALLOCATION: 422,
  SETTLEMENT_OVER_ADVANCE: 422,
  RECOVERY_OVER_PAID: 422,
  NEGATIVE_BALANCE: 422,
  GRADE_OUT_OF_SCALE: 400,
  NOT_A_MEMBER: 403,
  RECUSED: 403,
  CONFLICT_UNDECLARED: 409,
  ALREADY_SIGNED_OFF: 409,
  COUNCIL_CLOSED: 409,
  COUNCIL_NOT_FORMING: 409,
  COUNCIL_NOT_ESTABLISHED: 409,
  NO_QUORUM: 409,
  MISSING_GRADES: 409,
  REVIEW_MISSING: 422,
  COMPOSITION_INCOMPLETE: 422,
  TEAM_MEMBER: 422,
  HOST_ORG_KEY_ROLE: 422,
  SECOND_HOST_MEMBER: 422,
  ROLE_FULL: 422,
  ALREADY_MEMBER: 422,
  COUNCIL_FULL: 422,
  COUNCIL_EXISTS: 409,
  NOT_SIGNED_OFF: 409,
  IMPORT_FILE_INVALID: 422,
  IMPORT_NOT_READY: 409,
  IMPORT_CLOSED: 409,
  IMPORT_ROW_FAILED: 422,
  TOO_MANY_ATTEMPTS: 429,
  CURRENT_PASSWORD_WRONG: 400,
  PASSWORD_REJECTED: 400,
  EMAIL_TAKEN: 409,
  SESSION_NOT_FOUND: 404,
  USE_OWN_PASSWORD_CHANGE: 403,
  INTERNAL: 500,
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    /** What the client needs to recover, e.g. the server's current draft with STALE_DRAFT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
  /** Top-level members added to the body beside code and message (e.g. retryAfterSeconds, reason). */
  extra: Record<string, unknown> = {};
  /** Response headers the error carries (e.g. Retry-After). */
  headers: Record<string, string> = {};
  /** Adds top-level body members and headers; returns the error for `throw`. */
  with(extra: Record<string, unknown>, headers: Record<string, string> = {}): this {
    Object.assign(this.extra, extra);
    Object.assign(this.headers, headers);
    return this;
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);

export function errorBody(code: ErrorCode, message: string, fields?: Record<string, string>) {
  return fields ? { code, message, fields } : { code, message };
}

/** The one place errors become responses: domain errors keep their code, anything else is a 500 without detail. */
export function handleError(error: Error, c: Context): Response {
  // The request log names the code a request ended with (and counts refusals).
  const request = currentRequest();
  if (request && error instanceof DomainError) request.errorCode = error.code;
  if (error instanceof DomainError) {
    const body = errorBody(error.code, error.message, error.fields);
    const full = { ...(error.details ? { ...body, details: error.details } : body), ...error.extra };
    return c.json(full, error.status, error.headers);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json(errorBody("PAYLOAD_TOO_LARGE", "Request body too large"), 413);
    if (status === 400) return c.json(errorBody("MALFORMED_JSON", "The request body is not valid JSON"), 400);
    return c.json(errorBody("INTERNAL", error.message || "Request failed"), status as ContentfulStatusCode);
  }
  const lostDatabase = databaseFaultResponse(error, c);
  if (lostDatabase) return lostDatabase;
  console.error("Unhandled error", error);
  return c.json(errorBody("INTERNAL", "An unexpected error occurred. It has been logged."), 500);
}
