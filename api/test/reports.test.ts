import { buildPerson, buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import type { Actor } from "../src/auth/permissions.ts";
import { recordDemoReportHistory } from "../src/reports/demo-history.ts";
import { rescheduleReports, scheduleAllInProgress, scheduleReports } from "../src/reports/scheduling.ts";
import { listTaskReports, overdueReports, saveDraft, submitReport } from "../src/reports/service.ts";
import { setParameter } from "../src/rules/parameters.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};
let riceItems: { id: number; title: string }[] = [];
let riceProduct: { id: number };
let piActor: Actor;
let staffActor: Actor;
/** The rice task's three periodic reports (2024 H1, 2024 H2, 2025 H1), all past due since 2025. */
let periods: { id: number; seq: number }[] = [];

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  const rice = portfolio.tasks.rice.id;
  riceItems = await api.db
    .insertInto("task_content_item")
    .values([
      {
        task_id: rice,
        sort_order: 0,
        title: "Thu thập và đánh giá nguồn gen",
        description: "120 mẫu giống lúa địa phương",
      },
      {
        task_id: rice,
        sort_order: 1,
        title: "Lai tạo và chọn lọc",
        description: "40 tổ hợp lai, chọn 5 dòng triển vọng",
      },
    ])
    .returning(["id", "title"])
    .execute();
  riceProduct = await api.db
    .insertInto("task_product")
    .values({ task_id: rice, product_class: "I", name: "Giống lúa chịu mặn ND-01", quantity: "2", unit: "giống" })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  const otherUnit = await buildUnit(api.db, { code: "SKHCN-Y", name: "Sở KH&CN tỉnh bạn", kind: "department" });
  const hash = await hashPassword(PASSWORD);
  await buildUser(api.db, {
    email: "staff-elsewhere@test.vn",
    passwordHash: hash,
    roles: ["staff"],
    unitId: otherUnit.id,
  });
  // The rice task's secretary, signed in as a scientist: on the team, not its PI.
  await buildUser(api.db, {
    email: "secretary@test.vn",
    passwordHash: hash,
    roles: ["pi"],
    unitId: portfolio.department.id,
    personId: portfolio.people.colleague.id,
  });
  for (const who of ["staff", "head", "pi", "council", "admin", "staff-elsewhere", "secretary"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
  piActor = {
    userId: portfolio.users.pi.id,
    personId: portfolio.people.scientist.id,
    roles: ["pi"],
    unitId: portfolio.department.id,
  };
  staffActor = { userId: portfolio.users.staff.id, personId: null, roles: ["staff"], unitId: portfolio.department.id };
});
afterAll(() => api.close());

const request = (who: string, path: string, init: { method?: string; json?: unknown; headers?: HeadersInit } = {}) =>
  api.request(path, { ...init, cookie: cookie[who] ?? null });

async function ok(res: Response, status = 200) {
  const text = await res.clone().text();
  expect(res.status, text).toBe(status);
  return res.json();
}

async function expectError(res: Response, status: number, code: string) {
  const text = await res.clone().text();
  expect(res.status, text).toBe(status);
  const body = await res.json();
  expect(body.code).toBe(code);
  return body;
}

const get = async (who: string, path: string) => ok(await request(who, path));
const putDraft = (who: string, periodId: number, revision: number, content: unknown) =>
  request(who, `/api/reports/${periodId}/draft`, { method: "PUT", json: { revision, content } });
const submit = (who: string, periodId: number, body: unknown, key?: string) =>
  request(who, `/api/reports/${periodId}/submit`, {
    method: "POST",
    json: body,
    ...(key ? { headers: { "Idempotency-Key": key } } : {}),
  });
const review = (who: string, periodId: number, body: unknown) =>
  request(who, `/api/reports/${periodId}/review`, { method: "POST", json: body });

const host = { confirmedBy: "Nguyễn Văn Bình", position: "Viện trưởng", confirmedOn: "2025-09-10" };

const counts = async () => ({
  versions: Number(
    (
      await api.db
        .selectFrom("report_version")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  drafts: await api.db.selectFrom("report_draft").select(["period_id", "revision"]).orderBy("period_id").execute(),
});

describe("the schedule", () => {
  it("is created when the contract is signed, audited in the task's history", async () => {
    const task = await buildTask(api.db, {
      stage: "approved",
      managing_unit_id: portfolio.department.id,
      host_organisation_id: portfolio.institute.id,
      pi_person_id: portfolio.people.outsider.id,
      start_date: "2026-01-01",
      end_date: "2027-06-30",
    });
    const res = await request("staff", `/api/tasks/${task.id}/transitions`, {
      method: "POST",
      json: {
        action: "sign_contract",
        fromStage: "approved",
        document: { number: "77/HĐ-SKHCN", issuedOn: "2025-12-20", signer: "Trần Quang Vinh" },
      },
    });
    await ok(res);
    const reports = await get("staff", `/api/tasks/${task.id}/reports`);
    expect(reports.periods.map((p: Record<string, unknown>) => [p.seq, p.periodStart, p.periodEnd, p.dueOn])).toEqual([
      [1, "2026-01-01", "2026-06-30", "2026-09-15"],
      [2, "2026-07-01", "2026-12-31", "2027-03-15"],
    ]);
    expect(reports.final).toEqual({ periodStart: "2027-01-01", periodEnd: "2027-06-30", dossierDueOn: "2027-07-30" });
    expect(reports.rules).toEqual({
      dueDays: ["03-15", "09-15"],
      periodMonths: 6,
      opensDaysBeforePeriodEnd: 30,
      overdueGraceDays: 0,
    });
    const history = await get("staff", `/api/tasks/${task.id}/history`);
    expect(history.items.map((h: { action: string }) => h.action)).toContain("report.scheduled");
  });

  it("schedules running tasks that have none, once", async () => {
    const first = await scheduleAllInProgress(api.db);
    expect(first.tasks).toBeGreaterThanOrEqual(1);
    expect(await scheduleAllInProgress(api.db)).toEqual({ tasks: 0, periods: 0 });
    const reports = await get("pi", `/api/tasks/${portfolio.tasks.rice.id}/reports`);
    periods = reports.periods.map((p: { id: number; seq: number }) => ({ id: p.id, seq: p.seq }));
    expect(reports.periods.map((p: Record<string, unknown>) => [p.periodStart, p.dueOn, p.state])).toEqual([
      ["2024-01-01", "2024-09-15", "overdue"],
      ["2024-07-01", "2025-03-15", "overdue"],
      ["2025-01-01", "2025-09-15", "overdue"],
    ]);
    expect(reports.canWrite).toBe(true);
    expect((await get("staff", `/api/tasks/${portfolio.tasks.rice.id}/reports`)).canWrite).toBe(false);
  });

  it("derives upcoming, due, draft and overdue from the day, with the unit's rule parameters", async () => {
    const task = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      pi_person_id: portfolio.people.scientist.id,
      start_date: "2030-01-01",
      end_date: "2031-12-31",
    });
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const states = async (iso: string) =>
      (await listTaskReports(api.db, piActor, task.id, new Date(`${iso}T03:00:00Z`))).periods.map((p) => p.state);
    expect(await states("2030-05-30")).toEqual(["upcoming", "upcoming", "upcoming"]);
    expect(await states("2030-06-01")).toEqual(["due", "upcoming", "upcoming"]);
    expect(await states("2030-09-16")).toEqual(["overdue", "upcoming", "upcoming"]);
    const list = await listTaskReports(api.db, piActor, task.id, new Date("2030-09-20T03:00:00Z"));
    expect(list.periods[0]).toMatchObject({ daysOverdue: 5, opensOn: "2030-05-31", overdueFrom: "2030-09-16" });

    const first = list.periods[0]?.id ?? 0;
    await saveDraft(api.db, piActor, first, { revision: 0, content: {} }, new Date("2030-06-10T03:00:00Z"));
    expect(await states("2030-06-11")).toEqual(["draft", "upcoming", "upcoming"]);
    expect(await states("2030-09-16")).toEqual(["overdue", "upcoming", "upcoming"]);

    // A unit that gives ten days' grace sees it overdue ten days later.
    await setParameter(api.db, { unitId: portfolio.department.id, regime: "*" }, "report_overdue_grace_days", 10, null);
    try {
      expect(await states("2030-09-20")).toEqual(["draft", "upcoming", "upcoming"]);
      expect(await states("2030-09-26")).toEqual(["overdue", "upcoming", "upcoming"]);
      const overdue = await overdueReports(api.db, staffActor, new Date("2030-09-26T03:00:00Z"));
      expect(overdue.items.find((i) => i.task.id === task.id)).toMatchObject({
        seq: 1,
        daysOverdue: 11,
        hasDraft: true,
      });
      const before = await overdueReports(api.db, staffActor, new Date("2030-09-25T03:00:00Z"));
      expect(before.items.find((i) => i.task.id === task.id)).toBeUndefined();
    } finally {
      await api.db.deleteFrom("rule_parameter").execute();
    }
  });

  it("recomputes after an extension, keeping what was written", async () => {
    const task = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      pi_person_id: portfolio.people.scientist.id,
      start_date: "2024-01-01",
      end_date: "2024-12-31",
    });
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const [only] = (await listTaskReports(api.db, piActor, task.id)).periods;
    expect(only).toMatchObject({ periodStart: "2024-01-01", periodEnd: "2024-06-30" });
    await saveDraft(api.db, piActor, only?.id ?? 0, { revision: 0, content: { problems: "Hạn hán" } });

    await api.db.updateTable("task").set({ end_date: "2025-12-31" }).where("id", "=", task.id).execute();
    const change = await api.db.transaction().execute((trx) => rescheduleReports(trx, task.id, { actorUserId: null }));
    expect(change).toEqual({ added: 2, removed: 0, redated: 0 });
    const after = await listTaskReports(api.db, piActor, task.id);
    expect(after.periods.map((p) => [p.seq, p.periodStart, p.dueOn, p.hasDraft])).toEqual([
      [1, "2024-01-01", "2024-09-15", true],
      [2, "2024-07-01", "2025-03-15", false],
      [3, "2025-01-01", "2025-09-15", false],
    ]);
    expect(after.periods[0]?.id).toBe(only?.id);
    // Nothing changed: nothing happens.
    expect(await api.db.transaction().execute((trx) => rescheduleReports(trx, task.id))).toEqual({
      added: 0,
      removed: 0,
      redated: 0,
    });
  });
});

