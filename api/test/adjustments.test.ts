import { buildPerson, buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { vietnamToday } from "../src/lifecycle/documents.ts";
import { addDays } from "../src/reports/schedule.ts";
import { scheduleReports } from "../src/reports/scheduling.ts";
import { setParameter } from "../src/rules/parameters.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  const otherUnit = await buildUnit(api.db, { code: "SKHCN-X", name: "Sở KH&CN tỉnh khác", kind: "department" });
  await buildUser(api.db, {
    email: "staff-elsewhere@test.vn",
    passwordHash: await hashPassword(PASSWORD),
    fullName: "Cán bộ tỉnh khác",
    roles: ["staff"],
    unitId: otherUnit.id,
  });
  for (const who of ["staff", "head", "pi", "council", "admin", "staff-elsewhere"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
});
afterAll(() => api.close());

const today = () => vietnamToday(new Date());
const LONG_REASON =
  "Điều kiện thời tiết bất thường làm chậm vụ thí nghiệm thứ hai; cần thêm một vụ để hoàn thành. ".repeat(3);

let docSeq = 500;
const decision = (overrides: Record<string, unknown> = {}) => ({
  number: `${docSeq++}/QĐ-SKHCN`,
  issuedOn: "2026-06-10",
  signer: "Trần Quang Vinh",
  ...overrides,
});

const file = (taskId: number, who: string, body: unknown) =>
  api.request(`/api/tasks/${taskId}/adjustments`, { method: "POST", cookie: cookie[who] ?? null, json: body });
const decide = (id: number, who: string, body: unknown) =>
  api.request(`/api/adjustments/${id}/decide`, { method: "POST", cookie: cookie[who] ?? null, json: body });
const withdraw = (id: number, who: string) =>
  api.request(`/api/adjustments/${id}/withdraw`, { method: "POST", cookie: cookie[who] ?? null });
const get = (path: string, who = "staff") => api.request(path, { cookie: cookie[who] ?? null });

async function ok(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}
async function fails(res: Response, status: number, code: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.code).toBe(code);
  return body as {
    code: string;
    message: string;
    fields?: Record<string, string>;
    details?: { codes?: Record<string, string> };
  };
}

const runningTask = (overrides: Parameters<typeof buildTask>[1] = {}) =>
  buildTask(api.db, {
    stage: "in_progress",
    managing_unit_id: portfolio.department.id,
    host_organisation_id: portfolio.institute.id,
    pi_person_id: portfolio.people.scientist.id,
    start_date: "2025-01-01",
    end_date: "2026-12-31",
    ...overrides,
  });

const periods = async (taskId: number) =>
  api.db
    .selectFrom("report_period")
    .select(["seq", "period_start", "period_end", "due_on"])
    .where("task_id", "=", taskId)
    .orderBy("seq")
    .execute();

