import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/context.ts";
import { DomainError } from "../http/errors.ts";
import type { Actor } from "./permissions.ts";
import { validateSession } from "./service.ts";
import { SESSION_COOKIE } from "./session.ts";

export interface CookiePolicy {
  secure: boolean;
}

export function setSessionCookie(c: Context, token: string, expiresAt: Date, policy: CookiePolicy) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: policy.secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: policy.secure, httpOnly: true, sameSite: "Lax" });
}

export const readSessionToken = (c: Context) => getCookie(c, SESSION_COOKIE) ?? null;

/** Resolves the cookie to an actor (or null) for every API request, sliding the expiry when due. */
export function sessionMiddleware(policy: CookiePolicy): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionToken(c);
    c.set("actor", null);
    if (token) {
      const session = await validateSession(c.var.db, token);
      if (session) {
        c.set("actor", session.actor);
        if (session.renewedTo) setSessionCookie(c, token, session.renewedTo, policy);
      } else {
        clearSessionCookie(c, policy);
      }
    }
    await next();
  };
}

/** Routes behind this answer 401 to anyone not signed in. */
export const requireActor: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.var.actor) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  await next();
};

/**
 * For routes whose permission depends on the actor alone (not on an object): asks the permission
 * module before the input is even validated, so an outsider learns nothing from a 400.
 */
export function requirePermission(allowed: (actor: Actor) => boolean, message: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!allowed(actorOf(c))) throw new DomainError("FORBIDDEN", message);
    await next();
  };
}

export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.var.actor;
  if (!actor) throw new DomainError("UNAUTHENTICATED", "Sign in to continue");
  return actor;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence as Lucia's guide sets it: a state-changing request must come from our own origin
 * (or a configured trusted one). Browsers always send Origin on such requests; a missing Origin
 * is refused too, since only non-browser clients omit it and they can send it.
 */
export function originCheck(trustedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("Origin");
      const own = new URL(c.req.url).origin;
      const host = c.req.header("Host");
      const allowed =
        origin !== undefined &&
        (origin === own ||
          trustedOrigins.includes(origin) ||
          (host !== undefined && safeHost(origin) === host.toLowerCase()));
      if (!allowed) throw new DomainError("FOREIGN_ORIGIN", "Request refused: it did not come from this application");
    }
    await next();
  };
}

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}
