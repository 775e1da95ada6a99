import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { clientAddress, type TrustedProxies } from "../http/client-address.ts";
import type { AppEnv } from "../http/context.ts";
import { DomainError } from "../http/errors.ts";
import type { Actor } from "./permissions.ts";
import { type AuthSettings, type RequestFacts, validateSession } from "./service.ts";
import {
  isWellFormedToken,
  lifetimesFrom,
  sessionCookieName,
  sessionIdFromToken,
  truncateUserAgent,
} from "./session.ts";
import { DEFAULT_THROTTLE, type ThrottleSettings } from "./throttle.ts";

export interface CookiePolicy {
  /** HTTPS only, under the `__Host-` name: production, or SECURE_COOKIES=true. */
  secure: boolean;
}

/** What the HTTP side of authentication needs, built once in app.ts. */
export interface AuthHttp {
  cookie: CookiePolicy;
  settings: AuthSettings;
  proxies: TrustedProxies | null;
  clock: () => Date;
}

/** When, from where and with what browser the request comes, for the services. */
export function requestFacts(c: Context, auth: AuthHttp): RequestFacts {
  return {
    now: auth.clock(),
    address: clientAddress(c, auth.proxies),
    userAgent: truncateUserAgent(c.req.header("User-Agent")),
  };
}

/**
 * HttpOnly and SameSite=Lax always; in secure mode also Secure, under the `__Host-` name (which
 * the browser accepts only with Secure, Path=/ and no Domain, so no subdomain can plant or read it).
 */
export function setSessionCookie(c: Context, token: string, expiresAt: Date, policy: CookiePolicy) {
  setCookie(c, sessionCookieName(policy.secure), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: policy.secure,
    path: "/",
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, policy: CookiePolicy) {
  deleteCookie(c, sessionCookieName(policy.secure), {
    path: "/",
    secure: policy.secure,
    httpOnly: true,
    sameSite: "Lax",
  });
}

/** Only the cookie name in force is read: a plain `khcn_session` is ignored in secure mode. */
export const readSessionToken = (c: Context, policy: CookiePolicy) =>
  getCookie(c, sessionCookieName(policy.secure)) ?? null;

/** The id (token hash) of the session the request came with, if any. */
export function currentSessionId(c: Context, policy: CookiePolicy): string | null {
  const token = readSessionToken(c, policy);
  return token && isWellFormedToken(token) ? sessionIdFromToken(token) : null;
}

/** Resolves the cookie to an actor (or null) for every API request. */
export function sessionMiddleware(auth: AuthHttp): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionToken(c, auth.cookie);
    c.set("actor", null);
    if (token) {
      const session = await validateSession(c.var.db, token, auth.clock(), auth.settings.lifetimes);
      if (session) c.set("actor", session.actor);
      else clearSessionCookie(c, auth.cookie);
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
      // Fetch metadata, where the browser sends it, must agree: another site (or a sibling origin
      // on this site) is refused even if it managed to send an Origin we would accept.
      const site = c.req.header("Sec-Fetch-Site");
      const trusted = origin !== undefined && trustedOrigins.includes(origin);
      const allowed =
        origin !== undefined &&
        (trusted ||
          ((site === undefined || site === "same-origin") &&
            (origin === own || (host !== undefined && safeHost(origin) === host.toLowerCase()))));
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

/** The knobs of decision 013, as app.ts receives them; every one has a default. */
export interface AuthOptions {
  /** SESSION_IDLE_HOURS (default 24). */
  sessionIdleHours?: number;
  /** SESSION_MAX_DAYS (default 30). */
  sessionMaxDays?: number;
  /** TRUST_PROXY: whose X-Forwarded-For is believed (default: nobody's). */
  trustProxy?: TrustedProxies | null;
  throttle?: Partial<ThrottleSettings>;
  /** The time, for tests that move it (default: the system clock). */
  clock?: () => Date;
}

export function authHttp(secureCookies: boolean, options: AuthOptions = {}): AuthHttp {
  return {
    cookie: { secure: secureCookies },
    settings: {
      lifetimes: lifetimesFrom({
        ...(options.sessionIdleHours !== undefined ? { idleHours: options.sessionIdleHours } : {}),
        ...(options.sessionMaxDays !== undefined ? { maxDays: options.sessionMaxDays } : {}),
      }),
      throttle: { ...DEFAULT_THROTTLE, ...options.throttle },
    },
    proxies: options.trustProxy ?? null,
    clock: options.clock ?? (() => new Date()),
  };
}
