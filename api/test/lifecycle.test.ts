import { buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
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
  // The city proposal is complete enough to walk the whole path once its method is chosen.
  await api.db
    .updateTable("task")
    .set({ selection_method: "direct_assignment", start_date: "2026-01-01", end_date: "2027-06-30" })
    .where("id", "=", portfolio.tasks.city.id)
    .execute();
});
afterAll(() => api.close());

let docSeq = 100;
const doc = (overrides: Record<string, unknown> = {}) => ({
  number: `${docSeq++}/QĐ-SKHCN`,
  issuedOn: "2026-02-10",
  signer: "Trần Quang Vinh",
  ...overrides,
});

const move = (taskId: number, who: string, body: Record<string, unknown>) =>
  api.request(`/api/tasks/${taskId}/transitions`, { method: "POST", cookie: cookie[who] ?? null, json: body });

const countRows = async () => ({
  documents: Number(
    (
      await api.db
        .selectFrom("document")
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
});

describe("the actions a person may take", () => {
  it("offers staff the steps out of the proposal, and tells a PI why not", async () => {
    const id = portfolio.tasks.city.id;
    const staff = await (await api.request(`/api/tasks/${id}/actions`, { cookie: cookie.staff ?? null })).json();
    expect(staff.stage).toBe("proposed");
    expect(staff.actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed])).toEqual([
      ["identify", true],
      ["reject_proposal", true],
    ]);
    expect(staff.actions[0].requires).toEqual(["document"]);

    const head = await (await api.request(`/api/tasks/${id}/actions`, { cookie: cookie.head ?? null })).json();
    expect(head.actions.map((a: { action: string; allowed: boolean }) => [a.action, a.allowed])).toEqual([
      ["identify", false],
      ["reject_proposal", true],
    ]);
    expect(head.actions[0].reasons).toEqual([{ code: "ROLE", roles: ["staff"] }]);
  });

  it("hides the task from people outside its scope", async () => {
    const id = portfolio.tasks.city.id;
    for (const who of ["pi", "staff-elsewhere"]) {
      expect((await api.request(`/api/tasks/${id}/actions`, { cookie: cookie[who] ?? null })).status, who).toBe(404);
      expect((await move(id, who, { action: "identify", fromStage: "proposed", document: doc() })).status, who).toBe(
        404,
      );
    }
  });
});