describe("a six-month extension", () => {
  it("once approved, moves the end date, the version and the report schedule, with a history entry", async () => {
    const id = portfolio.tasks.rice.id;
    await api.db.transaction().execute((trx) => scheduleReports(trx, id));
    const scheduled = await periods(id);
    expect(scheduled.length).toBeGreaterThan(0);
    const before = await ok(await get(`/api/tasks/${id}`), 200);
    expect(before.endDate).toBe("2025-12-31");

    const filed = await ok(
      await file(id, "pi", {
        kind: "duration",
        reason: "Cần thêm một vụ lúa để khảo nghiệm",
        after: { endDate: "2026-06-30" },
      }),
      201,
    );
    expect(filed).toMatchObject({
      taskId: id,
      kind: "duration",
      status: "submitted",
      before: { endDate: "2025-12-31" },
      after: { endDate: "2026-06-30" },
      extensionMonths: 6,
      exceptional: false,
      requestedBy: { name: "pi" },
      dueBy: addDays(today(), 15),
      clock: { daysLeft: 15, overdue: false },
      decision: null,
      canDecide: false,
      canWithdraw: true,
    });

    const listed = await ok(await get(`/api/tasks/${id}/adjustments`, "staff"), 200);
    expect(listed.items.map((a: { id: number }) => a.id)).toEqual([filed.id]);
    expect(listed.items[0].canDecide).toBe(true);
    expect(listed.decisionDays).toBe(15);
    expect(listed.kinds.find((k: { kind: string }) => k.kind === "duration")).toMatchObject({
      allowed: false,
      reasonCode: "OPEN_REQUEST_EXISTS",
    });
    const pending = await ok(await get("/api/adjustments/pending", "head"), 200);
    expect(pending.items.map((a: { id: number; task: { code: string } }) => [a.id, a.task.code])).toContainEqual([
      filed.id,
      "ĐT.2024.01",
    ]);

    // The PI asks; the Department decides, with its decision.
    await fails(await decide(filed.id, "pi", { decision: "approve", document: decision() }), 403, "FORBIDDEN");
    await fails(
      await decide(filed.id, "staff-elsewhere", { decision: "approve", document: decision() }),
      404,
      "NOT_FOUND",
    );
    const noDocument = await fails(await decide(filed.id, "staff", { decision: "approve" }), 400, "VALIDATION_FAILED");
    expect(noDocument.fields).toHaveProperty("document");

    const approved = await ok(
      await decide(filed.id, "head", {
        decision: "approve",
        document: decision({ number: "310/QĐ-SKHCN" }),
        comment: "Đồng ý gia hạn",
      }),
      200,
    );
    expect(approved).toMatchObject({
      status: "approved",
      clock: null,
      canDecide: false,
      canWithdraw: false,
      decision: { by: "head", comment: "Đồng ý gia hạn", document: { number: "310/QĐ-SKHCN" } },
    });

    const told = await api.db
      .selectFrom("notification")
      .select(["kind", "task_id", "payload"])
      .where("user_id", "=", portfolio.users.pi.id)
      .where("kind", "=", "adjustment.decided")
      .execute();
    expect(told).toEqual([
      {
        kind: "adjustment.decided",
        task_id: id,
        payload: { adjustmentId: filed.id, kind: "duration", decision: "approved" },
      },
    ]);

    const after = await ok(await get(`/api/tasks/${id}`), 200);
    expect(after.endDate).toBe("2026-06-30");
    expect(after.version).toBe(before.version + 1);

    const history = await ok(await get(`/api/tasks/${id}/history`, "pi"), 200);
    const entry = history.items.find((h: { action: string }) => h.action === "adjustment.approved");
    expect(entry.data).toMatchObject({
      kind: "duration",
      before: { endDate: "2025-12-31" },
      after: { endDate: "2026-06-30" },
      changes: { endDate: { before: "2025-12-31", after: "2026-06-30" } },
      version: before.version + 1,
    });

    // The longer contract owes one more periodic report.
    const rescheduled = await periods(id);
    expect(rescheduled).toHaveLength(scheduled.length + 1);
    expect(rescheduled.at(-1)).toMatchObject({ period_start: "2025-07-01", period_end: "2025-12-31" });

    // Settled once.
    await fails(await decide(filed.id, "staff", { decision: "reject", comment: "Muộn" }), 409, "CONFLICT");
    expect((await ok(await get(`/api/tasks/${id}/adjustments`, "pi"), 200)).approvedExtensions).toBe(1);
  });

  it("treats a second extension as exceptional", async () => {
    const id = portfolio.tasks.rice.id;
    const plain = await fails(
      await file(id, "pi", { kind: "duration", reason: "Thêm thời gian", after: { endDate: "2026-09-30" } }),
      409,
      "ADJUSTMENT_REFUSED",
    );
    expect(plain.fields).toHaveProperty("exceptional");
    expect(plain.details?.codes).toEqual({ exceptional: "SECOND_EXTENSION_NEEDS_EXCEPTIONAL" });
    const unjustified = await fails(
      await file(id, "pi", {
        kind: "duration",
        reason: "Thêm thời gian",
        exceptional: true,
        after: { endDate: "2026-09-30" },
      }),
      400,
      "VALIDATION_FAILED",
    );
    expect(unjustified.fields).toHaveProperty("reason");
    expect(unjustified.details?.codes).toEqual({ reason: "SECOND_EXTENSION_NEEDS_JUSTIFICATION" });
    const exceptional = await ok(
      await file(id, "pi", {
        kind: "duration",
        reason: LONG_REASON,
        exceptional: true,
        after: { endDate: "2026-09-30" },
      }),
      201,
    );
    expect(exceptional).toMatchObject({ exceptional: true, extensionMonths: 3 });
    await ok(await withdraw(exceptional.id, "pi"), 200);
  });
});

