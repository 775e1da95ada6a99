import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleAllInProgress } from "../src/reports/scheduling.ts";
import { insertCouncil } from "./council-fixtures.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * Every editable record that carries a version (the task record, the budget plan, the report
 * draft, the council) under N simultaneous edits all based on the same version: exactly one
 * succeeds, every other gets 409 with the record's stable code, and the stored row is exactly
 * the winner's edit — never a mix, never a lost update, never a second revision.
 */
const N = 8;

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const who of ["staff", "pi"]) cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
}, 180_000);
afterAll(() => api.close());

interface Answer {
  index: number;
  status: number;
  body: { code?: string };
}

/** Sends the N edits at once; returns the winner's index after checking one 200 and N-1 conflicts. */
async function race(send: (i: number) => Promise<Response>, conflictCode: string): Promise<number> {
  const answers: Answer[] = await Promise.all(
    Array.from({ length: N }, async (_, index) => {
      const res = await send(index);
      return { index, status: res.status, body: (await res.json()) as { code?: string } };
    }),
  );
  const winners = answers.filter((a) => a.status === 200);
  expect(winners, JSON.stringify(answers)).toHaveLength(1);
  const losers = answers.filter((a) => a.status !== 200);
  expect(losers.map((a) => a.status)).toEqual(Array(N - 1).fill(409));
  expect(new Set(losers.map((a) => a.body.code))).toEqual(new Set([conflictCode]));
  return winners[0]?.index ?? -1;
}

const send = (who: string, path: string, method: string, json: unknown) =>
  api.request(path, { method, cookie: cookie[who] ?? null, json });

describe(`${N} simultaneous edits of the same version`, () => {
  it("of the task record: one applies, the others get 409 STALE_VERSION", async () => {
    const task = portfolio.tasks.city;
    const before = await api.db
      .selectFrom("task")
      .select("version")
      .where("id", "=", task.id)
      .executeTakeFirstOrThrow();
    const winner = await race(
      (i) =>
        send("staff", `/api/tasks/${task.id}`, "PATCH", {
          version: before.version,
          title: `Trung tâm điều hành đô thị thông minh — bản ${i}`,
          objectives: `Mục tiêu bản ${i}`,
        }),
      "STALE_VERSION",
    );
    const row = await api.db
      .selectFrom("task")
      .select(["title", "objectives", "version"])
      .where("id", "=", task.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      title: `Trung tâm điều hành đô thị thông minh — bản ${winner}`,
      objectives: `Mục tiêu bản ${winner}`,
      version: before.version + 1,
    });
    const audits = await api.db
      .selectFrom("audit_log")
      .select("id")
      .where("task_id", "=", task.id)
      .where("action", "=", "task.updated")
      .execute();
    expect(audits).toHaveLength(1);
  });

  it("of the budget plan: one revision is saved, with the winner's lines", async () => {
    const task = portfolio.tasks.rice; // 1 000 000 000 state + 250 500 000 other, 2024–2025
    const lines = (i: number) => [
      { source: "state", year: 2024, category: "labour", amount: String(500_000_000 + i * 1_000) },
      { source: "state", year: 2025, category: "materials", amount: String(500_000_000 - i * 1_000) },
      { source: "other", year: 2024, category: "other", amount: "250500000" },
    ];
    const winner = await race(
      (i) =>
        send("staff", `/api/tasks/${task.id}/budget/plan`, "PUT", {
          version: 0,
          reason: `Lập dự toán ${i}`,
          lines: lines(i),
        }),
      "STALE_VERSION",
    );
    const revisions = await api.db
      .selectFrom("budget_plan_revision")
      .selectAll()
      .where("task_id", "=", task.id)
      .execute();
    expect(revisions.map((r) => [r.revision, r.reason])).toEqual([[1, `Lập dự toán ${winner}`]]);
    const stored = await api.db
      .selectFrom("budget_line")
      .select(["source", "year", "category", "amount"])
      .where("task_id", "=", task.id)
      .orderBy("source", "desc")
      .orderBy("year")
      .execute();
    expect(stored).toEqual(lines(winner));
  });

  it("of a report draft: one save, the others get 409 STALE_DRAFT", async () => {
    await scheduleAllInProgress(api.db);
    const period = await api.db
      .selectFrom("report_period")
      .select("id")
      .where("task_id", "=", portfolio.tasks.rice.id)
      .orderBy("seq")
      .executeTakeFirstOrThrow();
    const winner = await race(
      (i) =>
        send("pi", `/api/reports/${period.id}/draft`, "PUT", {
          revision: 0,
          content: { problems: `Khó khăn bản ${i}` },
        }),
      "STALE_DRAFT",
    );
    const draft = await api.db
      .selectFrom("report_draft")
      .select(["revision", "content"])
      .where("period_id", "=", period.id)
      .executeTakeFirstOrThrow();
    expect(draft.revision).toBe(1);
    expect((draft.content as { problems?: string }).problems).toBe(`Khó khăn bản ${winner}`);
  });

  it("of a council: one change, the others get 409 STALE_VERSION", async () => {
    const { councilId } = await insertCouncil(api.db, portfolio, portfolio.tasks.rice.id, [], "forming");
    const winner = await race(
      (i) => send("staff", `/api/councils/${councilId}`, "PATCH", { version: 1, location: `Phòng họp ${i}` }),
      "STALE_VERSION",
    );
    const row = await api.db
      .selectFrom("council")
      .select(["location", "version"])
      .where("id", "=", councilId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ location: `Phòng họp ${winner}`, version: 2 });
  });
});
