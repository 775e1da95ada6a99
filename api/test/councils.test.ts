import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAcceptanceTask, buildCouncilExperts, SEATS } from "./council-fixtures.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let experts: Awaited<ReturnType<typeof buildCouncilExperts>>;
let acceptance: Awaited<ReturnType<typeof buildAcceptanceTask>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  experts = await buildCouncilExperts(api.db, portfolio);
  acceptance = await buildAcceptanceTask(api.db, portfolio);
});

/** Signs in on first use, so the set-up stays short under a loaded test run. */
async function session(who: string): Promise<string> {
  const known = cookie[who];
  if (known) return known;
  const email = who.startsWith("m") ? experts.emails[Number(who.slice(1))] : `${who}@test.vn`;
  const fresh = await api.signIn(email ?? "", PASSWORD);
  cookie[who] = fresh;
  return fresh;
}
afterAll(() => api.close());

type Init = { method?: string; json?: unknown; headers?: Record<string, string> };
const call = async (who: string, url: string, init: Init = {}) =>
  api.request(`/api${url}`, { ...init, cookie: await session(who) });
const ok = async (pending: Response | Promise<Response>, status = 200) => {
  const res = await pending;
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  return body;
};
const refused = async (pending: Response | Promise<Response>, status: number, code: string) => {
  const res = await pending;
  const body = await res.json();
  expect([res.status, body.code], JSON.stringify(body)).toEqual([status, code]);
  return body;
};