describe("a report as it opens", () => {
  it("comes prefilled from the contract: content items with their planned work, products, budget lines", async () => {
    const view = await get("pi", `/api/reports/${periods[0]?.id}`);
    expect(view.revision).toBe(0);
    expect(view.draft).toBeNull();
    expect(view.unsubmittedChanges).toBeNull();
    expect(view.shows).toBe("prefill");
    expect(view.versions).toEqual([]);
    expect(view.can).toEqual({ edit: true, submit: true, review: false });
    expect(view.task).toMatchObject({ code: "ĐT.2024.01", stage: "in_progress", pi: "Nguyễn Văn An" });
    expect(view.report.contentItems).toEqual([
      {
        contentItemId: riceItems[0]?.id,
        title: "Thu thập và đánh giá nguồn gen",
        plannedWork: "120 mẫu giống lúa địa phương",
        previousPercent: null,
        workDone: "",
        percentComplete: 0,
      },
      {
        contentItemId: riceItems[1]?.id,
        title: "Lai tạo và chọn lọc",
        plannedWork: "40 tổ hợp lai, chọn 5 dòng triển vọng",
        previousPercent: null,
        workDone: "",
        percentComplete: 0,
      },
    ]);
    expect(view.report.products).toEqual([
      expect.objectContaining({
        productId: riceProduct.id,
        name: "Giống lúa chịu mặn ND-01",
        contractedQuantity: "2",
        previousStatus: null,
        status: "not_started",
      }),
    ]);
    expect(view.report.budget).toMatchObject({
      totalBudget: "1250500000",
      stateBudget: "1000000000",
      otherBudget: "250500000",
      thisPeriod: { state: "0", other: "0", total: "0" },
    });
    expect(view.report.budget.lines).toHaveLength(12);
    expect(view.report.budget.lines[0]).toEqual({
      category: "labour",
      nameVi: "Tiền công lao động trực tiếp",
      nameEn: "Direct labour",
      source: "state",
      approved: null,
      spentBefore: "0",
      amount: "0",
    });
    // Staff and heads read it; they neither write nor (yet) review it.
    expect((await get("staff", `/api/reports/${periods[0]?.id}`)).can).toEqual({
      edit: false,
      submit: false,
      review: false,
    });
    expect((await get("head", `/api/reports/${periods[0]?.id}`)).can.edit).toBe(false);
  });

  it("is hidden from those who do not see the task", async () => {
    for (const who of ["council", "staff-elsewhere"]) {
      await expectError(await request(who, `/api/reports/${periods[0]?.id}`), 404, "NOT_FOUND");
      await expectError(await request(who, `/api/tasks/${portfolio.tasks.rice.id}/reports`), 404, "NOT_FOUND");
    }
    await expectError(await request("pi", "/api/reports/999999"), 404, "NOT_FOUND");
  });
});

