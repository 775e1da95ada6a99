import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { appendAudit } from "../src/audit/repository.ts";
import type { AppEnv } from "../src/http/context.ts";
import { DomainError, handleError } from "../src/http/errors.ts";
import { createLogger } from "../src/logging/logger.ts";
import { loggedPath, requestLogging } from "../src/logging/request-log.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { ORIGIN, sessionCookie, startTestApi, type TestApi } from "./support.ts";

/*
 * The JSON log as an operator reads it: one line per request with its id, one per refusal and one
 * per audited event that the database kept; never a password, token, cookie or session id.
 */

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let output: string[] = [];
const destination = new Writable({
  write(chunk, _encoding, done) {
    output.push(...String(chunk).split("\n").filter(Boolean));
    done();
  },
});
const logger = createLogger("info", destination);
let app: ReturnType<typeof buildApp>;

const lines = () => output.map((l) => JSON.parse(l) as Record<string, unknown>);
const send = (path: string, init: { method?: string; cookie?: string; json?: unknown; id?: string } = {}) => {
  const headers = new Headers({ Origin: ORIGIN });
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.id) headers.set("X-Request-Id", init.id);
  if (init.json !== undefined) headers.set("Content-Type", "application/json");
  return app.request(path, {
    method: init.method ?? "GET",
    headers,
    ...(init.json !== undefined ? { body: JSON.stringify(init.json) } : {}),
  });
};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  app = buildApp({ db: api.db, databaseKind: api.handle.kind, filesDir: api.filesDir, logger });
}, 180_000);
afterAll(() => api?.close());
beforeEach(() => {
  output = [];
});

