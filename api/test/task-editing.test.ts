import { jsonb } from "@khcn/db/jsonb";
import { buildPerson, buildTask, buildTheme, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookies: Record<string, string> = {};

/** An approved task under full lump-sum funding, with one contracted product. */
let lumpSum: { id: number };
let lumpSumProductId: number;
let archivedThemeId: number;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  const hash = await hashPassword(PASSWORD);
  // Staff of another department, and a scientist account that no person record backs.
  const otherUnit = await buildUnit(api.db, { code: "SKHCN-HP", name: "Sở KH&CN Hải Phòng", kind: "department" });
  await buildUser(api.db, { email: "staff2@test.vn", passwordHash: hash, roles: ["staff"], unitId: otherUnit.id });
  await buildUser(api.db, {
    email: "loner@test.vn",
    passwordHash: hash,
    roles: ["pi"],
    unitId: portfolio.department.id,
  });
  for (const who of ["admin", "staff", "head", "pi", "council", "staff2", "loner"]) {
    cookies[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }

  const task = await buildTask(api.db, {
    code: "ĐT.2025.05",
    title: "Sản xuất đông trùng hạ thảo",
    stage: "approved",
    funding_mode: "full_lump_sum",
    regime: "law_93_2025",
    managing_unit_id: portfolio.department.id,
    pi_person_id: portfolio.people.colleague.id,
    objectives: "Làm chủ quy trình nuôi cấy",
  });
  lumpSum = task;
  const product = await api.db
    .insertInto("task_product")
    .values({ task_id: task.id, product_class: "I", name: "Quả thể khô", quantity: "20", unit: "kg" })
    .returning("id")
    .executeTakeFirstOrThrow();
  lumpSumProductId = product.id;
  archivedThemeId = (await buildTheme(api.db, { code: "OLD", archived: true })).id;
});
afterAll(() => api.close());

type Init = { json?: unknown; headers?: Record<string, string> };
const post = (who: string, json: unknown) =>
  api.request("/api/tasks", { method: "POST", cookie: cookies[who] ?? null, json });
const patch = (who: string, id: number, json: unknown, init: Init = {}) =>
  api.request(`/api/tasks/${id}`, { method: "PATCH", cookie: cookies[who] ?? null, json, ...init });
