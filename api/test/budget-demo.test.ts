import type { BudgetSource, Database, MovementKind } from "@khcn/db/schema";
import { DEMO_AS_OF, DEMO_PASSWORD } from "@khcn/db/seed/demo";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDong, sumDong } from "../src/budget/money.ts";
import { checkMovement, type MovementFacts } from "../src/budget/movement-rules.ts";
import { checkPlan, type PlanLine } from "../src/budget/plan-rules.ts";
import { defaultParameter } from "../src/rules/parameters.ts";
import { prepareData } from "../src/startup.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The demo's money, as the server seeds it on first start: every plan adds up to its task's
 * approved figures, and the movements, replayed in date order, pass the same rules the API
 * applies to a new one. The periodic reports tell of the spending the settlements account for.
 */

let api: TestApi;
let db: Kysely<Database>;

beforeAll(async () => {
  api = await startTestApi();
  db = api.db;
  await prepareData(db, { seedDemo: true });
}, 240_000);

afterAll(async () => {
  await api.close();
});

const categories = defaultParameter("expense_categories", "law_2013").map((c) => c.code);

async function tasksWithDates() {
  return db
    .selectFrom("task")
    .select(["id", "code", "stage", "start_date", "end_date", "total_budget", "state_budget"])
    .where("start_date", "is not", null)
    .orderBy("id")
    .execute();
}

async function linesOf(taskId: number): Promise<PlanLine[]> {
  const rows = await db.selectFrom("budget_line").selectAll().where("task_id", "=", taskId).execute();
  return rows.map((r) => ({ source: r.source, year: r.year, category: r.category, amount: parseDong(r.amount) }));
}

async function movementsOf(taskId: number) {
  return db
    .selectFrom("budget_movement as m")
    .innerJoin("document as d", "d.id", "m.document_id")
    .select([
      "m.kind",
      "m.year",
      "m.source",
      "m.amount",
      "m.occurred_on",
      "d.number",
      "d.doc_type",
      "d.issuer",
      "d.issued_on",
    ])
    .where("m.task_id", "=", taskId)
    .orderBy("m.occurred_on")
    .orderBy("m.id")
    .execute();
}