describe("drafts", () => {
  it("autosave with revisions; a stale revision gets 409 with the server's draft", async () => {
    const id = periods[0]?.id ?? 0;
    const [first, second] = riceItems;
    const saved = await ok(
      await putDraft("pi", id, 0, {
        contentItems: [{ contentItemId: first?.id, percentComplete: 30, workDone: "Thu 60 mẫu" }],
      }),
    );
    expect(saved).toMatchObject({ revision: 1, changed: true, savedBy: "pi" });
    expect(Date.parse(saved.savedAt)).not.toBeNaN();

    // A second device that opened the report before the save is told, and gets the draft to merge.
    const stale = await expectError(
      await putDraft("pi", id, 0, { contentItems: [{ contentItemId: second?.id, percentComplete: 10 }] }),
      409,
      "STALE_DRAFT",
    );
    expect(stale.details.draft.revision).toBe(1);
    expect(stale.details.draft.content.contentItems[0]).toEqual({
      contentItemId: first?.id,
      workDone: "Thu 60 mẫu",
      percentComplete: 30,
    });
    expect(stale.details.draft.report.contentItems[0].title).toBe("Thu thập và đánh giá nguồn gen");

    const merged = await ok(
      await putDraft("pi", id, 1, {
        contentItems: [
          { contentItemId: first?.id, percentComplete: 30, workDone: "Thu 60 mẫu" },
          { contentItemId: second?.id, percentComplete: 10 },
        ],
        spending: [{ category: "labour", source: "state", amount: "85000000" }],
      }),
    );
    expect(merged.revision).toBe(2);
    // The same form again (an autosave with nothing new) writes nothing.
    const again = await ok(
      await putDraft("pi", id, 2, {
        contentItems: [
          { contentItemId: first?.id, percentComplete: 30, workDone: "Thu 60 mẫu" },
          { contentItemId: second?.id, percentComplete: 10 },
        ],
        spending: [{ category: "labour", source: "state", amount: "85000000" }],
      }),
    );
    expect(again).toMatchObject({ revision: 2, changed: false, savedAt: merged.savedAt });

    // Found again after a reload, another device or a new session.
    const fresh = await api.signIn("pi@test.vn", PASSWORD);
    const view = await ok(await api.request(`/api/reports/${id}`, { cookie: fresh }));
    expect(view.revision).toBe(2);
    expect(view.draft).toMatchObject({ revision: 2, savedBy: "pi" });
    expect(view.report.contentItems.map((c: { percentComplete: number }) => c.percentComplete)).toEqual([30, 10]);
    expect(view.report.budget.thisPeriod).toEqual({ state: "85000000", other: "0", total: "85000000" });
    expect(view.period.status).toBe("draft");
    expect(view.period.hasDraft).toBe(true);
    expect(view.shows).toBe("draft");
    // A draft is the PI's until submitted: staff see that there is one, not what it says.
    const staffView = await get("staff", `/api/reports/${id}`);
    expect(staffView).toMatchObject({ shows: "prefill", period: { hasDraft: true }, unsubmittedChanges: null });
    expect(staffView.report.contentItems.map((c: { percentComplete: number }) => c.percentComplete)).toEqual([0, 0]);
  });

  it("refuses bad figures with the field at fault and changes nothing", async () => {
    const id = periods[0]?.id ?? 0;
    const before = await counts();
    const item = riceItems[0]?.id;
    const cases: [unknown, string][] = [
      [{ contentItems: [{ contentItemId: item, percentComplete: 101 }] }, "content.contentItems.0.percentComplete"],
      [{ contentItems: [{ contentItemId: item, percentComplete: -1 }] }, "content.contentItems.0.percentComplete"],
      [{ contentItems: [{ contentItemId: item, percentComplete: 12.5 }] }, "content.contentItems.0.percentComplete"],
      [{ contentItems: [{ contentItemId: item, percentComplete: "50" }] }, "content.contentItems.0.percentComplete"],
      [{ spending: [{ category: "labour", source: "state", amount: "-5" }] }, "content.spending.0.amount"],
      [{ spending: [{ category: "labour", source: "state", amount: "12.5" }] }, "content.spending.0.amount"],
      [{ spending: [{ category: "labour", source: "state", amount: 1000 }] }, "content.spending.0.amount"],
      [{ spending: [{ category: "travel", source: "state", amount: "1" }] }, "content.spending.0.category"],
      [{ spending: [{ category: "labour", source: "bank", amount: "1" }] }, "content.spending.0.source"],
      [{ contentItems: [{ contentItemId: 999999, percentComplete: 5 }] }, "content.contentItems.0.contentItemId"],
      [{ products: [{ productId: riceProduct.id, status: "finished" }] }, "content.products.0.status"],
      [{ products: [{ productId: riceProduct.id, quantityAchieved: "1.234" }] }, "content.products.0.quantityAchieved"],
      [{ problems: "x".repeat(8001) }, "content.problems"],
      [{ surprise: true }, "content.surprise"],
    ];
    for (const [content, field] of cases) {
      const error = await expectError(await putDraft("pi", id, 2, content), 400, "VALIDATION_FAILED");
      expect(error.fields, JSON.stringify(content)).toHaveProperty([field]);
    }
    expect(await counts()).toEqual(before);
  });

  it("are the PI's alone", async () => {
    const id = periods[0]?.id ?? 0;
    const before = await counts();
    for (const who of ["staff", "head", "admin", "secretary"]) {
      await expectError(await putDraft(who, id, 2, { problems: "Thử" }), 403, "FORBIDDEN");
    }
    await expectError(await putDraft("council", id, 2, { problems: "Thử" }), 404, "NOT_FOUND");
    expect(await counts()).toEqual(before);
  });
});

