import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

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
  | "SETTING_INVALID"
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
  SETTING_INVALID: 500,
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
  if (error instanceof DomainError) {
    const body = errorBody(error.code, error.message, error.fields);
    return c.json(error.details ? { ...body, details: error.details } : body, error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    if (status === 413) return c.json(errorBody("PAYLOAD_TOO_LARGE", "Request body too large"), 413);
    if (status === 400) return c.json(errorBody("MALFORMED_JSON", "The request body is not valid JSON"), 400);
    return c.json(errorBody("INTERNAL", error.message || "Request failed"), status as ContentfulStatusCode);
  }
  console.error("Unhandled error", error);
  return c.json(errorBody("INTERNAL", "An unexpected error occurred. It has been logged."), 500);
}
