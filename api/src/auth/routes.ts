import { createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import {
  actorOf,
  type CookiePolicy,
  clearSessionCookie,
  readSessionToken,
  requireActor,
  setSessionCookie,
} from "./middleware.ts";
import { ApiError, LoginBody, SessionUser } from "./schemas.ts";
import { describeUser, signIn, signOut } from "./service.ts";

const UserEnvelope = z.object({ user: SessionUser });
const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["Auth"],
  summary: "Sign in with e-mail and password",
  description: "Sets an HttpOnly session cookie. Every failure answers the same 401, whether the e-mail exists or not.",
  request: { body: { ...json(LoginBody), required: true } },
  responses: {
    200: { description: "Signed in", ...json(UserEnvelope) },
    400: { description: "Invalid input", ...json(ApiError) },
    401: { description: "Wrong e-mail or password", ...json(ApiError) },
    403: { description: "Foreign origin", ...json(ApiError) },
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
  responses: {
    200: { description: "The signed-in user", ...json(UserEnvelope) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

export function authRoutes(policy: CookiePolicy) {
  return createRouter<AppEnv>()
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid("json");
      const session = await signIn(c.var.db, email, password);
      setSessionCookie(c, session.token, session.expiresAt, policy);
      return c.json({ user: await describeUser(c.var.db, session.userId) }, 200);
    })
    .openapi(logout, async (c) => {
      const token = readSessionToken(c);
      if (token) await signOut(c.var.db, token);
      clearSessionCookie(c, policy);
      return c.body(null, 204);
    })
    .openapi(me, async (c) => {
      const actor = actorOf(c);
      return c.json({ user: await describeUser(c.var.db, actor.userId) }, 200);
    });
}