describe("submitting", () => {
  it("refuses a submit by anyone but the PI", async () => {
    const id = periods[0]?.id ?? 0;
    const before = await counts();
    for (const who of ["staff", "head", "secretary", "admin"]) {
      await expectError(await submit(who, id, { revision: 2, hostConfirmation: host }), 403, "FORBIDDEN");
    }
    await expectError(await submit("staff-elsewhere", id, { revision: 2, hostConfirmation: host }), 404, "NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("refuses a report whose period is not due", async () => {
    const task = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      pi_person_id: portfolio.people.scientist.id,
      start_date: `${new Date().getUTCFullYear() + 2}-01-01`,
      end_date: `${new Date().getUTCFullYear() + 4}-12-31`,
    });
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const [future] = (await get("pi", `/api/tasks/${task.id}/reports`)).periods;
    expect(future.state).toBe("upcoming");
    const before = await counts();
    await expectError(await putDraft("pi", future.id, 0, {}), 409, "REPORT_NOT_DUE");
    const refused = await expectError(
      await submit("pi", future.id, { revision: 0, hostConfirmation: host }),
      409,
      "REPORT_NOT_DUE",
    );
    expect(refused.message).toContain("may be submitted from");
    expect(await counts()).toEqual(before);

    // Started but not yet open: a draft may be written, a submission waits for the window.
    const start = future.periodStart as string;
    const inside = new Date(`${start}T03:00:00Z`);
    inside.setUTCDate(inside.getUTCDate() + 10);
    await saveDraft(api.db, piActor, future.id, { revision: 0, content: { problems: "Sớm" } }, inside);
    await expect(
      submitReport(
        api.db,
        piActor,
        future.id,
        { revision: 1, hostConfirmation: { ...host, confirmedOn: start } },
        undefined,
        inside,
      ),
    ).rejects.toMatchObject({ code: "REPORT_NOT_DUE" });
  });

  it("checks the host's confirmation", async () => {
    const id = periods[0]?.id ?? 0;
    const before = await counts();
    const cases: [unknown, string][] = [
      [{ ...host, confirmedBy: " " }, "hostConfirmation.confirmedBy"],
      [{ ...host, confirmedOn: "2025-02-30" }, "hostConfirmation.confirmedOn"],
      [{ ...host, confirmedOn: "2999-01-01" }, "hostConfirmation.confirmedOn"],
      [{ ...host, confirmedOn: "2023-12-31" }, "hostConfirmation.confirmedOn"],
      [{ ...host, fileId: 999999 }, "hostConfirmation.fileId"],
    ];
    for (const [hostConfirmation, field] of cases) {
      const error = await expectError(
        await submit("pi", id, { revision: 2, hostConfirmation }),
        400,
        "VALIDATION_FAILED",
      );
      expect(error.fields, JSON.stringify(hostConfirmation)).toHaveProperty([field]);
    }
    await expectError(await submit("pi", id, { revision: 2 }), 400, "VALIDATION_FAILED");
    expect(await counts()).toEqual(before);
  });

  it("is idempotent: a retried submit makes one version; a reused key for another request is refused", async () => {
    const id = periods[0]?.id ?? 0;
    const stale = await expectError(
      await submit("pi", id, { revision: 1, hostConfirmation: host }, "k-1"),
      409,
      "STALE_DRAFT",
    );
    expect(stale.details.draft.revision).toBe(2);

    const first = await submit("pi", id, { revision: 2, hostConfirmation: host }, "submit-2024h1-1");
    const created = await ok(first, 201);
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(created.version).toMatchObject({ versionNo: 1, submittedBy: "pi", review: null });
    expect(created.version.hostConfirmation).toEqual({
      confirmedBy: "Nguyễn Văn Bình",
      position: "Viện trưởng",
      confirmedOn: "2025-09-10",
      file: null,
    });
    expect(created.period).toMatchObject({ status: "submitted", state: "submitted" });

    const retry = await submit("pi", id, { revision: 2, hostConfirmation: host }, "submit-2024h1-1");
    expect(await ok(retry, 201)).toEqual(created);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");

    await expectError(
      await submit(
        "pi",
        id,
        { revision: 2, hostConfirmation: { ...host, position: "Phó Viện trưởng" } },
        "submit-2024h1-1",
      ),
      422,
      "IDEMPOTENCY_KEY_REUSED",
    );
    const twice = await expectError(
      await submit("pi", id, { revision: 2, hostConfirmation: host }),
      409,
      "ALREADY_SUBMITTED",
    );
    expect(twice.details).toEqual({ versionId: created.version.id, versionNo: 1 });
    const versions = await api.db.selectFrom("report_version").select("id").where("period_id", "=", id).execute();
    expect(versions).toHaveLength(1);

    const history = await get("staff", `/api/tasks/${portfolio.tasks.rice.id}/history`);
    expect(history.items.filter((h: { action: string }) => h.action === "report.submitted")).toHaveLength(1);
  });
});