const counts = async () => ({
  members: Number(
    (
      await api.db
        .selectFrom("council_member")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  scores: Number(
    (
      await api.db
        .selectFrom("council_score")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  transitions: Number(
    (
      await api.db
        .selectFrom("task_transition")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  files: Number(
    (
      await api.db
        .selectFrom("stored_file")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

const sheet = (productIds: number[], grade: string, report = grade) => ({
  products: productIds.map((productId) => ({ productId, quantity: grade, quality: grade })),
  report,
  comments: "Đạt yêu cầu đặt hàng",
});

async function uploadReview(who: string): Promise<number> {
  const form = new FormData();
  form.append("file", new Blob([new TextEncoder().encode("%PDF-1.7\nNhận xét phản biện\n%%EOF\n")]), "nhan-xet.pdf");
  const res = await api.request("/api/files", { method: "POST", cookie: await session(who), body: form });
  return (await ok(res, 201)).id;
}

/** Forms and establishes a full council on the task through the API; returns its id and member ids by seat. */
async function formCouncil(taskId: number, documentNumber: string) {
  const council = await ok(
    call("staff", "/councils", { method: "POST", json: { kind: "acceptance", taskIds: [taskId] } }),
    201,
  );
  for (const [i, person] of experts.people.entries()) {
    await ok(
      call("staff", `/councils/${council.id}/members`, {
        method: "POST",
        json: { personId: person.id, role: SEATS[i] },
      }),
    );
  }
  const established = await ok(
    call("staff", `/councils/${council.id}/establish`, {
      method: "POST",
      json: { document: { number: documentNumber, issuedOn: "2026-08-03", signer: "Trần Quang Vinh" } },
    }),
  );
  return { id: council.id as number, memberIds: established.members.map((m: { id: number }) => m.id) as number[] };
}

describe("the expert registry", () => {
  it("lets staff add and find experts, accent-insensitively, and refuses others", async () => {
    const created = await ok(
      call("staff", "/experts", {
        method: "POST",
        json: {
          fullName: "Hoàng Thị Nguyệt",
          title: "PGS.TS.",
          field: "agricultural",
          specialty: "Dinh dưỡng thủy sản",
          organisationId: portfolio.university.id,
          email: "nguyet@hlu.edu.vn",
        },
      }),
      201,
    );
    expect(created).toMatchObject({
      fullName: "Hoàng Thị Nguyệt",
      organisation: { name: "Trường Đại học Hoa Lư" },
      field: "agricultural",
    });
    const found = await ok(call("head", "/experts?q=nguyet"));
    expect(found.items.map((e: { id: number }) => e.id)).toContain(created.id);
    await refused(call("pi", "/experts"), 403, "FORBIDDEN");
    await refused(
      call("m0", "/experts", { method: "POST", json: { personId: portfolio.people.scientist.id, field: "natural" } }),
      403,
      "FORBIDDEN",
    );
    await refused(
      call("staff", "/experts", { method: "POST", json: { personId: experts.people[1]?.id, field: "natural" } }),
      409,
      "CONFLICT",
    );
    const patched = await ok(
      call("staff", `/experts/${created.id}`, { method: "PATCH", json: { specialty: "Thức ăn thủy sản" } }),
    );
    expect(patched.specialty).toBe("Thức ăn thủy sản");
  });
});

describe("forming a council", () => {
  let councilId: number;

  it("gives the default composition from the rule parameters", async () => {
    const c = await ok(call("staff", `/councils/composition?kind=acceptance&taskId=${acceptance.task.id}`));
    expect(c.size).toBe(7);
    expect(c.roles).toEqual(
      expect.arrayContaining([
        { role: "chair", count: 1 },
        { role: "reviewer", count: 2 },
        { role: "member", count: 2 },
      ]),
    );
  });

  it("puts the task on staff's work list until a council sits on it", async () => {
    const list = await ok(call("staff", "/worklist"));
    const section = list.sections.find((x: { key: string }) => x.key === "councilsToForm");
    expect(section.items).toEqual([
      expect.objectContaining({
        taskId: acceptance.task.id,
        label: "form_council",
        // 15 working days after the dossier of Monday 20 July 2026.
        dueOn: "2026-08-10",
        href: `/hoi-dong/moi?nhiem-vu=${acceptance.task.id}`,
      }),
    ]);
  });

  it("is for the managing unit's staff only", async () => {
    await refused(
      call("head", "/councils", { method: "POST", json: { kind: "acceptance", taskIds: [acceptance.task.id] } }),
      403,
      "FORBIDDEN",
    );
    await refused(
      call("m0", "/councils", { method: "POST", json: { kind: "acceptance", taskIds: [acceptance.task.id] } }),
      404,
      "NOT_FOUND",
    );
    // An acceptance council sits on tasks in acceptance.
    await refused(
      call("staff", "/councils", { method: "POST", json: { kind: "acceptance", taskIds: [portfolio.tasks.rice.id] } }),
      422,
      "PRECONDITION_FAILED",
    );
    const created = await ok(
      call("staff", "/councils", {
        method: "POST",
        json: { kind: "acceptance", taskIds: [acceptance.task.id], meetingOn: "2026-08-20" },
      }),
      201,
    );
    expect(created).toMatchObject({ status: "forming", kind: "acceptance", adminSecretary: { fullName: "staff" } });
    councilId = created.id;
    await refused(
      call("staff", "/councils", { method: "POST", json: { kind: "acceptance", taskIds: [acceptance.task.id] } }),
      409,
      "COUNCIL_EXISTS",
    );
  });

  it("refuses each conflict and composition breach with its code, writing nothing", async () => {
    const before = await counts();
    const add = (personId: number, role: string) =>
      call("staff", `/councils/${councilId}/members`, { method: "POST", json: { personId, role } });
    const host = experts.people[6]?.id ?? 0;
    let body = await refused(add(portfolio.people.colleague.id, "member"), 422, "TEAM_MEMBER");
    expect(body.fields).toHaveProperty("personId");
    body = await refused(add(host, "reviewer"), 422, "HOST_ORG_KEY_ROLE");
    expect(body.fields).toHaveProperty("role");
    await refused(add(portfolio.people.scientist.id, "member"), 400, "VALIDATION_FAILED");
    expect(await counts()).toEqual(before);
  });

  it("seats the experts, warns of the one host member, then refuses full seats and a second host member", async () => {
    const add = (personId: number, role: string) =>
      call("staff", `/councils/${councilId}/members`, { method: "POST", json: { personId, role } });
    for (const [i, person] of experts.people.slice(0, 4).entries()) await ok(add(person.id, SEATS[i] ?? "member"));
    await refused(add(experts.people[4]?.id ?? 0, "reviewer"), 422, "ROLE_FULL");
    await refused(add(experts.people[0]?.id ?? 0, "member"), 422, "ALREADY_MEMBER");
    const withHost = await ok(add(experts.people[6]?.id ?? 0, "member"));
    const hostMember = withHost.members.find((m: { person: { id: number } }) => m.person.id === experts.people[6]?.id);
    expect(hostMember.flags.map((f: { code: string }) => f.code)).toEqual(["HOST_ORG_MEMBER"]);
    // Another institute person in the registry: a second member from the host.
    const second = await ok(
      call("staff", "/experts", {
        method: "POST",
        json: { fullName: "Bùi Văn Sáng", field: "agricultural", organisationId: portfolio.institute.id },
      }),
      201,
    );
    await refused(add(second.personId, "member"), 422, "SECOND_HOST_MEMBER");
    await refused(
      call("staff", `/councils/${councilId}/establish`, {
        method: "POST",
        json: { document: { number: "301/QĐ-SKHCN", issuedOn: "2026-08-03", signer: "Trần Quang Vinh" } },
      }),
      422,
      "COMPOSITION_INCOMPLETE",
    );
    await ok(add(experts.people[4]?.id ?? 0, "scientific_secretary"));
    await ok(add(experts.people[5]?.id ?? 0, "member"));
    const eighth = await ok(
      call("staff", "/experts", {
        method: "POST",
        json: { fullName: "Cao Văn Tám", field: "agricultural", organisationId: experts.academy.id },
      }),
      201,
    );
    await refused(add(eighth.personId, "member"), 422, "COUNCIL_FULL");
  });

  it("is established by its decision, after which membership is fixed", async () => {
    const established = await ok(
      call("staff", `/councils/${councilId}/establish`, {
        method: "POST",
        json: { document: { number: "301/QĐ-SKHCN", issuedOn: "2026-08-03", signer: "Trần Quang Vinh" } },
      }),
    );
    expect(established).toMatchObject({ status: "established", establishment: { number: "301/QĐ-SKHCN" } });
    await refused(
      call("staff", `/councils/${councilId}/members/${established.members[0].id}`, { method: "DELETE" }),
      409,
      "COUNCIL_NOT_FORMING",
    );
    // The council is removed again so the journey below forms its own.
    await api.db.deleteFrom("council").where("id", "=", councilId).execute();
  });
});

describe("an acceptance council from declarations to the close", () => {
  let council: { id: number; memberIds: number[] };
  const seat = (i: number) => council.memberIds[i] ?? 0;
  let firstReview = 0;
  const url = () => `/councils/${council.id}`;
  const scoreUrl = () => `/councils/${council.id}/scores/${acceptance.task.id}`;

  beforeAll(async () => {
    council = await formCouncil(acceptance.task.id, "302/QĐ-SKHCN");
  });

  it("lets members see their council and its task, not other tasks", async () => {
    const mine = await ok(call("m1", "/councils/mine"));
    expect(mine.items).toEqual([
      expect.objectContaining({
        myRole: "vice_chair",
        conflict: "undeclared",
        tasks: [expect.objectContaining({ taskId: acceptance.task.id, scoreStatus: "not_started" })],
      }),
    ]);
    expect((await call("m1", `/tasks/${acceptance.task.id}`)).status).toBe(200);
    expect((await call("m1", `/tasks/${acceptance.task.id}/timeline`)).status).toBe(200);
    expect((await call("m1", `/tasks/${portfolio.tasks.rice.id}`)).status).toBe(404);
    const listed = await ok(call("m1", "/tasks"));
    expect(listed.items.map((t: { id: number }) => t.id)).toEqual([acceptance.task.id]);
    expect((await call("pi", url())).status).toBe(404);
    const work = await ok(call("m1", "/worklist"));
    expect(work.sections.find((x: { key: string }) => x.key === "pendingScores").items).toEqual([
      expect.objectContaining({
        taskId: acceptance.task.id,
        label: "declare_conflict",
        href: `/hoi-dong-cua-toi/${council.id}`,
      }),
    ]);
    const staffWork = await ok(call("staff", "/worklist"));
    const toForm = staffWork.sections.find((x: { key: string }) => x.key === "councilsToForm");
    expect(toForm?.items ?? []).not.toContainEqual(expect.objectContaining({ taskId: acceptance.task.id }));
  });

  it("refuses scores before the declaration, from outsiders and off the scale, writing nothing", async () => {
    const before = await counts();
    await refused(
      call("m0", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      409,
      "CONFLICT_UNDECLARED",
    );
    await refused(
      call("staff", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      403,
      "NOT_A_MEMBER",
    );
    await refused(
      call("pi", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      404,
      "NOT_FOUND",
    );
    await refused(
      call("m0", `${url()}/members/${seat(1)}/conflict`, { method: "POST", json: { hasConflict: false } }),
      403,
      "NOT_A_MEMBER",
    );
    for (let i = 0; i < 7; i++) {
      await ok(call(`m${i}`, `${url()}/members/${seat(i)}/conflict`, { method: "POST", json: { hasConflict: false } }));
    }
    const bad = await refused(
      call("m0", scoreUrl(), { method: "PUT", json: { ...sheet(acceptance.productIds, "pass"), report: "great" } }),
      400,
      "GRADE_OUT_OF_SCALE",
    );
    expect(bad.fields).toHaveProperty("report");
    const badProduct = await refused(
      call("m0", scoreUrl(), {
        method: "PUT",
        json: {
          ...sheet(acceptance.productIds, "pass"),
          products: [{ productId: acceptance.productIds[0], quantity: "A+", quality: "pass" }],
        },
      }),
      400,
      "GRADE_OUT_OF_SCALE",
    );
    expect(badProduct.fields).toHaveProperty("products.0.quantity");
    await refused(
      call("m0", scoreUrl(), { method: "PUT", json: { ...sheet(acceptance.productIds, "pass"), products: [] } }),
      400,
      "VALIDATION_FAILED",
    );
    expect((await counts()).scores).toBe(before.scores);
  });

  it("derives each member's grade, keeps it from the others and from staff until the close", async () => {
    const saved = await ok(call("m0", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "excellent") }));
    expect(saved).toMatchObject({ status: "draft", derived: { grade: "excellent" } });
    const fail = await ok(
      call("m1", scoreUrl(), { method: "PUT", json: { ...sheet(acceptance.productIds, "pass"), report: "fail" } }),
    );
    expect(fail.derived.grade).toBe("fail");
    const seen = await ok(call("m1", url()));
    expect(seen.members.every((m: { grades: unknown }) => m.grades === null)).toBe(true);
    expect(seen.members.find((m: { id: number }) => m.id === seat(0)).scoreStatus).toBe("draft");
    expect(JSON.stringify(seen)).not.toContain("excellent");
    const staffView = await ok(call("staff", url()));
    expect(staffView.members.every((m: { grades: unknown }) => m.grades === null)).toBe(true);
    const ownSheet = await ok(call("m1", `${url()}/score-sheet`));
    expect(ownSheet.tasks[0].scores).toHaveLength(1);
    expect(ownSheet.tasks[0].scores[0].sheet.report).toBe("fail");
    await refused(call("staff", `${url()}/score-sheet`), 403, "NOT_A_MEMBER");
  });

  it("a declared conflict recuses the member, whose scores are then refused", async () => {
    // m6 declared none above; a conflict found later still recuses.
    const body = await ok(
      call("m6", `${url()}/members/${seat(6)}/conflict`, {
        method: "POST",
        json: { hasConflict: true, note: "Đồng tác giả bài báo của chủ nhiệm" },
      }),
    );
    expect(body.members.find((m: { id: number }) => m.id === seat(6))).toMatchObject({
      recused: true,
      conflict: { status: "declared" },
    });
    await refused(
      call("m6", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      403,
      "RECUSED",
    );
  });

  it("signs off once (idempotently with a key), asks reviewers for their review, and reopens only through staff", async () => {
    const signUrl = `${scoreUrl()}/sign-off`;
    const first = await ok(call("m0", signUrl, { method: "POST", headers: { "Idempotency-Key": "sign-m0-1" } }));
    expect(first[0]).toMatchObject({ status: "signed_off" });
    const replay = await call("m0", signUrl, { method: "POST", headers: { "Idempotency-Key": "sign-m0-1" } });
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    await refused(call("m0", signUrl, { method: "POST" }), 409, "ALREADY_SIGNED_OFF");
    await refused(
      call("m0", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      409,
      "ALREADY_SIGNED_OFF",
    );

    // Reviewers (seats 2 and 3) attach their written review before signing.
    await ok(call("m2", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }));
    await refused(call("m2", signUrl, { method: "POST" }), 422, "REVIEW_MISSING");
    const reviewFileId = await uploadReview("m2");
    firstReview = reviewFileId;
    await ok(
      call("m2", scoreUrl(), { method: "PUT", json: { ...sheet(acceptance.productIds, "pass"), reviewFileId } }),
    );
    // The review stays the reviewer's until the close.
    expect((await call("m1", `/files/${reviewFileId}`)).status).toBe(404);
    expect((await call("staff", `/files/${reviewFileId}`)).status).toBe(404);
    await ok(call("m2", signUrl, { method: "POST" }));

    await refused(
      call("m1", `${url()}/members/${seat(0)}/reopen`, { method: "POST", json: { reason: "Sửa" } }),
      403,
      "FORBIDDEN",
    );
    const reopened = await ok(
      call("staff", `${url()}/members/${seat(0)}/reopen`, {
        method: "POST",
        json: { reason: "Thành viên chấm nhầm tiêu chí số lượng" },
      }),
    );
    expect(reopened.reopenings).toEqual([
      expect.objectContaining({ memberId: seat(0), reason: "Thành viên chấm nhầm tiêu chí số lượng", by: "staff" }),
    ]);
    const rows = await api.db.selectFrom("council_score_reopen").select(["previous_version", "reason"]).execute();
    expect(rows).toHaveLength(1);
    await ok(call("m0", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }));
    await ok(call("m0", signUrl, { method: "POST" }));
  });

  it("refuses to close without a quorum or with grades missing, changing nothing", async () => {
    const before = await counts();
    await refused(call("staff", `${url()}/close`, { method: "POST" }), 409, "NO_QUORUM");
    // Four of six seated members, the chair without a second reviewer: no quorum.
    await ok(
      call("staff", `${url()}/attendance`, { method: "PUT", json: { present: [seat(0), seat(1), seat(2), seat(4)] } }),
    );
    const noQuorum = await refused(call("staff", `${url()}/close`, { method: "POST" }), 409, "NO_QUORUM");
    expect(noQuorum.details.quorum.reasons.map((r: { code: string }) => r.code)).toContain("REVIEWERS_ABSENT");
    await refused(
      call("staff", `${url()}/attendance`, { method: "PUT", json: { present: [seat(6)] } }),
      400,
      "VALIDATION_FAILED",
    );
    await ok(
      call("staff", `${url()}/attendance`, {
        method: "PUT",
        json: { present: [seat(0), seat(1), seat(2), seat(3), seat(4)] },
      }),
    );
    const missing = await refused(call("staff", `${url()}/close`, { method: "POST" }), 409, "MISSING_GRADES");
    expect(missing.details.members.map((m: { memberId: number }) => m.memberId).sort()).toEqual(
      [seat(1), seat(3), seat(4)].sort(),
    );
    await refused(call("m0", `${url()}/close`, { method: "POST" }), 403, "FORBIDDEN");
    expect(await counts()).toEqual(before);
    expect(
      await api.db.selectFrom("task").select("stage").where("id", "=", acceptance.task.id).executeTakeFirst(),
    ).toEqual({ stage: "acceptance" });
  });

  it("nobody records the outcome by hand while the council sits", async () => {
    await refused(
      call("staff", `/tasks/${acceptance.task.id}/transitions`, {
        method: "POST",
        json: {
          action: "record_acceptance_pass",
          fromStage: "acceptance",
          outcome: "pass",
          document: { number: "9/BB-SKHCN", issuedOn: "2026-08-20", signer: "A" },
        },
      }),
      422,
      "PRECONDITION_FAILED",
    );
  });

  it("closes with the outcome explained, writes the minutes and moves the task to recognition", async () => {
    const signUrl = `${scoreUrl()}/sign-off`;
    await ok(call("m1", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }));
    await ok(call("m1", signUrl, { method: "POST" }));
    const reviewFileId = await uploadReview("m3");
    await ok(
      call("m3", scoreUrl(), { method: "PUT", json: { ...sheet(acceptance.productIds, "excellent"), reviewFileId } }),
    );
    await ok(call("m3", signUrl, { method: "POST" }));
    await ok(call("m4", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }));
    await ok(call("m4", signUrl, { method: "POST" }));

    const closed = await ok(call("staff", `${url()}/close`, { method: "POST" }));
    expect(closed.status).toBe("closed");
    expect(closed.outcome.result).toBe("pass");
    expect(closed.outcome.explanation).toMatchObject({
      counts: { excellent: 1, pass: 4, fail: 0 },
      voting: 5,
      lateDossier: false,
      recusals: [expect.objectContaining({ memberId: seat(6) })],
      quorum: expect.objectContaining({ met: true, present: 5 }),
    });
    expect(closed.outcome.explanation.regulation).toContain("29/2013/QH13");
    expect(closed.outcome.explanation.thresholds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: "pass_share", fraction: "3/4", needed: 4, got: 5, met: true }),
      ]),
    );
    // Grades are unsealed with the close.
    expect(closed.members.find((m: { id: number }) => m.id === seat(3)).grades).toEqual([
      { taskId: acceptance.task.id, grade: "excellent" },
    ]);

    const file = await api.db
      .selectFrom("stored_file")
      .selectAll()
      .where("id", "=", closed.minutes.fileId)
      .executeTakeFirstOrThrow();
    expect(existsSync(path.join(api.filesDir, file.storage_key))).toBe(true);
    expect(readFileSync(path.join(api.filesDir, file.storage_key)).subarray(0, 5).toString()).toBe("%PDF-");
    const download = await call("m2", `${url()}/minutes`);
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await download.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    const task = await api.db
      .selectFrom("task")
      .select(["stage", "acceptance_outcome"])
      .where("id", "=", acceptance.task.id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "recognition", acceptance_outcome: "pass" });
    const timeline = await ok(call("pi", `/tasks/${acceptance.task.id}/timeline`));
    expect(timeline.entries.at(-1)).toMatchObject({
      action: "record_acceptance_pass",
      toStage: "recognition",
      outcome: "pass",
      document: { docType: "BB", file: { id: closed.minutes.fileId } },
    });
    // The PI reads the outcome on the task page and downloads the minutes the timeline cites.
    const taskCouncils = await ok(call("pi", `/tasks/${acceptance.task.id}/councils`));
    expect(taskCouncils.items[0]).toMatchObject({ status: "closed", outcome: { result: "pass" } });
    expect((await call("pi", `/files/${closed.minutes.fileId}`)).status).toBe(200);
    expect((await call("staff", `/files/${firstReview}`)).status).toBe(200);

    await refused(call("staff", `${url()}/close`, { method: "POST" }), 409, "COUNCIL_CLOSED");
    await refused(
      call("m0", scoreUrl(), { method: "PUT", json: sheet(acceptance.productIds, "pass") }),
      409,
      "COUNCIL_CLOSED",
    );
    await refused(
      call("staff", `${url()}/members/${seat(0)}/reopen`, { method: "POST", json: { reason: "Muộn" } }),
      409,
      "COUNCIL_CLOSED",
    );
  });

  it("shows the revision and registration deadlines from the close", async () => {
    const d = await ok(call("pi", `/tasks/${acceptance.task.id}/deadlines`));
    const byStep = Object.fromEntries(d.items.map((s: { step: string }) => [s.step, s]));
    expect(byStep.dossier).toMatchObject({ dueOn: "2026-07-30", doneOn: "2026-07-20", status: "done" });
    expect(byStep.council_establishment).toMatchObject({ from: "2026-07-20", doneOn: "2026-08-03", workingDays: true });
    const accepted = byStep.revision.from as string;
    expect(byStep.revision.dueOn).toBe(
      new Date(Date.parse(`${accepted}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10),
    );
    expect(byStep.registration.status).toBe("open");
    const work = await ok(call("staff", "/worklist"));
    const steps = work.sections.find((x: { key: string }) => x.key === "stepDeadlines");
    expect(steps.items).toContainEqual(
      expect.objectContaining({ taskId: acceptance.task.id, label: "revise_results", dueOn: byStep.revision.dueOn }),
    );
  });
});

describe("closing the loop", () => {
  it("walks a passed task through recognition and a required registration to closed", async () => {
    const id = acceptance.task.id;
    const move = (json: Record<string, unknown>) => call("staff", `/tasks/${id}/transitions`, { method: "POST", json });
    const doc = (n: number, type = "QĐ-SKHCN") => ({
      number: `${n}/${type}`,
      issuedOn: "2026-09-10",
      signer: "Trần Quang Vinh",
    });
    await ok(move({ action: "recognise_results", fromStage: "recognition", document: doc(410) }));
    const actions = await ok(call("staff", `/tasks/${id}/actions`));
    expect(actions.actions.find((a: { action: string }) => a.action === "register_results").requires).toEqual([
      "document",
      "registration",
    ]);
    const missing = await refused(
      move({ action: "register_results", fromStage: "registration", document: doc(411, "GCN-TTTT") }),
      400,
      "VALIDATION_FAILED",
    );
    expect(missing.fields).toHaveProperty("registration");
    await ok(
      move({
        action: "register_results",
        fromStage: "registration",
        document: doc(411, "GCN-TTTT"),
        registration: { number: "2026-52-118/ĐKKQ", registeredOn: "2026-09-10" },
      }),
    );
    const task = await api.db
      .selectFrom("task")
      .select(["stage", "registration_number", "registered_on"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "settlement", registration_number: "2026-52-118/ĐKKQ", registered_on: "2026-09-10" });
    await ok(move({ action: "liquidate", fromStage: "settlement", document: doc(412, "BB-SKHCN") }));
  });

  it("fails a task whose council grades it short, then settles it by the cause of the failure", async () => {
    const failing = await buildAcceptanceTask(api.db, portfolio, { regime: "law_93_2025" });
    const council = await formCouncil(failing.task.id, "303/QĐ-SKHCN");
    const url = `/councils/${council.id}`;
    for (let i = 0; i < 7; i++) {
      await ok(
        call(`m${i}`, `${url}/members/${council.memberIds[i]}/conflict`, {
          method: "POST",
          json: { hasConflict: false },
        }),
      );
    }
    await ok(call("staff", `${url}/attendance`, { method: "PUT", json: { present: council.memberIds.slice(0, 6) } }));
    for (let i = 0; i < 6; i++) {
      const grade = i < 4 ? "fail" : "pass";
      const reviewFileId = i === 2 || i === 3 ? await uploadReview(`m${i}`) : null;
      await ok(
        call(`m${i}`, `${url}/scores/${failing.task.id}`, {
          method: "PUT",
          json: { ...sheet(failing.productIds, grade), reviewFileId },
        }),
      );
      await ok(call(`m${i}`, `${url}/scores/${failing.task.id}/sign-off`, { method: "POST" }));
    }
    const closed = await ok(call("staff", `${url}/close`, { method: "POST" }));
    expect(closed.outcome).toMatchObject({
      result: "fail",
      explanation: { counts: { excellent: 0, pass: 2, fail: 4 } },
    });
    expect(closed.outcome.explanation.regulation).toContain("93/2025/QH15");
    const id = failing.task.id;
    expect(await api.db.selectFrom("task").select("stage").where("id", "=", id).executeTakeFirst()).toEqual({
      stage: "failed",
    });

    const settle = (json: Record<string, unknown>) =>
      call("staff", `/tasks/${id}/transitions`, {
        method: "POST",
        json: {
          action: "settle",
          fromStage: "failed",
          document: { number: "420/QĐ-SKHCN", issuedOn: "2026-10-01", signer: "Trần Quang Vinh" },
          ...json,
        },
      });
    expect((await refused(settle({}), 400, "VALIDATION_FAILED")).fields).toHaveProperty("recovery");
    // Law 93/2025: an honest, compliant failure recovers nothing.
    expect(
      (await refused(settle({ recovery: { cause: "honest_failure", amount: "5000000" } }), 400, "VALIDATION_FAILED"))
        .fields,
    ).toHaveProperty("recovery.amount");
    expect(
      (await refused(settle({ recovery: { cause: "misuse_of_funds", amount: "0" } }), 400, "VALIDATION_FAILED")).fields,
    ).toHaveProperty("recovery.amount");
    await ok(settle({ recovery: { cause: "honest_failure", amount: "0" } }));
    const task = await api.db
      .selectFrom("task")
      .select(["stage", "recovery_cause", "recovery_amount"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "settlement", recovery_cause: "honest_failure", recovery_amount: "0" });
  });
});

describe("a selection council", () => {
  it("scores applicants per criteria group, refuses points off the scale and names the winner", async () => {
    const { buildTask } = await import("@khcn/db/seed/builders");
    const task = await buildTask(api.db, {
      code: "ĐT.2026.31",
      title: "Tuyển chọn tổ chức chủ trì nhiệm vụ nuôi cá hồng Mỹ",
      stage: "selection",
      selection_method: "open_call",
      start_date: null,
      end_date: null,
      managing_unit_id: portfolio.department.id,
    });
    const council = await ok(
      call("staff", "/councils", { method: "POST", json: { kind: "selection", taskIds: [task.id] } }),
      201,
    );
    const url = `/councils/${council.id}`;
    for (const [i, person] of experts.people.entries()) {
      await ok(call("staff", `${url}/members`, { method: "POST", json: { personId: person.id, role: SEATS[i] } }));
    }
    await ok(
      call("staff", `${url}/applicants`, {
        method: "POST",
        json: { taskId: task.id, name: "Viện Nghiên cứu Nuôi trồng thủy sản I", piName: "TS. Nguyễn Văn Biển" },
      }),
    );
    const withApplicants = await ok(
      call("staff", `${url}/applicants`, {
        method: "POST",
        json: { taskId: task.id, name: "Trường Đại học Hoa Lư", organisationId: portfolio.university.id },
      }),
    );
    const [strong, weak] = withApplicants.applicants.map((a: { id: number }) => a.id);
    const established = await ok(
      call("staff", `${url}/establish`, {
        method: "POST",
        json: { document: { number: "320/QĐ-SKHCN", issuedOn: "2026-08-03", signer: "Trần Quang Vinh" } },
      }),
    );
    const seats = established.members.map((m: { id: number }) => m.id) as number[];
    const points = (base: number) => ({
      rationale: Math.min(10, base / 10),
      objectives_methods: (30 * base) / 100,
      products_impact: (25 * base) / 100,
      capacity: (20 * base) / 100,
      plan_budget: (15 * base) / 100,
    });
    const sheetUrl = `${url}/scores/${task.id}`;
    await ok(call("m0", `${url}/members/${seats[0]}/conflict`, { method: "POST", json: { hasConflict: false } }));
    const off = await refused(
      call("m0", sheetUrl, { method: "PUT", json: { applicantId: strong, points: { ...points(80), capacity: 21 } } }),
      400,
      "GRADE_OUT_OF_SCALE",
    );
    expect(off.fields).toHaveProperty("points.capacity");
    const sheetView = await ok(call("m0", `${url}/score-sheet`));
    expect(sheetView.criteria.map((c: { code: string }) => c.code)).toContain("objectives_methods");
    for (let i = 0; i < 5; i++) {
      if (i > 0)
        await ok(
          call(`m${i}`, `${url}/members/${seats[i]}/conflict`, { method: "POST", json: { hasConflict: false } }),
        );
      await ok(call(`m${i}`, sheetUrl, { method: "PUT", json: { applicantId: strong, points: points(80 + i) } }));
      await ok(call(`m${i}`, sheetUrl, { method: "PUT", json: { applicantId: weak, points: points(60) } }));
      const signed = await ok(call(`m${i}`, `${sheetUrl}/sign-off`, { method: "POST" }));
      expect(signed).toHaveLength(2);
    }
    await ok(call("staff", `${url}/attendance`, { method: "PUT", json: { present: seats.slice(0, 5) } }));
    const closed = await ok(call("staff", `${url}/close`, { method: "POST" }));
    expect(closed.outcome.result).toEqual({ winnerApplicantId: strong });
    expect(closed.outcome.explanation).toMatchObject({ decision: "WINNER", passAverage: 70 });
    expect(closed.minutes).not.toBeNull();
    // A selection council's close leaves the task where it is: staff record the selection decision.
    expect(await api.db.selectFrom("task").select("stage").where("id", "=", task.id).executeTakeFirst()).toEqual({
      stage: "selection",
    });
  });
});
