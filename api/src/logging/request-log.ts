import { randomUUID } from "node:crypto";
import type { Database } from "@khcn/db/schema";
import type { Context, MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import { socketAddress } from "../http/client-address.ts";
import type { AppEnv } from "../http/context.ts";
import type { Logger } from "./logger.ts";
import { type AuditEvent, type RequestContext, runInRequestContext } from "./request-context.ts";

export const REQUEST_ID_HEADER = "X-Request-Id";

/** A caller's id is kept only when it is short and plain, so it cannot smuggle anything into a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The path as logged: no query string (search terms, filters), and any segment that looks like a
 * token (long, random-looking) replaced, should a route ever carry one in its path.
 */
export function loggedPath(path: string): string {
  return path
    .split("/")
    .map((segment) => (/^[A-Za-z0-9_-]{24,}$/.test(segment) && /\d/.test(segment) ? ":redacted" : segment))
    .join("/");
}

export interface RequestLoggingOptions {
  logger: Logger;
  /** Checks, after a failed request, which of its audit rows were kept (the others were rolled back). */
  db: Kysely<Database>;
  /** The client's address as the app trusts it; falls back to the socket's. */
  clientAddress?: (c: Context) => string | null;
}

/**
 * The outermost middleware: gives the request its id (echoed as `X-Request-Id`), runs it inside a
 * context that `appendAudit` reports to, and when it is over writes one line for the request,
 * one for a refusal (401/403) and one per audit event that the database kept.
 */
export function requestLogging(options: RequestLoggingOptions): MiddlewareHandler<AppEnv> {
  const { logger } = options;
  return async (c, next) => {
    const started = performance.now();
    const requestId = requestIdFrom(c.req.header(REQUEST_ID_HEADER));
    const context: RequestContext = { requestId, logger: logger.child({ requestId }), auditEvents: [] };
    try {
      await runInRequestContext(context, next);
    } finally {
      c.header(REQUEST_ID_HEADER, requestId);
    }
    const status = c.res.status;
    const actor = c.get("actor") ?? null;
    const signedIn = context.auditEvents.find((e) => e.action === "auth.sign_in");
    const userId = actor?.userId ?? signedIn?.actorUserId ?? null;
    const line = {
      method: c.req.method,
      path: loggedPath(c.req.path),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId,
      ip: (options.clientAddress ?? socketAddress)(c),
      ...(context.errorCode ? { code: context.errorCode } : {}),
    };
    const log = context.logger;
    if (status >= 500) log.error(line, "request");
    else log.info(line, "request");
    if (status === 401 || status === 403) {
      // Refusals are security events in their own right: a run of them is worth an alert. A plain
      // "not signed in" is what every visit's first look at /api/auth/me gets, so it stays at info.
      const level = status === 401 && context.errorCode === "UNAUTHENTICATED" ? "info" : "warn";
      log[level](
        { event: "access.denied", status, code: context.errorCode ?? null, userId, path: line.path },
        "denied",
      );
    }
    for (const event of await keptEvents(options.db, context.auditEvents, status, log)) {
      log.info(
        {
          event: "audit",
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          taskId: event.taskId,
          actorUserId: event.actorUserId,
          auditId: event.id,
        },
        event.action,
      );
    }
  };
}

/**
 * Which audit events to log as done. After a successful answer every transaction the handler
 * awaited has committed. After a failure some may have committed (a failed sign-in is recorded,
 * then refused) and some rolled back: the database says which rows exist.
 */
async function keptEvents(
  db: Kysely<Database>,
  events: readonly AuditEvent[],
  status: number,
  log: Logger,
): Promise<readonly AuditEvent[]> {
  // Rows written outside a transaction committed on the spot.
  if (status < 400 || events.every((e) => !e.inTransaction)) return events;
  try {
    const rows = await db
      .selectFrom("audit_log")
      .select("id")
      .where(
        "id",
        "in",
        events.map((e) => e.id),
      )
      .execute();
    const kept = new Set(rows.map((r) => String(r.id)));
    return events.filter((e) => kept.has(e.id));
  } catch {
    log.warn({ event: "audit.unconfirmed", count: events.length }, "audit events of a failed request not confirmed");
    return [];
  }
}