describe("the review loop", () => {
  it("queues submitted reports for the unit's staff and heads", async () => {
    const id = periods[0]?.id ?? 0;
    for (const who of ["staff", "head", "admin"]) {
      const queue = await get(who, "/api/reports/queue");
      expect(
        queue.items.map((i: { periodId: number }) => i.periodId),
        who,
      ).toContain(id);
      expect(queue.items.find((i: { periodId: number }) => i.periodId === id)).toMatchObject({
        task: { code: "ĐT.2024.01" },
        pi: "Nguyễn Văn An",
        versionNo: 1,
        late: true,
      });
    }
    expect((await get("staff-elsewhere", "/api/reports/queue")).items).toEqual([]);
    for (const who of ["pi", "council"]) await expectError(await request(who, "/api/reports/queue"), 403, "FORBIDDEN");
  });

  it("returns with comments, tells the PI, takes the revision, compares versions and accepts", async () => {
    const id = periods[0]?.id ?? 0;
    const view = await get("staff", `/api/reports/${id}`);
    expect(view.can.review).toBe(true);
    const v1 = view.versions[0].id;

    await expectError(await review("head", id, { versionId: v1, decision: "accept" }), 403, "FORBIDDEN");
    await expectError(await review("pi", id, { versionId: v1, decision: "accept" }), 403, "FORBIDDEN");
    const silent = await expectError(
      await review("staff", id, { versionId: v1, decision: "return", comments: { general: "  " } }),
      400,
      "VALIDATION_FAILED",
    );
    expect(silent.fields).toHaveProperty("comments");

    const returned = await ok(
      await review("staff", id, {
        versionId: v1,
        decision: "return",
        comments: { spending: "Tách chi phí thuê khoán chuyên môn", contentItems: "Nêu rõ số mẫu đã đánh giá" },
      }),
    );
    expect(returned.period).toMatchObject({ status: "returned", state: "returned" });
    expect(returned.version.review).toMatchObject({
      decision: "returned",
      reviewer: "staff",
      comments: { spending: "Tách chi phí thuê khoán chuyên môn", contentItems: "Nêu rõ số mẫu đã đánh giá" },
    });
    await expectError(await review("staff", id, { versionId: v1, decision: "accept" }), 409, "NOT_AWAITING_REVIEW");
    expect((await get("staff", "/api/reports/queue")).items.map((i: { periodId: number }) => i.periodId)).not.toContain(
      id,
    );

    // The PI is told.
    const inbox = await get("pi", "/api/notifications");
    expect(inbox.unread).toBe(1);
    expect(inbox.items[0]).toMatchObject({
      kind: "report.returned",
      task: { id: portfolio.tasks.rice.id, code: "ĐT.2024.01" },
      payload: { periodId: id, versionNo: 1, comments: { spending: "Tách chi phí thuê khoán chuyên môn" } },
      readAt: null,
    });
    expect((await get("staff", "/api/notifications")).items).toEqual([]);
    await expectError(
      await request("staff", `/api/notifications/${inbox.items[0].id}/read`, { method: "POST" }),
      404,
      "NOT_FOUND",
    );
    const read = await ok(await request("pi", `/api/notifications/${inbox.items[0].id}/read`, { method: "POST" }));
    const readAgain = await ok(await request("pi", `/api/notifications/${inbox.items[0].id}/read`, { method: "POST" }));
    expect(readAgain.readAt).toBe(read.readAt);
    expect((await get("pi", "/api/notifications?unread=true")).items).toEqual([]);

    // Unchanged, it cannot go back; revised, it does.
    await expectError(await submit("pi", id, { revision: 2, hostConfirmation: host }), 409, "ALREADY_SUBMITTED");
    const draft = await get("pi", `/api/reports/${id}`);
    expect(draft.can).toEqual({ edit: true, submit: true, review: false });
    await ok(
      await putDraft("pi", id, draft.revision, {
        contentItems: [
          { contentItemId: riceItems[0]?.id, percentComplete: 35, workDone: "Thu 60 mẫu, đánh giá 45 mẫu" },
          { contentItemId: riceItems[1]?.id, percentComplete: 10 },
        ],
        products: [{ productId: riceProduct.id, status: "in_progress" }],
        spending: [
          { category: "labour", source: "state", amount: "70000000" },
          { category: "experts", source: "state", amount: "15000000" },
        ],
      }),
    );
    const edited = await get("pi", `/api/reports/${id}`);
    expect(edited.unsubmittedChanges).toEqual([
      `contentItems.${riceItems[0]?.id}.workDone`,
      `contentItems.${riceItems[0]?.id}.percentComplete`,
      `products.${riceProduct.id}.status`,
      "spending.labour.state.amount",
      "spending.experts.state.amount",
    ]);
    const reviewerView = await get("staff", `/api/reports/${id}`);
    expect(reviewerView.shows).toBe("version");
    expect(reviewerView.report.contentItems[0].percentComplete).toBe(30);
    const resubmitted = await ok(
      await submit(
        "pi",
        id,
        { revision: 3, hostConfirmation: { ...host, confirmedOn: "2025-10-01" } },
        "submit-2024h1-2",
      ),
      201,
    );
    expect(resubmitted.version.versionNo).toBe(2);
    expect((await get("pi", `/api/reports/${id}`)).unsubmittedChanges).toEqual([]);

    // Every version is kept and comparable.
    const v2 = resubmitted.version.id;
    const first = await get("staff", `/api/reports/${id}/versions/${v1}`);
    expect(first.report.contentItems[0].percentComplete).toBe(30);
    expect(first.review.decision).toBe("returned");
    const compared = await get("staff", `/api/reports/${id}/compare`);
    expect(compared.from).toEqual({ id: v1, versionNo: 1 });
    expect(compared.to).toEqual({ id: v2, versionNo: 2 });
    const byPath = Object.fromEntries(
      compared.changes.map((c: { path: string; before: unknown; after: unknown }) => [c.path, [c.before, c.after]]),
    );
    expect(byPath).toEqual({
      [`contentItems.${riceItems[0]?.id}.workDone`]: ["Thu 60 mẫu", "Thu 60 mẫu, đánh giá 45 mẫu"],
      [`contentItems.${riceItems[0]?.id}.percentComplete`]: [30, 35],
      [`products.${riceProduct.id}.status`]: ["not_started", "in_progress"],
      "spending.labour.state.amount": ["85000000", "70000000"],
      "spending.experts.state.amount": ["0", "15000000"],
      "hostConfirmation.confirmedOn": ["2025-09-10", "2025-10-01"],
    });
    const explicit = await get("pi", `/api/reports/${id}/compare?from=${v2}&to=${v1}`);
    expect(explicit.changes).toHaveLength(6);
    await expectError(await request("pi", `/api/reports/${id}/compare?from=999999`), 404, "NOT_FOUND");
    await expectError(await request("pi", `/api/reports/${periods[1]?.id}/versions/${v1}`), 404, "NOT_FOUND");

    // A reviewer still on version 1 is told a newer one came; version 2 is accepted.
    await expectError(await review("staff", id, { versionId: v1, decision: "accept" }), 409, "STALE_VERSION");
    const accepted = await ok(
      await review("staff", id, { versionId: v2, decision: "accept", comments: { general: "Đạt" } }),
    );
    expect(accepted.period).toMatchObject({ status: "accepted", state: "accepted" });
    expect((await get("pi", "/api/notifications")).items[0]).toMatchObject({
      kind: "report.accepted",
      payload: { periodId: id, versionNo: 2 },
    });
    await expectError(await putDraft("pi", id, 3, { problems: "Sửa sau" }), 409, "REPORT_CLOSED");
    await expectError(
      await submit("pi", id, { revision: 3, hostConfirmation: { ...host, position: "Khác" } }),
      409,
      "REPORT_CLOSED",
    );

    const history = await get("head", `/api/tasks/${portfolio.tasks.rice.id}/history`);
    const actions = history.items.map((h: { action: string }) => h.action);
    expect(actions.filter((a: string) => a.startsWith("report."))).toEqual([
      "report.accepted",
      "report.submitted",
      "report.returned",
      "report.submitted",
      "report.scheduled",
    ]);
  });

  it("opens the next report from the accepted one, and shows the progress on the task", async () => {
    const next = await get("pi", `/api/reports/${periods[1]?.id}`);
    expect(
      next.report.contentItems.map((c: { previousPercent: number; percentComplete: number }) => [
        c.previousPercent,
        c.percentComplete,
      ]),
    ).toEqual([
      [35, 35],
      [10, 10],
    ]);
    expect(next.report.products[0]).toMatchObject({ previousStatus: "in_progress", status: "in_progress" });
    const labour = next.report.budget.lines.find(
      (l: { category: string; source: string }) => l.category === "labour" && l.source === "state",
    );
    expect(labour).toMatchObject({ spentBefore: "70000000", amount: "0" });
    expect(next.report.budget.toDate).toEqual({ state: "85000000", other: "0", total: "85000000" });

    const progress = await get("head", `/api/tasks/${portfolio.tasks.rice.id}/progress`);
    expect(progress.asOf).toMatchObject({ periodId: periods[0]?.id, seq: 1, versionNo: 2, status: "accepted" });
    expect(progress.pendingReview).toBeNull();
    expect(progress.contentItems).toEqual([
      { id: riceItems[0]?.id, title: riceItems[0]?.title, plannedEnd: "2025-12-31", percentComplete: 35, late: true },
      { id: riceItems[1]?.id, title: riceItems[1]?.title, plannedEnd: "2025-12-31", percentComplete: 10, late: true },
    ]);
    expect(progress.overallPercent).toBe(23);
    expect(progress.expectedPercent).toBe(100);
    expect(progress.products[0]).toMatchObject({ status: "in_progress", contractedQuantity: "2", late: true });
    expect(progress.spending.toDate).toEqual({ state: "85000000", other: "0", total: "85000000" });
    expect(progress.reports).toEqual({ total: 3, accepted: 1, overdue: 2 });
  });
});

