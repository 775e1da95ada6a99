import { ApiError } from "./api/client.ts";
import type { Dictionary } from "./i18n/vi.ts";

/** Catalogue keys of error messages. */
export type ErrorKey = `errors.${keyof Dictionary["errors"] & string}`;

/** A message for the reader: a catalogue entry (translated when shown) or the server's own text. */
export type UserMessage = { key: ErrorKey } | { text: string };

/** Server error codes the catalogue has a message for (the upper-case entries of `errors`). */
const KNOWN_CODES = new Set<string>([
  "INVALID_CREDENTIALS",
  "RATE_LIMITED",
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "NETWORK_ERROR",
  "UNKNOWN",
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
