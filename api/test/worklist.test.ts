import { buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { vietnamToday } from "../src/lifecycle/documents.ts";
import { addDays } from "../src/reports/schedule.ts";
import type { Worklist } from "../src/worklist/schemas.ts";
import type { WorklistProvider } from "../src/worklist/section.ts";
import { getWorklist } from "../src/worklist/service.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { buildAdjustment } from "./progress-fixtures.ts";
import { prepareReports } from "./report-fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let reports: Awaited<ReturnType<typeof prepareReports>>;
const cookie: Record<string, string> = {};
const today = vietnamToday(new Date());
const ids = { acceptance: 0, recognition: 0, adjustment: 0, lateAdjustment: 0 };

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  const { department, people, users } = portfolio;
  // The rice task's schedule: its first report submitted, the others (all past due) not.
  reports = await prepareReports(api.db, portfolio);
  ids.acceptance = (
    await buildTask(api.db, {
      code: "ĐT.2023.11",
      title: "Hồ sơ nghiệm thu đã nộp",
      stage: "acceptance",
      managing_unit_id: department.id,
      pi_person_id: people.colleague.id,
    })
  ).id;
  ids.recognition = (
    await buildTask(api.db, {
      code: "ĐT.2022.04",
      title: "Chờ công nhận kết quả",
      stage: "recognition",
      managing_unit_id: department.id,
    })
  ).id;
  ids.adjustment = (
    await buildAdjustment(api.db, {
      taskId: portfolio.tasks.rice.id,
      requestedBy: users.pi.id,
      dueBy: addDays(today, 9),
    })
  ).id;
  ids.lateAdjustment = (
    await buildAdjustment(api.db, {
      taskId: portfolio.tasks.rice.id,
      requestedBy: users.pi.id,
      kind: "products",
      dueBy: addDays(today, -2),
    })
  ).id;
  const elsewhere = await buildUnit(api.db, { code: "SKHCN-X", name: "Sở KH&CN khác", kind: "department" });
  const passwordHash = await hashPassword(PASSWORD);
  for (const role of ["staff", "head"] as const) {
    await buildUser(api.db, {
      email: `${role}-elsewhere@test.vn`,
      passwordHash,
      fullName: `${role} khác`,
      roles: [role],
      unitId: elsewhere.id,
    });
  }
  for (const who of ["pi", "staff", "head", "council", "staff-elsewhere", "head-elsewhere"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
  // Building the portfolio and signing several people in (argon2) is slow on a loaded machine.
}, 180_000);
afterAll(() => api.close());

async function worklistOf(who: string): Promise<Worklist> {
  const res = await api.request("/api/worklist", { cookie: cookie[who] ?? null });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const section = (list: Worklist, key: string) => list.sections.find((s) => s.key === key);

describe("GET /api/worklist", () => {
  it("gives a PI the reports they owe, overdue first, each linking to its report page", async () => {
    const list = await worklistOf("pi");
    expect(list.sections.map((s) => s.key)).toEqual(expect.arrayContaining(["dueReports", "returnedItems"]));
    expect(section(list, "reviewQueue")).toBeUndefined();
    const due = section(list, "dueReports")?.items ?? [];
    const periods = await api.db
      .selectFrom("report_period")
      .select(["id", "due_on", "status"])
      .where("task_id", "=", portfolio.tasks.rice.id)
      .where("status", "in", ["upcoming", "draft"])
      .orderBy("due_on")
      .execute();
    // The rice contract ended in 2025: every unsubmitted report is overdue.
    expect(due.map((i) => i.href)).toEqual(periods.map((p) => `/nhiem-vu/${portfolio.tasks.rice.id}/bao-cao/${p.id}`));
    expect(due.every((i) => i.overdue && i.label === "report_overdue" && i.taskCode === "ĐT.2024.01")).toBe(true);
    expect(due.map((i) => i.dueOn)).toEqual(periods.map((p) => p.due_on));
  });

  it("gives staff the report to review and the dossiers to check or chase", async () => {
    const list = await worklistOf("staff");
    const review = section(list, "reviewQueue")?.items ?? [];
    expect(review).toEqual([
      expect.objectContaining({
        taskId: portfolio.tasks.rice.id,
        label: "review_report",
        href: `/nhiem-vu/${portfolio.tasks.rice.id}/bao-cao/${reports.submitted.periodId}`,
      }),
    ]);
    const dossiers = section(list, "dossiersToCheck")?.items ?? [];
    expect(dossiers.map((i) => [i.taskId, i.label, i.overdue])).toEqual([
      // The rice contract ended 2025-12-31: its dossier was due 30 days later.
      [portfolio.tasks.rice.id, "dossier_overdue", true],
      [ids.acceptance, "check_dossier", false],
    ]);
    expect(dossiers[0]?.dueOn).toBe("2026-01-30");
    expect(section(list, "headDecisions")).toBeUndefined();
  });

  it("gives the head the adjustments to decide (the late one first) and the results to recognise", async () => {
    const list = await worklistOf("head");
    const decisions = section(list, "headDecisions")?.items ?? [];
    expect(decisions.map((i) => [i.taskId, i.label, i.dueOn, i.overdue])).toEqual([
      [portfolio.tasks.rice.id, "decide_adjustment", addDays(today, -2), true],
      [portfolio.tasks.rice.id, "decide_adjustment", addDays(today, 9), false],
      [ids.recognition, "recognise_results", null, false],
    ]);
    expect(decisions[0]?.href).toBe(`/nhiem-vu/${portfolio.tasks.rice.id}?tab=dieu-chinh`);
    expect(section(list, "reviewQueue")).toBeUndefined();
  });

  it("moves a returned report from the staff's queue to the PI's returned items", async () => {
    const res = await api.request(`/api/reports/${reports.submitted.periodId}/review`, {
      method: "POST",
      cookie: cookie.staff ?? null,
      json: { versionId: reports.submitted.versionId, decision: "return", comments: { general: "Bổ sung số liệu" } },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(section(await worklistOf("staff"), "reviewQueue")?.items).toEqual([]);
    const returned = section(await worklistOf("pi"), "returnedItems")?.items ?? [];
    expect(returned).toEqual([
      expect.objectContaining({
        label: "report_returned",
        href: expect.stringContaining(`/${reports.submitted.periodId}`),
      }),
    ]);
  });

  it("shows another unit's staff and head nothing of this unit, and sections only by role", async () => {
    for (const who of ["staff-elsewhere", "head-elsewhere"]) {
      const list = await worklistOf(who);
      expect(list.sections.length).toBeGreaterThan(0);
      expect(list.sections.flatMap((s) => s.items)).toEqual([]);
    }
    const council = await worklistOf("council");
    for (const key of ["dueReports", "returnedItems", "reviewQueue", "dossiersToCheck", "headDecisions"]) {
      expect(section(council, key)).toBeUndefined();
    }
    const res = await api.request("/api/worklist");
    expect(res.status).toBe(401);
  });

  it("asks only the providers that apply to the person", async () => {
    const asked: string[] = [];
    const provider = (key: string, applies: boolean): WorklistProvider => ({
      key,
      appliesTo: () => applies,
      items: async () => {
        asked.push(key);
        return [
          { taskId: 1, taskCode: "B", taskTitle: "", label: "x", dueOn: null, overdue: false, href: "/" },
          { taskId: 2, taskCode: "A", taskTitle: "", label: "x", dueOn: "2026-01-02", overdue: false, href: "/" },
          { taskId: 3, taskCode: "C", taskTitle: "", label: "x", dueOn: "2026-03-01", overdue: true, href: "/" },
        ];
      },
    });
    const actor = { userId: 1, personId: null, roles: ["council" as const], unitId: null };
    const list = await getWorklist(api.db, actor, new Date(), [provider("yes", true), provider("no", false)]);
    expect(asked).toEqual(["yes"]);
    expect(list.sections[0]?.items.map((i) => i.taskId)).toEqual([3, 2, 1]);
  });
});
