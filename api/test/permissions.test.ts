import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAcceptanceTask, buildCouncilExperts, insertCouncil } from "./council-fixtures.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { buildAdjustment } from "./progress-fixtures.ts";
import { prepareReports } from "./report-fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * Walks every route the app registers with every role: those the OpenAPI document lists and the
 * plain Hono ones it does not (API reference pages, the unknown-route answer). The list comes from
 * the built app's router, so a new route that is not in the table below fails this test, by name,
 * until someone decides who may call it.
 */
type Who = "anonymous" | "admin" | "staff" | "head" | "pi" | "council";
const WHO: Who[] = ["anonymous", "admin", "staff", "head", "pi", "council"];

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let reports: Awaited<ReturnType<typeof prepareReports>>;
/** Open adjustment requests of the rice task, filed by its PI: one to decide, one to withdraw. */
const adjustments = { toDecide: 0, toWithdraw: 0 };
const cookies: Partial<Record<Who, string>> = {};
/** Numbers the unknown e-mails the sign-in row tries. */
let unknownLogins = 0;
/** An established acceptance council chaired by the council user (conflicts declared: none). */
const councils = { taskId: 0, councilId: 0, chairSeat: 0, otherSeat: 0, expertId: 0 };

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
  const experts = await buildCouncilExperts(api.db, portfolio);
  const acceptance = await buildAcceptanceTask(api.db, portfolio);
  const council = await insertCouncil(
    api.db,
    portfolio,
    acceptance.task.id,
    experts.people.map((p) => p.id),
  );
  await api.db
    .updateTable("council_member")
    .set({ conflict_status: "none", conflict_declared_at: new Date() })
    .where("id", "=", council.memberIds[0] ?? 0)
    .execute();
  const expert = await api.db.selectFrom("expert").select("id").orderBy("id").executeTakeFirstOrThrow();
  Object.assign(councils, {
    taskId: acceptance.task.id,
    councilId: council.councilId,
    chairSeat: council.memberIds[0],
    otherSeat: council.memberIds[5],
    expertId: expert.id,
  });
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
    // A new unknown address each time: six failures on one would lock it (429) by design.
    body: () => ({ email: `nobody${++unknownLogins}@nowhere.vn`, password: "wrong-password" }),
    expect: everyone(401, 401),
  },
  "GET /auth/sessions": { path: () => "/api/auth/sessions", expect: everyone(401, 200) },
  "DELETE /auth/sessions/{id}": { path: () => "/api/auth/sessions/nosuchsession", expect: everyone(401, 404) },
  // Ends the caller's other sessions only: the table's own cookies stay valid.
  "POST /auth/sessions/end-others": { path: () => "/api/auth/sessions/end-others", expect: everyone(401, 200) },
  "POST /auth/password": { path: () => "/api/auth/password", body: {}, expect: everyone(401, 400) },
  "POST /auth/email": { path: () => "/api/auth/email", body: {}, expect: everyone(401, 400) },
  "POST /auth/logout": { path: () => "/api/auth/logout", expect: everyone(204, 204) },
  "GET /auth/me": { path: () => "/api/auth/me", expect: everyone(401, 200) },
  "GET /tasks": { path: () => "/api/tasks", expect: everyone(401, 200) },
  "GET /tasks/export": { path: () => "/api/tasks/export?format=csv", expect: everyone(401, 200) },
  "GET /dashboard": {
    path: () => "/api/dashboard",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "GET /dashboard/export": {
    path: () => "/api/dashboard/export?table=money&format=csv",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "GET /worklist": { path: () => "/api/worklist", expect: everyone(401, 200) },
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
  "GET /users/{userId}/sessions": {
    path: () => "/api/users/999999/sessions",
    expect: { ...everyone(401, 403), admin: 404 },
  },
  "DELETE /users/{userId}/sessions": {
    path: () => "/api/users/999999/sessions",
    expect: { ...everyone(401, 403), admin: 404 },
  },
  "POST /users/{userId}/password": {
    path: () => "/api/users/999999/password",
    body: { newPassword: "walk-the-permission-table" },
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
  // Councils: an established acceptance council on a task in acceptance (led by the pi user), chaired
  // by the council user. Refusals by the rules (409/400) show the permission check was passed.
  "GET /experts": {
    path: () => "/api/experts",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "POST /experts": {
    path: () => "/api/experts",
    body: { fullName: "Chuyên gia thử quyền", field: "natural" },
    expect: { anonymous: 401, admin: 201, staff: 201, head: 403, pi: 403, council: 403 },
  },
  "PATCH /experts/{id}": {
    path: () => `/api/experts/${councils.expertId}`,
    body: { specialty: "Thử quyền" },
    expect: { anonymous: 401, admin: 200, staff: 200, head: 403, pi: 403, council: 403 },
  },
  "GET /councils": {
    path: () => "/api/councils",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 200 },
  },
  "GET /councils/mine": { path: () => "/api/councils/mine", expect: everyone(401, 200) },
  "GET /councils/composition": {
    path: () => `/api/councils/composition?kind=acceptance&taskId=${councils.taskId}`,
    expect: everyone(401, 200),
  },
  "POST /councils": {
    // The task already has its council: staff are told so (nothing formed).
    path: () => "/api/councils",
    body: () => ({ kind: "acceptance", taskIds: [councils.taskId] }),
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 403, council: 403 },
  },
  "GET /councils/{id}": {
    path: () => `/api/councils/${councils.councilId}`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 404, council: 200 },
  },
  "PATCH /councils/{id}": {
    path: () => `/api/councils/${councils.councilId}`,
    body: { version: 99, location: "Phòng họp tầng 3" },
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "POST /councils/{id}/members": {
    path: () => `/api/councils/${councils.councilId}/members`,
    body: () => ({ personId: portfolio.people.colleague.id, role: "member" }),
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "DELETE /councils/{id}/members/{memberId}": {
    path: () => `/api/councils/${councils.councilId}/members/${councils.otherSeat}`,
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "POST /councils/{id}/establish": {
    path: () => `/api/councils/${councils.councilId}/establish`,
    body: { document: { number: "1/QĐ-SKHCN", issuedOn: "2026-01-05", signer: "A" } },
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "POST /councils/{id}/members/{memberId}/conflict": {
    // The chair's declaration is already recorded: only the chair gets that far.
    path: () => `/api/councils/${councils.councilId}/members/${councils.chairSeat}/conflict`,
    body: { hasConflict: false },
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 404, council: 409 },
  },
  "POST /councils/{id}/members/{memberId}/recusal": {
    path: () => `/api/councils/${councils.councilId}/members/${councils.otherSeat}/recusal`,
    body: { reason: "Thử quyền" },
    expect: { anonymous: 401, admin: 403, staff: 200, head: 403, pi: 404, council: 403 },
  },
  "PUT /councils/{id}/attendance": {
    path: () => `/api/councils/${councils.councilId}/attendance`,
    body: { present: [] },
    expect: { anonymous: 401, admin: 403, staff: 200, head: 403, pi: 404, council: 403 },
  },
  "POST /councils/{id}/applicants": {
    // Not a selection council: staff are told so.
    path: () => `/api/councils/${councils.councilId}/applicants`,
    body: () => ({ taskId: councils.taskId, name: "Viện thử quyền" }),
    expect: { anonymous: 401, admin: 403, staff: 400, head: 403, pi: 404, council: 403 },
  },
  "GET /councils/{id}/score-sheet": {
    path: () => `/api/councils/${councils.councilId}/score-sheet`,
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 404, council: 200 },
  },
  "PUT /councils/{id}/scores/{taskId}": {
    // A grade off the scale: only the member in the seat gets as far as the scale.
    path: () => `/api/councils/${councils.councilId}/scores/${councils.taskId}`,
    body: { products: [], report: "great" },
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 404, council: 400 },
  },
  "POST /councils/{id}/scores/{taskId}/sign-off": {
    path: () => `/api/councils/${councils.councilId}/scores/${councils.taskId}/sign-off`,
    expect: { anonymous: 401, admin: 403, staff: 403, head: 403, pi: 404, council: 400 },
  },
  "POST /councils/{id}/members/{memberId}/reopen": {
    path: () => `/api/councils/${councils.councilId}/members/${councils.chairSeat}/reopen`,
    body: { reason: "Thử quyền" },
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "POST /councils/{id}/close": {
    path: () => `/api/councils/${councils.councilId}/close`,
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 404, council: 403 },
  },
  "GET /councils/{id}/minutes": {
    // Not closed: no minutes yet for anyone who sees the council.
    path: () => `/api/councils/${councils.councilId}/minutes`,
    expect: everyone(401, 404),
  },
  "GET /tasks/{id}/councils": {
    path: () => `/api/tasks/${councils.taskId}/councils`,
    expect: everyone(401, 200),
  },
  "GET /tasks/{id}/deadlines": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/deadlines`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  // The budget of the rice task (in progress, led by the pi user; no plan yet).
  "GET /tasks/{id}/budget": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/budget`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  "PUT /tasks/{id}/budget/plan": {
    // A stale version: staff pass the permission check and are told to reload (nothing saved).
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/budget/plan`,
    body: { version: 99, reason: "Thử quyền", lines: [] },
    expect: { anonymous: 401, admin: 403, staff: 409, head: 403, pi: 403, council: 404 },
  },
  "POST /tasks/{id}/budget/movements": {
    // An advance with nothing allocated: staff pass the permission check and are refused by the rules.
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/budget/movements`,
    body: { kind: "advance", year: 2024, source: "state", amount: "1", occurredOn: "2024-03-01" },
    expect: { anonymous: 401, admin: 403, staff: 422, head: 403, pi: 403, council: 404 },
  },
  "GET /tasks/{id}/budget/export": {
    path: () => `/api/tasks/${portfolio.tasks.rice.id}/budget/export?table=years&format=csv`,
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 200, council: 404 },
  },
  // Register imports: staff and administrators only; who sees which batch is walked in imports.test.ts.
  "GET /imports/template": {
    path: () => "/api/imports/template?format=csv",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 403, pi: 403, council: 403 },
  },
  "POST /imports": {
    // JSON instead of a file: those allowed in are told to send multipart (nothing stored).
    path: () => "/api/imports",
    body: { file: "not a file" },
    expect: { anonymous: 401, admin: 415, staff: 415, head: 403, pi: 403, council: 403 },
  },
  "GET /imports/{id}": { path: () => "/api/imports/999999", expect: everyone(401, 404) },
  // Answered from memory without a session: only the commit's Idempotency-Key opens it.
  "GET /imports/{id}/progress": { path: () => "/api/imports/999999/progress?key=walk", expect: everyone(404, 404) },
  "PATCH /imports/{id}/rows/{rowNumber}": {
    path: () => "/api/imports/999999/rows/2",
    body: { cells: { title: "Thử quyền" } },
    expect: everyone(401, 404),
  },
  "POST /imports/{id}/rows/{rowNumber}/skip": {
    path: () => "/api/imports/999999/rows/2/skip",
    body: { skipped: true },
    expect: everyone(401, 404),
  },
  "POST /imports/{id}/commit": { path: () => "/api/imports/999999/commit", expect: everyone(401, 404) },
  // Rule parameters: administrators change them; staff and heads read their own unit's (the default for them).
  "GET /rule-parameters": {
    path: () => "/api/rule-parameters",
    expect: { anonymous: 401, admin: 200, staff: 200, head: 200, pi: 403, council: 403 },
  },
  "PUT /rule-parameters/{key}": {
    // A day count out of range: administrators are told so (nothing stored), everyone else is refused first.
    path: () => "/api/rule-parameters/acceptance_dossier_days",
    body: { unitId: null, regime: "*", value: 0 },
    expect: { ...everyone(401, 403), admin: 400 },
  },
  "DELETE /rule-parameters/{key}": {
    // Nothing stored for the scope: administrators are told so.
    path: () => "/api/rule-parameters/acceptance_dossier_days?regime=*",
    expect: { ...everyone(401, 403), admin: 404 },
  },
  // Plain Hono routes, outside the OpenAPI document: the API reference is public (it holds no data).
  "GET /openapi.json": { path: () => "/api/openapi.json", expect: everyone(200, 200) },
  "GET /docs": { path: () => "/api/docs", expect: everyone(200, 200) },
  "GET /docs/init.js": { path: () => "/api/docs/init.js", expect: everyone(200, 200) },
  "GET /docs/assets/{file}": { path: () => "/api/docs/assets/swagger-ui.css", expect: everyone(200, 200) },
  // Any other path under /api: JSON 404 for everyone, signed in or not.
  "ALL /*": { path: () => "/api/no-such-route", expect: everyone(404, 404) },
};

