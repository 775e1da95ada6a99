import { buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { scheduleReports } from "../src/reports/scheduling.ts";
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

let docSeq = 700;
const document = (overrides: Record<string, unknown> = {}) => ({
  number: `${docSeq++}/QĐ-SKHCN`,
  issuedOn: "2025-02-10",
  signer: "Trần Quang Vinh",
  ...overrides,
});

const get = (path: string, who = "staff") => api.request(path, { cookie: cookie[who] ?? null });
const budget = (taskId: number, who = "staff") => get(`/api/tasks/${taskId}/budget`, who);
const putPlan = (taskId: number, body: unknown, who = "staff") =>
  api.request(`/api/tasks/${taskId}/budget/plan`, { method: "PUT", cookie: cookie[who] ?? null, json: body });
const move = (taskId: number, body: Record<string, unknown>, who = "staff") =>
  api.request(`/api/tasks/${taskId}/budget/movements`, {
    method: "POST",
    cookie: cookie[who] ?? null,
    json: { source: "state", occurredOn: "2025-03-01", ...body },
  });

async function ok(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}
async function fails(res: Response, status: number, code: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.code).toBe(code);
  return body as { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
}

const runningTask = (overrides: Parameters<typeof buildTask>[1] = {}) =>
  buildTask(api.db, {
    stage: "in_progress",
    managing_unit_id: portfolio.department.id,
    host_organisation_id: portfolio.institute.id,
    pi_person_id: portfolio.people.scientist.id,
    start_date: "2025-01-01",
    end_date: "2026-12-31",
    total_budget: "1000000000",
    state_budget: "800000000",
    ...overrides,
  });

/** A plan for runningTask's default totals: 800 million state over two years, 200 million other. */
const plan = () => [
  { source: "state", year: 2025, category: "labour", amount: "300000000" },
  { source: "state", year: 2025, category: "materials", amount: "200000000" },
  { source: "state", year: 2026, category: "equipment", amount: "300000000" },
  { source: "other", year: 2025, category: "other", amount: "200000000" },
];

const auditCount = async (taskId: number) =>
  Number(
    (
      await api.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("task_id", "=", taskId)
        .where("action", "like", "budget.%")
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("the budget plan", () => {
  it("saves a balanced plan as revision 1, audited, and refuses an unbalanced one with the difference", async () => {
    const task = await runningTask();
    const empty = await ok(await budget(task.id), 200);
    expect(empty).toMatchObject({ version: 0, lines: [], balanced: false, years: [], revisions: [] });
    expect(empty.categories.map((c: { code: string }) => c.code)).toContain("labour");
    expect(empty.permissions).toEqual({ canEditPlan: true, canRecordMovement: true });

    const short = plan();
    (short[3] as { amount: string }).amount = "199999999";
    const refused = await fails(
      await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: short }),
      422,
      "PLAN_NOT_BALANCED",
    );
    expect(refused.fields?.lines).toContain("short by 1 đồng");
    expect((await ok(await budget(task.id), 200)).version).toBe(0);
    expect(await auditCount(task.id)).toBe(0);

    const saved = await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    expect(saved).toMatchObject({
      version: 1,
      balanced: true,
      totals: {
        state: "800000000",
        other: "200000000",
        total: "1000000000",
        byYear: [
          { year: 2025, state: "500000000", other: "200000000", total: "700000000" },
          { year: 2026, state: "300000000", other: "0", total: "300000000" },
        ],
      },
      revisions: [
        { revision: 1, reason: "Lập dự toán", adjustmentRequestId: null, total: "1000000000", createdBy: "staff" },
      ],
    });
    expect(saved.lines).toHaveLength(4);
    expect(await auditCount(task.id)).toBe(1);

    // A second save from the same starting point is stale.
    await fails(await putPlan(task.id, { version: 0, reason: "Sửa", lines: plan() }), 409, "STALE_VERSION");
    const again = await ok(await putPlan(task.id, { version: 1, reason: "Chia lại khoản chi", lines: plan() }), 200);
    expect(again.version).toBe(2);
    expect(again.revisions.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
  });

  it("marks each bad amount, unknown category and year outside the task by its line", async () => {
    const task = await runningTask();
    for (const [amount, pattern] of [
      ["-300000000", /negative/],
      ["300000000.5", /fraction/],
      ["ba trăm triệu", /digits/],
      [0.5, /fraction/],
    ] as const) {
      const lines = plan();
      (lines[2] as { amount: unknown }).amount = amount;
      const body = await fails(
        await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines }),
        422,
        "AMOUNT_INVALID",
      );
      expect(Object.keys(body.fields ?? {})).toEqual(["lines.2.amount"]);
      expect(body.fields?.["lines.2.amount"]).toMatch(pattern);
    }
    const unknown = [...plan(), { source: "state", year: 2025, category: "travel", amount: "0" }];
    expect(
      (await fails(await putPlan(task.id, { version: 0, reason: "x", lines: unknown }), 422, "UNKNOWN_CATEGORY"))
        .fields,
    ).toHaveProperty("lines.4.category");
    const late = [...plan(), { source: "state", year: 2027, category: "labour", amount: "0" }];
    expect(
      (await fails(await putPlan(task.id, { version: 0, reason: "x", lines: late }), 422, "YEAR_OUTSIDE_TASK")).fields,
    ).toHaveProperty("lines.4.year");
    expect((await ok(await budget(task.id), 200)).version).toBe(0);
    expect(await auditCount(task.id)).toBe(0);
  });

  it("is read by the task's head, PI and administrators, edited only by the unit's staff, hidden from others", async () => {
    const task = await runningTask();
    for (const who of ["head", "pi", "admin"]) {
      const seen = await ok(await budget(task.id, who), 200);
      expect(seen.permissions).toEqual({ canEditPlan: false, canRecordMovement: false });
      await fails(await putPlan(task.id, { version: 0, reason: "x", lines: plan() }, who), 403, "FORBIDDEN");
      await fails(await move(task.id, { kind: "allocation", year: 2025, amount: "1" }, who), 403, "FORBIDDEN");
    }
    for (const who of ["staff-elsewhere", "council"]) {
      await fails(await budget(task.id, who), 404, "NOT_FOUND");
      await fails(await putPlan(task.id, { version: 0, reason: "x", lines: plan() }, who), 404, "NOT_FOUND");
      await fails(await move(task.id, { kind: "allocation", year: 2025, amount: "1" }, who), 404, "NOT_FOUND");
      await fails(await get(`/api/tasks/${task.id}/budget/export`, who), 404, "NOT_FOUND");
    }
    expect(await auditCount(task.id)).toBe(0);
  });
});

