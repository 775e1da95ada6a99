import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * Walks every route the OpenAPI document lists with every role. A new route that is not in the
 * table below fails this test until someone decides who may call it.
 */
type Who = "anonymous" | "admin" | "staff" | "head" | "pi" | "council";
const WHO: Who[] = ["anonymous", "admin", "staff", "head", "pi", "council"];

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const who of WHO) if (who !== "anonymous") cookies[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
});
afterAll(() => api.close());

interface Case {
  path: () => string;
  body?: unknown;
  expect: Record<Who, number>;
}

const everyone = (anonymous: number, signedIn: number): Record<Who, number> => ({
  anonymous,
  admin: signedIn,
  staff: signedIn,
  head: signedIn,
  pi: signedIn,
  council: signedIn,
});

const table: Record<string, Case> = {
  "GET /health": { path: () => "/api/health", expect: everyone(200, 200) },
  "POST /auth/login": {
    path: () => "/api/auth/login",
    body: { email: "nobody@nowhere.vn", password: "wrong-password" },
    expect: everyone(401, 401),
  },
  "POST /auth/logout": { path: () => "/api/auth/logout", expect: everyone(204, 204) },
  "GET /auth/me": { path: () => "/api/auth/me", expect: everyone(401, 200) },
  "GET /tasks": { path: () => "/api/tasks", expect: everyone(401, 200) },
  "GET /tasks/{id}": {
    // The in-progress rice task: led by the pi user; the council user has no link to it.
    path: () => `/api/tasks/${portfolio.tasks.rice.id}`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /themes": { path: () => "/api/themes", expect: everyone(401, 200) },
  "GET /organisations": { path: () => "/api/organisations", expect: everyone(401, 200) },
  "GET /tasks/{id}/actions": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/actions`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "POST /tasks/{id}/transitions": {
    // Termination without its reason: the role check answers first, then the missing reason (nothing moves).
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/transitions`,
    body: {
      action: "terminate",
      fromStage: "in_progress",
      document: { number: "1/QĐ-SKHCN", issuedOn: "2026-01-05", signer: "A" },
    },
    expect: { anonymous: 401, admin: 403, staff: 400, head: 400, pi: 403, council: 404 },
  },
  "GET /tasks/{id}/timeline": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/timeline`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /tasks/{id}/history": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/history`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "POST /files": { path: () => "/api/files", body: { file: "not a file" }, expect: everyone(401, 415) },
  "GET /files/{fileId}": { path: () => "/api/files/999999", expect: everyone(401, 404) },
  "POST /tasks": {
    path: () => "/api/tasks",
    body: { title: "Đề xuất thử quyền", kind: "de_tai", field: "natural" },
    expect: { anonymous: 401, admin: 403, staff: 201, head: 403, pi: 201, council: 403 },
  },
  "PATCH /tasks/{id}": {
    // The smart-city proposal: led by the council user's person (who holds no pi role), not the pi user's.
    path: () => `/api/tasks/${portfolio.tasks.city.id}`,
    body: { version: 1, objectives: "Thử quyền sửa" },
    expect: { anonymous: 401, admin: 403, staff: 200, head: 403, pi: 404, council: 403 },
  },
  "GET /people": {
    path: () => "/api/people?q=an",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 403, pi: 200, council: 403 },
  },
  "GET /units": { path: () => "/api/units", expect: everyone(401, 200) },
  "POST /themes": {
    path: () => "/api/themes",
    body: { code: "WALK", nameVi: "Thử quyền", nameEn: "Permission walk" },
    expect: { anonymous: 401, admin: 201, staff: 403, head: 403, pi: 403, council: 403 },
  },
  "PATCH /themes/{id}": {
    path: () => `/api/themes/${portfolio.themes.smartCity.id}`,
    body: { nameEn: "Smart city" },
    expect: { anonymous: 401, admin: 200, staff: 403, head: 403, pi: 403, council: 403 },
  },
  "DELETE /themes/{id}": {
    // No such theme: administrators are told so, everyone else is refused first.
    path: () => "/api/themes/999999",
    expect: { anonymous: 401, admin: 404, staff: 403, head: 403, pi: 403, council: 403 },
  },
  "GET /users": { path: () => "/api/users", expect: { ...everyone(401, 403), admin: 200 } },
  "POST /users": {
    // An invalid account: administrators get the validation answer, everyone else is refused first.
    path: () => "/api/users",
    body: { email: "not-an-email" },
    expect: { ...everyone(401, 403), admin: 400 },
  },
  "PATCH /users/{userId}": {
    path: () => "/api/users/999999",
    body: { fullName: "Ai đó" },
    expect: { ...everyone(401, 403), admin: 404 },
  },
};

describe("every route with every role", () => {
  it("has a decision for every documented route", async () => {
    const doc = await (await api.request("/api/openapi.json")).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes.sort()).toEqual(Object.keys(table).sort());
  });

  for (const [route, c] of Object.entries(table)) {
    it(route, async () => {
      const method = route.split(" ")[0] ?? "GET";
      for (const who of WHO) {
        // Sign-out ends the session it is given, so it gets a session of its own.
        const cookie =
          route === "POST /auth/logout" && who !== "anonymous"
            ? await api.signIn(`${who}@test.vn`, PASSWORD)
            : (cookies[who] ?? null);
        const res = await api.request(c.path(), {
          method,
          cookie,
          ...(c.body !== undefined ? { json: c.body } : {}),
        });
        expect(res.status, `${route} as ${who}`).toBe(c.expect[who]);
      }
    });
  }
});
