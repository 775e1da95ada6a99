import type { Context } from "hono";
import { errorBody } from "./errors.ts";

/*
 * When PostgreSQL is down, restarting, or drops our connections, a request cannot be served, but
 * that is not a bug in the request or in the code: the answer is 503 DATABASE_UNAVAILABLE (retry
 * later), never a 500 and never a hang. The driver reconnects on its own for the next request,
 * so the server recovers by itself once the database is back. This is the one place that knows
 * what a lost database looks like, for both drivers.
 */

/** Socket-level failures (Node) and postgres.js's own connection codes. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * PostgreSQL SQLSTATEs that mean "the server or our session went away", not "your query is wrong":
 * class 08 (connection exception), 57P01–57P05 (admin/crash shutdown, cannot connect now, idle
 * session timeout …), 53300 too many connections, 57014 a statement cancelled by the timeout we set,
 * 25P03 an idle transaction the server ended.
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith("08") || /^57P0[1-5]$/.test(code) || code === "53300" || code === "57014" || code === "25P03";
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || isUnavailableState(e.code))) return true;
  // Node's happy-eyeballs connect reports an AggregateError of the attempts.
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The 503 answer for a lost database, or null when the error is something else. */
export function databaseFaultResponse(error: unknown, c: Context): Response | null {
  if (!isDatabaseUnavailable(error)) return null;
  return c.json(
    errorBody("DATABASE_UNAVAILABLE", "The database is unavailable at the moment: try again shortly"),
    503,
    { "Retry-After": "5" },
  );
}
