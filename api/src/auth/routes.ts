import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import {
  type AuthHttp,
  actorOf,
  clearSessionCookie,
  currentSessionId,
  readSessionToken,
  requestFacts,
  requireActor,
  setSessionCookie,
} from "./middleware.ts";
import {
  ApiError,
  ChangeEmailBody,
  ChangePasswordBody,
  EndedCount,
  LoginBody,
  SessionIdParam,
  SessionList,
  SessionUser,
  ThrottledError,
} from "./schemas.ts";
import {
  changeEmail,
  changePassword,
  describeUser,
  endOtherSessions,
  endOwnSession,
  listSessions,
  signIn,
  signOut,
} from "./service.ts";

const UserEnvelope = z.object({ user: SessionUser });
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const throttled = {
  description: "Too many failed attempts: wait for Retry-After seconds",
  headers: z.object({ "Retry-After": z.string().openapi({ description: "Seconds to wait" }) }),
  ...json(ThrottledError),
};
const unauthenticated = { 401: { description: "Not signed in", ...json(ApiError) } };

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in with e-mail and password",
  description:
    "Sets an HttpOnly session cookie with a new token. Every failure answers the same 401, whether the e-mail exists or not; after repeated failures (per account and per client address) the answer is 429 with Retry-After, before any password is checked.",
  request: { body: { ...json(LoginBody), required: true } },
  responses: {
    200: { description: "Signed in", ...json(UserEnvelope) },
    400: { description: "Invalid input", ...json(ApiError) },
    401: { description: "Wrong e-mail or password", ...json(ApiError) },
    403: { description: "Foreign origin", ...json(ApiError) },
    429: throttled,
  },
});

const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["Auth"],
  summary: "Sign out and end the session",
  responses: { 204: { description: "Signed out" }, 403: { description: "Foreign origin", ...json(ApiError) } },
});

const me = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["Auth"],
  summary: "The signed-in user, with roles and unit",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: { 200: { description: "The signed-in user", ...json(UserEnvelope) }, ...unauthenticated },
});

const sessions = createRoute({
  method: "get",
  path: "/auth/sessions",
  tags: ["Auth"],
  summary: "My open sessions",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "Open sessions, most recently used first", ...json(SessionList) },
    ...unauthenticated,
  },
});

const endSession = createRoute({
  method: "delete",
  path: "/auth/sessions/{id}",
  tags: ["Auth"],
  summary: "End one of my sessions",
  description: "Ending the current session signs out (the cookie is cleared).",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { params: SessionIdParam },
  responses: {
    204: { description: "Ended" },
    404: { description: "No such session of yours", ...json(ApiError) },
    ...unauthenticated,
  },
});

const endOthers = createRoute({
  method: "post",
  path: "/auth/sessions/end-others",
  tags: ["Auth"],
  summary: "End all my sessions but this one",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: { 200: { description: "How many were ended", ...json(EndedCount) }, ...unauthenticated },
});

const password = createRoute({
  method: "post",
  path: "/auth/password",
  tags: ["Auth"],
  summary: "Change my password",
  description:
    "Needs the current password. The new one is 8 to 128 characters and not a common password (`reason`: too_short, too_long, common, same_as_email). Ends every other session and re-issues this one with a new token.",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { body: { ...json(ChangePasswordBody), required: true } },
  responses: {
    204: { description: "Changed; a new session cookie is set" },
    400: { description: "Wrong current password, or the new one refused", ...json(ApiError) },
    429: throttled,
    ...unauthenticated,
  },
});

const email = createRoute({
  method: "post",
  path: "/auth/email",
  tags: ["Auth"],
  summary: "Change my e-mail address (my sign-in name)",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { body: { ...json(ChangeEmailBody), required: true } },
  responses: {
    200: { description: "Changed", ...json(UserEnvelope) },
    400: { description: "Wrong current password or invalid input", ...json(ApiError) },
    409: { description: "Another account uses this e-mail", ...json(ApiError) },
    429: throttled,
    ...unauthenticated,
  },
});

export function authRoutes(auth: AuthHttp) {
  return createRouter<AppEnv>()
    .openapi(login, async (c) => {
      const body = c.req.valid("json");
      const facts = requestFacts(c, auth);
      const session = await signIn(
        c.var.db,
        body.email,
        body.password,
        facts,
        auth.settings,
        readSessionToken(c, auth.cookie),
      );
      setSessionCookie(c, session.token, session.cookieExpiresAt, auth.cookie);
      return c.json({ user: await describeUser(c.var.db, session.userId) }, 200);
    })
    .openapi(logout, async (c) => {
      const token = readSessionToken(c, auth.cookie);
      if (token) await signOut(c.var.db, token);
      clearSessionCookie(c, auth.cookie);
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const actor = actorOf(c);
      return c.json({ user: await describeUser(c.var.db, actor.userId) }, 200);
    })
    .openapi(sessions, async (c) => {
      const actor = actorOf(c);
      const list = await listSessions(c.var.db, actor.userId, currentSessionId(c, auth.cookie), auth.clock());
      return c.json({ sessions: list }, 200);
    })
    .openapi(endSession, async (c) => {
      const { wasCurrent } = await endOwnSession(
        c.var.db,
        actorOf(c),
        c.req.valid("param").id,
        currentSessionId(c, auth.cookie),
      );
      if (wasCurrent) clearSessionCookie(c, auth.cookie);
      return c.body(null, 204);
    })
    .openapi(endOthers, async (c) => {
      const ended = await endOtherSessions(c.var.db, actorOf(c), currentSessionId(c, auth.cookie));
      return c.json({ ended }, 200);
    })
    .openapi(password, async (c) => {
      const session = await changePassword(
        c.var.db,
        actorOf(c),
        currentSessionId(c, auth.cookie),
        c.req.valid("json"),
        requestFacts(c, auth),
        auth.settings,
      );
      setSessionCookie(c, session.token, session.cookieExpiresAt, auth.cookie);
      return c.body(null, 204);
    })
    .openapi(email, async (c) => {
      const user = await changeEmail(c.var.db, actorOf(c), c.req.valid("json"), requestFacts(c, auth), auth.settings);
      return c.json({ user }, 200);
    });
}