describe("the demo's budget", () => {
  it("gives every task past approval a plan that adds up to its approved total and state part", async () => {
    const tasks = await tasksWithDates();
    expect(tasks.length).toBeGreaterThan(60);
    for (const task of tasks) {
      const lines = await linesOf(task.id);
      const verdict = checkPlan(
        lines.map((l) => ({ ...l, amount: l.amount.toString() })),
        {
          totalBudget: parseDong(task.total_budget),
          stateBudget: parseDong(task.state_budget),
          firstYear: Number((task.start_date as string).slice(0, 4)),
          lastYear: Number((task.end_date as string).slice(0, 4)),
          categories,
        },
      );
      expect(verdict, `${task.code}: ${verdict.ok ? "" : verdict.message}`).toMatchObject({ ok: true });
      // Approved budgets are written to the thousand, and so is every line.
      for (const l of lines) expect(l.amount % 1000n, task.code).toBe(0n);
      const revisions = await db
        .selectFrom("budget_plan_revision")
        .select(["revision", "total", "state_total"])
        .where("task_id", "=", task.id)
        .orderBy("revision")
        .execute();
      expect(revisions[0]?.revision, task.code).toBe(1);
      expect(revisions.at(-1)?.total, task.code).toBe(task.total_budget);
      expect(revisions.at(-1)?.state_total, task.code).toBe(task.state_budget);
    }
    const undated = await db.selectFrom("task").select("id").where("start_date", "is", null).execute();
    const planned = await db.selectFrom("budget_line").select("task_id").distinct().execute();
    expect(planned.map((p) => p.task_id)).not.toContain(undated[0]?.id);
  });

  it("moves money only as the rules allow: no allocation beyond the plan, advance beyond allocation, settlement beyond advance", async () => {
    for (const task of await tasksWithDates()) {
      const plan = await linesOf(task.id);
      const done: MovementFacts[] = [];
      for (const m of await movementsOf(task.id)) {
        const next = { kind: m.kind, year: m.year, source: m.source, amount: parseDong(m.amount) };
        const verdict = checkMovement(plan, done, next);
        expect(verdict, `${task.code} ${m.kind} ${m.year} ${m.source} on ${m.occurred_on}`).toMatchObject({ ok: true });
        done.push(next);
        // Dated and numbered like the Department's other documents: 45/QĐ-SKHCN.
        expect(`${m.number}/${m.doc_type}-${m.issuer}`).toMatch(/^\d+\/(QĐ|TB)-SKHCN$/);
        expect(m.issued_on).toBe(m.occurred_on);
        expect(m.occurred_on <= DEMO_AS_OF).toBe(true);
      }
      if (task.stage === "approved") expect(done).toEqual([]);
    }
  });

  it("tells the stories a head watches: unsettled advances, lapsing allocations, recoveries", async () => {
    const rows = await db
      .selectFrom("budget_movement")
      .select(["task_id", "kind", "year", "source", "amount", "recovery_cause"])
      .execute();
    const total = (taskId: number, kind: MovementKind, year: number, source: BudgetSource = "state") =>
      sumDong(
        rows
          .filter((r) => r.task_id === taskId && r.kind === kind && r.year === year && r.source === source)
          .map((r) => parseDong(r.amount)),
      );
    const taskIds = [...new Set(rows.map((r) => r.task_id))];
    const year = Number(DEMO_AS_OF.slice(0, 4));
    const unsettledLastYear = taskIds.filter(
      (id) => total(id, "advance", year - 1) > 0n && total(id, "settlement", year - 1) === 0n,
    );
    expect(unsettledLastYear.length).toBeGreaterThanOrEqual(2);
    // Allocated in January and hardly drawn on by November.
    const lapsing = taskIds.filter(
      (id) => total(id, "allocation", year) > 0n && total(id, "advance", year) * 2n < total(id, "allocation", year),
    );
    expect(lapsing.length).toBeGreaterThanOrEqual(2);
    const recoveries = rows.filter((r) => r.kind === "recovery");
    expect(new Set(recoveries.map((r) => r.task_id)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(recoveries.map((r) => r.recovery_cause))).toEqual(new Set(["terminated", "failed_acceptance"]));
    // Trial-production projects move their counterpart funds too.
    expect(rows.some((r) => r.source === "other" && r.kind === "settlement")).toBe(true);
  });

  it("settles a year for what the periodic reports said was spent in it", async () => {
    const year = Number(DEMO_AS_OF.slice(0, 4)) - 1;
    const reports = await db
      .selectFrom("report_version as v")
      .innerJoin("report_period as p", "p.id", "v.period_id")
      .innerJoin("task as t", "t.id", "p.task_id")
      .select(["p.task_id", "p.period_start", "p.period_end", "v.content", "t.start_date"])
      .where("v.version_no", "=", 1)
      .execute();
    let compared = 0;
    for (const taskId of new Set(reports.map((r) => r.task_id))) {
      const mine = reports.filter((r) => r.task_id === taskId);
      const inYear = mine.filter((r) => r.period_end.startsWith(`${year}-`));
      const opens = (inYear[0]?.start_date ?? "") > `${year}-01-01` ? inYear[0]?.start_date : `${year}-01-01`;
      // Only where the reports cover exactly the year's contract days.
      if (!inYear.some((r) => r.period_end === `${year}-12-31`) || inYear.some((r) => r.period_start < (opens ?? ""))) {
        continue;
      }
      const reported = sumDong(
        inYear.map((r) =>
          parseDong((r.content as { budget: { thisPeriod: { state: string } } }).budget.thisPeriod.state),
        ),
      );
      const settled = await db
        .selectFrom("budget_movement")
        .select("amount")
        .where("task_id", "=", taskId)
        .where("kind", "=", "settlement")
        .where("year", "=", year)
        .where("source", "=", "state")
        .execute();
      if (settled.length === 0) continue;
      expect(sumDong(settled.map((s) => parseDong(s.amount))), `task ${taskId}`).toBe(reported);
      compared += 1;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });

  it("gives the head's forecast something to warn about: lapsing money, spending ahead of progress", async () => {
    const cookie = await api.signIn("head@demo.khcn.vn", DEMO_PASSWORD);
    const running = await db.selectFrom("task").select("id").where("stage", "=", "in_progress").execute();
    const codes = new Set<string>();
    for (const { id } of running) {
      const res = await api.request(`/api/tasks/${id}/budget`, { cookie });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { forecast: { warnings: { code: string }[] } };
      for (const w of body.forecast.warnings) codes.add(w.code);
    }
    expect(codes).toContain("LAPSE_RISK");
    expect(codes).toContain("SPENDING_AHEAD_OF_PROGRESS");
  });
});
