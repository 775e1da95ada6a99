import { ApiError } from "./api/client.ts";
import type { TextKey } from "./i18n/context.tsx";
import type { Dictionary } from "./i18n/vi.ts";

/** Catalogue keys of error messages. */
export type ErrorKey = `errors.${keyof Dictionary["errors"] & string}`;

/** A message for the reader: a catalogue entry (translated when shown, with its values) or the server's own text. */
export type UserMessage = { key: TextKey; params?: Record<string, string> } | { text: string };

/** Server error codes the catalogue has a message for (the upper-case entries of `errors`). */
const KNOWN_CODES = new Set<string>([
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "DATABASE_UNAVAILABLE",
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "NETWORK_ERROR",
  "UNKNOWN",
  "STAGE_CHANGED",
  "DUPLICATE_DOCUMENT_NUMBER",
  "TRANSITION_REFUSED",
  "PRECONDITION_FAILED",
  "UNSUPPORTED_FILE_TYPE",
  "PAYLOAD_TOO_LARGE",
  "STALE_VERSION",
  "FROZEN_FIELD",
  "DUPLICATE_CODE",
  "CONFLICT",
] satisfies (keyof Dictionary["errors"])[]);

function isKnownCode(code: string): code is keyof Dictionary["errors"] & string {
  return KNOWN_CODES.has(code);
}

/** The best message for an error: the catalogue's for known codes, else the server's, else a generic one. */
export function describeError(error: unknown): UserMessage {
  if (error instanceof ApiError) {
    if (isKnownCode(error.code)) return { key: `errors.${error.code}` };
    if (error.message) return { text: error.message };
  }
  return { key: "errors.UNKNOWN" };
}