describe("the rules of a request", () => {
  it("refuses content and product changes under full lump-sum funding, and tells which kinds are open", async () => {
    const task = await runningTask({ funding_mode: "full_lump_sum", regime: "law_93_2025" });
    for (const body of [
      { kind: "products", reason: "Bỏ bớt sản phẩm", after: { description: "Bỏ 1 bài báo" } },
      { kind: "content", reason: "Đổi mục tiêu", after: { description: "Đổi", objectives: "Mục tiêu mới" } },
    ]) {
      const refused = await fails(await file(task.id, "pi", body), 409, "ADJUSTMENT_REFUSED");
      expect(refused.fields?.kind).toMatch(/lump-sum/);
      expect(refused.details?.codes).toEqual({
        kind: body.kind === "content" ? "LUMP_SUM_CONTENT_FIXED" : "LUMP_SUM_PRODUCTS_FIXED",
      });
    }
    const listed = await ok(await get(`/api/tasks/${task.id}/adjustments`, "pi"), 200);
    expect(listed.canRequest).toBe(true);
    expect(
      Object.fromEntries(listed.kinds.map((k: { kind: string; allowed: boolean }) => [k.kind, k.allowed])),
    ).toEqual({
      duration: true,
      budget: true,
      content: false,
      products: false,
      pi: true,
      host_organisation: true,
      other: true,
    });
    expect(
      Object.fromEntries(listed.kinds.map((k: { kind: string; reasonCode: string | null }) => [k.kind, k.reasonCode])),
    ).toMatchObject({ duration: null, content: "LUMP_SUM_CONTENT_FIXED", products: "LUMP_SUM_PRODUCTS_FIXED" });
    await ok(await file(task.id, "pi", { kind: "duration", reason: "Chậm", after: { endDate: "2027-03-31" } }), 201);
    expect(
      await api.db.selectFrom("adjustment_request").select("kind").where("task_id", "=", task.id).execute(),
    ).toEqual([{ kind: "duration" }]);
  });

  it("checks the change itself, one open request per kind, and writes nothing when refused", async () => {
    const task = await runningTask();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ kind: "duration", reason: "x", after: { endDate: "2026-12-31" } }, 400, "VALIDATION_FAILED", "after.endDate"],
      [{ kind: "duration", reason: "x", after: { endDate: "2027-07-31" } }, 400, "VALIDATION_FAILED", "reason"],
      [{ kind: "duration", reason: "x", after: { endDate: "2027-02-30" } }, 400, "VALIDATION_FAILED", "after.endDate"],
      [
        { kind: "budget", reason: "x", after: { totalBudget: "900000000", stateBudget: "1000000000" } },
        400,
        "VALIDATION_FAILED",
        "after.stateBudget",
      ],
      [
        { kind: "budget", reason: "x", after: { totalBudget: "1300000000.5", stateBudget: "1000000000" } },
        400,
        "VALIDATION_FAILED",
        "after.totalBudget",
      ],
      [
        { kind: "pi", reason: "x", after: { piPersonId: portfolio.people.scientist.id } },
        400,
        "VALIDATION_FAILED",
        "after.piPersonId",
      ],
      [{ kind: "pi", reason: "x", after: { piPersonId: 999_999 } }, 400, "VALIDATION_FAILED", "after.piPersonId"],
      [
        { kind: "host_organisation", reason: "x", after: { hostOrganisationId: 999_999 } },
        400,
        "VALIDATION_FAILED",
        "after.hostOrganisationId",
      ],
      [{ kind: "other", reason: "x", after: { endDate: "2027-01-01" } }, 400, "VALIDATION_FAILED", "after.endDate"],
      [{ kind: "other", reason: " ", after: { description: "y" } }, 400, "VALIDATION_FAILED", "reason"],
      [
        { kind: "budget", reason: "x", exceptional: true, after: { totalBudget: "1", stateBudget: "1" } },
        400,
        "VALIDATION_FAILED",
        "exceptional",
      ],
      [{ kind: "rename", reason: "x", after: {} }, 400, "VALIDATION_FAILED", "kind"],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await fails(await file(task.id, "pi", body), status, code);
      expect(Object.keys(res.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(await api.db.selectFrom("adjustment_request").select("id").where("task_id", "=", task.id).execute()).toEqual(
      [],
    );

    await ok(await file(task.id, "pi", { kind: "other", reason: "Đổi địa điểm", after: { description: "Xã B" } }), 201);
    const twice = await fails(
      await file(task.id, "staff", { kind: "other", reason: "Lần nữa", after: { description: "Xã C" } }),
      409,
      "CONFLICT",
    );
    expect(twice.fields).toHaveProperty("kind");
    expect(twice.details?.codes).toEqual({ kind: "OPEN_REQUEST_EXISTS" });
    // Another kind may be open at the same time.
    await ok(
      await file(task.id, "staff", {
        kind: "budget",
        reason: "Bổ sung vốn đối ứng",
        after: { totalBudget: "1300000000", stateBudget: "1000000000" },
      }),
      201,
    );
  });

  it("takes requests from the task's PI and the unit's staff while the task runs", async () => {
    const task = await runningTask();
    const body = { kind: "other", reason: "Đổi địa điểm", after: { description: "Xã B" } };
    await fails(await file(task.id, "head", body), 403, "FORBIDDEN");
    await fails(await file(task.id, "admin", body), 403, "FORBIDDEN");
    await fails(await file(task.id, "council", body), 404, "NOT_FOUND");
    await fails(await file(task.id, "staff-elsewhere", body), 404, "NOT_FOUND");
    await fails(await get(`/api/tasks/${task.id}/adjustments`, "staff-elsewhere"), 404, "NOT_FOUND");
    const proposal = await fails(await file(portfolio.tasks.city.id, "staff", body), 409, "ADJUSTMENT_REFUSED");
    expect(proposal.fields).toHaveProperty("stage");
    expect(proposal.details?.codes).toEqual({ stage: "NOT_IN_PROGRESS" });
    const closed = await fails(await file(portfolio.tasks.cattle.id, "staff", body), 409, "ADJUSTMENT_REFUSED");
    expect(closed.fields).toHaveProperty("stage");
    await ok(await file(task.id, "staff", body), 201);
  });

  it("dates the deadline by the unit's rule parameter", async () => {
    const task = await runningTask();
    await api.db
      .transaction()
      .execute((trx) =>
        setParameter(trx, { unitId: portfolio.department.id, regime: "*" }, "adjustment_decision_days", 10, null),
      );
    try {
      const filed = await ok(
        await file(task.id, "pi", { kind: "other", reason: "Đổi địa điểm", after: { description: "Xã B" } }),
        201,
      );
      expect(filed.dueBy).toBe(addDays(today(), 10));
      expect((await ok(await get(`/api/tasks/${task.id}/adjustments`), 200)).decisionDays).toBe(10);
    } finally {
      await api.db.deleteFrom("rule_parameter").where("key", "=", "adjustment_decision_days").execute();
    }
  });
});