describe("overdue reports", () => {
  it("show as overdue for staff and the head, and for the PI their own", async () => {
    const rice = portfolio.tasks.rice.id;
    for (const who of ["staff", "head", "admin", "pi"]) {
      const overdue = await get(who, "/api/reports/overdue");
      const mine = overdue.items.filter((i: { task: { id: number } }) => i.task.id === rice);
      expect(
        mine.map((i: { seq: number; dueOn: string }) => [i.seq, i.dueOn]),
        who,
      ).toEqual([
        [2, "2025-03-15"],
        [3, "2025-09-15"],
      ]);
      expect(mine[0].daysOverdue).toBeGreaterThan(600);
    }
    expect((await get("staff-elsewhere", "/api/reports/overdue")).items).toEqual([]);
    await expectError(await request("council", "/api/reports/overdue"), 403, "FORBIDDEN");
  });
});

describe("the host's signed confirmation", () => {
  it("is attached by the PI and downloadable by those who see the task", async () => {
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    const upload = async (who: string) => {
      const form = new FormData();
      form.append("file", new Blob([Buffer.from(pdf)]), "Xác nhận cơ quan chủ trì.pdf");
      return ok(await api.request("/api/files", { method: "POST", cookie: cookie[who] ?? null, body: form }), 201);
    };
    const someoneElses = await upload("staff");
    const id = periods[1]?.id ?? 0;
    const bad = await expectError(
      await submit("pi", id, { revision: 0, hostConfirmation: { ...host, fileId: someoneElses.id } }),
      400,
      "VALIDATION_FAILED",
    );
    expect(bad.fields).toHaveProperty(["hostConfirmation.fileId"]);

    const file = await upload("pi");
    const created = await ok(
      await submit("pi", id, { revision: 0, hostConfirmation: { ...host, fileId: file.id } }),
      201,
    );
    expect(created.version.hostConfirmation.file).toEqual({ id: file.id, name: "Xác nhận cơ quan chủ trì.pdf" });
    // A report submitted as it opened keeps its draft for any revision.
    expect((await get("pi", `/api/reports/${id}`)).revision).toBe(1);
    expect((await request("head", `/api/files/${file.id}`)).status).toBe(200);
    expect((await request("staff-elsewhere", `/api/files/${file.id}`)).status).toBe(404);

    const progress = await get("staff", `/api/tasks/${portfolio.tasks.rice.id}/progress`);
    expect(progress.asOf.seq).toBe(1);
    expect(progress.pendingReview).toMatchObject({ periodId: id, seq: 2 });
  });
});

