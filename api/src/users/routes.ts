import { createRoute } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canManageUsers } from "../auth/permissions.ts";
import { ApiError, EndedCount, SessionList } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserIdParam, UserItem, UserList } from "./schemas.ts";
import { createUser, endUserSessions, listUserSessions, listUsers, resetUserPassword, updateUser } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const adminOnly = () => [requireActor, requirePermission(canManageUsers, "Only administrators manage accounts")];
const errors = {
  401: { description: "Not signed in", ...json(ApiError) },
  403: { description: "Not an administrator", ...json(ApiError) },
};

const list = createRoute({
  method: "get",
  path: "/users",
  tags: ["Administration"],
  summary: "Accounts with their roles, unit and linked person",
  middleware: adminOnly(),
  security: [{ session: [] }],
  responses: { 200: { description: "Accounts", ...json(UserList) }, ...errors },
});

const create = createRoute({
  method: "post",
  path: "/users",
  tags: ["Administration"],
  summary: "Open an account",
  middleware: adminOnly(),
  security: [{ session: [] }],
  request: { body: { required: true, ...json(CreateUserBody) } },
  responses: {
    201: { description: "Created", ...json(UserItem) },
    400: { description: "Invalid input", ...json(ApiError) },
    409: { description: "E-mail in use, or the person has an account", ...json(ApiError) },
    ...errors,
  },
});

const update = createRoute({
  method: "patch",
  path: "/users/{userId}",
  tags: ["Administration"],
  summary: "Change an account's name, roles, unit, person or status",
  description: "A change of roles, unit, person or status ends the user's open sessions.",
  middleware: adminOnly(),
  security: [{ session: [] }],
  request: { params: UserIdParam, body: { required: true, ...json(UpdateUserBody) } },
  responses: {
    200: { description: "Updated", ...json(UserItem) },
    400: { description: "Invalid input", ...json(ApiError) },
    404: { description: "No such account", ...json(ApiError) },
    409: { description: "The person has another account", ...json(ApiError) },
    ...errors,
  },
});

const sessions = createRoute({
  method: "get",
  path: "/users/{userId}/sessions",
  tags: ["Administration"],
  summary: "An account's open sessions",
  description: "For administrators of the account's unit (an administrator without a unit: any account).",
  middleware: adminOnly(),
  security: [{ session: [] }],
  request: { params: UserIdParam },
  responses: {
    200: { description: "Open sessions", ...json(SessionList) },
    404: { description: "No such account", ...json(ApiError) },
    ...errors,
  },
});

const endSessions = createRoute({
  method: "delete",
  path: "/users/{userId}/sessions",
  tags: ["Administration"],
  summary: "End all of an account's sessions",
  description: "For administrators of the account's unit (an administrator without a unit: any account).",
  middleware: adminOnly(),
  security: [{ session: [] }],
  request: { params: UserIdParam },
  responses: {
    200: { description: "How many were ended", ...json(EndedCount) },
    404: { description: "No such account", ...json(ApiError) },
    ...errors,
  },
});

const resetPassword = createRoute({
  method: "post",
  path: "/users/{userId}/password",
  tags: ["Administration"],
  summary: "Set a new password for an account (the user forgot theirs)",
  description:
    "For administrators of the account's unit (an administrator without a unit: any account), never for their own. " +
    "Ends all of the account's sessions and lifts its sign-in lock.",
  middleware: adminOnly(),
  security: [{ session: [] }],
  request: { params: UserIdParam, body: { required: true, ...json(ResetPasswordBody) } },
  responses: {
    204: { description: "Password set" },
    400: { description: "Invalid input, or the password is refused by the policy", ...json(ApiError) },
    404: { description: "No such account", ...json(ApiError) },
    ...errors,
  },
});

/** `clock`: the time sessions are judged by (tests move it). */
export function userRoutes(clock: () => Date = () => new Date()) {
  return createRouter<AppEnv>()
    .openapi(list, async (c) => c.json({ items: await listUsers(c.var.db) }, 200))
    .openapi(create, async (c) => c.json(await createUser(c.var.db, actorOf(c), c.req.valid("json")), 201))
    .openapi(update, async (c) =>
      c.json(await updateUser(c.var.db, actorOf(c), c.req.valid("param").userId, c.req.valid("json")), 200),
    )
    .openapi(sessions, async (c) =>
      c.json({ sessions: await listUserSessions(c.var.db, actorOf(c), c.req.valid("param").userId, clock()) }, 200),
    )
    .openapi(endSessions, async (c) =>
      c.json({ ended: await endUserSessions(c.var.db, actorOf(c), c.req.valid("param").userId) }, 200),
    )
    .openapi(resetPassword, async (c) => {
      await resetUserPassword(c.var.db, actorOf(c), c.req.valid("param").userId, c.req.valid("json").newPassword);
      return c.body(null, 204);
    });
}
