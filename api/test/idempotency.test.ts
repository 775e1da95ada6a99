import { readdirSync } from "node:fs";
import { buildTask } from "@khcn/db/seed/builders";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduleAllInProgress } from "../src/reports/scheduling.ts";
import { buildAcceptanceTask, buildCouncilExperts, insertCouncil } from "./council-fixtures.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The create-type requests (report submit, file upload, grade sign-off, lifecycle transition,
 * budget movement) with an Idempotency-Key: a retry with the same key and payload gets the stored answer (same
 * status, same body, `Idempotent-Replayed: true`) and writes no second row; the same key with
 * another payload is refused with 422 IDEMPOTENCY_KEY_REUSED; two copies sent at the same moment
 * make one row between them.
 */

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let experts: Awaited<ReturnType<typeof buildCouncilExperts>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  experts = await buildCouncilExperts(api.db, portfolio);
  for (const who of ["staff", "pi", "council"]) cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  await scheduleAllInProgress(api.db);
}, 180_000);
afterAll(() => api.close());

const call = (who: string, path: string, init: RequestInit & { json?: unknown; key?: string } = {}) => {
  const { key, ...rest } = init;
  return api.request(path, {
    ...rest,
    cookie: cookie[who] ?? null,
    ...(key ? { headers: { "Idempotency-Key": key } } : {}),
  });
};

async function answer(res: Response) {
  return { status: res.status, replayed: res.headers.get("Idempotent-Replayed") === "true", body: await res.json() };
}

async function rows(table: "report_version" | "stored_file" | "task_transition" | "idempotency_key" | "audit_log") {
  const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)}`.execute(api.db);
  return Number(r.rows[0]?.n);
}

/** Two copies at once: both get the same answer, exactly one of them is the replay. */
function expectOneEffect(a: Awaited<ReturnType<typeof answer>>, b: Awaited<ReturnType<typeof answer>>, status: number) {
  expect([a.status, b.status], JSON.stringify([a.body, b.body])).toEqual([status, status]);
  expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
  expect(a.body).toEqual(b.body);
}

describe("report submit", () => {
  const host = { confirmedBy: "Nguyễn Văn Bình", confirmedOn: "2025-09-10" };
  const periodIds = async () =>
    (
      await api.db
        .selectFrom("report_period")
        .select("id")
        .where("task_id", "=", portfolio.tasks.rice.id)
        .orderBy("seq")
        .execute()
    ).map((p) => p.id);

  it("replays the stored answer for the same key and payload, refuses another payload", async () => {
    const [first] = await periodIds();
    const url = `/api/reports/${first}/submit`;
    const before = await rows("report_version");
    const once = await answer(
      await call("pi", url, { method: "POST", json: { revision: 0, hostConfirmation: host }, key: "submit-1" }),
    );
    expect(once.status, JSON.stringify(once.body)).toBe(201);
    const again = await answer(
      await call("pi", url, { method: "POST", json: { revision: 0, hostConfirmation: host }, key: "submit-1" }),
    );
    expect(again).toEqual({ ...once, replayed: true });
    expect(await rows("report_version")).toBe(before + 1);

    const other = await answer(
      await call("pi", url, {
        method: "POST",
        json: { revision: 0, hostConfirmation: { ...host, confirmedBy: "Người khác" } },
        key: "submit-1",
      }),
    );
    expect([other.status, other.body.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await rows("report_version")).toBe(before + 1);
  });

  it("makes one version from two copies sent at once", async () => {
    const [, second] = await periodIds();
    const url = `/api/reports/${second}/submit`;
    const before = await rows("report_version");
    const send = () =>
      call("pi", url, { method: "POST", json: { revision: 0, hostConfirmation: host }, key: "submit-2" });
    const [a, b] = await Promise.all([send(), send()]);
    expectOneEffect(await answer(a), await answer(b), 201);
    expect(await rows("report_version")).toBe(before + 1);
  });
});

describe("file upload", () => {
  const form = (text: string, name = "quyet-dinh.pdf") => {
    const f = new FormData();
    f.append("file", new Blob([new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`)]), name);
    return f;
  };
  const filesOnDisk = () => readdirSync(api.filesDir).length;

  it("keeps one file for a retried upload and refuses another file under the same key", async () => {
    const [rowsBefore, diskBefore] = [await rows("stored_file"), filesOnDisk()];
    const once = await answer(
      await call("staff", "/api/files", { method: "POST", body: form("Quyết định 1"), key: "up-1" }),
    );
    expect(once.status, JSON.stringify(once.body)).toBe(201);
    const again = await answer(
      await call("staff", "/api/files", { method: "POST", body: form("Quyết định 1"), key: "up-1" }),
    );
    expect(again).toEqual({ ...once, replayed: true });
    expect(await rows("stored_file")).toBe(rowsBefore + 1);
    expect(filesOnDisk()).toBe(diskBefore + 1);

    const other = await answer(
      await call("staff", "/api/files", { method: "POST", body: form("Quyết định 2"), key: "up-1" }),
    );
    expect([other.status, other.body.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await rows("stored_file")).toBe(rowsBefore + 1);
    expect(filesOnDisk()).toBe(diskBefore + 1);

    // Without a key, the same bytes are simply a second upload.
    expect((await call("staff", "/api/files", { method: "POST", body: form("Quyết định 1") })).status).toBe(201);
    expect(await rows("stored_file")).toBe(rowsBefore + 2);
  });

  it("makes one file from two copies sent at once", async () => {
    const [rowsBefore, diskBefore] = [await rows("stored_file"), filesOnDisk()];
    const send = () => call("staff", "/api/files", { method: "POST", body: form("Biên bản"), key: "up-2" });
    const [a, b] = await Promise.all([send(), send()]);
    expectOneEffect(await answer(a), await answer(b), 201);
    expect(await rows("stored_file")).toBe(rowsBefore + 1);
    expect(filesOnDisk()).toBe(diskBefore + 1);
  });
});

