import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notify } from "../src/notifications/repository.ts";
import { scheduleAllInProgress } from "../src/reports/scheduling.ts";
import { buildTwoUnits, type TwoUnits } from "./access-fixtures.ts";
import { PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * Access control with two of everything: two departments (A and B), each with its staff, head,
 * PI and council member. Ids of the other side's tasks, reports, files, councils, seats, budgets,
 * adjustments and notifications are swapped into paths, queries and bodies: the answer is 404
 * (existence undisclosed) and carries none of the other side's data; lists hold exactly the
 * caller's scope; writes refuse the fields the caller may not set and write nothing; members'
 * grades stay sealed until the council closes.
 */

let api: TestApi;
let w: TwoUnits;
const cookies: Record<string, string> = {};

/** Who signs in: unit A's staff, head, pi, council (seat 0 of council A), seat1..seat6; unit B's. */
const EMAIL: Record<string, string> = {
  admin: "admin@test.vn",
  staff: "staff@test.vn",
  head: "head@test.vn",
  pi: "pi@test.vn",
  council: "council@test.vn",
  "staff-b": "staff-b@test.vn",
  "head-b": "head-b@test.vn",
  pi2: "pi2@test.vn",
  "council-b": "council-b@test.vn",
};
for (let i = 1; i < 7; i++) EMAIL[`seat${i}`] = `council${i + 1}@test.vn`;
const seatWho = (i: number) => (i === 0 ? "council" : `seat${i}`);

async function session(who: string): Promise<string> {
  const known = cookies[who];
  if (known) return known;
  const fresh = await api.signIn(EMAIL[who] ?? who, PASSWORD);
  cookies[who] = fresh;
  return fresh;
}

type Init = { method?: string; json?: unknown; body?: BodyInit; headers?: Record<string, string> };
const call = async (who: string, url: string, init: Init = {}) =>
  api.request(`/api${url}`, { ...init, cookie: await session(who) });

async function ok(pending: Promise<Response>, status = 200) {
  const res = await pending;
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text;
}

/** 404 and nothing of the other party's in the answer. */
async function hidden(who: string, url: string, marks: readonly string[], init: Init = {}) {
  const res = await call(who, url, init);
  const text = await res.text();
  expect(res.status, `${init.method ?? "GET"} ${url} as ${who}: ${text}`).toBe(404);
  for (const mark of marks) expect(text, `${url} as ${who}`).not.toContain(mark);
}

async function upload(who: string, text: string, name = "bien-ban.pdf"): Promise<number> {
  const form = new FormData();
  form.append("file", new Blob([new TextEncoder().encode(`%PDF-1.7\n${text}\n%%EOF\n`)]), name);
  return (await ok(call(who, "/files", { method: "POST", body: form }), 201)).id;
}

const ids = (items: readonly { id: number }[]) => items.map((i) => i.id).sort((x, y) => x - y);
const sorted = (list: readonly number[]) => [...list].sort((x, y) => x - y);

/** What each side's data looks like in an answer: codes, titles, the host, the marker. */
let marksA: string[] = [];
let marksB: string[] = [];

const fixture = {
  periods: { a: [0, 0] as [number, number], b: [0, 0] as [number, number] },
  versions: { a: 0, b: 0 },
  files: { a: 0, b: 0, minutesB: 0 },
  adjustments: { a: 0, b: 0 },
  notifications: { pi: 0, pi2: 0 },
  plans: { a: "", b: "" },
};

async function periodsOf(taskId: number) {
  const rows = await api.db
    .selectFrom("report_period")
    .select("id")
    .where("task_id", "=", taskId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => r.id);
}

beforeAll(async () => {
  api = await startTestApi();
  w = await buildTwoUnits(api.db);
  const { portfolio, a, b } = w;
  marksA = [
    portfolio.tasks.rice.code,
    portfolio.tasks.rice.title,
    a.proposal.code,
    a.proposal.title,
    a.acceptance.task.code,
    portfolio.tasks.city.code,
  ];
  marksB = ["BẮC", b.tasks.running.code, b.tasks.proposal.code, b.tasks.acceptance.code];
  await scheduleAllInProgress(api.db);

  // Reports: each PI submits the first report of their running task with a confirmation file.
  const [a1 = 0, a2 = 0] = await periodsOf(portfolio.tasks.rice.id);
  const [b1 = 0, b2 = 0] = await periodsOf(b.tasks.running.id);
  fixture.periods = { a: [a1, a2], b: [b1, b2] };
  fixture.files.a = await upload("pi", "Xac nhan cua Vien A");
  fixture.files.b = await upload("pi2", "Xac nhan cua Vien BAC", "xac-nhan-bac.pdf");
  const submit = (who: string, periodId: number, fileId: number) =>
    ok(
      call(who, `/reports/${periodId}/submit`, {
        method: "POST",
        json: { revision: 0, hostConfirmation: { confirmedBy: "Viện trưởng", confirmedOn: "2025-01-10", fileId } },
      }),
      201,
    );
  fixture.versions.a = (await submit("pi", a1, fixture.files.a)).version.id;
  fixture.versions.b = (await submit("pi2", b1, fixture.files.b)).version.id;

  // Budgets: each unit's staff keep their running task's plan and record an allocation.
  const plan = async (who: string, taskId: number, lines: unknown[], allocation: string, doc: string) => {
    await ok(call(who, `/tasks/${taskId}/budget/plan`, { method: "PUT", json: { version: 0, reason: "Lập", lines } }));
    await ok(
      call(who, `/tasks/${taskId}/budget/movements`, {
        method: "POST",
        json: {
          kind: "allocation",
          year: 2024,
          source: "state",
          amount: allocation,
          occurredOn: "2024-03-01",
          document: { number: doc, issuedOn: "2024-03-01", signer: "Trần Quang Vinh" },
        },
      }),
      201,
    );
  };
  await plan(
    "staff",
    portfolio.tasks.rice.id,
    [
      { source: "state", year: 2024, category: "labour", amount: "600000000" },
      { source: "state", year: 2025, category: "labour", amount: "400000000" },
      { source: "other", year: 2024, category: "other", amount: "250500000" },
    ],
    "300000000",
    "41/QĐ-SKHCN",
  );
  await plan(
    "staff-b",
    b.tasks.running.id,
    [
      { source: "state", year: 2024, category: "labour", amount: "900000000" },
      { source: "state", year: 2025, category: "materials", amount: "600000000" },
      { source: "other", year: 2025, category: "other", amount: "500000000" },
    ],
    "777000000",
    "51/QĐ-SKHCNB",
  );

  // Inspections: unit B's minutes carry a file.
  fixture.files.minutesB = await upload("staff-b", "Bien ban kiem tra BAC", "bien-ban-kiem-tra-bac.pdf");
  const inspect = (who: string, taskId: number, minutes: Record<string, unknown>) =>
    ok(
      call(who, `/tasks/${taskId}/inspections`, {
        method: "POST",
        json: {
          kind: "inspection",
          inspectedOn: "2025-03-05",
          team: [{ name: "Phạm Thị Hoa", role: "leader" }],
          findings: "Đúng tiến độ",
          conclusion: "continue",
          minutes,
        },
      }),
      201,
    );
  await inspect("staff", portfolio.tasks.rice.id, {
    number: "11/BB-SKHCN",
    issuedOn: "2025-03-05",
    signer: "Phạm Thị Hoa",
  });
  await inspect("staff-b", b.tasks.running.id, {
    number: "21/BB-SKHCNB",
    issuedOn: "2025-03-05",
    signer: "Lưu Thị Hằng",
    fileId: fixture.files.minutesB,
  });

  // Adjustment requests filed by each PI.
  const adjust = (who: string, taskId: number) =>
    ok(
      call(who, `/tasks/${taskId}/adjustments`, {
        method: "POST",
        json: { kind: "other", reason: "Đổi địa điểm thử nghiệm", after: { description: "Thêm điểm thử nghiệm" } },
      }),
      201,
    );
  fixture.adjustments.a = (await adjust("pi", portfolio.tasks.rice.id)).id;
  fixture.adjustments.b = (await adjust("pi2", b.tasks.running.id)).id;

  // A notification for each PI.
  await notify(api.db, {
    userId: portfolio.users.pi.id,
    kind: "report.returned",
    taskId: portfolio.tasks.rice.id,
    payload: {},
  });
  await notify(api.db, { userId: b.users.pi.id, kind: "report.returned", taskId: b.tasks.running.id, payload: {} });
  const notes = await api.db.selectFrom("notification").select(["id", "user_id"]).execute();
  fixture.notifications.pi = notes.find((n) => n.user_id === portfolio.users.pi.id)?.id ?? 0;
  fixture.notifications.pi2 = notes.find((n) => n.user_id === b.users.pi.id)?.id ?? 0;
}, 180_000);
afterAll(() => api?.close());

/** Every task id of the data set, by name. */
const task = () => ({
  rice: w.portfolio.tasks.rice.id,
  cattle: w.portfolio.tasks.cattle.id,
  city: w.portfolio.tasks.city.id,
  proposalA: w.a.proposal.id,
  acceptanceA: w.a.acceptance.task.id,
  runningB: w.b.tasks.running.id,
  proposalB: w.b.tasks.proposal.id,
  acceptanceB: w.b.tasks.acceptance.id,
});

/** The tasks each caller may see: their unit's, the ones they lead or work on, the ones of their councils. */
function scopeOf(who: string): number[] {
  const t = task();
  const unitA = [t.rice, t.cattle, t.city, t.proposalA, t.acceptanceA];
  const unitB = [t.runningB, t.proposalB, t.acceptanceB];
  const scopes: Record<string, number[]> = {
    admin: [...unitA, ...unitB],
    staff: unitA,
    head: unitA,
    "staff-b": unitB,
    "head-b": unitB,
    pi: [t.rice, t.cattle, t.proposalA, t.acceptanceA],
    pi2: [...unitB, t.cattle],
    // The outsider leads the city proposal and chairs council A.
    council: [t.city, t.acceptanceA],
    seat1: [t.acceptanceA],
    "council-b": [t.acceptanceB],
  };
  return sorted(scopes[who] ?? []);
}

const CALLERS = ["admin", "staff", "head", "staff-b", "head-b", "pi", "pi2", "council", "seat1", "council-b"];

/** The read routes of one task. */
const taskReads = (id: number) => [
  `/tasks/${id}`,
  `/tasks/${id}/actions`,
  `/tasks/${id}/timeline`,
  `/tasks/${id}/history`,
  `/tasks/${id}/reports`,
  `/tasks/${id}/progress`,
  `/tasks/${id}/inspections`,
  `/tasks/${id}/adjustments`,
  `/tasks/${id}/milestones`,
  `/tasks/${id}/deadlines`,
  `/tasks/${id}/budget`,
  `/tasks/${id}/budget/export?table=movements&format=csv`,
  `/tasks/${id}/councils`,
  `/councils/composition?kind=acceptance&taskId=${id}`,
];

describe("task lists hold exactly the caller's scope", () => {
  it("lists, exports and filters only the tasks each caller may see", async () => {
    for (const who of CALLERS) {
      const list = await ok(call(who, "/tasks?pageSize=100"));
      expect(ids(list.items), who).toEqual(scopeOf(who));
      expect(list.total, who).toBe(scopeOf(who).length);
      const csv: string = await ok(call(who, "/tasks/export?format=csv"));
      const all = [
        w.portfolio.tasks.rice,
        w.portfolio.tasks.cattle,
        w.portfolio.tasks.city,
        w.a.proposal,
        w.a.acceptance.task,
        w.b.tasks.running,
        w.b.tasks.proposal,
        w.b.tasks.acceptance,
      ];
      for (const t of all)
        expect(csv.includes(t.code), `${t.code} in ${who}'s export`).toBe(scopeOf(who).includes(t.id));
    }
  });

  it("filters naming the other unit's host, text or signals find nothing of it", async () => {
    for (const query of [
      `host=${w.b.host.id}`,
      "q=BẮC",
      "overdueReports=true",
      "pendingAdjustment=true",
      "budgetYear=2024",
      "deadlineWithin=366",
      "mine=true",
    ]) {
      const list = await ok(call("staff", `/tasks?${query}&pageSize=100`));
      expect(JSON.stringify(list), query).not.toContain("BẮC");
      for (const item of list.items) expect(scopeOf("staff"), query).toContain(item.id);
      const pi = await ok(call("pi", `/tasks?${query}&pageSize=100`));
      for (const item of pi.items) expect(scopeOf("pi"), query).toContain(item.id);
    }
  });
});

describe("another's task, by id in the path, is not found and tells nothing", () => {
  it("refuses every read route of a task outside the caller's scope", async () => {
    const t = task();
    const outside: [string, number, string[]][] = [
      ["pi", t.runningB, marksB],
      ["pi", t.proposalB, marksB],
      ["pi", t.acceptanceB, marksB],
      ["pi2", t.rice, marksA],
      ["pi2", t.proposalA, marksA],
      ["pi2", t.acceptanceA, marksA],
      ["staff", t.runningB, marksB],
      ["head", t.acceptanceB, marksB],
      ["staff-b", t.rice, marksA],
      ["head-b", t.proposalA, marksA],
      ["council", t.acceptanceB, marksB],
      ["council", t.rice, marksA],
      ["council-b", t.acceptanceA, marksA],
      ["seat1", t.runningB, marksB],
    ];
    for (const [who, id, marks] of outside) {
      expect(scopeOf(who)).not.toContain(id);
      for (const url of taskReads(id)) await hidden(who, url, marks);
    }
  });

  it("opens them to those in scope (the walk above is not refusing everyone)", async () => {
    const t = task();
    for (const [who, id] of [
      ["pi2", t.cattle],
      ["staff-b", t.runningB],
      ["pi", t.rice],
    ] as const) {
      for (const url of taskReads(id)) expect((await call(who, url)).status, `${url} as ${who}`).toBe(200);
    }
  });
});

describe("reports, files and notifications of the other party", () => {
  it("hides the other PI's reports, versions and comparisons, also through a mixed path", async () => {
    const { periods, versions } = fixture;
    for (const url of [
      `/reports/${periods.b[0]}`,
      `/reports/${periods.b[1]}`,
      `/reports/${periods.b[0]}/versions/${versions.b}`,
      `/reports/${periods.b[0]}/compare`,
    ]) {
      await hidden("pi", url, marksB);
      await hidden("staff", url, marksB);
    }
    // Unit B's version under unit A's own period: the version is not of that period.
    await hidden("pi", `/reports/${periods.a[0]}/versions/${versions.b}`, marksB);
    await hidden("pi", `/reports/${periods.a[0]}/compare?to=${versions.b}`, marksB);
    await hidden("pi", `/reports/${periods.a[0]}/compare?to=${versions.a}&from=${versions.b}`, marksB);
    expect((await call("pi", `/reports/${periods.a[0]}/versions/${versions.a}`)).status).toBe(200);
  });

  it("refuses writing, submitting or reviewing the other's report, writing nothing", async () => {
    const { periods, versions } = fixture;
    const before = await api.db.selectFrom("report_version").select("id").execute();
    const drafts = await api.db.selectFrom("report_draft").select(["period_id", "revision"]).execute();
    await hidden("pi", `/reports/${periods.b[1]}/draft`, marksB, {
      method: "PUT",
      json: { revision: 0, content: { problems: "Ghi đè" } },
    });
    await hidden("pi", `/reports/${periods.b[1]}/submit`, marksB, {
      method: "POST",
      json: { revision: 0, hostConfirmation: { confirmedBy: "Giả mạo", confirmedOn: "2025-06-01" } },
    });
    await hidden("staff", `/reports/${periods.b[0]}/review`, marksB, {
      method: "POST",
      json: { versionId: versions.b, decision: "accept" },
    });
    // Unit B's version reviewed under unit A's own period: not that period's version.
    const crossed = await call("staff", `/reports/${periods.a[0]}/review`, {
      method: "POST",
      json: { versionId: versions.b, decision: "accept" },
    });
    expect([404, 409], await crossed.clone().text()).toContain(crossed.status);
    for (const mark of marksB) expect(await crossed.clone().text()).not.toContain(mark);
    // The other PI's file in one's own report's body: refused as no such file.
    const res = await call("pi", `/reports/${periods.a[1]}/submit`, {
      method: "POST",
      json: {
        revision: 0,
        hostConfirmation: { confirmedBy: "Viện trưởng", confirmedOn: "2025-07-10", fileId: fixture.files.b },
      },
    });
    expect([res.status, (await res.json()).code]).toEqual([400, "VALIDATION_FAILED"]);
    // The other task's product named in one's own report: no such product on this task.
    const foreign = await call("pi", `/reports/${periods.a[1]}/draft`, {
      method: "PUT",
      json: { revision: 0, content: { products: [{ productId: w.b.productIds[0], note: "Của người khác" }] } },
    });
    const foreignText = await foreign.text();
    expect(foreign.status, foreignText).toBe(400);
    expect(foreignText).not.toContain("Quy trình phối trộn");
    expect(await api.db.selectFrom("report_version").select("id").execute()).toEqual(before);
    expect(await api.db.selectFrom("report_draft").select(["period_id", "revision"]).execute()).toEqual(drafts);
    const statusB = await api.db
      .selectFrom("report_period")
      .select("status")
      .where("id", "=", periods.b[0])
      .executeTakeFirstOrThrow();
    expect(statusB.status).toBe("submitted");
  });

  it("lets only those who see a citing task download a file", async () => {
    const { files } = fixture;
    for (const who of ["pi", "staff", "head", "council", "seat1", "council-b"]) {
      await hidden(who, `/files/${files.b}`, ["BAC", "xac-nhan-bac"]);
      await hidden(who, `/files/${files.minutesB}`, ["BAC", "bien-ban-kiem-tra-bac"]);
    }
    for (const who of ["pi2", "staff-b", "head-b", "admin"]) {
      expect((await call(who, `/files/${files.b}`)).status, who).toBe(200);
    }
    for (const who of ["pi2", "staff-b", "council-b"]) await hidden(who, `/files/${files.a}`, []);
  });

  it("keeps notifications to their addressee", async () => {
    const mine = await ok(call("pi", "/notifications"));
    expect(ids(mine.items)).toEqual([fixture.notifications.pi]);
    const theirs = await ok(call("pi2", "/notifications"));
    expect(ids(theirs.items)).toEqual([fixture.notifications.pi2]);
    expect((await ok(call("staff", "/notifications"))).items).toEqual([]);
    await hidden("pi", `/notifications/${fixture.notifications.pi2}/read`, marksB, { method: "POST" });
    const row = await api.db
      .selectFrom("notification")
      .select("read_at")
      .where("id", "=", fixture.notifications.pi2)
      .executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });
});

describe("budgets, inspections and adjustments of the other unit", () => {
  it("refuses the other unit's budget, inspections and adjustment decisions, writing nothing", async () => {
    const t = task();
    const count = async () => ({
      lines: (await api.db.selectFrom("budget_line").select("id").execute()).length,
      movements: (await api.db.selectFrom("budget_movement").select("id").execute()).length,
      inspections: (await api.db.selectFrom("inspection").select("id").execute()).length,
      adjustments: await api.db.selectFrom("adjustment_request").select(["id", "status"]).orderBy("id").execute(),
      tasks: await api.db.selectFrom("task").select(["id", "version", "stage"]).orderBy("id").execute(),
    });
    const before = await count();
    await hidden("staff", `/tasks/${t.runningB}/budget/plan`, marksB, {
      method: "PUT",
      json: { version: 1, reason: "Sửa", lines: [] },
    });
    await hidden("staff", `/tasks/${t.runningB}/budget/movements`, marksB, {
      method: "POST",
      json: { kind: "allocation", year: 2024, source: "state", amount: "1", occurredOn: "2024-03-01" },
    });
    await hidden("staff", `/tasks/${t.runningB}/inspections`, marksB, {
      method: "POST",
      json: {
        kind: "inspection",
        inspectedOn: "2025-03-05",
        team: [{ name: "A", role: "leader" }],
        findings: "X",
        conclusion: "continue",
        minutes: { number: "99/BB-SKHCN", issuedOn: "2025-03-05", signer: "A" },
      },
    });
    await hidden("staff", `/tasks/${t.runningB}/transitions`, marksB, {
      method: "POST",
      json: {
        action: "terminate",
        fromStage: "in_progress",
        document: { number: "98/QĐ-SKHCN", issuedOn: "2025-03-05", signer: "A" },
        comment: "X",
      },
    });
    await hidden("pi", `/tasks/${t.runningB}/adjustments`, marksB, {
      method: "POST",
      json: { kind: "other", reason: "X", after: { description: "X" } },
    });
    await hidden("staff", `/adjustments/${fixture.adjustments.b}/decide`, marksB, {
      method: "POST",
      json: { decision: "reject", comment: "Không" },
    });
    await hidden("head", `/adjustments/${fixture.adjustments.b}/decide`, marksB, {
      method: "POST",
      json: { decision: "reject", comment: "Không" },
    });
    await hidden("pi", `/adjustments/${fixture.adjustments.b}/withdraw`, marksB, { method: "POST" });
    expect(await count()).toEqual(before);
  });

  it("lists pending adjustments of the caller's unit only", async () => {
    const pending = async (who: string) =>
      sorted((await ok(call(who, "/adjustments/pending"))).items.map((i: { id: number }) => i.id));
    expect(await pending("staff")).toEqual([fixture.adjustments.a]);
    expect(await pending("head-b")).toEqual([fixture.adjustments.b]);
    expect(await pending("admin")).toEqual(sorted([fixture.adjustments.a, fixture.adjustments.b]));
  });

  it("an inspection citing the other unit's minutes by number does not open its file", async () => {
    const rice = w.portfolio.tasks.rice.id;
    const body = (minutes: Record<string, unknown>) => ({
      kind: "inspection",
      inspectedOn: "2025-03-05",
      team: [{ name: "Phạm Thị Hoa", role: "leader" }],
      findings: "Đúng tiến độ",
      conclusion: "continue",
      minutes,
    });
    // A guess at unit B's minutes number: the refusal names neither its date nor its signer.
    const guess = await call("staff", `/tasks/${rice}/inspections`, {
      method: "POST",
      json: body({ number: "21/BB-SKHCNB", issuedOn: "2025-03-06", signer: "Ai đó" }),
    });
    const guessed = await guess.text();
    expect(guess.status, guessed).toBe(409);
    expect(guessed).not.toContain("Lưu Thị Hằng");
    expect(guessed).not.toContain("2025-03-05");
    // Even with the right date and signer, unit B's document (and its file) is not taken over.
    const exact = await call("staff", `/tasks/${rice}/inspections`, {
      method: "POST",
      json: body({ number: "21/BB-SKHCNB", issuedOn: "2025-03-05", signer: "Lưu Thị Hằng" }),
    });
    expect(exact.status, await exact.clone().text()).toBe(409);
    expect(await exact.text()).not.toContain("bien-ban-kiem-tra-bac");
    await hidden("staff", `/files/${fixture.files.minutesB}`, ["BAC"]);
    // The other unit's file attached by id: no such file.
    const byId = await call("staff", `/tasks/${rice}/inspections`, {
      method: "POST",
      json: body({ number: "12/BB-SKHCN", issuedOn: "2025-03-06", signer: "A", fileId: fixture.files.minutesB }),
    });
    expect([byId.status, (await byId.json()).code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});

describe("dashboard, work list and exports", () => {
  it("counts and sums only the caller's unit", async () => {
    const a = await ok(call("staff", "/dashboard"));
    expect(a.total.count).toBe(5);
    expect(a.moneyTotals).toMatchObject({ plan: "1250500000", allocated: "300000000" });
    expect(JSON.stringify(a)).not.toContain("BẮC");
    const b = await ok(call("head-b", "/dashboard"));
    expect(b.total.count).toBe(3);
    expect(b.moneyTotals).toMatchObject({ plan: "2000000000", allocated: "777000000" });
    for (const mark of marksA) expect(JSON.stringify(b)).not.toContain(mark);
    const all = await ok(call("admin", "/dashboard"));
    expect(all.total.count).toBe(8);
    for (const table of ["stages", "themes", "fields", "hosts", "formerProvinces", "money", "attention", "deadlines"]) {
      for (const who of ["staff", "head"]) {
        const res = await call(who, `/dashboard/export?table=${table}&format=csv`);
        const csv = await res.text();
        expect(res.status, csv).toBe(200);
        expect(csv, table).not.toContain("BẮC");
        expect(csv, table).not.toContain("777000000");
      }
    }
  });

  it("puts only the caller's tasks on their work list", async () => {
    for (const who of CALLERS) {
      const list = await ok(call(who, "/worklist"));
      const taskIds = new Set<number>();
      for (const section of list.sections) {
        for (const item of section.items) if (typeof item.taskId === "number") taskIds.add(item.taskId);
      }
      for (const id of taskIds) expect(scopeOf(who), `${who}'s work list`).toContain(id);
      const text = JSON.stringify(list);
      if (!scopeOf(who).some((id) => [task().runningB, task().proposalB, task().acceptanceB].includes(id))) {
        for (const mark of marksB) expect(text, who).not.toContain(mark);
      }
    }
  });

  it("lists overdue reports and the review queue of the caller's scope", async () => {
    const queue = async (who: string) =>
      JSON.stringify(await ok(call(who, "/reports/queue")))
        .match(/"periodId":\d+/g)
        ?.map((m) => Number(m.split(":")[1])) ?? [];
    expect(await queue("staff")).toEqual([fixture.periods.a[0]]);
    expect(await queue("staff-b")).toEqual([fixture.periods.b[0]]);
    expect(sorted(await queue("admin"))).toEqual(sorted([fixture.periods.a[0], fixture.periods.b[0]]));
    for (const who of ["pi", "staff", "head"]) {
      expect(JSON.stringify(await ok(call(who, "/reports/overdue"))), who).not.toContain("BẮC");
    }
    const theirs = JSON.stringify(await ok(call("pi2", "/reports/overdue")));
    expect(theirs).not.toContain(w.portfolio.tasks.rice.code);
  });
});

describe("writes refuse the fields the caller may not set", () => {
  const row = (id: number) =>
    api.db
      .selectFrom("task")
      .select(["version", "stage", "managing_unit_id", "pi_person_id", "code", "total_budget", "state_budget"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();

  it("refuses stage, unit, PI and code changes on a task, writing nothing", async () => {
    const rice = w.portfolio.tasks.rice.id;
    const proposal = w.a.proposal.id;
    const riceBefore = await row(rice);
    const proposalBefore = await row(proposal);
    const attempts: [string, number, Record<string, unknown>, number][] = [
      ["staff", rice, { stage: "closed" }, 400],
      // Not frozen while proposed: handing the proposal to another unit is still not staff's to do.
      ["staff", proposal, { managingUnitId: w.b.unit.id }, 403],
      ["staff", rice, { version: riceBefore.version + 1, objectives: "Sửa" }, 409],
      ["pi", proposal, { stage: "approved" }, 400],
      ["pi", proposal, { managingUnitId: w.b.unit.id }, 403],
      ["pi", proposal, { piPersonId: w.b.people.pi.id }, 403],
      ["pi", proposal, { code: "ĐT.2026.99" }, 403],
      ["pi", proposal, { version: 0 }, 400],
      // A running task is not the PI's to edit, its budget least of all.
      ["pi", rice, { totalBudget: "1", stateBudget: "1" }, 403],
      ["pi", rice, { version: 1, roles: ["admin"] }, 400],
    ];
    for (const [who, id, change, status] of attempts) {
      const before = await row(id);
      const res = await call(who, `/tasks/${id}`, { method: "PATCH", json: { version: before.version, ...change } });
      expect(res.status, `${who} ${JSON.stringify(change)}: ${await res.text()}`).toBe(status);
    }
    // The version named twice, differently (If-Match and body), or not at all: refused.
    const twice = await call("staff", `/tasks/${rice}`, {
      method: "PATCH",
      headers: { "If-Match": `"${riceBefore.version + 1}"` },
      json: { version: riceBefore.version, objectives: "Sửa" },
    });
    expect(twice.status).toBe(400);
    const none = await call("staff", `/tasks/${rice}`, { method: "PATCH", json: { objectives: "Sửa" } });
    expect(none.status).toBe(400);
    expect(await row(rice)).toEqual(riceBefore);
    expect(await row(proposal)).toEqual(proposalBefore);
  });

  it("refuses list items of another unit's task named by id, writing nothing", async () => {
    const proposal = w.a.proposal.id;
    const before = await row(proposal);
    const products = await api.db.selectFrom("task_product").selectAll().orderBy("id").execute();
    const res = await call("staff", `/tasks/${proposal}`, {
      method: "PATCH",
      json: {
        version: before.version,
        products: [{ id: w.b.productIds[0], productClass: "II", name: "Chiếm chỗ", quantity: "1", unit: "bộ" }],
      },
    });
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(text).not.toContain("Quy trình phối trộn");
    expect(await row(proposal)).toEqual(before);
    expect(await api.db.selectFrom("task_product").selectAll().orderBy("id").execute()).toEqual(products);
  });

  it("refuses a proposal placed in another unit, led by another or born at a later stage", async () => {
    const count = async () => (await api.db.selectFrom("task").select("id").execute()).length;
    const before = await count();
    const base = { title: "Đề xuất thử", kind: "de_tai", field: "natural" };
    for (const [who, extra, status] of [
      ["pi", { managingUnitId: w.b.unit.id }, 403],
      ["pi", { piPersonId: w.b.people.pi.id }, 403],
      ["pi", { stage: "in_progress" }, 400],
      ["pi", { version: 7 }, 400],
      ["staff", { managingUnitId: w.b.unit.id }, 403],
      ["staff-b", { stage: "closed" }, 400],
    ] as const) {
      const res = await call(who, "/tasks", { method: "POST", json: { ...base, ...extra } });
      expect(res.status, `${who} ${JSON.stringify(extra)}: ${await res.text()}`).toBe(status);
    }
    expect(await count()).toBe(before);
  });

  it("keeps the budget to the unit's staff", async () => {
    const rice = w.portfolio.tasks.rice.id;
    const plan = await api.db.selectFrom("budget_line").selectAll().orderBy("id").execute();
    const moved = (await api.db.selectFrom("budget_movement").select("id").execute()).length;
    for (const who of ["pi", "head", "council", "admin"]) {
      const put = await call(who, `/tasks/${rice}/budget/plan`, {
        method: "PUT",
        json: { version: 1, reason: "Sửa", lines: [] },
      });
      expect(put.status, who).toBe(who === "council" ? 404 : 403);
      const move = await call(who, `/tasks/${rice}/budget/movements`, {
        method: "POST",
        json: { kind: "advance", year: 2024, source: "state", amount: "1", occurredOn: "2024-04-01" },
      });
      expect(move.status, who).toBe(who === "council" ? 404 : 403);
    }
    expect(await api.db.selectFrom("budget_line").selectAll().orderBy("id").execute()).toEqual(plan);
    expect((await api.db.selectFrom("budget_movement").select("id").execute()).length).toBe(moved);
  });

  it("lets nobody but an administrator change roles, their own least of all", async () => {
    const roles = async () =>
      await api.db.selectFrom("user_role").select(["user_id", "role"]).orderBy("user_id").orderBy("role").execute();
    const before = await roles();
    for (const who of ["staff", "head", "pi", "council", "staff-b"]) {
      const me = await ok(call(who, "/auth/me"));
      const userId = me.user?.id ?? me.id;
      const res = await call(who, `/users/${userId}`, { method: "PATCH", json: { roles: ["admin"] } });
      expect(res.status, who).toBe(403);
      const other = await call(who, `/users/${w.b.users.staff.id}`, { method: "PATCH", json: { unitId: w.a.unit.id } });
      expect(other.status, who).toBe(403);
    }
    expect(await roles()).toEqual(before);
  });
});

describe("councils, seats and sheets", () => {
  const seatsA = () => w.a.council.memberIds;
  const seatB = () => w.b.council.memberIds[0] ?? 0;
  const markOf = (i: number) => `NHẬN-XÉT-KÍN-${i}`;
  const markB = "NHẬN-XÉT-KÍN-BẮC";
  const reviews: Record<number, number> = {};

  const sheet = (grade: string, comments: string, reviewFileId?: number) => ({
    products: w.a.acceptance.productIds.map((productId) => ({ productId, quantity: grade, quality: grade })),
    report: grade,
    comments,
    ...(reviewFileId !== undefined ? { reviewFileId } : {}),
  });

  beforeAll(async () => {
    const councilA = w.a.council.councilId;
    const taskA = w.a.acceptance.task.id;
    for (let i = 0; i < 7; i++) {
      const who = seatWho(i);
      const seat = seatsA()[i] ?? 0;
      await ok(
        call(who, `/councils/${councilA}/members/${seat}/conflict`, { method: "POST", json: { hasConflict: false } }),
      );
      if (i === 2 || i === 3) reviews[i] = await upload(who, `Nhan xet phan bien ${i}`, `phan-bien-${i}.pdf`);
      await ok(
        call(who, `/councils/${councilA}/scores/${taskA}`, {
          method: "PUT",
          json: sheet(i === 0 ? "excellent" : "pass", markOf(i), reviews[i]),
        }),
      );
      await ok(call(who, `/councils/${councilA}/scores/${taskA}/sign-off`, { method: "POST" }));
    }
    // A sheet reopened by the secretary and signed again: the earlier sheet is kept, and sealed too.
    await ok(
      call("staff", `/councils/${councilA}/members/${seatsA()[5]}/reopen`, {
        method: "POST",
        json: { reason: "Chấm nhầm tiêu chí" },
      }),
    );
    await ok(call("seat5", `/councils/${councilA}/scores/${taskA}`, { method: "PUT", json: sheet("pass", markOf(5)) }));
    await ok(call("seat5", `/councils/${councilA}/scores/${taskA}/sign-off`, { method: "POST" }));
    const councilB = w.b.council.councilId;
    await ok(
      call("council-b", `/councils/${councilB}/members/${seatB()}/conflict`, {
        method: "POST",
        json: { hasConflict: false },
      }),
    );
    await ok(
      call("council-b", `/councils/${councilB}/scores/${w.b.tasks.acceptance.id}`, {
        method: "PUT",
        json: {
          products: w.b.productIds.map((productId) => ({ productId, quantity: "fail", quality: "fail" })),
          report: "fail",
          comments: markB,
        },
      }),
    );
  }, 180_000);

  it("lists each caller's councils only", async () => {
    const a = w.a.council.councilId;
    const b = w.b.council.councilId;
    const list = async (who: string, url: string) =>
      sorted(
        (await ok(call(who, url))).items.map((i: { id?: number; council?: { id: number } }) => i.id ?? i.council?.id),
      );
    expect(await list("staff", "/councils")).toEqual([a]);
    expect(await list("head-b", "/councils")).toEqual([b]);
    expect(await list("admin", "/councils")).toEqual(sorted([a, b]));
    expect(await list("council", "/councils")).toEqual([a]);
    expect(await list("council-b", "/councils")).toEqual([b]);
    expect(await list("staff", `/councils?taskId=${w.b.tasks.acceptance.id}`)).toEqual([]);
    expect(await list("council", "/councils/mine")).toEqual([a]);
    expect(await list("seat1", "/councils/mine")).toEqual([a]);
    expect(await list("council-b", "/councils/mine")).toEqual([b]);
    expect(await list("pi", "/councils/mine")).toEqual([]);
  });

  it("refuses a council, its sheet and its seats to those outside it, writing nothing", async () => {
    const b = w.b.council.councilId;
    const a = w.a.council.councilId;
    const taskB = w.b.tasks.acceptance.id;
    const scores = async () =>
      await api.db.selectFrom("council_score").select(["id", "version", "status"]).orderBy("id").execute();
    const members = async () =>
      await api.db
        .selectFrom("council_member")
        .select(["id", "conflict_status", "recused", "attended"])
        .orderBy("id")
        .execute();
    const before = { scores: await scores(), members: await members() };
    const marks = [markB, ...marksB];
    for (const who of ["council", "seat1", "staff", "head", "pi", "pi2"]) {
      await hidden(who, `/councils/${b}`, marks);
      await hidden(who, `/councils/${b}/score-sheet`, marks);
      await hidden(who, `/councils/${b}/minutes`, marks);
      await hidden(who, `/councils/${b}/scores/${taskB}`, marks, {
        method: "PUT",
        json: { products: [], report: "pass" },
      });
      await hidden(who, `/councils/${b}/scores/${taskB}/sign-off`, marks, { method: "POST" });
      await hidden(who, `/councils/${b}/members/${seatB()}/conflict`, marks, {
        method: "POST",
        json: { hasConflict: true, note: "Giả mạo" },
      });
    }
    for (const [url, json] of [
      [`/councils/${b}`, { version: 1, location: "Nơi khác" }],
      [`/councils/${b}/members`, { personId: w.portfolio.people.colleague.id, role: "member" }],
      [`/councils/${b}/attendance`, { present: [seatB()] }],
      [`/councils/${b}/members/${seatB()}/recusal`, { reason: "X" }],
      [`/councils/${b}/members/${seatB()}/reopen`, { reason: "X" }],
      [`/councils/${b}/close`, undefined],
    ] as const) {
      await hidden("staff", url, marks, {
        method: url === `/councils/${b}` ? "PATCH" : url.endsWith("attendance") ? "PUT" : "POST",
        ...(json !== undefined ? { json } : {}),
      });
    }
    // Unit B's seat and task under council A's own path.
    await hidden("council", `/councils/${a}/members/${seatB()}/conflict`, marks, {
      method: "POST",
      json: { hasConflict: true },
    });
    await hidden("staff", `/councils/${a}/members/${seatB()}/recusal`, marks, {
      method: "POST",
      json: { reason: "X" },
    });
    await hidden("staff", `/councils/${a}/members/${seatB()}/reopen`, marks, { method: "POST", json: { reason: "X" } });
    await hidden("council", `/councils/${a}/scores/${taskB}`, marks, {
      method: "PUT",
      json: { products: [], report: "pass" },
    });
    await hidden("council", `/councils/${a}/scores/${taskB}/sign-off`, marks, { method: "POST" });
    // Unit B's seat in council A's attendance: not a member of this council.
    for (const json of [{ present: [seatB()] }, { present: seatsA(), actingChairMemberId: seatB() }]) {
      const res = await call("staff", `/councils/${a}/attendance`, { method: "PUT", json });
      const text = await res.text();
      expect(res.status, text).toBe(400);
      for (const mark of marks) expect(text).not.toContain(mark);
    }
    // A member cannot score in another's seat: the seat comes from the session, never from the body.
    const seatField = await call("seat1", `/councils/${a}/scores/${w.a.acceptance.task.id}`, {
      method: "PUT",
      json: { ...sheet("fail", "Ghi đè"), memberId: seatsA()[0] },
    });
    expect(seatField.status).toBe(400);
    // Nor can staff form a council for, or attach, the other unit's task.
    for (const json of [
      { kind: "acceptance", taskIds: [taskB] },
      { kind: "selection", taskIds: [w.b.tasks.proposal.id, w.a.proposal.id] },
    ]) {
      const formed = await call("staff", "/councils", { method: "POST", json });
      const text = await formed.text();
      // Alone, the other unit's task is not found; beside one's own, the refusal speaks of one's own only.
      expect(formed.status, text).toBe(json.taskIds.length === 1 ? 404 : 422);
      expect(text).not.toContain("BẮC");
      expect(text).not.toContain(`Task ${w.b.tasks.proposal.id}`);
    }
    expect((await api.db.selectFrom("council").select("id").execute()).length).toBe(2);
    expect(await scores()).toEqual(before.scores);
    expect(await members()).toEqual(before.members);
  });

  /** Every answer about council A a caller can get, as text. */
  async function councilViews(who: string): Promise<string[]> {
    const a = w.a.council.councilId;
    const taskA = w.a.acceptance.task.id;
    const urls = [
      `/councils/${a}`,
      `/councils/${a}/score-sheet`,
      "/councils/mine",
      "/councils",
      `/councils?taskId=${taskA}`,
      `/tasks/${taskA}/councils`,
      `/tasks/${taskA}`,
      `/tasks/${taskA}/timeline`,
      `/tasks/${taskA}/history`,
      `/tasks/${taskA}/deadlines`,
      "/worklist",
      "/dashboard",
      "/notifications",
      ...Object.values(reviews).map((id) => `/files/${id}`),
    ];
    const texts: string[] = [];
    for (const url of urls) {
      const res = await call(who, url);
      texts.push(`${url} ${res.status} ${await res.text()}`);
    }
    return texts;
  }

  const VIEWERS = ["admin", "staff", "head", "pi", "council-b", "staff-b", ...[0, 1, 2, 3, 4, 5, 6].map(seatWho)];

  it("keeps each member's grade, comments and review from everyone else until the close", async () => {
    for (const who of VIEWERS) {
      const own = who === "council" ? 0 : who.startsWith("seat") ? Number(who.slice(4)) : -1;
      for (const text of await councilViews(who)) {
        for (let j = 0; j < 7; j++)
          if (j !== own) expect(text, `${who}: ${text.slice(0, 80)}`).not.toContain(markOf(j));
        expect(text, who).not.toContain(markB);
        // Only the chair graded "excellent": nobody else learns it.
        if (own !== 0) expect(text, `${who}: ${text.slice(0, 80)}`).not.toContain("excellent");
        for (const [i, id] of Object.entries(reviews)) {
          if (Number(i) !== own)
            expect(text.startsWith(`/files/${id} 404`) || !text.startsWith(`/files/${id} `)).toBe(true);
        }
      }
      const council = await call(who, `/councils/${w.a.council.councilId}`);
      if (council.status === 200) {
        const body = await council.json();
        expect(
          body.members.every((m: { grades: unknown }) => m.grades === null),
          who,
        ).toBe(true);
      }
    }
    const sheetOf = await ok(call("seat1", `/councils/${w.a.council.councilId}/score-sheet`));
    expect(sheetOf.tasks[0].scores.map((s: { sheet: { comments: string } }) => s.sheet.comments)).toEqual([markOf(1)]);
    // The seal is not blindness: the chair's own sheet shows the chair's grade.
    const chair = JSON.stringify(await ok(call("council", `/councils/${w.a.council.councilId}/score-sheet`)));
    expect(chair).toContain(markOf(0));
    expect(chair).toContain("excellent");
  });

  it("does not tell those who may not see the council who sits on it, through the task's history or elsewhere", async () => {
    // The PI sees the task under acceptance but not its council: its members stay unnamed until the minutes.
    const names = w.experts.people.slice(1).map((p) => p.full_name);
    for (const who of ["pi", "staff-b", "council-b"]) {
      for (const text of await councilViews(who)) {
        for (const name of names) expect(text, `${who}: ${text.slice(0, 60)}`).not.toContain(name);
      }
    }
    // Those who see the council see its trail in the history.
    const staffHistory = JSON.stringify(await ok(call("staff", `/tasks/${w.a.acceptance.task.id}/history`)));
    expect(staffHistory).toContain("council.score_saved");
  });

  it("unseals the grades with the close, where the council is shown", async () => {
    const a = w.a.council.councilId;
    await ok(call("staff", `/councils/${a}/attendance`, { method: "PUT", json: { present: seatsA() } }));
    const closed = await ok(call("staff", `/councils/${a}/close`, { method: "POST" }));
    expect(closed.status).toBe("closed");
    for (const who of ["admin", "staff", "head", "council", "seat1"]) {
      const body = await ok(call(who, `/councils/${a}`));
      const grades = body.members.map(
        (m: { id: number; grades: { grade: string }[] | null }) => [m.id, m.grades?.[0]?.grade] as const,
      );
      expect(grades, who).toEqual(seatsA().map((id, i) => [id, i === 0 ? "excellent" : "pass"]));
    }
    // Unit B's council stays sealed and out of sight.
    for (const who of ["staff", "council", "pi"]) await hidden(who, `/councils/${w.b.council.councilId}`, [markB]);
    const b = await ok(call("head-b", `/councils/${w.b.council.councilId}`));
    expect(b.members.every((m: { grades: unknown }) => m.grades === null)).toBe(true);
    expect(JSON.stringify(b)).not.toContain(markB);
  });
});

describe("rule parameters of the other unit", () => {
  it("are read by its own staff and head and by administrators only", async () => {
    expect((await call("staff", `/rule-parameters?unitId=${w.b.unit.id}`)).status).toBe(403);
    expect((await call("head-b", `/rule-parameters?unitId=${w.a.unit.id}`)).status).toBe(403);
    expect((await call("staff-b", `/rule-parameters?unitId=${w.b.unit.id}`)).status).toBe(200);
    expect((await call("admin", `/rule-parameters?unitId=${w.b.unit.id}`)).status).toBe(200);
  });
});

describe("catalogues shared by every unit", () => {
  it("people search gives names and organisations, never contact details", async () => {
    const found = await ok(call("pi", "/people?q=Bảo"));
    for (const person of found.items)
      expect(Object.keys(person).sort()).toEqual(["fullName", "id", "organisation", "title"]);
  });
});