async function detail(id: number, who = "staff") {
  const res = await api.request(`/api/tasks/${id}`, { cookie: cookies[who] ?? null });
  expect(res.status).toBe(200);
  return res.json();
}
async function expectError(res: Response, status: number, code: string) {
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.code).toBe(code);
  return body as { code: string; message: string; fields?: Record<string, string> };
}
const countRows = async (table: "task" | "audit_log") =>
  Number(
    (
      await api.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

const minimal = { title: "Ứng dụng IoT trong nuôi tôm", kind: "de_tai", field: "agricultural" } as const;

describe("POST /api/tasks", () => {
  it("lets staff register a task, numbered from the default template, in stage proposed", async () => {
    const res = await post("staff", { ...minimal, startDate: "2027-01-01", endDate: "2028-06-30" });
    expect(res.status, await res.clone().text()).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({
      code: "ĐT.2027.01",
      stage: "proposed",
      regime: "law_93_2025",
      fundingMode: "full_lump_sum",
      totalBudget: "0",
      managingUnit: { id: portfolio.department.id },
      pi: null,
      team: [],
      version: 1,
      edit: { allowed: true },
    });
    expect(res.headers.get("ETag")).toBe('"1"');
    expect(res.headers.get("Location")).toBe(`/api/tasks/${task.id}`);
    const row = await api.db.selectFrom("task").selectAll().where("id", "=", task.id).executeTakeFirstOrThrow();
    expect(row.created_by).toBe(portfolio.users.staff.id);
    expect(row.search_text).toBe("dt.2027.01 ung dung iot trong nuoi tom");

    const next = await (await post("staff", { ...minimal, startDate: "2027-03-01" })).json();
    expect(next.code).toBe("ĐT.2027.02");
    // The fixture already holds ĐT.2024.01: the series goes on from there.
    expect((await (await post("staff", { ...minimal, startDate: "2024-05-01" })).json()).code).toBe("ĐT.2024.02");
    expect((await (await post("staff", { ...minimal, kind: "du_an_sxtn", startDate: "2022-01-01" })).json()).code).toBe(
      "DA.2022.04",
    );
  });

  it("takes the whole record: PI, team, themes, money, content, products, sites", async () => {
    const { scientist, colleague } = portfolio.people;
    const res = await post("staff", {
      ...minimal,
      regime: "law_2013",
      startDate: "2026-01-01",
      endDate: "2027-12-31",
      formerProvinceId: portfolio.namDinh.id,
      hostOrganisationId: portfolio.institute.id,
      piPersonId: scientist.id,
      team: [
        { personId: scientist.id, role: "pi" },
        { personId: colleague.id, role: "secretary" },
      ],
      orderingAgency: "UBND tỉnh Ninh Bình",
      selectionMethod: "direct_assignment",
      totalBudget: "1250500000",
      stateBudget: "1000000000",
      objectives: "Nâng năng suất tôm thẻ",
      themeIds: [portfolio.themes.crops.id, portfolio.themes.smartCity.id],
      contentItems: [{ title: "Khảo sát ao nuôi" }, { title: "Lắp đặt cảm biến", description: "10 ao" }],
      products: [
        { productClass: "I", name: "Hệ thống cảm biến", quantity: "10", unit: "bộ", specification: "IP67" },
        { productClass: "III", name: "Bài báo", quantity: "2.50", unit: "bài" },
      ],
      applicationSites: [{ name: "HTX Kim Sơn", location: "Kim Sơn", scale: "5 ha" }],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({
      code: "ĐT.2026.01",
      regime: "law_2013",
      fundingMode: "partial_lump_sum",
      formerProvince: { id: portfolio.namDinh.id },
      host: { id: portfolio.institute.id },
      pi: { id: scientist.id },
      orderingAgency: "UBND tỉnh Ninh Bình",
      selectionMethod: "direct_assignment",
      totalBudget: "1250500000",
      stateBudget: "1000000000",
      otherBudget: "250500000",
      contentItems: [
        { title: "Khảo sát ao nuôi", description: null },
        { title: "Lắp đặt cảm biến", description: "10 ao" },
      ],
      products: [
        { productClass: "I", name: "Hệ thống cảm biến", quantity: "10", unit: "bộ", specification: "IP67" },
        { productClass: "III", name: "Bài báo", quantity: "2.5", unit: "bài", specification: null },
      ],
      applicationSites: [{ name: "HTX Kim Sơn", location: "Kim Sơn", scale: "5 ha" }],
    });
    expect(task.team.map((m: { personId: number; role: string }) => [m.personId, m.role])).toEqual([
      [scientist.id, "pi"],
      [colleague.id, "secretary"],
    ]);
    expect(task.themes.map((t: { id: number }) => t.id).sort()).toEqual(
      [portfolio.themes.crops.id, portfolio.themes.smartCity.id].sort(),
    );
    const audit = await api.db
      .selectFrom("audit_log")
      .selectAll()
      .where("task_id", "=", task.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: "task.created", actor_user_id: portfolio.users.staff.id });
    expect((audit.data as { changes: Record<string, unknown> }).changes.title).toEqual({
      before: null,
      after: minimal.title,
    });
  });

  it("lets a scientist submit their own proposal, which they lead, to their unit", async () => {
    const res = await post("pi", { ...minimal, title: "Đề xuất của nhà khoa học" });
    expect(res.status, await res.clone().text()).toBe(201);
    const task = await res.json();
    expect(task).toMatchObject({
      stage: "proposed",
      pi: { id: portfolio.people.scientist.id },
      managingUnit: { id: portfolio.department.id },
      team: [{ personId: portfolio.people.scientist.id, role: "pi" }],
      edit: { allowed: true, locked: { code: expect.any(String), managingUnitId: expect.any(String) } },
    });
    // Naming themselves as PI is fine; anyone else, a code or a unit is for staff.
    expect((await post("pi", { ...minimal, piPersonId: portfolio.people.scientist.id })).status).toBe(201);
    const refused = await expectError(
      await post("pi", {
        ...minimal,
        code: "ĐT.2026.99",
        managingUnitId: portfolio.department.id,
        piPersonId: portfolio.people.colleague.id,
      }),
      403,
      "FORBIDDEN",
    );
    expect(Object.keys(refused.fields ?? {}).sort()).toEqual(["code", "managingUnitId", "piPersonId"]);
  });

  it("refuses a scientist account without a person record, and roles that do not register tasks", async () => {
    const before = await countRows("task");
    const loner = await expectError(await post("loner", minimal), 403, "FORBIDDEN");
    expect(loner.message).toMatch(/not linked/);
    for (const who of ["admin", "head", "council"]) await expectError(await post(who, minimal), 403, "FORBIDDEN");
    expect((await api.request("/api/tasks", { method: "POST", json: minimal })).status).toBe(401);
    expect(await countRows("task")).toBe(before);
  });

  it("keeps staff to their own unit", async () => {
    const other = await api.db.selectFrom("unit").select("id").where("code", "=", "SKHCN-HP").executeTakeFirstOrThrow();
    const res = await expectError(await post("staff", { ...minimal, managingUnitId: other.id }), 403, "FORBIDDEN");
    expect(res.fields).toHaveProperty("managingUnitId");
  });

  it("takes an explicit code from staff and refuses one already in use", async () => {
    const ok = await post("staff", { ...minimal, code: "  ĐT.2026.50 " });
    expect(ok.status).toBe(201);
    expect((await ok.json()).code).toBe("ĐT.2026.50");
    const before = { tasks: await countRows("task"), audit: await countRows("audit_log") };
    const dup = await expectError(await post("staff", { ...minimal, code: "ĐT.2024.01" }), 409, "DUPLICATE_CODE");
    expect(dup.fields).toHaveProperty("code");
    expect(await countRows("task")).toBe(before.tasks);
    expect(await countRows("audit_log")).toBe(before.audit);
    // The generated series continues after a typed-in number.
    expect((await (await post("staff", { ...minimal, startDate: "2026-02-01" })).json()).code).toBe("ĐT.2026.51");
  });

  it("numbers simultaneous registrations without a gap or a clash", async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => post("staff", { ...minimal, kind: "de_an", startDate: "2030-01-01" })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const codes = await Promise.all(results.map(async (r) => (await r.json()).code as string));
    expect(codes.sort()).toEqual(["01", "02", "03", "04", "05", "06"].map((n) => `ĐA.2030.${n}`));
  });

  it("follows the code template setting, per regime before the general one", async () => {
    const set = (regime: "*" | "law_2013", value: unknown) =>
      api.db
        .insertInto("app_setting")
        .values({ key: "task_code_template", regime, value: jsonb(value) })
        .execute();
    try {
      await set("*", "{seq:3}/{year}/{kind}-NB");
      const general = await (await post("staff", { ...minimal, startDate: "2031-01-01" })).json();
      expect(general.code).toBe("001/2031/ĐT-NB");
      expect((await (await post("staff", { ...minimal, startDate: "2031-05-01" })).json()).code).toBe("002/2031/ĐT-NB");
      await set("law_2013", "NB-{kind}-{year}-{seq}");
      const old = await (await post("staff", { ...minimal, regime: "law_2013", startDate: "2031-01-01" })).json();
      expect(old.code).toBe("NB-ĐT-2031-01");

      await api.db.deleteFrom("app_setting").where("key", "=", "task_code_template").execute();
      await set("*", "{kind}.{year}");
      const before = await countRows("task");
      const broken = await expectError(await post("staff", minimal), 500, "SETTING_INVALID");
      expect(broken.message).toMatch(/\{seq\}/);
      expect(await countRows("task")).toBe(before);
    } finally {
      await api.db.deleteFrom("app_setting").where("key", "=", "task_code_template").execute();
    }
  });

  it("answers bad input with 400 and a message per field, leaving the database as it was", async () => {
    const before = { tasks: await countRows("task"), audit: await countRows("audit_log") };
    const cases: [unknown, string][] = [
      [{ ...minimal, startDate: "2026-06-01", endDate: "2026-05-31" }, "endDate"],
      [{ ...minimal, startDate: "2026-02-30" }, "startDate"],
      [{ ...minimal, title: "x".repeat(1001) }, "title"],
      [{ ...minimal, title: "   " }, "title"],
      [{ ...minimal, objectives: "x".repeat(10_001) }, "objectives"],
      [{ ...minimal, stage: "approved" }, "stage"],
      [{ ...minimal, code: "ĐT 2026/01" }, "code"],
      [{ ...minimal, code: "x".repeat(51) }, "code"],
      [{ ...minimal, version: 1 }, "version"],
      [
        { ...minimal, products: [{ productClass: "I", name: "A", quantity: "1", unit: "kg", colour: "red" }] },
        "products.0.colour",
      ],
      [{ ...minimal, totalBudget: "-5" }, "totalBudget"],
      [{ ...minimal, totalBudget: "1.5" }, "totalBudget"],
      [{ ...minimal, totalBudget: "một tỷ" }, "totalBudget"],
      [{ ...minimal, totalBudget: 1000 }, "totalBudget"],
      [{ ...minimal, totalBudget: "1 000" }, "totalBudget"],
      [{ ...minimal, totalBudget: "100", stateBudget: "101" }, "stateBudget"],
      [{ ...minimal, kind: "nhiem_vu_dmst", regime: "law_2013" }, "regime"],
      [
        { ...minimal, products: [{ productClass: "IV", name: "A", quantity: "1", unit: "kg" }] },
        "products.0.productClass",
      ],
      [{ ...minimal, products: [{ productClass: "I", name: "A", quantity: "0", unit: "kg" }] }, "products.0.quantity"],
      [
        { ...minimal, products: [{ productClass: "I", name: "A", quantity: "1.234", unit: "kg" }] },
        "products.0.quantity",
      ],
      [{ ...minimal, themeIds: [999_999] }, "themeIds.0"],
      [{ ...minimal, themeIds: [0] }, "themeIds.0"],
      [{ ...minimal, hostOrganisationId: 999_999 }, "hostOrganisationId"],
      [{ ...minimal, formerProvinceId: portfolio.department.id }, "formerProvinceId"],
      [{ ...minimal, piPersonId: 999_999, team: [{ personId: 999_999, role: "pi" }] }, "piPersonId"],
      [{ ...minimal, piPersonId: portfolio.people.scientist.id }, "_ok"],
      [
        {
          ...minimal,
          piPersonId: portfolio.people.scientist.id,
          team: [{ personId: portfolio.people.colleague.id, role: "member" }],
        },
        "team",
      ],
      [
        {
          ...minimal,
          piPersonId: portfolio.people.scientist.id,
          team: [
            { personId: portfolio.people.scientist.id, role: "pi" },
            { personId: portfolio.people.colleague.id, role: "member" },
            { personId: portfolio.people.colleague.id, role: "secretary" },
          ],
        },
        "team.2.personId",
      ],
      [{ ...minimal, contentItems: [{ id: 1, title: "Không có" }] }, "contentItems.0.id"],
      [{ ...minimal, themeIds: [archivedThemeId] }, "themeIds.0"],
    ];
    for (const [body, field] of cases) {
      const res = await post("staff", body);
      if (field === "_ok") {
        expect(res.status).toBe(201);
        before.tasks += 1;
        before.audit += 1;
        continue;
      }
      const error = await expectError(res, 400, "VALIDATION_FAILED");
      expect(error.fields, `${field}: ${JSON.stringify(error.fields)}`).toHaveProperty([field]);
    }
    expect(await countRows("task")).toBe(before.tasks);
    expect(await countRows("audit_log")).toBe(before.audit);
  });

  it("refuses a body that is not JSON or missing", async () => {
    const res = await api.request("/api/tasks", {
      method: "POST",
      cookie: cookies.staff ?? null,
      headers: { "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await api.request("/api/tasks", { method: "POST", cookie: cookies.staff ?? null })).status).toBe(400);
  });
});

describe("PATCH /api/tasks/:id", () => {
  async function freshProposal(who = "staff") {
    const res = await post(who, { ...minimal, title: `Đề xuất ${Math.random()}` });
    expect(res.status).toBe(201);
    return res.json();
  }

  it("edits the record, moves the version on and writes one audit entry with before and after", async () => {
    const task = await freshProposal();
    const res = await patch("staff", task.id, {
      version: 1,
      title: "Giống lúa chịu hạn cho vùng ven biển",
      totalBudget: "900000000",
      stateBudget: "600000000",
      startDate: "2027-01-01",
      endDate: "2028-12-31",
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(res.headers.get("ETag")).toBe('"2"');
    const edited = await res.json();
    expect(edited).toMatchObject({
      version: 2,
      title: "Giống lúa chịu hạn cho vùng ven biển",
      totalBudget: "900000000",
      otherBudget: "300000000",
    });
    expect(new Date(edited.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(task.updatedAt).getTime());
    const entries = await api.db
      .selectFrom("audit_log")
      .selectAll()
      .where("task_id", "=", task.id)
      .where("action", "=", "task.updated")
      .execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor_user_id).toBe(portfolio.users.staff.id);
    expect(entries[0]?.data).toEqual({
      version: 2,
      changes: {
        title: { before: task.title, after: "Giống lúa chịu hạn cho vùng ven biển" },
        totalBudget: { before: "0", after: "900000000" },
        stateBudget: { before: "0", after: "600000000" },
        startDate: { before: null, after: "2027-01-01" },
        endDate: { before: null, after: "2028-12-31" },
      },
    });
    // The search finds the new title, without diacritics too.
    const found = await (await api.request("/api/tasks?q=chiu%20han", { cookie: cookies.staff ?? null })).json();
    expect(found.items.map((t: { id: number }) => t.id)).toEqual([task.id]);
  });

  it("takes the version from If-Match, and insists on one", async () => {
    const task = await freshProposal();
    const viaHeader = await patch("staff", task.id, { title: "Theo ETag" }, { headers: { "If-Match": '"1"' } });
    expect(viaHeader.status).toBe(200);
    expect((await viaHeader.json()).version).toBe(2);
    const missing = await expectError(await patch("staff", task.id, { title: "x" }), 400, "VALIDATION_FAILED");
    expect(missing.fields).toHaveProperty("version");
    const disagree = await patch("staff", task.id, { version: 2, title: "y" }, { headers: { "If-Match": '"1"' } });
    expect((await expectError(disagree, 400, "VALIDATION_FAILED")).fields).toHaveProperty("version");
    const garbage = await patch("staff", task.id, { title: "y" }, { headers: { "If-Match": "*" } });
    await expectError(garbage, 400, "VALIDATION_FAILED");
  });

  it("refuses a stale version with 409 and writes nothing", async () => {
    const task = await freshProposal();
    expect((await patch("staff", task.id, { version: 1, objectives: "Lần một" })).status).toBe(200);
    const audit = await countRows("audit_log");
    const stale = await expectError(
      await patch("staff", task.id, { version: 1, objectives: "Lần hai", title: "Đè lên" }),
      409,
      "STALE_VERSION",
    );
    expect(stale.fields?.version).toMatch(/2/);
    const now = await detail(task.id);
    expect(now).toMatchObject({ version: 2, objectives: "Lần một", title: task.title });
    expect(await countRows("audit_log")).toBe(audit);
  });

  it("lets exactly one of two simultaneous edits of the same version through", async () => {
    const task = await freshProposal();
    const [a, b] = await Promise.all([
      patch("staff", task.id, { version: 1, title: "Bản A" }),
      patch("staff", task.id, { version: 1, title: "Bản B" }),
    ]);
    expect([a?.status, b?.status].sort()).toEqual([200, 409]);
    const winner = a?.status === 200 ? "Bản A" : "Bản B";
    expect(await detail(task.id)).toMatchObject({ version: 2, title: winner });
    const updates = await api.db
      .selectFrom("audit_log")
      .select("id")
      .where("task_id", "=", task.id)
      .where("action", "=", "task.updated")
      .execute();
    expect(updates).toHaveLength(1);
  });

  it("ignores fields sent with their current value: nothing changes, no version, no audit", async () => {
    const task = await freshProposal();
    const audit = await countRows("audit_log");
    const res = await patch("staff", task.id, { version: 1, title: task.title, kind: task.kind, themeIds: [] });
    expect(res.status).toBe(200);
    expect((await res.json()).version).toBe(1);
    expect(await countRows("audit_log")).toBe(audit);
  });

  it("refuses what the stage freezes, with a reason per field, and allows the rest", async () => {
    const rice = await detail(portfolio.tasks.rice.id);
    const frozen = await expectError(
      await patch("staff", rice.id, {
        version: rice.version,
        title: "Đổi tên",
        totalBudget: "2000000000",
        endDate: "2026-06-30",
        piPersonId: portfolio.people.colleague.id,
        code: "ĐT.2024.99",
      }),
      409,
      "FROZEN_FIELD",
    );
    expect(Object.keys(frozen.fields ?? {}).sort()).toEqual(["code", "endDate", "piPersonId", "totalBudget"]);
    expect(frozen.fields?.totalBudget).toMatch(/adjustment/);
    expect(frozen.fields?.code).toMatch(/taken forward/);
    // A frozen field sent unchanged is no change; the title may still be corrected.
    const ok = await patch("staff", rice.id, {
      version: rice.version,
      title: "Chọn tạo giống lúa chất lượng cao chịu mặn (điều chỉnh tên)",
      totalBudget: rice.totalBudget,
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    expect((await detail(rice.id)).edit.locked).toMatchObject({ totalBudget: expect.any(String) });
  });

  it("freezes objectives and products under full lump-sum funding once approved", async () => {
    const task = await detail(lumpSum.id);
    expect(task.edit.locked).toMatchObject({ objectives: expect.stringMatching(/lump-sum/) });
    const refused = await expectError(
      await patch("staff", task.id, {
        version: task.version,
        objectives: "Mục tiêu khác",
        products: [{ id: lumpSumProductId, productClass: "I", name: "Quả thể khô", quantity: "25", unit: "kg" }],
      }),
      409,
      "FROZEN_FIELD",
    );
    expect(Object.keys(refused.fields ?? {}).sort()).toEqual(["objectives", "products"]);
    // Application sites are not frozen.
    const sites = await patch("staff", task.id, {
      version: task.version,
      applicationSites: [{ name: "Trang trại Gia Viễn" }],
    });
    expect(sites.status).toBe(200);
  });

  it("keeps an ended task read-only", async () => {
    const cattle = await detail(portfolio.tasks.cattle.id);
    expect(cattle.edit.allowed).toBe(false);
    const refused = await expectError(
      await patch("staff", cattle.id, { version: cattle.version, title: "Sửa sau khi đóng" }),
      409,
      "FROZEN_FIELD",
    );
    expect(refused.fields?.title).toMatch(/closed/);
  });

  it("replaces lists whole, keeping the rows whose id is sent", async () => {
    const created = await (
      await post("staff", {
        ...minimal,
        products: [
          { productClass: "I", name: "Giống lúa", quantity: "2", unit: "tấn" },
          { productClass: "II", name: "Quy trình", quantity: "1", unit: "quy trình" },
        ],
      })
    ).json();
    const [rice, process] = created.products;
    const res = await patch("staff", created.id, {
      version: 1,
      products: [
        { id: process.id, productClass: "II", name: "Quy trình canh tác", quantity: "1", unit: "quy trình" },
        { productClass: "III", name: "Bài báo", quantity: "2", unit: "bài" },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = await res.json();
    expect(edited.products.map((p: { id: number; name: string }) => p.name)).toEqual(["Quy trình canh tác", "Bài báo"]);
    expect(edited.products[0].id).toBe(process.id);
    expect(edited.products.map((p: { id: number }) => p.id)).not.toContain(rice.id);
    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("task_id", "=", created.id)
      .where("action", "=", "task.updated")
      .executeTakeFirstOrThrow();
    const change = (audit.data as { changes: { products: { before: unknown[]; after: unknown[] } } }).changes.products;
    expect(change.before).toHaveLength(2);
    expect(change.after).toEqual([
      {
        productClass: "II",
        name: "Quy trình canh tác",
        specification: null,
        quantity: "1",
        unit: "quy trình",
        dueOn: null,
      },
      { productClass: "III", name: "Bài báo", specification: null, quantity: "2", unit: "bài", dueOn: null },
    ]);
    // Another task's row cannot be claimed.
    const foreign = await patch("staff", created.id, {
      version: 2,
      products: [{ id: lumpSumProductId, productClass: "I", name: "X", quantity: "1", unit: "kg" }],
    });
    expect((await expectError(foreign, 400, "VALIDATION_FAILED")).fields).toHaveProperty("products.0.id");
  });

  it("keeps the team's PI in step with the task's PI", async () => {
    const { scientist, colleague, outsider } = portfolio.people;
    const task = await (
      await post("staff", {
        ...minimal,
        piPersonId: scientist.id,
        team: [
          { personId: scientist.id, role: "pi" },
          { personId: colleague.id, role: "member" },
        ],
      })
    ).json();
    const res = await patch("staff", task.id, { version: 1, piPersonId: outsider.id });
    expect(res.status, await res.clone().text()).toBe(200);
    const edited = await res.json();
    expect(edited.pi.id).toBe(outsider.id);
    expect(edited.team.map((m: { personId: number; role: string }) => [m.personId, m.role])).toEqual([
      [outsider.id, "pi"],
      [colleague.id, "member"],
    ]);
    const wrongPi = await patch("staff", task.id, {
      version: 2,
      team: [{ personId: scientist.id, role: "pi" }],
    });
    expect((await expectError(wrongPi, 400, "VALIDATION_FAILED")).fields).toHaveProperty("team");
    const twice = await patch("staff", task.id, {
      version: 2,
      team: [
        { personId: outsider.id, role: "pi" },
        { personId: colleague.id, role: "member" },
        { personId: colleague.id, role: "key_member" },
      ],
    });
    expect((await expectError(twice, 400, "VALIDATION_FAILED")).fields).toHaveProperty("team.2.personId");
    const unknown = await patch("staff", task.id, {
      version: 2,
      team: [
        { personId: outsider.id, role: "pi" },
        { personId: 999_999, role: "member" },
      ],
    });
    expect((await expectError(unknown, 400, "VALIDATION_FAILED")).fields).toHaveProperty("team.1.personId");
  });

  it("lets a theme already on a task stay after it is archived, but not be added anew", async () => {
    const theme = await buildTheme(api.db, { code: "SOON-OLD" });
    const task = await (await post("staff", { ...minimal, themeIds: [theme.id] })).json();
    await api.db.updateTable("theme").set({ archived: true }).where("id", "=", theme.id).execute();
    const keep = await patch("staff", task.id, { version: 1, themeIds: [theme.id, portfolio.themes.crops.id] });
    expect(keep.status, await keep.clone().text()).toBe(200);
    const add = await patch("staff", task.id, { version: 2, themeIds: [archivedThemeId] });
    expect((await expectError(add, 400, "VALIDATION_FAILED")).fields).toHaveProperty("themeIds.0");
  });

  it("refuses end before start against the stored dates, and bad input per field", async () => {
    const task = await freshProposal();
    expect((await patch("staff", task.id, { version: 1, startDate: "2027-01-01" })).status).toBe(200);
    const res = await patch("staff", task.id, { version: 2, endDate: "2026-12-31" });
    expect((await expectError(res, 400, "VALIDATION_FAILED")).fields).toHaveProperty("endDate");
    const big = await patch("staff", task.id, { version: 2, title: "ă".repeat(1001) });
    expect((await expectError(big, 400, "VALIDATION_FAILED")).fields).toHaveProperty("title");
    const unknown = await patch("staff", task.id, { version: 2, stage: "approved" });
    expect((await expectError(unknown, 400, "VALIDATION_FAILED")).fields).toHaveProperty("stage");
    const state = await patch("staff", task.id, { version: 2, stateBudget: "1" });
    expect((await expectError(state, 400, "VALIDATION_FAILED")).fields).toHaveProperty("stateBudget");
    expect((await detail(task.id)).version).toBe(2);
  });

  it("refuses a code change to a code in use, and allows a free one while proposed", async () => {
    const task = await freshProposal();
    const dup = await patch("staff", task.id, { version: 1, code: "DA.2022.03" });
    expect((await expectError(dup, 409, "DUPLICATE_CODE")).fields).toHaveProperty("code");
    const ok = await patch("staff", task.id, { version: 1, code: "ĐT.2026.77" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).code).toBe("ĐT.2026.77");
  });

  it("lets a scientist edit their own proposal, but not the fields kept for staff", async () => {
    const own = await freshProposal("pi");
    const res = await patch("pi", own.id, {
      version: 1,
      objectives: "Mục tiêu do chủ nhiệm viết",
      team: [
        { personId: portfolio.people.scientist.id, role: "pi" },
        { personId: portfolio.people.colleague.id, role: "member" },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const reserved = await expectError(
      await patch("pi", own.id, { version: 2, code: "ĐT.2026.88", managingUnitId: portfolio.department.id + 0 }),
      403,
      "FORBIDDEN",
    );
    expect(reserved.fields).toHaveProperty("code");
    const handOver = await expectError(
      await patch("pi", own.id, { version: 2, piPersonId: portfolio.people.colleague.id }),
      403,
      "FORBIDDEN",
    );
    expect(handOver.fields).toHaveProperty("piPersonId");
  });

  it("hides tasks from those who may not see them and refuses those who may only look", async () => {
    const rice = await detail(portfolio.tasks.rice.id);
    // The scientist leads the rice task, but it has left the proposal stage.
    const pi = await expectError(await patch("pi", rice.id, { version: rice.version, title: "x" }), 403, "FORBIDDEN");
    expect(pi.message).toMatch(/taken forward/);
    // The smart-city proposal is not theirs.
    await expectError(await patch("pi", portfolio.tasks.city.id, { version: 1, title: "x" }), 404, "NOT_FOUND");
    // Staff of another department neither see nor edit this department's tasks.
    expect((await api.request(`/api/tasks/${rice.id}`, { cookie: cookies.staff2 ?? null })).status).toBe(404);
    await expectError(await patch("staff2", rice.id, { version: rice.version, title: "x" }), 404, "NOT_FOUND");
    for (const who of ["head", "admin"]) {
      await expectError(await patch(who, rice.id, { version: rice.version, title: "x" }), 403, "FORBIDDEN");
    }
    expect((await api.request(`/api/tasks/${rice.id}`, { method: "PATCH", json: { version: 1 } })).status).toBe(401);
    await expectError(await patch("staff", 999_999, { version: 1, title: "x" }), 404, "NOT_FOUND");
    expect((await detail(rice.id)).version).toBe(rice.version);
  });

  it("sends the ETag with the task", async () => {
    const res = await api.request(`/api/tasks/${portfolio.tasks.city.id}`, { cookie: cookies.staff ?? null });
    expect(res.headers.get("ETag")).toBe(`"${(await res.json()).version}"`);
  });
});

describe("a person added for the pickers", () => {
  it("is available as PI at once", async () => {
    const person = await buildPerson(api.db, { full_name: "Phạm Thị Dung" });
    const res = await post("staff", { ...minimal, piPersonId: person.id });
    expect(res.status).toBe(201);
    expect((await res.json()).pi.fullName).toBe("Phạm Thị Dung");
  });
});