describe("the request log", () => {
  it("logs a sign-in, the session's use and the sign-out with the request id, and no secret", async () => {
    const login = await send("/api/auth/login", {
      method: "POST",
      id: "login-req-1",
      json: { email: "admin@test.vn", password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.headers.get("X-Request-Id")).toBe("login-req-1");
    const cookie = sessionCookie(login);
    const token = cookie.split("=")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    expect((await send("/api/auth/me", { cookie, id: "me-req-2" })).status).toBe(200);
    expect((await send("/api/auth/logout", { method: "POST", cookie, id: "logout-req-3" })).status).toBeLessThan(300);

    const all = lines();
    const request = all.find((l) => l.msg === "request" && l.requestId === "login-req-1");
    expect(request).toMatchObject({
      level: "info",
      method: "POST",
      path: "/api/auth/login",
      status: 200,
      userId: portfolio.users.admin.id,
    });
    expect(typeof request?.ms).toBe("number");
    expect(all.find((l) => l.requestId === "me-req-2" && l.msg === "request")).toMatchObject({
      userId: portfolio.users.admin.id,
      status: 200,
    });
    expect(all.find((l) => l.event === "audit" && l.requestId === "login-req-1")).toMatchObject({
      action: "auth.sign_in",
      actorUserId: portfolio.users.admin.id,
    });
    expect(all.find((l) => l.event === "audit" && l.requestId === "logout-req-3")).toMatchObject({
      action: "auth.sign_out",
    });

    const text = output.join("\n");
    const sessionIds = (await api.db.selectFrom("session").select("id").execute()).map((s) => s.id);
    for (const secret of [PASSWORD, token, cookie, ...sessionIds]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/khcn_session|set-cookie|authorization/i);
  });

  it("logs a failed sign-in (its audit row was kept) and the refusal, never the password tried", async () => {
    const tried = "wrong-but-secret-42";
    const res = await send("/api/auth/login", {
      method: "POST",
      id: "failed-login",
      json: { email: "staff@test.vn", password: tried },
    });
    expect(res.status).toBe(401);
    const all = lines();
    expect(all.find((l) => l.event === "audit" && l.requestId === "failed-login")).toMatchObject({
      action: "auth.sign_in_failed",
      actorUserId: portfolio.users.staff.id,
    });
    expect(all.find((l) => l.event === "access.denied" && l.requestId === "failed-login")).toMatchObject({
      status: 401,
      code: "INVALID_CREDENTIALS",
      level: "warn",
    });
    expect(output.join("\n")).not.toContain(tried);
  });

  it("logs a permission denial with the user and the code", async () => {
    const login = await send("/api/auth/login", { method: "POST", json: { email: "pi@test.vn", password: PASSWORD } });
    const cookie = sessionCookie(login);
    const res = await send("/api/users", { cookie, id: "denied-req" });
    expect(res.status).toBe(403);
    expect(lines().find((l) => l.event === "access.denied" && l.requestId === "denied-req")).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
      userId: portfolio.users.pi.id,
      path: "/api/users",
    });
  });

  it("keeps a visit's anonymous look at /api/auth/me at info: only real refusals are warnings", async () => {
    const res = await send("/api/auth/me", { id: "anonymous-me" });
    expect(res.status).toBe(401);
    expect(lines().find((l) => l.event === "access.denied" && l.requestId === "anonymous-me")).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
      level: "info",
    });
  });

  it("logs the client's address from the socket on a real port", async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await (await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { "X-Request-Id": "socket-req" } })).text();
    } finally {
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
    expect(lines().find((l) => l.requestId === "socket-req" && l.msg === "request")).toMatchObject({
      ip: "127.0.0.1",
      status: 200,
    });
  });

  it("logs the path without the query string", async () => {
    await send("/api/tasks?search=needle-in-query&pageSize=5", { id: "query-req" });
    const line = lines().find((l) => l.requestId === "query-req" && l.msg === "request");
    expect(line?.path).toBe("/api/tasks");
    expect(output.join("\n")).not.toContain("needle-in-query");
    expect(loggedPath("/api/auth/reset/Zq8x3kPl9vB2mN4cR7tY1wE5")).toBe("/api/auth/reset/:redacted");
    expect(loggedPath("/api/tasks/12/history")).toBe("/api/tasks/12/history");
  });

  it("logs a change only if its transaction committed", async () => {
    const probe = new Hono<AppEnv>();
    probe.use("*", requestLogging({ logger, db: api.db }));
    probe.post("/committed", async (c) => {
      await api.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, { actorUserId: null, action: "probe.committed", entityType: "probe", entityId: 1 }),
        );
      return c.json({ ok: true });
    });
    probe.post("/rolled-back", async () => {
      await api.db.transaction().execute(async (trx) => {
        await appendAudit(trx, { actorUserId: null, action: "probe.rolled_back", entityType: "probe", entityId: 2 });
        throw new DomainError("CONFLICT", "the change is refused after its audit row was written");
      });
      return new Response(null);
    });
    probe.post("/kept-then-refused", async () => {
      await api.db
        .transaction()
        .execute((trx) =>
          appendAudit(trx, { actorUserId: null, action: "probe.kept", entityType: "probe", entityId: 3 }),
        );
      throw new DomainError("FORBIDDEN", "refused after a kept record, like a failed sign-in");
    });
    probe.onError(handleError);

    expect((await probe.request("/committed", { method: "POST" })).status).toBe(200);
    expect((await probe.request("/rolled-back", { method: "POST" })).status).toBe(409);
    expect((await probe.request("/kept-then-refused", { method: "POST" })).status).toBe(403);
    const actions = lines()
      .filter((l) => l.event === "audit")
      .map((l) => l.action);
    expect(actions).toEqual(["probe.committed", "probe.kept"]);
    const rows = await api.db.selectFrom("audit_log").where("entity_type", "=", "probe").select("action").execute();
    expect(rows.map((r) => r.action).sort()).toEqual(["probe.committed", "probe.kept"]);
  });
});

describe("the logger", () => {
  it("censors secret-looking fields wherever a caller puts them", () => {
    logger.info(
      {
        password: "p-top",
        user: { newPassword: "p-nested", token: "t-nested" },
        data: { session: { sessionId: "s-deep" } },
        headers: { cookie: "c-value", authorization: "Bearer a-value", "set-cookie": "sc-value" },
      },
      "careless",
    );
    const text = output.join("\n");
    for (const secret of ["p-top", "p-nested", "t-nested", "s-deep", "c-value", "a-value", "sc-value"])
      expect(text).not.toContain(secret);
    expect(text).toContain("[redacted]");
  });

  it("stays silent by default, so the app and its tests write nothing", async () => {
    const quiet = buildApp({ db: api.db, databaseKind: api.handle.kind, filesDir: api.filesDir });
    expect((await quiet.request("/api/health")).status).toBe(200);
    expect(output).toEqual([]);
  });
});
