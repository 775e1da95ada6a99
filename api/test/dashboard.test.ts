import type { MovementKind } from "@khcn/db/schema";
import { buildOrganisation, buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import type { Dashboard, TaskListFilter } from "../src/dashboard/schemas.ts";
import { vietnamToday } from "../src/lifecycle/documents.ts";
import { addDays } from "../src/reports/schedule.ts";
import { scheduleAllInProgress } from "../src/reports/scheduling.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { buildAdjustment } from "./progress-fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The dashboard's figures against the records themselves: every count and sum is recomputed here
 * with plain SQL over the tables, and every figure's filter, given to the task list, must list
 * exactly as many tasks as the figure counts.
 */

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};
const today = vietnamToday(new Date());
let otherUnitId = 0;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  const { department, namDinh, institute, people, users, themes } = portfolio;
  const coop = await buildOrganisation(api.db, { name: "Hợp tác xã Nông nghiệp Giao Thủy", kind: "enterprise" });
  // Contract ended long ago, no dossier: overdue.
  await buildTask(api.db, {
    code: "ĐT.2023.05",
    title: "Sản xuất giống cá hồng Mỹ",
    start_date: "2023-01-01",
    end_date: "2025-03-31",
    managing_unit_id: department.id,
    former_province_id: namDinh.id,
    host_organisation_id: coop.id,
    pi_person_id: people.colleague.id,
    themeIds: [themes.agriculture.id],
  });
  // Ends within 30 days: a contract end and (later) a dossier deadline.
  const ending = await buildTask(api.db, {
    code: "ĐT.2025.02",
    title: "Nuôi trồng đông trùng hạ thảo",
    start_date: "2025-01-01",
    end_date: addDays(today, 20),
    field: "natural",
    managing_unit_id: department.id,
    host_organisation_id: institute.id,
    pi_person_id: people.scientist.id,
    themeIds: [themes.crops.id, themes.agriculture.id],
  });
  await buildTask(api.db, {
    code: "ĐT.2022.09",
    title: "Ứng dụng IoT trong quản lý đô thị",
    stage: "recognition",
    field: "engineering",
    managing_unit_id: department.id,
    host_organisation_id: portfolio.university.id,
    themeIds: [themes.smartCity.id],
  });
  // Another Department's task: never in this unit's figures.
  const elsewhere = await buildUnit(api.db, { code: "SKHCN-HN", name: "Sở KH&CN Hà Nam", kind: "department" });
  otherUnitId = elsewhere.id;
  const foreign = await buildTask(api.db, {
    code: "ĐT.2024.77",
    title: "Nhiệm vụ của đơn vị khác",
    end_date: "2025-01-31",
    managing_unit_id: elsewhere.id,
  });
  await buildUser(api.db, {
    email: "head-elsewhere@test.vn",
    passwordHash: await hashPassword(PASSWORD),
    fullName: "Lãnh đạo Sở khác",
    roles: ["head"],
    unitId: elsewhere.id,
  });
  await scheduleAllInProgress(api.db);

  await buildAdjustment(api.db, {
    taskId: portfolio.tasks.rice.id,
    requestedBy: users.pi.id,
    dueBy: addDays(today, 10),
  });
  await buildAdjustment(api.db, {
    taskId: ending.id,
    requestedBy: users.pi.id,
    kind: "products",
    dueBy: addDays(today, -3),
  });
  await buildAdjustment(api.db, { taskId: foreign.id, requestedBy: users.pi.id, dueBy: addDays(today, 5) });

  const line = (taskId: number, source: "state" | "other", year: number, amount: string) =>
    api.db.insertInto("budget_line").values({ task_id: taskId, source, year, category: null, amount }).execute();
  await line(portfolio.tasks.rice.id, "state", 2024, "600000000");
  await line(portfolio.tasks.rice.id, "state", 2025, "400000000");
  await line(portfolio.tasks.rice.id, "other", 2025, "250500000");
  await line(ending.id, "state", 2025, "1000000000");
  await line(ending.id, "other", 2026, "200000000");
  await line(foreign.id, "state", 2025, "999000000");
  const move = (taskId: number, kind: MovementKind, year: number, amount: string) =>
    api.db
      .insertInto("budget_movement")
      .values({
        task_id: taskId,
        kind,
        year,
        source: "state",
        amount,
        occurred_on: `${year}-06-01`,
        recovery_cause: kind === "recovery" ? "unspent" : null,
      })
      .execute();
  await move(portfolio.tasks.rice.id, "allocation", 2024, "600000000");
  await move(portfolio.tasks.rice.id, "advance", 2024, "500000000");
  await move(portfolio.tasks.rice.id, "settlement", 2024, "450000000");
  await move(portfolio.tasks.rice.id, "allocation", 2025, "400000000");
  await move(portfolio.tasks.rice.id, "advance", 2025, "300000000");
  await move(ending.id, "allocation", 2025, "1000000000");
  await move(ending.id, "advance", 2025, "700000000");
  await move(ending.id, "recovery", 2025, "20000000");
  await move(foreign.id, "advance", 2025, "123000000");

  for (const who of ["head", "staff", "admin", "pi", "council", "head-elsewhere"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
  // Building the portfolio and signing several people in (argon2) is slow on a loaded machine.
}, 180_000);
afterAll(() => api.close());

