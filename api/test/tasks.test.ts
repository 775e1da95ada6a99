import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const role of ["admin", "staff", "head", "pi", "council"]) {
    cookies[role] = await api.signIn(`${role}@test.vn`, PASSWORD);
  }
});
afterAll(() => api.close());

async function codes(query: string, role = "staff") {
  const res = await api.request(`/api/tasks${query}`, { cookie: cookies[role] ?? null });
  expect(res.status, await res.clone().text()).toBe(200);
  const body = await res.json();
  return { codes: body.items.map((t: { code: string }) => t.code) as string[], body };
}

describe("GET /api/tasks", () => {
  it("lists the whole portfolio for department roles, sorted by code", async () => {
    for (const role of ["admin", "staff", "head"]) {
      const { codes: list, body } = await codes("", role);
      expect(list).toEqual(["DA.2022.03", "ĐA.2026.02", "ĐT.2024.01"].sort());
      expect(body.total).toBe(3);
    }
  });

  it("shapes each item with host, PI, province, themes and money as a string", async () => {
    const { body } = await codes("?q=ĐT.2024.01");
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({
      code: "ĐT.2024.01",
      stage: "in_progress",
      totalBudget: "1250500000",
      startDate: "2024-01-01",
      host: { name: "Viện Cây lương thực" },
      pi: { fullName: "Nguyễn Văn An", title: "TS." },
      formerProvince: { name: "Nam Định" },
      themes: [{ code: "AGRI-CROP", nameEn: "Crop varieties" }],
    });
  });

  it("finds titles with or without Vietnamese diacritics", async () => {
    expect((await codes("?q=giong%20lua")).codes).toEqual(["ĐT.2024.01"]);
    expect((await codes(`?q=${encodeURIComponent("giống lúa")}`)).codes).toEqual(["ĐT.2024.01"]);
    expect((await codes("?q=GIONG")).codes).toEqual(["ĐT.2024.01"]);
    expect((await codes("?q=dt.2024")).codes).toEqual(["ĐT.2024.01"]);
    expect((await codes("?q=bo%20thit")).codes).toEqual(["DA.2022.03"]);
    expect((await codes("?q=%25")).codes).toEqual([]);
  });

  it("filters by stage, kind, host, theme (with sub-themes) and year", async () => {
    expect((await codes("?stage=in_progress,closed")).codes.sort()).toEqual(["DA.2022.03", "ĐT.2024.01"].sort());
    expect((await codes("?stage=proposed")).codes).toEqual(["ĐA.2026.02"]);
    expect((await codes("?kind=du_an_sxtn")).codes).toEqual(["DA.2022.03"]);
    expect((await codes(`?host=${portfolio.university.id}`)).codes).toEqual(["ĐA.2026.02"]);
    expect((await codes(`?theme=${portfolio.themes.crops.id}`)).codes).toEqual(["ĐT.2024.01"]);
    expect((await codes(`?theme=${portfolio.themes.agriculture.id}`)).codes.sort()).toEqual(
      ["DA.2022.03", "ĐT.2024.01"].sort(),
    );
    expect((await codes("?year=2023")).codes).toEqual(["DA.2022.03"]);
    expect((await codes("?year=2025")).codes.sort()).toEqual(["ĐT.2024.01"]);
  });

  it("sorts and paginates", async () => {
    const byBudget = await codes("?sort=totalBudget&order=desc");
    expect(byBudget.codes).toEqual(["DA.2022.03", "ĐT.2024.01", "ĐA.2026.02"]);
    const page2 = await codes("?sort=totalBudget&order=desc&page=2&pageSize=2");
    expect(page2.codes).toEqual(["ĐA.2026.02"]);
    expect(page2.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
  });

  it("refuses bad filters with 400 and the offending fields", async () => {
    for (const query of ["?pageSize=1000", "?page=0", "?stage=flying", "?sort=password", "?year=abc", "?theme=-1"]) {
      const res = await api.request(`/api/tasks${query}`, { cookie: cookies.staff ?? null });
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(body.fields).length, query).toBeGreaterThan(0);
    }
  });

  it("shows a scientist only the tasks they lead or work on", async () => {
    expect((await codes("", "pi")).codes.sort()).toEqual(["DA.2022.03", "ĐT.2024.01"].sort());
  });

  it("shows a council member only tasks they are linked to", async () => {
    // The councils work adds the tasks of their councils; here the member leads one proposal.
    expect((await codes("", "council")).codes).toEqual(["ĐA.2026.02"]);
  });
});