describe("money moving against the plan", () => {
  it("allows each kind up to its limit exactly, refuses one đồng more, and burns to the sums of the movements", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);

    // 2025 state plan: 500 million.
    const over = await fails(
      await move(task.id, { kind: "allocation", year: 2025, amount: "500000001" }),
      422,
      "ALLOCATION_OVER_PLAN",
    );
    expect(over.fields?.amount).toContain("500.000.000 đồng");
    const decision = document();
    const allocated = await ok(
      await move(task.id, { kind: "allocation", year: 2025, amount: "500000000", document: decision }),
      201,
    );
    expect(allocated.movements[0]).toMatchObject({
      kind: "allocation",
      amount: "500000000",
      occurredOn: "2025-03-01",
      document: { number: decision.number, signer: "Trần Quang Vinh" },
      createdBy: "staff",
    });

    // A refused advance records neither the movement nor its document.
    const paymentOrder = document();
    const tooMuch = await fails(
      await move(task.id, { kind: "advance", year: 2025, amount: "500000001", document: paymentOrder }),
      422,
      "ADVANCE_OVER_ALLOCATION",
    );
    expect(tooMuch.fields).toHaveProperty("amount");
    expect(tooMuch.details).toEqual({ limit: "500000000" });
    const [number] = paymentOrder.number.split("/");
    expect(
      await api.db
        .selectFrom("document")
        .select("id")
        .where("number", "=", number ?? "")
        .execute(),
    ).toEqual([]);
    await fails(await move(task.id, { kind: "advance", year: 2026, amount: "1" }), 422, "ADVANCE_OVER_ALLOCATION");
    await ok(await move(task.id, { kind: "advance", year: 2025, amount: "500000000", document: paymentOrder }), 201);

    await fails(
      await move(task.id, { kind: "settlement", year: 2025, amount: "500000001" }),
      422,
      "SETTLEMENT_OVER_ADVANCE",
    );
    await ok(
      await move(task.id, { kind: "settlement", year: 2025, amount: "420000000", occurredOn: "2025-12-20" }),
      201,
    );

    await fails(await move(task.id, { kind: "recovery", year: 2025, amount: "1000" }), 400, "VALIDATION_FAILED");
    await fails(
      await move(task.id, { kind: "recovery", year: 2025, amount: "80000001", recoveryCause: "unspent" }),
      422,
      "RECOVERY_OVER_PAID",
    );
    const recovered = await ok(
      await move(task.id, {
        kind: "recovery",
        year: 2025,
        amount: "80000000",
        recoveryCause: "unspent",
        note: "Nộp trả",
      }),
      201,
    );
    // Nothing is left to settle.
    await fails(await move(task.id, { kind: "settlement", year: 2025, amount: "1" }), 422, "SETTLEMENT_OVER_ADVANCE");

    const year2025 = recovered.years.find((y: { year: number }) => y.year === 2025);
    const sums = async (kind: "allocation" | "advance" | "settlement" | "recovery") =>
      (
        await api.db
          .selectFrom("budget_movement")
          .select("amount")
          .where("task_id", "=", task.id)
          .where("year", "=", 2025)
          .where("kind", "=", kind)
          .execute()
      )
        .reduce((total, r) => total + BigInt(r.amount), 0n)
        .toString();
    expect(year2025).toEqual({
      year: 2025,
      approved: "700000000",
      allocated: await sums("allocation"),
      advanced: await sums("advance"),
      settled: await sums("settlement"),
      recovered: await sums("recovery"),
      outstandingAdvance: "0",
      unallocated: "200000000",
    });
    expect(year2025.allocated).toBe("500000000");
    expect(recovered.movements.find((m: { kind: string }) => m.kind === "recovery")).toMatchObject({
      recoveryCause: "unspent",
      note: "Nộp trả",
    });
    // Four movements, one plan: five audit rows of the budget.
    expect(await auditCount(task.id)).toBe(5);

    // The plan may no longer give 2025 less than was allocated.
    const cut = plan().map((l) => (l.year === 2025 && l.category === "labour" ? { ...l, amount: "100000000" } : l));
    cut.push({ source: "state", year: 2026, category: "labour", amount: "200000000" });
    await fails(
      await putPlan(task.id, { version: 1, reason: "Giảm năm 2025", lines: cut }),
      422,
      "ALLOCATION_OVER_PLAN",
    );

    const csv = await get(`/api/tasks/${task.id}/budget/export?table=years&format=csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain("Dự toán được duyệt");
    expect(text).toContain("2025,700000000,500000000,500000000,420000000,80000000,0,200000000");
    const xlsx = await get(`/api/tasks/${task.id}/budget/export?table=movements&format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
  });

  it("lets only one of two simultaneous advances through when together they pass the allocation", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    await ok(await move(task.id, { kind: "allocation", year: 2025, amount: "100000000" }), 201);
    const results = await Promise.all([
      move(task.id, { kind: "advance", year: 2025, amount: "60000000" }),
      move(task.id, { kind: "advance", year: 2025, amount: "60000000" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const view = await ok(await budget(task.id), 200);
    expect(view.years.find((y: { year: number }) => y.year === 2025).advanced).toBe("60000000");
  });

  it("refuses a movement dated after today and amounts that are not positive whole đồng", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    const future = await fails(
      await move(task.id, { kind: "allocation", year: 2025, amount: "1", occurredOn: "2099-01-01" }),
      400,
      "VALIDATION_FAILED",
    );
    expect(future.fields).toHaveProperty("occurredOn");
    for (const amount of ["0", "-5", "1.5", "một"]) {
      const bad = await fails(await move(task.id, { kind: "allocation", year: 2025, amount }), 422, "AMOUNT_INVALID");
      expect(bad.fields).toHaveProperty("amount");
    }
    expect((await ok(await budget(task.id), 200)).movements).toEqual([]);
  });

  it("keeps amounts above 2^53 exact from the request to the database and back", async () => {
    const state = "9007199254740993";
    const total = "18014398509481987";
    const task = await runningTask({ total_budget: total, state_budget: state });
    const lines = [
      { source: "state", year: 2025, category: "equipment", amount: state },
      { source: "other", year: 2026, category: null, amount: "9007199254740994" },
    ];
    const saved = await ok(await putPlan(task.id, { version: 0, reason: "Dự toán lớn", lines }), 200);
    expect(saved.totals).toMatchObject({ state, other: "9007199254740994", total });
    await ok(await move(task.id, { kind: "allocation", year: 2025, amount: state }), 201);
    const moved = await ok(await move(task.id, { kind: "advance", year: 2025, amount: "9007199254740991" }), 201);
    expect(moved.years[0]).toMatchObject({
      allocated: state,
      advanced: "9007199254740991",
      outstandingAdvance: "9007199254740991",
    });
    await fails(await move(task.id, { kind: "advance", year: 2025, amount: "3" }), 422, "ADVANCE_OVER_ALLOCATION");
    await ok(await move(task.id, { kind: "advance", year: 2025, amount: "2" }), 201);
    const row = await api.db
      .selectFrom("budget_line")
      .select("amount")
      .where("task_id", "=", task.id)
      .where("source", "=", "state")
      .executeTakeFirstOrThrow();
    expect(row.amount).toBe(state);
  });
});

describe("a budget adjustment", () => {
  const decisionBody = () => ({ decision: "approve", document: document({ issuedOn: "2026-06-10" }) });

  it("with the plan for its new totals applies that plan as a new revision on approval", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    const bigger = [...plan(), { source: "state", year: 2026, category: "labour", amount: "100000000" }];

    // The proposal is held to the plan rules when filed, the field marked under `after`.
    const unbalanced = await fails(
      await api.request(`/api/tasks/${task.id}/adjustments`, {
        method: "POST",
        cookie: cookie.pi ?? null,
        json: {
          kind: "budget",
          reason: "Bổ sung thiết bị",
          after: { totalBudget: "1100000000", stateBudget: "900000000", planLines: plan() },
        },
      }),
      422,
      "PLAN_NOT_BALANCED",
    );
    expect(unbalanced.fields).toHaveProperty(["after.planLines"]);

    const filed = await ok(
      await api.request(`/api/tasks/${task.id}/adjustments`, {
        method: "POST",
        cookie: cookie.pi ?? null,
        json: {
          kind: "budget",
          reason: "Bổ sung thiết bị",
          after: { totalBudget: "1100000000", stateBudget: "900000000", planLines: bigger },
        },
      }),
      201,
    );
    expect(filed.after.planLines).toHaveLength(5);
    const decided = await api.request(`/api/adjustments/${filed.id}/decide`, {
      method: "POST",
      cookie: cookie.staff ?? null,
      json: decisionBody(),
    });
    expect(decided.status, await decided.clone().text()).toBe(200);

    const after = await ok(await budget(task.id), 200);
    expect(after).toMatchObject({ version: 2, balanced: true, totalBudget: "1100000000", stateBudget: "900000000" });
    expect(after.revisions[0]).toMatchObject({ revision: 2, adjustmentRequestId: filed.id, total: "1100000000" });
  });

  it("is checked again on approval: a plan overtaken by allocations is refused and nothing changes", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    // Less for 2025 (state 400 instead of 500 million), more for 2026.
    const shifted = plan().map((l) => (l.category === "labour" ? { ...l, amount: "200000000" } : l));
    shifted.push({ source: "state", year: 2026, category: "labour", amount: "50000000" });
    const filed = await ok(
      await api.request(`/api/tasks/${task.id}/adjustments`, {
        method: "POST",
        cookie: cookie.pi ?? null,
        json: {
          kind: "budget",
          reason: "Giảm năm 2025",
          after: { totalBudget: "950000000", stateBudget: "750000000", planLines: shifted },
        },
      }),
      201,
    );
    await ok(await move(task.id, { kind: "allocation", year: 2025, amount: "500000000" }), 201);
    const refused = await fails(
      await api.request(`/api/adjustments/${filed.id}/decide`, {
        method: "POST",
        cookie: cookie.staff ?? null,
        json: decisionBody(),
      }),
      422,
      "ALLOCATION_OVER_PLAN",
    );
    expect(refused.fields).toHaveProperty(["after.planLines"]);
    const unchanged = await ok(await budget(task.id), 200);
    expect(unchanged).toMatchObject({ version: 1, balanced: true, totalBudget: "1000000000" });
    const request = await api.db
      .selectFrom("adjustment_request")
      .select("status")
      .where("id", "=", filed.id)
      .executeTakeFirstOrThrow();
    expect(request.status).toBe("submitted");
  });

  it("without a plan leaves the old plan in place, no longer balanced, until staff re-balance it", async () => {
    const task = await runningTask();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    const filed = await ok(
      await api.request(`/api/tasks/${task.id}/adjustments`, {
        method: "POST",
        cookie: cookie.staff ?? null,
        json: {
          kind: "budget",
          reason: "Giảm kinh phí",
          after: { totalBudget: "900000000", stateBudget: "700000000" },
        },
      }),
      201,
    );
    await ok(
      await api.request(`/api/adjustments/${filed.id}/decide`, {
        method: "POST",
        cookie: cookie.head ?? null,
        json: decisionBody(),
      }),
      200,
    );
    const unbalanced = await ok(await budget(task.id), 200);
    expect(unbalanced).toMatchObject({ version: 1, balanced: false, totalBudget: "900000000" });
    const lines = plan().map((l) => (l.category === "equipment" ? { ...l, amount: "200000000" } : l));
    const rebalanced = await ok(await putPlan(task.id, { version: 1, reason: "Cân đối theo điều chỉnh", lines }), 200);
    expect(rebalanced).toMatchObject({ version: 2, balanced: true });
  });
});