describe("applying an approval", () => {
  it("changes the budget, the PI with the team's PI entry, and the host", async () => {
    const newPi = await buildPerson(api.db, { full_name: "Đỗ Thị Hoa", title: "TS." });
    const task = await runningTask({
      team: [
        { personId: portfolio.people.scientist.id, role: "pi" },
        { personId: portfolio.people.colleague.id, role: "secretary" },
      ],
    });
    const budget = await ok(
      await file(task.id, "pi", {
        kind: "budget",
        reason: "Bổ sung vốn đối ứng của doanh nghiệp",
        after: { totalBudget: "1500000000", stateBudget: "1000000000" },
      }),
      201,
    );
    const pi = await ok(
      await file(task.id, "staff", {
        kind: "pi",
        reason: "Chủ nhiệm chuyển công tác",
        after: { piPersonId: newPi.id },
      }),
      201,
    );
    expect(pi).toMatchObject({
      before: { piPersonId: portfolio.people.scientist.id, piName: "TS. Nguyễn Văn An" },
      after: { piPersonId: newPi.id, piName: "TS. Đỗ Thị Hoa" },
    });
    const host = await ok(
      await file(task.id, "staff", {
        kind: "host_organisation",
        reason: "Sáp nhập đơn vị",
        after: { hostOrganisationId: portfolio.university.id },
      }),
      201,
    );
    expect(host.after).toEqual({ hostOrganisationId: portfolio.university.id, hostName: "Trường Đại học Hoa Lư" });

    const version = (await ok(await get(`/api/tasks/${task.id}`), 200)).version;
    await ok(await decide(budget.id, "staff", { decision: "approve", document: decision() }), 200);
    await ok(await decide(pi.id, "head", { decision: "approve", document: decision() }), 200);
    await ok(await decide(host.id, "staff", { decision: "approve", document: decision() }), 200);

    const after = await ok(await get(`/api/tasks/${task.id}`), 200);
    expect(after).toMatchObject({
      totalBudget: "1500000000",
      stateBudget: "1000000000",
      otherBudget: "500000000",
      pi: { id: newPi.id },
      host: { id: portfolio.university.id },
      version: version + 3,
    });
    expect(after.team.map((m: { personId: number; role: string }) => [m.personId, m.role])).toEqual([
      [newPi.id, "pi"],
      [portfolio.people.colleague.id, "secretary"],
    ]);
    // The former PI no longer sees the task.
    await fails(await get(`/api/tasks/${task.id}`, "pi"), 404, "NOT_FOUND");
    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("task_id", "=", task.id)
      .where("action", "=", "adjustment.approved")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => Object.keys((a.data as { changes: object }).changes).sort())).toEqual([
      ["totalBudget"],
      ["piPersonId", "team"],
      ["hostOrganisationId"],
    ]);
  });

  it("checks the request again when approving, and lets it be rejected with a reason", async () => {
    const task = await runningTask();
    const filed = await ok(
      await file(task.id, "pi", { kind: "duration", reason: "Chậm tiến độ", after: { endDate: "2027-03-31" } }),
      201,
    );
    const noReason = await fails(await decide(filed.id, "staff", { decision: "reject" }), 400, "VALIDATION_FAILED");
    expect(noReason.fields).toHaveProperty("comment");
    await api.db.updateTable("task").set({ stage: "terminated" }).where("id", "=", task.id).execute();
    await fails(
      await decide(filed.id, "staff", { decision: "approve", document: decision() }),
      409,
      "ADJUSTMENT_REFUSED",
    );
    expect(
      (await api.db.selectFrom("task").select("end_date").where("id", "=", task.id).executeTakeFirstOrThrow()).end_date,
    ).toBe("2026-12-31");
    const rejected = await ok(
      await decide(filed.id, "head", { decision: "reject", comment: "Nhiệm vụ đã chấm dứt" }),
      200,
    );
    expect(rejected).toMatchObject({
      status: "rejected",
      decision: { by: "head", comment: "Nhiệm vụ đã chấm dứt", document: null },
    });
    const audit = await api.db
      .selectFrom("audit_log")
      .select("action")
      .where("task_id", "=", task.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["adjustment.submitted", "adjustment.rejected"]);
  });
});

