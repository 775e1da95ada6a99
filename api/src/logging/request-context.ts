import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "pino";

/** An audit row written during the request: logged once the request is over and the row is known to be kept. */
export interface AuditEvent {
  /** audit_log.id, so a failed request can check whether its row was rolled back. */
  id: string;
  action: string;
  entityType: string;
  entityId: string | null;
  taskId: number | null;
  actorUserId: number | null;
  /** Written inside a transaction (which may still roll back) rather than on its own. */
  inTransaction: boolean;
}

/** What one request carries through every await: its id, its logger and what it did. */
export interface RequestContext {
  requestId: string;
  logger: Logger;
  auditEvents: AuditEvent[];
  /** The stable code of the DomainError the request ended with, if any. */
  errorCode?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The current request's context, or undefined outside a request (seed, CLI, start-up). */
export function currentRequest(): RequestContext | undefined {
  return storage.getStore();
}
