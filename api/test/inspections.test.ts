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
});
afterAll(() => api.close());

let docSeq = 1;
const minutes = (overrides: Record<string, unknown> = {}) => ({
  number: `${docSeq++}/BB-SKHCN`,
  issuedOn: "2026-05-20",
  signer: "Phạm Văn Đông",
  ...overrides,
});

const inspection = (overrides: Record<string, unknown> = {}) => ({
  kind: "mid_term",
  inspectedOn: "2026-05-20",
  team: [
    { name: "PGS.TS. Phạm Văn Đông", role: "leader", organisation: "Sở KH&CN" },
    { name: "ThS. Lê Thu Hà", role: "secretary" },
  ],
  findings: "Đã hoàn thành 3/5 nội dung; thí nghiệm vụ xuân đúng tiến độ.",
  conclusion: "continue",
  minutes: minutes(),
  ...overrides,
});

const record = (taskId: number, who: string, body: unknown) =>
  api.request(`/api/tasks/${taskId}/inspections`, { method: "POST", cookie: cookie[who] ?? null, json: body });
const list = async (taskId: number, who = "staff") =>
  api.request(`/api/tasks/${taskId}/inspections`, { cookie: cookie[who] ?? null });

const count = async () =>
  Number(
    (
      await api.db
        .selectFrom("inspection")
        .select((e) => e.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const runningTask = () =>
  buildTask(api.db, {
    stage: "in_progress",
    managing_unit_id: portfolio.department.id,
    host_organisation_id: portfolio.institute.id,
    pi_person_id: portfolio.people.scientist.id,
    start_date: "2025-01-01",
    end_date: "2026-12-31",
  });

describe("recording an inspection", () => {
  it("records the inspection with its team, findings and minutes, audited on the task", async () => {
    const id = portfolio.tasks.rice.id;
    const res = await record(id, "staff", inspection({ minutes: minutes({ number: "12/BB-SKHCN" }) }));
    expect(res.status, await res.clone().text()).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({
      taskId: id,
      kind: "mid_term",
      inspectedOn: "2026-05-20",
      conclusion: "continue",
      recommendations: null,
      team: [
        { name: "PGS.TS. Phạm Văn Đông", role: "leader", organisation: "Sở KH&CN" },
        { name: "ThS. Lê Thu Hà", role: "secretary", organisation: null },
      ],
      minutes: { number: "12/BB-SKHCN", docType: "BB", issuer: "SKHCN", issuedOn: "2026-05-20", file: null },
      recordedBy: "staff",
    });

    for (const who of ["staff", "head", "pi", "admin"]) {
      const seen = await list(id, who);
      expect(seen.status, who).toBe(200);
      const body = await seen.json();
      expect(body.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
      expect(body.terminationProposal).toBeNull();
      expect(body.canRecord, who).toBe(who === "staff");
    }

    const audit = await api.db
      .selectFrom("audit_log")
      .select(["action", "data", "entity_id"])
      .where("task_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["document.recorded", "inspection.recorded"]);
    expect(audit[1]?.entity_id).toBe(String(created.id));
    expect(audit[1]?.data).toMatchObject({ kind: "mid_term", conclusion: "continue" });
  });

  it("refuses bad input with the field at fault and writes nothing", async () => {
    const id = portfolio.tasks.rice.id;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ minutes: undefined }, "minutes"],
      [{ team: [] }, "team"],
      [
        {
          team: [
            { name: "A", role: "leader" },
            { name: "B", role: "leader" },
          ],
        },
        "team",
      ],
      [{ conclusion: "stop" }, "conclusion"],
      [{ findings: "  " }, "findings"],
      [{ inspectedOn: "2026-02-30" }, "inspectedOn"],
      [{ inspectedOn: "2999-01-01", minutes: minutes({ issuedOn: "2026-01-01" }) }, "inspectedOn"],
      [{ inspectedOn: "2023-06-01", minutes: minutes({ issuedOn: "2023-06-01" }) }, "inspectedOn"],
      [{ minutes: minutes({ issuedOn: "2026-05-19" }) }, "minutes.issuedOn"],
      [{ minutes: minutes({ number: "12-BB-SKHCN" }) }, "minutes.number"],
      [{ minutes: minutes({ issuedOn: "2999-01-01" }) }, "minutes.issuedOn"],
      [{ outcome: "pass" }, "outcome"],
    ];
    for (const [overrides, field] of cases) {
      const res = await record(id, "staff", inspection(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      const body = await res.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(body.fields), JSON.stringify(overrides)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it("leaves it to the managing unit's staff, while the task runs", async () => {
    const id = portfolio.tasks.rice.id;
    const before = await count();
    for (const [who, status] of [
      ["head", 403],
      ["pi", 403],
      ["admin", 403],
      ["council", 404],
      ["staff-elsewhere", 404],
    ] as const) {
      expect((await record(id, who, inspection())).status, who).toBe(status);
    }
    expect((await list(id, "staff-elsewhere")).status).toBe(404);
    expect((await list(id, "council")).status).toBe(404);
    const proposal = await record(portfolio.tasks.city.id, "staff", inspection());
    expect(proposal.status).toBe(409);
    expect((await proposal.json()).code).toBe("CONFLICT");
    expect((await record(999_999, "staff", inspection())).status).toBe(404);
    expect(await count()).toBe(before);
  });

  it("refuses minutes whose number is already another document's", async () => {
    const id = portfolio.tasks.rice.id;
    const first = await record(id, "staff", inspection({ minutes: minutes({ number: "40/BB-SKHCN" }) }));
    expect(first.status).toBe(201);
    const clash = await record(
      id,
      "staff",
      inspection({ minutes: minutes({ number: "40/BB-SKHCN", signer: "Người khác" }) }),
    );
    expect(clash.status).toBe(409);
    const body = await clash.json();
    expect(body.code).toBe("DUPLICATE_DOCUMENT_NUMBER");
    expect(body.fields).toHaveProperty(["minutes.number"]);
  });

  it("lets those who see the task fetch the minutes' file", async () => {
    const form = new FormData();
    const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    form.append("file", new Blob([Buffer.from(pdf)]), "Biên bản kiểm tra.pdf");
    const uploaded = await api.request("/api/files", { method: "POST", cookie: cookie.staff ?? null, body: form });
    expect(uploaded.status).toBe(201);
    const file = await uploaded.json();
    const res = await record(portfolio.tasks.rice.id, "staff", inspection({ minutes: minutes({ fileId: file.id }) }));
    expect(res.status).toBe(201);
    expect((await res.json()).minutes.file).toEqual({ id: file.id, name: "Biên bản kiểm tra.pdf" });
    expect((await api.request(`/api/files/${file.id}`, { cookie: cookie.pi ?? null })).status).toBe(200);
    expect((await api.request(`/api/files/${file.id}`, { cookie: cookie["staff-elsewhere"] ?? null })).status).toBe(
      404,
    );
  });
});

describe("proposing termination", () => {
  it("marks the proposal on the task's actions and lets staff terminate through the lifecycle", async () => {
    const task = await runningTask();
    const res = await record(
      task.id,
      "staff",
      inspection({
        kind: "inspection",
        conclusion: "propose_termination",
        findings: "Chủ nhiệm đã chuyển công tác; không còn nhân lực thực hiện.",
        recommendations: "Đề nghị Sở chấm dứt hợp đồng và thanh lý.",
        minutes: minutes({ number: "77/BB-SKHCN" }),
      }),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const proposed = await res.json();

    const inspections = await (await list(task.id)).json();
    expect(inspections.terminationProposal).toEqual({
      inspectionId: proposed.id,
      inspectedOn: "2026-05-20",
      minutesNumber: "77/BB-SKHCN",
    });
    const actions = await (await api.request(`/api/tasks/${task.id}/actions`, { cookie: cookie.head ?? null })).json();
    const terminate = actions.actions.find((a: { action: string }) => a.action === "terminate");
    expect(terminate).toMatchObject({ allowed: true, proposedBy: { inspectionId: proposed.id } });
    // The proposal does not move the task by itself.
    expect(actions.stage).toBe("in_progress");
    const proposalAudit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("task_id", "=", task.id)
      .where("action", "=", "task.termination_proposed")
      .executeTakeFirstOrThrow();
    expect(proposalAudit.data).toMatchObject({ inspectionId: proposed.id });

    const moved = await api.request(`/api/tasks/${task.id}/transitions`, {
      method: "POST",
      cookie: cookie.staff ?? null,
      json: {
        action: "terminate",
        fromStage: "in_progress",
        document: { number: "88/QĐ-SKHCN", issuedOn: "2026-06-01", signer: "Trần Quang Vinh" },
        comment: "Theo đề nghị của đoàn kiểm tra ngày 20/5/2026",
      },
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    expect((await moved.json()).stage).toBe("terminated");
    const after = await (await list(task.id)).json();
    expect(after.terminationProposal).toBeNull();
    expect(after.canRecord).toBe(false);
    expect((await record(task.id, "staff", inspection())).status).toBe(409);
  });

  it("lets a later inspection's conclusion stand instead", async () => {
    const task = await runningTask();
    expect(
      (
        await record(
          task.id,
          "staff",
          inspection({
            inspectedOn: "2026-03-01",
            conclusion: "propose_termination",
            minutes: minutes({ issuedOn: "2026-03-01" }),
          }),
        )
      ).status,
    ).toBe(201);
    expect((await (await list(task.id)).json()).terminationProposal).not.toBeNull();
    expect(
      (
        await record(
          task.id,
          "staff",
          inspection({
            inspectedOn: "2026-04-15",
            conclusion: "continue_with_adjustments",
            minutes: minutes({ issuedOn: "2026-04-15" }),
          }),
        )
      ).status,
    ).toBe(201);
    const after = await (await list(task.id)).json();
    expect(after.terminationProposal).toBeNull();
    expect(after.items.map((i: { conclusion: string }) => i.conclusion)).toEqual([
      "continue_with_adjustments",
      "propose_termination",
    ]);
    const actions = await (await api.request(`/api/tasks/${task.id}/actions`, { cookie: cookie.staff ?? null })).json();
    expect(actions.actions.find((a: { action: string }) => a.action === "terminate").proposedBy).toBeUndefined();
  });
});