/**
 * Registrations of the outer app that only wire middleware (request log, security headers) under
 * every path. The API's own catch-all, `/api/*`, also answers unknown API paths: its row is `ALL /*`.
 */
const MIDDLEWARE_ONLY = new Set(["ALL /*"]);

/** Every route the built app's router holds, as `METHOD /path` with `{param}`s, without the `/api` prefix. */
function registeredRoutes(): string[] {
  const keys = api.app.routes
    .filter(({ method, path }) => !MIDDLEWARE_ONLY.has(`${method} ${path}`))
    .map(({ method, path }) => {
      const route = path
        .replace(/^\/api(?=\/|$)/, "")
        .replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}")
        .replace(/\/+$/, "");
      return `${method} ${route || "/"}`;
    });
  return [...new Set(keys)].sort();
}

describe("every route with every role", () => {
  it("has a decision for every registered route, documented or not", () => {
    const registered = registeredRoutes();
    const missing = registered.filter((route) => !(route in table));
    expect(missing, `registered routes without a row in the permission table: ${missing.join(", ")}`).toEqual([]);
    const stale = Object.keys(table).filter((route) => !registered.includes(route));
    expect(stale, `rows for routes the app does not register: ${stale.join(", ")}`).toEqual([]);
  });

  it("documents only registered routes", async () => {
    const doc = await (await api.request("/api/openapi.json")).json();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const registered = registeredRoutes();
    expect(documented.filter((route) => !registered.includes(route))).toEqual([]);
  });

  for (const [route, c] of Object.entries(table)) {
    it(route, async () => {
      const declared = route.split(" ")[0] ?? "GET";
      const method = declared === "ALL" ? "GET" : declared;
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
