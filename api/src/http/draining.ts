import type { MiddlewareHandler } from "hono";
import { errorBody } from "./errors.ts";

/*
 * Graceful shutdown, the HTTP half. On SIGTERM the server stops listening; a client that still
 * holds a keep-alive connection may send one more request. That request is refused with a clean
 * 503 SERVICE_UNAVAILABLE (and `Connection: close`, so the client reconnects elsewhere or later)
 * instead of starting a write the closing database might not finish. Requests already running
 * finish normally, and the database closes only once none is left (see `RequestTracker`).
 */

/** Refuses new API requests while the server drains; health still answers (503, draining: true). */
export function drainGuard(isDraining: () => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!isDraining()) return next();
    if (c.req.path === "/api/health") {
      await next();
      c.header("Connection", "close");
      return;
    }
    return c.json(errorBody("SERVICE_UNAVAILABLE", "The server is shutting down: try again in a moment"), 503, {
      Connection: "close",
      "Retry-After": "5",
    });
  };
}

/** Counts requests in progress, so shutdown can wait for the last one before closing the database. */
export class RequestTracker {
  #active = 0;
  #waiters: Array<() => void> = [];

  get active(): number {
    return this.#active;
  }

  /** Runs a handler, counted until its response is produced (or it fails). */
  async track<T>(run: () => T | Promise<T>): Promise<T> {
    this.#active += 1;
    try {
      return await run();
    } finally {
      this.#active -= 1;
      if (this.#active === 0) for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  /** Resolves when no request is in progress, or after `timeoutMs` (a handler stuck on a dead database). */
  idle(timeoutMs: number): Promise<void> {
    if (this.#active === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
