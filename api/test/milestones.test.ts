import { buildTask } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleReports } from "../src/reports/scheduling.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const who of ["staff", "head", "pi", "council", "admin"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
});
afterAll(() => api.close());

const send = (method: string, path: string, who: string, json?: unknown) =>
  api.request(path, { method, cookie: cookie[who] ?? null, ...(json !== undefined ? { json } : {}) });
async function ok(res: Response, status = 200) {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json();
}

const runningTask = (overrides: Parameters<typeof buildTask>[1] = {}) =>
  buildTask(api.db, {
    stage: "in_progress",
    managing_unit_id: portfolio.department.id,
    host_organisation_id: portfolio.institute.id,
    pi_person_id: portfolio.people.scientist.id,
    start_date: "2024-01-01",
    end_date: "2099-12-31",
    ...overrides,
  });

describe("planned dates on the record", () => {
  it("are set and returned with content items and products, and kept when a form leaves them out", async () => {
    const task = await runningTask();
    const edited = await ok(
      await send("PATCH", `/api/tasks/${task.id}`, "staff", {
        version: 1,
        contentItems: [
          { title: "Khảo sát", plannedStart: "2024-01-01", plannedEnd: "2024-06-30" },
          { title: "Thí nghiệm", plannedStart: "2024-07-01", plannedEnd: "2099-06-30" },
        ],
        products: [{ productClass: "II", name: "Quy trình", quantity: "1", unit: "quy trình", dueOn: "2024-12-31" }],
      }),
    );
    expect(edited.contentItems).toMatchObject([
      { title: "Khảo sát", plannedStart: "2024-01-01", plannedEnd: "2024-06-30" },
      { title: "Thí nghiệm", plannedStart: "2024-07-01", plannedEnd: "2099-06-30" },
    ]);
    expect(edited.products[0]).toMatchObject({ name: "Quy trình", dueOn: "2024-12-31" });

    // A form that does not show the dates sends the items back without them: nothing changes.
    const same = await ok(
      await send("PATCH", `/api/tasks/${task.id}`, "staff", {
        version: 2,
        contentItems: edited.contentItems.map((c: { id: number; title: string }) => ({ id: c.id, title: c.title })),
      }),
    );
    expect(same.version).toBe(2);
    expect(same.contentItems[0].plannedEnd).toBe("2024-06-30");

    const backwards = await send("PATCH", `/api/tasks/${task.id}`, "staff", {
      version: 2,
      contentItems: [{ id: edited.contentItems[0].id, title: "Khảo sát", plannedEnd: "2023-12-31" }],
    });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).fields).toHaveProperty(["contentItems.0.plannedEnd"]);
  });

  it("leave a product's due date to an adjustment under full lump-sum funding, but not the content's dates", async () => {
    const task = await runningTask({ funding_mode: "full_lump_sum", regime: "law_93_2025" });
    await api.db
      .insertInto("task_product")
      .values({ task_id: task.id, product_class: "I", name: "Giống lúa", quantity: "2", unit: "tấn" })
      .execute();
    const detail = await ok(await send("GET", `/api/tasks/${task.id}`, "staff"));
    const frozen = await send("PATCH", `/api/tasks/${task.id}`, "staff", {
      version: detail.version,
      products: [{ ...detail.products[0], dueOn: "2025-06-30" }],
    });
    expect(frozen.status).toBe(409);
    expect((await frozen.json()).code).toBe("FROZEN_FIELD");
    await ok(
      await send("PATCH", `/api/tasks/${task.id}`, "staff", {
        version: detail.version,
        contentItems: [{ title: "Lai tạo", plannedStart: "2024-01-01", plannedEnd: "2024-12-31" }],
      }),
    );
  });
});

describe("milestones", () => {
  it("show planned against reported progress and flag what is late", async () => {
    const task = await runningTask({ end_date: "2025-12-31" });
    const record = await ok(
      await send("PATCH", `/api/tasks/${task.id}`, "staff", {
        version: 1,
        contentItems: [
          { title: "Khảo sát", plannedStart: "2024-01-01", plannedEnd: "2024-06-30" },
          { title: "Thí nghiệm", plannedStart: "2024-07-01", plannedEnd: "2099-06-30" },
          { title: "Tổng kết" },
        ],
        products: [{ productClass: "II", name: "Quy trình", quantity: "1", unit: "quy trình", dueOn: "2024-12-31" }],
      }),
    );
    const [survey, trial, wrapUp] = record.contentItems;
    const [process] = record.products;

    const before = await ok(await send("GET", `/api/tasks/${task.id}/milestones`, "pi"));
    expect(before.report).toBeNull();
    expect(before.items).toMatchObject([
      { type: "content_item", id: survey.id, plannedPercent: 100, reportedPercent: null, late: true },
      { type: "content_item", id: trial.id, late: false, daysLate: null },
      { type: "content_item", id: wrapUp.id, plannedEnd: null, plannedPercent: null, late: false },
      { type: "product", id: process.id, title: "Quy trình", plannedEnd: "2024-12-31", late: true },
    ]);
    expect(before.items[1].plannedPercent).toBeGreaterThan(0);
    expect(before.items[1].plannedPercent).toBeLessThan(100);
    expect(before.items[0].daysLate).toBeGreaterThan(0);
    expect(before.summary).toEqual({ total: 4, planned: 3, complete: 0, late: 2 });

    // The PI reports the survey done and the process completed.
    await api.db.transaction().execute((trx) => scheduleReports(trx, task.id));
    const reports = await ok(await send("GET", `/api/tasks/${task.id}/reports`, "pi"));
    const periodId = reports.periods[0].id;
    await ok(
      await send("PUT", `/api/reports/${periodId}/draft`, "pi", {
        revision: 0,
        content: {
          contentItems: [
            { contentItemId: survey.id, workDone: "Đã khảo sát 30 hộ", percentComplete: 100 },
            { contentItemId: trial.id, workDone: "Đang làm", percentComplete: 20 },
          ],
          products: [{ productId: process.id, status: "completed", quantityAchieved: "1", note: "" }],
        },
      }),
    );
    await ok(
      await send("POST", `/api/reports/${periodId}/submit`, "pi", {
        revision: 1,
        hostConfirmation: { confirmedBy: "Nguyễn Văn Bình", confirmedOn: "2024-07-10" },
      }),
      201,
    );

    const after = await ok(await send("GET", `/api/tasks/${task.id}/milestones`, "staff"));
    expect(after.report).toMatchObject({ periodId, seq: 1 });
    expect(after.items).toMatchObject([
      { id: survey.id, reportedPercent: 100, complete: true, late: false },
      { id: trial.id, reportedPercent: 20, complete: false, late: false },
      { id: wrapUp.id, reportedPercent: 0, complete: false, late: false },
      { id: process.id, reportedStatus: "completed", complete: true, late: false },
    ]);
    expect(after.summary).toEqual({ total: 4, planned: 3, complete: 2, late: 0 });
  });

  it("are visible to those who see the task", async () => {
    const id = portfolio.tasks.rice.id;
    for (const who of ["staff", "head", "pi", "admin"]) {
      expect((await send("GET", `/api/tasks/${id}/milestones`, who)).status, who).toBe(200);
    }
    expect((await send("GET", `/api/tasks/${id}/milestones`, "council")).status).toBe(404);
    expect((await send("GET", "/api/tasks/999999/milestones", "staff")).status).toBe(404);
  });
});
