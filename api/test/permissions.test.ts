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