describe("moving a task", () => {
  it("refuses bad requests with the field at fault and changes nothing", async () => {
    const id = portfolio.tasks.city.id;
    const before = await countRows();
    const cases: [Record<string, unknown>, number, string, string | null][] = [
      [{ action: "identify", fromStage: "proposed" }, 400, "VALIDATION_FAILED", "document"],
      [
        { action: "identify", fromStage: "proposed", document: doc({ number: "135-QĐ-SKHCN" }) },
        400,
        "VALIDATION_FAILED",
        "document.number",
      ],
      [
        { action: "identify", fromStage: "proposed", document: doc({ number: "19/2024/QĐ-UBND" }) },
        400,
        "VALIDATION_FAILED",
        "document.number",
      ],
      [
        { action: "identify", fromStage: "proposed", document: doc({ issuedOn: "2999-01-01" }) },
        400,
        "VALIDATION_FAILED",
        "document.issuedOn",
      ],
      [
        { action: "identify", fromStage: "proposed", document: doc({ issuedOn: "2026-02-30" }) },
        400,
        "VALIDATION_FAILED",
        "document.issuedOn",
      ],
      [
        { action: "identify", fromStage: "proposed", document: doc({ signer: "" }) },
        400,
        "VALIDATION_FAILED",
        "document.signer",
      ],
      [{ action: "fly", fromStage: "proposed", document: doc() }, 400, "VALIDATION_FAILED", "action"],
      [{ action: "identify", fromStage: "nowhere", document: doc() }, 400, "VALIDATION_FAILED", "fromStage"],
      [{ action: "identify", fromStage: "proposed", document: doc(), extra: 1 }, 400, "VALIDATION_FAILED", null],
      [
        { action: "identify", fromStage: "proposed", document: doc(), comment: "x".repeat(4001) },
        400,
        "VALIDATION_FAILED",
        "comment",
      ],
      [
        { action: "identify", fromStage: "proposed", document: doc({ fileId: 999999 }) },
        400,
        "VALIDATION_FAILED",
        "document.fileId",
      ],
      [{ action: "liquidate", fromStage: "proposed", document: doc() }, 409, "TRANSITION_REFUSED", "action"],
      [{ action: "identify", fromStage: "selection", document: doc() }, 409, "STAGE_CHANGED", "fromStage"],
      [{ action: "reject_proposal", fromStage: "proposed", document: doc() }, 400, "VALIDATION_FAILED", "comment"],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await move(id, "staff", body);
      const out = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(out.code, JSON.stringify(body)).toBe(code);
      if (field) expect(Object.keys(out.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    const pi = await move(portfolio.tasks.rice.id, "pi", {
      action: "terminate",
      fromStage: "in_progress",
      document: doc(),
      comment: "x",
    });
    expect(pi.status).toBe(403);
    expect((await pi.json()).code).toBe("FORBIDDEN");
    expect(await countRows()).toEqual(before);
    const task = await api.db
      .selectFrom("task")
      .select(["stage", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "proposed", version: 1 });
  });

  it("takes a proposal to in progress with a document at each step, on the timeline and in the history", async () => {
    const id = portfolio.tasks.city.id;
    const steps: [string, string, string][] = [
      ["identify", "proposed", "identified"],
      ["open_selection", "identified", "selection"],
      ["select_host", "selection", "budget_appraisal"],
      ["approve", "budget_appraisal", "approved"],
      ["sign_contract", "approved", "in_progress"],
    ];
    for (const [action, fromStage, to] of steps) {
      const res = await move(id, "staff", { action, fromStage, document: doc(), comment: `Bước ${action}` });
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
      const out = await res.json();
      expect(out.stage).toBe(to);
      expect(out.entry).toMatchObject({
        action,
        fromStage,
        toStage: to,
        document: { number: expect.stringMatching(/\/QĐ-SKHCN$/) },
      });
    }
    const timeline = await (await api.request(`/api/tasks/${id}/timeline`, { cookie: cookie.head ?? null })).json();
    expect(timeline.stage).toBe("in_progress");
    expect(timeline.entries.map((e: { toStage: string }) => e.toStage)).toEqual(steps.map((s) => s[2]));
    expect(timeline.entries[0]).toMatchObject({
      actor: "staff",
      document: { signer: "Trần Quang Vinh", issuedOn: "2026-02-10" },
    });

    const history = await (await api.request(`/api/tasks/${id}/history`, { cookie: cookie.staff ?? null })).json();
    const actions = history.items.map((h: { action: string }) => h.action);
    expect(actions.filter((a: string) => a === "task.transition")).toHaveLength(5);
    expect(actions.filter((a: string) => a === "document.recorded")).toHaveLength(5);
    expect(history.items[0].data).toMatchObject({ action: "sign_contract", from: "approved", to: "in_progress" });

    const task = await api.db
      .selectFrom("task")
      .select(["stage", "version"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "in_progress", version: 6 });
    // The PI now leads an in-progress task but holds none of the staff steps.
    const piActions = await (await api.request(`/api/tasks/${id}/actions`, { cookie: cookie.council ?? null })).json();
    expect(piActions.actions.every((a: { allowed: boolean }) => !a.allowed)).toBe(true);
  });

  it("refuses approval of an incomplete record with the fields to complete", async () => {
    const task = await buildTask(api.db, {
      code: "ĐT.2026.77",
      title: "Đề xuất chưa đủ hồ sơ",
      stage: "budget_appraisal",
      managing_unit_id: portfolio.department.id,
      start_date: null,
      end_date: null,
      total_budget: "0",
      state_budget: "0",
    });
    const res = await move(task.id, "head", { action: "approve", fromStage: "budget_appraisal", document: doc() });
    expect(res.status).toBe(422);
    const out = await res.json();
    expect(out.code).toBe("PRECONDITION_FAILED");
    expect(Object.keys(out.fields).sort()).toEqual([
      "endDate",
      "hostOrganisationId",
      "piPersonId",
      "startDate",
      "totalBudget",
    ]);
  });

  it("gives exactly one success to two people clicking at once", async () => {
    const id = portfolio.tasks.rice.id;
    const body = { action: "receive_acceptance_dossier", fromStage: "in_progress", document: doc() };
    const results = await Promise.all([move(id, "staff", body), move(id, "staff", { ...body, document: doc() })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const rows = await api.db.selectFrom("task_transition").select("id").where("task_id", "=", id).execute();
    expect(rows).toHaveLength(1);
  });

  it("records an acceptance outcome only with the council's minutes", async () => {
    const id = portfolio.tasks.rice.id;
    const wrong = await move(id, "staff", {
      action: "record_acceptance_pass",
      fromStage: "acceptance",
      document: doc({ number: "12/BB-HĐNT" }),
      outcome: "fail",
    });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).fields).toHaveProperty("outcome");
    const ok = await move(id, "staff", {
      action: "record_acceptance_pass",
      fromStage: "acceptance",
      document: doc({ number: "12/BB-HĐNT" }),
      outcome: "excellent",
    });
    expect(ok.status).toBe(200);
    const task = await api.db
      .selectFrom("task")
      .select(["stage", "acceptance_outcome"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ stage: "recognition", acceptance_outcome: "excellent" });
  });
});

describe("document numbers", () => {
  it("are unique per issuer and year, and one decision may cover several tasks", async () => {
    const a = (
      await buildTask(api.db, {
        code: "ĐT.2026.81",
        title: "A",
        stage: "proposed",
        managing_unit_id: portfolio.department.id,
      })
    ).id;
    const b = (
      await buildTask(api.db, {
        code: "ĐT.2026.82",
        title: "B",
        stage: "proposed",
        managing_unit_id: portfolio.department.id,
      })
    ).id;
    const decision = { number: "19/2026/QĐ-UBND", issuedOn: "2026-03-01", signer: "Chủ tịch UBND tỉnh" };
    expect((await move(a, "staff", { action: "identify", fromStage: "proposed", document: decision })).status).toBe(
      200,
    );
    // The same People's Committee decision lists task B too.
    const same = await move(b, "staff", { action: "identify", fromStage: "proposed", document: decision });
    expect(same.status).toBe(200);
    expect((await same.json()).entry.document.number).toBe("19/2026/QĐ-UBND");
    const docs = await api.db
      .selectFrom("document")
      .select("id")
      .where("number", "=", "19")
      .where("issued_year", "=", 2026)
      .execute();
    expect(docs).toHaveLength(1);

    // The same number with another signer is another document: refused.
    await api.db.updateTable("task").set({ stage: "proposed" }).where("id", "=", b).execute();
    const clash = await move(b, "staff", {
      action: "identify",
      fromStage: "proposed",
      document: { ...decision, signer: "Người khác" },
    });
    expect(clash.status).toBe(409);
    const out = await clash.json();
    expect(out.code).toBe("DUPLICATE_DOCUMENT_NUMBER");
    expect(out.fields["document.number"]).toContain("19/2026/QĐ-UBND");
  });
});

describe("attachments", () => {
  const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

  const upload = (who: string, content: Uint8Array, name: string) => {
    const form = new FormData();
    form.append("file", new Blob([Buffer.from(content)]), name);
    return api.request("/api/files", { method: "POST", cookie: cookie[who] ?? null, body: form });
  };

  it("accepts a PDF by its content, attaches it to a decision and serves it as an attachment to those who see the task", async () => {
    const res = await upload("staff", pdf, "Quyết định 200.pdf");
    expect(res.status).toBe(201);
    const file = await res.json();
    expect(file).toMatchObject({ name: "Quyết định 200.pdf", contentType: "application/pdf", size: pdf.byteLength });

    const id = portfolio.tasks.city.id;
    const terminated = await move(id, "staff", {
      action: "terminate",
      fromStage: "in_progress",
      document: doc({ fileId: file.id }),
      comment: "Chủ nhiệm không còn đủ điều kiện thực hiện",
    });
    expect(terminated.status).toBe(200);
    expect((await terminated.json()).entry.document.file).toEqual({ id: file.id, name: "Quyết định 200.pdf" });

    const got = await api.request(`/api/files/${file.id}`, { cookie: cookie.head ?? null });
    expect(got.status).toBe(200);
    expect(got.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(pdf);
    expect((await api.request(`/api/files/${file.id}`, { cookie: cookie.pi ?? null })).status).toBe(404);
  });

  it("refuses files whose content is not an accepted type, whatever their name", async () => {
    const res = await upload("staff", new TextEncoder().encode("<script>alert(1)</script>"), "bao-cao.pdf");
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe("UNSUPPORTED_FILE_TYPE");
    const empty = await upload("staff", new Uint8Array(), "empty.pdf");
    expect(empty.status).toBe(400);
  });

  it("does not let one person attach another's upload", async () => {
    const file = await (await upload("head", pdf, "head.pdf")).json();
    // The rice task waits in recognition after its acceptance above: the step itself is open to staff.
    const res = await move(portfolio.tasks.rice.id, "staff", {
      action: "recognise_results",
      fromStage: "recognition",
      document: doc({ fileId: file.id }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).fields).toHaveProperty("document.fileId");
  });
});