describe("two requests at the same moment", () => {
  it("save one draft and refuse the other; make one version of a double submit", async () => {
    const task = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      pi_person_id: portfolio.people.scientist.id,
      start_date: "2024-01-01",
      end_date: "2025-12-31",
    });
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const [first, second] = (await get("pi", `/api/tasks/${task.id}/reports`)).periods;

    const saves = await Promise.all([
      putDraft("pi", first.id, 0, { problems: "Từ máy tính" }),
      putDraft("pi", first.id, 0, { problems: "Từ điện thoại" }),
    ]);
    expect(saves.map((r) => r.status).sort()).toEqual([200, 409]);

    const body = { revision: 1, hostConfirmation: host };
    const retried = await Promise.all([
      submit("pi", first.id, body, "double-1"),
      submit("pi", first.id, body, "double-1"),
    ]);
    expect(retried.map((r) => r.status)).toEqual([201, 201]);
    const [a, b] = await Promise.all(retried.map((r) => r.json()));
    expect(a).toEqual(b);

    const clicked = await Promise.all([
      submit("pi", second.id, { revision: 0, hostConfirmation: host }),
      submit("pi", second.id, { revision: 0, hostConfirmation: host }),
    ]);
    expect(clicked.map((r) => r.status).sort()).toEqual([201, 409]);

    const versions = await api.db
      .selectFrom("report_version")
      .select("period_id")
      .where("period_id", "in", [first.id, second.id])
      .execute();
    expect(versions.map((v) => v.period_id).sort()).toEqual([first.id, second.id].sort());
  });
});

