import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { buildAdjustment } from "./progress-fixtures.ts";
import { prepareReports } from "./report-fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * Walks every route the OpenAPI document lists with every role. A new route that is not in the
 * table below fails this test until someone decides who may call it.
 */
type Who = "anonymous" | "admin" | "staff" | "head" | "pi" | "council";
const WHO: Who[] = ["anonymous", "admin", "staff", "head", "pi", "council"];

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let reports: Awaited<ReturnType<typeof prepareReports>>;
/** Open adjustment requests of the rice task, filed by its PI: one to decide, one to withdraw. */
const adjustments = { toDecide: 0, toWithdraw: 0 };
const cookies: Partial<Record<Who, string>> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  reports = await prepareReports(api.db, portfolio);
  for (const [key, kind] of [
    ["toDecide", "other"],
    ["toWithdraw", "products"],
  ] as const) {
    adjustments[key] = (
      await buildAdjustment(api.db, { taskId: portfolio.tasks.rice.id, requestedBy: portfolio.users.pi.id, kind })
    ).id;
  }
  for (const who of WHO) if (who !== "anonymous") cookies[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
});
afterAll(() => api.close());

interface Case {
  path: () => string;
  /** The request body, or a function giving it once the fixtures exist. */
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
  // Reports of the rice task (led by the pi user): its first report submitted, its second open.
  "GET /tasks/{id}/reports": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/reports`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /tasks/{id}/progress": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/progress`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /reports/queue": {
    path: () => "/api/reports/queue",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "GET /reports/overdue": {
    path: () => "/api/reports/overdue",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 403 },
  },
  "GET /reports/{periodId}": {
    path: () => `/api/reports/${reports.submitted.periodId}`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "PUT /reports/{periodId}/draft": {
    // A stale revision: the PI passes the permission check and is told to merge (nothing saved).
    path: () => `/api/reports/${reports.open.periodId}/draft`,
    body: { revision: 99, content: { problems: "Thử quyền" } },
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 409, council: 404 },
  },
  "POST /reports/{periodId}/submit": {
    path: () => `/api/reports/${reports.open.periodId}/submit`,
    body: { revision: 99, hostConfirmation: { confirmedBy: "Nguyễn Văn Bình", confirmedOn: "2025-06-01" } },
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 409, council: 404 },
  },
  "POST /reports/{periodId}/review": {
    // A return without a comment: staff pass the permission check and are asked for one (nothing changes).
    path: () => `/api/reports/${reports.submitted.periodId}/review`,
    body: () => ({ versionId: reports.submitted.versionId, decision: "return", comments: {} }),
    expect: { anonymous: 401, admin: 403, staff: 400, head: 403, pi: 403, council: 404 },
  },
  "GET /reports/{periodId}/versions/{versionId}": {
    path: () => `/api/reports/${reports.submitted.periodId}/versions/${reports.submitted.versionId}`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /reports/{periodId}/compare": {
    path: () => `/api/reports/${reports.submitted.periodId}/compare`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "GET /notifications": { path: () => "/api/notifications", expect: everyone(401, 200) },
  // Inspections, adjustments and milestones of the rice task (in progress, led by the pi user).
  "GET /tasks/{id}/inspections": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/inspections`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "POST /tasks/{id}/inspections": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/inspections`,
    body: {
      kind: "inspection",
      inspectedOn: "2026-01-05",
      team: [{ name: "Phạm Văn Đông", role: "leader" }],
      findings: "Đúng tiến độ",
      conclusion: "continue",
      minutes: { number: "1/BB-SKHCN", issuedOn: "2026-01-05", signer: "Phạm Văn Đông" },
    },
    expect: { anonymous: 401, admin: 403, staff: 201, head: 403, pi: 403, council: 404 },
  },
  "GET /tasks/{id}/adjustments": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/adjustments`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "POST /tasks/{id}/adjustments": {
    // An "extension" to a date before the current end: those who may file are told so (nothing filed).
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/adjustments`,
    body: { kind: "duration", reason: "Thử quyền", after: { endDate: "2025-06-30" } },
    expect: { anonymous: 401, admin: 403, staff: 400, head: 403, pi: 400, council: 404 },
  },
  "POST /adjustments/{adjustmentId}/decide": {
    // An approval without its decision: those who may decide are asked for it (nothing changes).
    path: () => `/api/adjustments/${adjustments.toDecide}/decide`,
    body: { decision: "approve" },
    expect: { anonymous: 401, admin: 403, staff: 400, head: 400, pi: 403, council: 404 },
  },
  "POST /adjustments/{adjustmentId}/withdraw": {
    path: () => `/api/adjustments/${adjustments.toWithdraw}/withdraw`,
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 200, council: 404 },
  },
  "GET /adjustments/pending": {
    path: () => "/api/adjustments/pending",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "GET /tasks/{id}/milestones": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/milestones`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "POST /notifications/{id}/read": { path: () => "/api/notifications/999999/read", expect: everyone(401, 404) },
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
          ...(c.body !== undefined ? { json: typeof c.body === "function" ? c.body() : c.body } : {}),
        });
        expect(res.status, `${route} as ${who}`).toBe(c.expect[who]);
      }
    });
  }
});