describe("GET /api/tasks/:id", () => {
  it("returns the task with themes, host, PI, team and budget split", async () => {
    const res = await api.request(`/api/tasks/${portfolio.tasks.rice.id}`, { cookie: cookies.head ?? null });
    expect(res.status).toBe(200);
    const task = await res.json();
    expect(task).toMatchObject({
      code: "ĐT.2024.01",
      totalBudget: "1250500000",
      stateBudget: "1000000000",
      otherBudget: "250500000",
      fundingMode: expect.any(String),
      managingUnit: { name: "Sở Khoa học và Công nghệ" },
      version: 1,
    });
    expect(task.team.map((m: { fullName: string; role: string }) => [m.fullName, m.role])).toEqual([
      ["Nguyễn Văn An", "pi"],
      ["Trần Thị Bình", "secretary"],
    ]);
  });

  it("returns the results registration and the recovery once the closing steps recorded them", async () => {
    const id = portfolio.tasks.rice.id;
    const read = async () =>
      (await (await api.request(`/api/tasks/${id}`, { cookie: cookies.staff ?? null })).json()) as {
        registration: unknown;
        recovery: unknown;
      };
    expect(await read()).toMatchObject({ registration: null, recovery: null });
    await api.db
      .updateTable("task")
      .set({
        registration_number: "2026-52-118/ĐKKQ",
        registered_on: "2026-09-10",
        recovery_cause: "misuse_of_funds",
        recovery_amount: "12500000",
      })
      .where("id", "=", id)
      .execute();
    try {
      expect(await read()).toMatchObject({
        registration: { number: "2026-52-118/ĐKKQ", registeredOn: "2026-09-10" },
        recovery: { cause: "misuse_of_funds", amount: "12500000" },
      });
    } finally {
      await api.db
        .updateTable("task")
        .set({ registration_number: null, registered_on: null, recovery_cause: null, recovery_amount: null })
        .where("id", "=", id)
        .execute();
    }
  });

  it("answers 404 for an unknown id and for a task the user may not see", async () => {
    const unknown = await api.request("/api/tasks/999999", { cookie: cookies.staff ?? null });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).code).toBe("NOT_FOUND");
    const hidden = await api.request(`/api/tasks/${portfolio.tasks.city.id}`, { cookie: cookies.pi ?? null });
    expect(hidden.status).toBe(404);
  });

  it("answers 400 for an id that is not a number", async () => {
    for (const id of ["abc", "1.5", "99999999999"]) {
      const res = await api.request(`/api/tasks/${id}`, { cookie: cookies.staff ?? null });
      expect(res.status, id).toBe(400);
    }
  });
});

describe("catalogue", () => {
  it("lists themes with their parents and organisations by name", async () => {
    const themes = await (await api.request("/api/themes", { cookie: cookies.pi ?? null })).json();
    const crop = themes.items.find((t: { code: string }) => t.code === "AGRI-CROP");
    expect(crop.parentId).toBe(portfolio.themes.agriculture.id);
    const orgs = await (await api.request("/api/organisations", { cookie: cookies.pi ?? null })).json();
    expect(orgs.items.map((o: { name: string }) => o.name)).toEqual(["Trường Đại học Hoa Lư", "Viện Cây lương thực"]);
  });
});

describe("my tasks and stage counts", () => {
  it("lists only the tasks the signed-in person leads or works on", async () => {
    expect((await codes("?mine=true", "pi")).codes.sort()).toEqual(["DA.2022.03", "ĐT.2024.01"].sort());
    // A department user with no person record has no tasks of their own.
    expect((await codes("?mine=true", "staff")).codes).toEqual([]);
    expect((await codes("?mine=false", "staff")).codes).toHaveLength(3);
  });

  it("counts tasks per stage under the other filters, whatever the stage filter", async () => {
    const all = (await codes("?stage=closed")).body.stageCounts;
    expect(all).toMatchObject({ in_progress: 1, closed: 1, proposed: 1, acceptance: 0 });
    expect(Object.keys(all)).toHaveLength(14);
    const agri = (await codes("?kind=de_tai")).body.stageCounts;
    expect(agri).toMatchObject({ in_progress: 1, closed: 0, proposed: 0 });
  });
});