describe("the demo's report history", () => {
  it("fills in the reports due before the demo's day, once, and leaves the demo PI's latest open", async () => {
    const lead = await buildPerson(api.db, { full_name: "Vũ Thị Hoa" });
    const task = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      host_organisation_id: portfolio.institute.id,
      pi_person_id: lead.id,
      start_date: "2024-01-01",
      end_date: "2025-12-31",
      total_budget: "1000000000",
      state_budget: "800000000",
    });
    await api.db
      .insertInto("task_content_item")
      .values([
        { task_id: task.id, sort_order: 0, title: "Khảo sát" },
        { task_id: task.id, sort_order: 1, title: "Thử nghiệm" },
      ])
      .execute();
    const demoPiTask = await buildTask(api.db, {
      managing_unit_id: portfolio.department.id,
      pi_person_id: portfolio.people.scientist.id,
      start_date: "2024-01-01",
      end_date: "2025-12-31",
    });
    await recordDemoReportHistory(api.db, { asOf: "2025-10-01" });
    expect(await recordDemoReportHistory(api.db, { asOf: "2025-10-01" })).toEqual({ submitted: 0, accepted: 0 });

    const reports = await get("staff", `/api/tasks/${task.id}/reports`);
    const last = (["accepted", "submitted", "overdue"] as const)[task.id % 3];
    expect(reports.periods.map((p: { state: string }) => p.state)).toEqual(["accepted", "accepted", last]);
    const first = await get(
      "staff",
      `/api/reports/${reports.periods[0].id}/versions/${reports.periods[0].latestVersion.id}`,
    );
    expect(first.hostConfirmation.confirmedOn).toBe("2024-09-08");
    expect(first.review).toMatchObject({ decision: "accepted", reviewer: "staff" });
    // 182 of the contract's 731 days, each source to the whole thousand: 800 M × 182/731, 200 M × 182/731.
    expect(first.report.budget.thisPeriod).toEqual({ state: "199179000", other: "49794000", total: "248973000" });
    const second = await get("staff", `/api/reports/${reports.periods[1].id}`);
    expect(second.report.contentItems.map((c: { previousPercent: number }) => c.previousPercent)).toEqual(
      first.report.contentItems.map((c: { percentComplete: number }) => c.percentComplete),
    );
    const mine = await get("pi", `/api/tasks/${demoPiTask.id}/reports`);
    expect(mine.periods.map((p: { state: string }) => p.state)).toEqual(["accepted", "accepted", "overdue"]);
  });
});