describe("the periodic reports and the forecast", () => {
  it("fill the reports' approved lines from the plan and read physical progress from the latest report", async () => {
    const task = await runningTask({ start_date: "2025-01-01", end_date: "2026-12-31" });
    const item = await api.db
      .insertInto("task_content_item")
      .values({ task_id: task.id, sort_order: 1, title: "Khảo nghiệm giống" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await ok(await putPlan(task.id, { version: 0, reason: "Lập dự toán", lines: plan() }), 200);
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const first = await api.db
      .selectFrom("report_period")
      .select("id")
      .where("task_id", "=", task.id)
      .orderBy("seq")
      .executeTakeFirstOrThrow();

    const report = await ok(await get(`/api/reports/${first.id}`, "pi"), 200);
    const line = (category: string, source: string) =>
      report.report.budget.lines.find(
        (l: { category: string; source: string }) => l.category === category && l.source === source,
      );
    expect(line("labour", "state").approved).toBe("300000000");
    expect(line("other", "other").approved).toBe("200000000");
    expect(line("experts", "state").approved).toBe("0");

    const saved = await ok(
      await api.request(`/api/reports/${first.id}/draft`, {
        method: "PUT",
        cookie: cookie.pi ?? null,
        json: { revision: 0, content: { contentItems: [{ contentItemId: item.id, percentComplete: 10 }] } },
      }),
      200,
    );
    await ok(
      await api.request(`/api/reports/${first.id}/submit`, {
        method: "POST",
        cookie: cookie.pi ?? null,
        json: {
          revision: saved.revision,
          hostConfirmation: { confirmedBy: "Nguyễn Văn Bình", confirmedOn: "2025-06-20" },
        },
      }),
      201,
    );

    // 600 of 1 000 million paid out against 10 % of the work reported.
    await ok(await move(task.id, { kind: "allocation", year: 2025, amount: "500000000" }), 201);
    await ok(await move(task.id, { kind: "advance", year: 2025, amount: "500000000" }), 201);
    await ok(
      await move(task.id, { kind: "allocation", year: 2026, amount: "300000000", occurredOn: "2026-01-15" }),
      201,
    );
    const view = await ok(
      await move(task.id, { kind: "advance", year: 2026, amount: "100000000", occurredOn: "2026-02-01" }),
      201,
    );
    expect(view.forecast).toMatchObject({ physicalProgress: 10, spentShare: 60 });
    const codes = view.forecast.warnings.map((w: { code: string }) => w.code);
    expect(codes).toContain("SPENDING_AHEAD_OF_PROGRESS");
  });
});