async function dashboardOf(who: string): Promise<Dashboard> {
  const res = await api.request("/api/dashboard", { cookie: cookie[who] ?? null });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

function search(filter: TaskListFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    query.set(key, Array.isArray(value) ? value.join(",") : String(value));
  }
  query.set("pageSize", "100");
  return query.toString();
}

async function listed(filter: TaskListFilter, who = "head"): Promise<{ total: number; ids: number[] }> {
  const res = await api.request(`/api/tasks?${search(filter)}`, { cookie: cookie[who] ?? null });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = (await res.json()) as { total: number; items: { id: number }[] };
  return { total: body.total, ids: body.items.map((t) => t.id).sort((a, b) => a - b) };
}

const num = (rows: { n: unknown }[]) => Number(rows[0]?.n ?? 0);
const unitTasks = () => portfolio.department.id;

describe("GET /api/dashboard", () => {
  it("counts the unit's tasks by stage, field, host, former province and theme as the records do", async () => {
    const d = await dashboardOf("head");
    const unit = unitTasks();
    const { rows: total } = await sql<{
      n: string;
    }>`select count(*) as n from task where managing_unit_id = ${unit}`.execute(api.db);
    expect(d.total.count).toBe(num(total));
    expect(d.total.count).toBe(6);

    const { rows: byStage } = await sql<{ stage: string; n: string }>`
      select stage, count(*) as n from task where managing_unit_id = ${unit} group by stage`.execute(api.db);
    for (const s of d.stages) {
      expect(s.count, s.stage).toBe(Number(byStage.find((r) => r.stage === s.stage)?.n ?? 0));
    }
    const { rows: byField } = await sql<{ field: string; n: string }>`
      select field, count(*) as n from task where managing_unit_id = ${unit} group by field`.execute(api.db);
    for (const f of d.fields) expect(f.count, f.field).toBe(Number(byField.find((r) => r.field === f.field)?.n ?? 0));

    const { rows: byHost } = await sql<{ id: number; n: string }>`
      select host_organisation_id as id, count(*) as n from task
      where managing_unit_id = ${unit} and host_organisation_id is not null group by host_organisation_id`.execute(
      api.db,
    );
    expect(d.hosts.map((h) => [h.id, h.count]).sort()).toEqual(byHost.map((r) => [r.id, Number(r.n)]).sort());

    const { rows: byProvince } = await sql<{ id: number; n: string }>`
      select former_province_id as id, count(*) as n from task
      where managing_unit_id = ${unit} and former_province_id is not null group by former_province_id`.execute(api.db);
    expect(d.formerProvinces.map((p) => [p.id, p.count])).toEqual(byProvince.map((r) => [r.id, Number(r.n)]));

    // A task linking a theme and its sub-theme counts once under the theme.
    const { rows: byTheme } = await sql<{ id: number; n: string }>`
      select root.id, count(distinct tt.task_id) as n
      from theme root join theme t on t.id = root.id or t.parent_id = root.id
      join task_theme tt on tt.theme_id = t.id join task on task.id = tt.task_id
      where root.parent_id is null and task.managing_unit_id = ${unit} group by root.id`.execute(api.db);
    expect(d.themes.map((t) => [t.id, t.count]).sort()).toEqual(byTheme.map((r) => [r.id, Number(r.n)]).sort());
    expect(d.themes.find((t) => t.id === portfolio.themes.agriculture.id)?.count).toBe(4);
  });

  it("sums the plan and the money moved per budget year from the budget tables, in whole đồng", async () => {
    const d = await dashboardOf("head");
    const unit = unitTasks();
    const { rows: plan } = await sql<{ year: number; amount: string }>`
      select l.year, sum(l.amount)::text as amount from budget_line l join task t on t.id = l.task_id
      where t.managing_unit_id = ${unit} group by l.year order by l.year`.execute(api.db);
    const { rows: moved } = await sql<{ year: number; kind: string; amount: string }>`
      select m.year, m.kind, sum(m.amount)::text as amount from budget_movement m join task t on t.id = m.task_id
      where t.managing_unit_id = ${unit} group by m.year, m.kind`.execute(api.db);
    const movedOf = (year: number, kind: string) =>
      moved.find((r) => r.year === year && r.kind === kind)?.amount ?? "0";
    expect(d.money.map((m) => m.year)).toEqual([2024, 2025, 2026]);
    for (const m of d.money) {
      expect(m.plan).toBe(plan.find((r) => r.year === m.year)?.amount ?? "0");
      expect(m.allocated).toBe(movedOf(m.year, "allocation"));
      expect(m.advanced).toBe(movedOf(m.year, "advance"));
      expect(m.settled).toBe(movedOf(m.year, "settlement"));
      expect(m.recovered).toBe(movedOf(m.year, "recovery"));
      // Neither settled nor recovered, as the task's own budget tab counts it (budget/movement-rules.ts).
      expect(BigInt(m.outstandingAdvance)).toBe(BigInt(m.advanced) - BigInt(m.settled) - BigInt(m.recovered));
    }
    expect(d.money.find((m) => m.year === 2025)).toMatchObject({
      plan: "1650500000",
      allocated: "1400000000",
      advanced: "1000000000",
      settled: "0",
      recovered: "20000000",
      outstandingAdvance: "980000000",
    });
    expect(d.moneyTotals).toMatchObject({
      plan: "2450500000",
      advanced: "1500000000",
      outstandingAdvance: "1030000000",
    });
    // The other Department's money is not here.
    const { total } = await listed({ budgetYear: 2025 });
    expect(total).toBe(2);
  });

  it("counts overdue reports and dossiers, pending adjustments and recognitions as the records show them", async () => {
    const d = await dashboardOf("head");
    const unit = unitTasks();
    const overdue = await api.request("/api/reports/overdue", { cookie: cookie.head ?? null });
    const items = ((await overdue.json()) as { items: { task: { id: number } }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(d.attention.overdueReports.reports).toBe(items.length);
    const lateTasks = [...new Set(items.map((i) => i.task.id))].sort((a, b) => a - b);
    expect(d.attention.overdueReports.count).toBe(lateTasks.length);
    expect((await listed(d.attention.overdueReports.filter)).ids).toEqual(lateTasks);

    // Dossier due 30 days (the default) after the contract ends; the task still in progress.
    const { rows: lateDossiers } = await sql<{ id: number }>`
      select id from task where managing_unit_id = ${unit} and stage = 'in_progress'
      and end_date + 30 < ${today}::date order by id`.execute(api.db);
    expect(lateDossiers.length).toBe(2);
    expect(d.attention.overdueDossiers.count).toBe(lateDossiers.length);
    expect((await listed(d.attention.overdueDossiers.filter)).ids).toEqual(lateDossiers.map((r) => r.id));

    const { rows: pending } = await sql<{ n: string; requests: string; late: string }>`
      select count(distinct a.task_id) as n, count(*) as requests,
             count(*) filter (where a.due_by < ${today}::date) as late
      from adjustment_request a join task t on t.id = a.task_id
      where a.status = 'submitted' and t.managing_unit_id = ${unit}`.execute(api.db);
    expect(d.attention.pendingAdjustments).toMatchObject({
      count: Number(pending[0]?.n),
      requests: Number(pending[0]?.requests),
      overdue: Number(pending[0]?.late),
    });
    expect(d.attention.pendingAdjustments.overdue).toBe(1);
    expect(d.attention.recognitionsWaiting.count).toBe(1);
  });

  it("counts tasks with a deadline in the next 30, 60 and 90 days as the records give them", async () => {
    const d = await dashboardOf("head");
    const unit = unitTasks();
    expect(d.deadlines.map((w) => w.days)).toEqual([30, 60, 90]);
    for (const window of d.deadlines) {
      const last = addDays(today, window.days);
      const { rows } = await sql<{ task_id: number }>`
        select p.task_id from report_period p join task t on t.id = p.task_id
          where t.managing_unit_id = ${unit} and t.stage = 'in_progress' and p.status in ('upcoming', 'draft')
          and p.due_on between ${today}::date and ${last}::date
        union select id from task where managing_unit_id = ${unit} and stage = 'in_progress'
          and end_date between ${today}::date and ${last}::date
        union select id from task where managing_unit_id = ${unit} and stage = 'in_progress'
          and end_date + 30 between ${today}::date and ${last}::date
        union select a.task_id from adjustment_request a join task t on t.id = a.task_id
          where t.managing_unit_id = ${unit} and a.status = 'submitted' and a.due_by between ${today}::date and ${last}::date
      `.execute(api.db);
      const expected = rows.map((r) => r.task_id).sort((a, b) => a - b);
      expect(window.count, `${window.days} days`).toBe(expected.length);
      expect((await listed(window.filter)).ids).toEqual(expected);
    }
    const thirty = d.deadlines[0];
    expect(thirty?.byKind.find((k) => k.kind === "contract_end")?.count).toBe(1);
    expect(thirty?.byKind.find((k) => k.kind === "adjustment")?.count).toBe(1);
  });

  it("gives every figure a filter that lists exactly the tasks it counts", async () => {
    const d = await dashboardOf("head");
    const figures: { name: string; count: number; filter: TaskListFilter }[] = [
      { name: "total", ...d.total },
      ...d.stages.map((s) => ({ name: s.stage, ...s })),
      ...d.themes.map((t) => ({ name: t.code, ...t })),
      ...d.fields.map((f) => ({ name: f.field, ...f })),
      ...d.hosts,
      ...d.formerProvinces,
      { name: "overdueReports", ...d.attention.overdueReports },
      { name: "overdueDossiers", ...d.attention.overdueDossiers },
      { name: "pendingAdjustments", ...d.attention.pendingAdjustments },
      { name: "recognitionsWaiting", ...d.attention.recognitionsWaiting },
      ...d.deadlines.flatMap((w) => [
        { name: `${w.days}`, ...w },
        ...w.byKind.map((k) => ({ name: `${w.days}/${k.kind}`, ...k })),
      ]),
    ];
    for (const figure of figures) {
      expect((await listed(figure.filter)).total, figure.name).toBe(figure.count);
    }
  });

  it("shows staff their unit's figures, administrators every unit's, another head only theirs", async () => {
    const head = await dashboardOf("head");
    expect((await dashboardOf("staff")).total.count).toBe(head.total.count);
    const { rows } = await sql<{ n: string }>`select count(*) as n from task`.execute(api.db);
    const admin = await dashboardOf("admin");
    expect(admin.total.count).toBe(num(rows));
    expect(admin.moneyTotals.advanced).toBe("1623000000");
    const elsewhere = await dashboardOf("head-elsewhere");
    const { rows: theirs } = await sql<{ n: string }>`
      select count(*) as n from task where managing_unit_id = ${otherUnitId}`.execute(api.db);
    expect(elsewhere.total.count).toBe(num(theirs));
    expect(elsewhere.attention.pendingAdjustments.count).toBe(1);
  });

  it("is refused to a PI and a council member", async () => {
    for (const who of ["pi", "council"]) {
      const res = await api.request("/api/dashboard", { cookie: cookie[who] ?? null });
      expect(res.status).toBe(403);
      expect((await res.json()).code).toBe("FORBIDDEN");
    }
  });
});

describe("task list filters", () => {
  it("refuses an unknown deadline kind and a window beyond a year", async () => {
    for (const query of ["deadlineWithin=30&deadlineKind=party", "deadlineWithin=400", "overdueReports=maybe"]) {
      const res = await api.request(`/api/tasks?${query}`, { cookie: cookie.head ?? null });
      expect(res.status, query).toBe(400);
    }
  });

  it("combines the new filters with the old ones (AND)", async () => {
    const { ids } = await listed({ overdueDossier: true, formerProvince: portfolio.namDinh.id });
    const { rows } = await sql<{ id: number }>`
      select id from task where stage = 'in_progress' and former_province_id = ${portfolio.namDinh.id}
      and end_date + 30 < ${today}::date order by id`.execute(api.db);
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(ids.length).toBe(2);
  });
});