describe("lifecycle transition", () => {
  let docSeq = 500;
  const proposal = (n: number) =>
    buildTask(api.db, {
      code: `ĐA.2026.9${n}`,
      title: `Đề án thử lặp lại ${n}`,
      kind: "de_an",
      field: "engineering",
      stage: "proposed",
      total_budget: "800000000",
      state_budget: "800000000",
      managing_unit_id: portfolio.department.id,
      host_organisation_id: portfolio.university.id,
      pi_person_id: portfolio.people.outsider.id,
    });
  const identify = (taskId: number, key: string, number = `${docSeq++}/QĐ-SKHCN`) =>
    call("staff", `/api/tasks/${taskId}/transitions`, {
      method: "POST",
      key,
      json: {
        action: "identify",
        fromStage: "proposed",
        document: { number, issuedOn: "2026-02-10", signer: "Trần Quang Vinh" },
      },
    });
  const transitionsOf = async (taskId: number) =>
    (await api.db.selectFrom("task_transition").select("id").where("task_id", "=", taskId).execute()).length;

  it("replays the step instead of answering 409 STAGE_CHANGED, and refuses the key for another step", async () => {
    const task = await proposal(1);
    const number = `${docSeq++}/QĐ-SKHCN`;
    const once = await answer(await identify(task.id, "move-1", number));
    expect(once.status, JSON.stringify(once.body)).toBe(200);
    const again = await answer(await identify(task.id, "move-1", number));
    expect(again).toEqual({ ...once, replayed: true });
    expect(await transitionsOf(task.id)).toBe(1);

    const other = await answer(await identify(task.id, "move-1"));
    expect([other.status, other.body.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    // Without a key the retry is refused as the stale step it is.
    const stale = await answer(await identify(task.id, "move-1b", number));
    expect([stale.status, stale.body.code]).toEqual([409, "STAGE_CHANGED"]);
    expect(await transitionsOf(task.id)).toBe(1);
  });

  it("moves the task once for two copies sent at once", async () => {
    const task = await proposal(2);
    const number = `${docSeq++}/QĐ-SKHCN`;
    const [a, b] = await Promise.all([identify(task.id, "move-2", number), identify(task.id, "move-2", number)]);
    expectOneEffect(await answer(a), await answer(b), 200);
    expect(await transitionsOf(task.id)).toBe(1);
  });
});

describe("grade sign-off", () => {
  it("signs once for a retried or doubled sign-off, and refuses the key for another sheet", async () => {
    const acceptance = await buildAcceptanceTask(api.db, portfolio);
    const { councilId, memberIds } = await insertCouncil(
      api.db,
      portfolio,
      acceptance.task.id,
      experts.people.map((p) => p.id),
    );
    const base = `/api/councils/${councilId}`;
    const declared = await call("council", `${base}/members/${memberIds[0]}/conflict`, {
      method: "POST",
      json: { hasConflict: false },
    });
    expect(declared.status, await declared.clone().text()).toBe(200);
    const sheet = {
      products: acceptance.productIds.map((productId) => ({ productId, quantity: "pass", quality: "pass" })),
      report: "pass",
    };
    const saved = await call("council", `${base}/scores/${acceptance.task.id}`, { method: "PUT", json: sheet });
    expect(saved.status, await saved.clone().text()).toBe(200);

    const signOffs = async () =>
      (
        await api.db
          .selectFrom("audit_log")
          .select("id")
          .where("action", "=", "council.score_signed_off")
          .where("entity_id", "=", String(councilId))
          .execute()
      ).length;
    const sign = (taskId: number) =>
      call("council", `${base}/scores/${taskId}/sign-off`, { method: "POST", key: "sign-1" });
    const [a, b] = await Promise.all([sign(acceptance.task.id), sign(acceptance.task.id)]);
    expectOneEffect(await answer(a), await answer(b), 200);
    const replay = await answer(await sign(acceptance.task.id));
    expect(replay.replayed).toBe(true);
    expect(await signOffs()).toBe(1);

    const other = await answer(await sign(portfolio.tasks.rice.id));
    expect([other.status, other.body.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await signOffs()).toBe(1);
  });
});

describe("budget movement", () => {
  it("records a retried or doubled movement once, and refuses the key for another movement", async () => {
    const task = portfolio.tasks.rice; // 1 000 000 000 state + 250 500 000 other, 2024–2025
    const plan = await call("staff", `/api/tasks/${task.id}/budget/plan`, {
      method: "PUT",
      json: {
        version: 0,
        reason: "Lập dự toán",
        lines: [
          { source: "state", year: 2024, category: "labour", amount: "600000000" },
          { source: "state", year: 2025, category: "materials", amount: "400000000" },
          { source: "other", year: 2024, category: "other", amount: "250500000" },
        ],
      },
    });
    expect(plan.status, await plan.clone().text()).toBe(200);
    const movements = async () =>
      (await api.db.selectFrom("budget_movement").select("id").where("task_id", "=", task.id).execute()).length;
    const allocate = (amount: string, key: string) =>
      call("staff", `/api/tasks/${task.id}/budget/movements`, {
        method: "POST",
        key,
        json: {
          kind: "allocation",
          year: 2024,
          source: "state",
          amount,
          occurredOn: "2024-03-01",
          document: { number: "88/QĐ-SKHCN", issuedOn: "2024-02-20", signer: "Trần Quang Vinh" },
        },
      });

    const [a, b] = await Promise.all([allocate("300000000", "money-1"), allocate("300000000", "money-1")]);
    expectOneEffect(await answer(a), await answer(b), 201);
    const again = await answer(await allocate("300000000", "money-1"));
    expect(again.replayed).toBe(true);
    expect(await movements()).toBe(1);

    const other = await answer(await allocate("100000000", "money-1"));
    expect([other.status, other.body.code]).toEqual([422, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await movements()).toBe(1);
  });
});