describe("withdrawing and watching deadlines", () => {
  it("lets only the requester withdraw an open request", async () => {
    const task = await runningTask();
    const filed = await ok(
      await file(task.id, "pi", { kind: "other", reason: "Đổi địa điểm", after: { description: "Xã B" } }),
      201,
    );
    await fails(await withdraw(filed.id, "staff"), 403, "FORBIDDEN");
    await fails(await withdraw(filed.id, "staff-elsewhere"), 404, "NOT_FOUND");
    await fails(await withdraw(999_999, "pi"), 404, "NOT_FOUND");
    const withdrawn = await ok(await withdraw(filed.id, "pi"), 200);
    expect(withdrawn).toMatchObject({ status: "withdrawn", clock: null, decision: { by: "pi" } });
    await fails(await withdraw(filed.id, "pi"), 409, "CONFLICT");
    await fails(await decide(filed.id, "staff", { decision: "reject", comment: "x" }), 409, "CONFLICT");
    // The kind is free again.
    await ok(await file(task.id, "pi", { kind: "other", reason: "Đổi lại", after: { description: "Xã C" } }), 201);
  });

  it("lists open requests of the unit, the overdue first, for staff, heads and administrators", async () => {
    const task = await runningTask();
    const late = await ok(
      await file(task.id, "pi", { kind: "other", reason: "Đổi địa điểm", after: { description: "Xã B" } }),
      201,
    );
    await api.db
      .updateTable("adjustment_request")
      .set({ due_by: addDays(today(), -3) })
      .where("id", "=", late.id)
      .execute();
    for (const who of ["staff", "head", "admin"]) {
      const pending = await ok(await get("/api/adjustments/pending", who), 200);
      expect(pending.items[0]).toMatchObject({ id: late.id, clock: { daysLeft: -3, overdue: true } });
      expect(pending.overdue).toBeGreaterThanOrEqual(1);
      expect(pending.items.every((a: { status: string }) => a.status === "submitted")).toBe(true);
    }
    expect((await ok(await get("/api/adjustments/pending", "staff-elsewhere"), 200)).items).toEqual([]);
    await fails(await get("/api/adjustments/pending", "pi"), 403, "FORBIDDEN");
    await fails(await get("/api/adjustments/pending", "council"), 403, "FORBIDDEN");
  });
});
