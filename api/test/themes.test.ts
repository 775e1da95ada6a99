import { buildPerson } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const who of ["admin", "staff", "head", "pi", "council"])
    cookies[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
});
afterAll(() => api.close());

const send = (method: string, path: string, json?: unknown, who = "admin") =>
  api.request(path, { method, cookie: cookies[who] ?? null, ...(json !== undefined ? { json } : {}) });

async function themes() {
  const res = await api.request("/api/themes", { cookie: cookies.staff ?? null });
  expect(res.status).toBe(200);
  return (await res.json()).items as { id: number; code: string; parentId: number | null; archived: boolean }[];
}

async function auditOf(themeId: number) {
  return api.db
    .selectFrom("audit_log")
    .select(["action", "actor_user_id", "data"])
    .where("entity_type", "=", "theme")
    .where("entity_id", "=", String(themeId))
    .orderBy("id")
    .execute();
}

describe("theme administration", () => {
  it("adds a theme and a sub-theme, audited", async () => {
    const res = await send("POST", "/api/themes", {
      code: "yte",
      nameVi: "Y tế thông minh",
      nameEn: "Smart health",
      r57Target: "NQ57 – Mục tiêu 3",
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const health = await res.json();
    expect(health).toMatchObject({ code: "YTE", parentId: null, archived: false, r57Target: "NQ57 – Mục tiêu 3" });
    const sub = await (
      await send("POST", "/api/themes", {
        code: "YTE-TELE",
        nameVi: "Khám chữa bệnh từ xa",
        nameEn: "Telemedicine",
        parentId: health.id,
      })
    ).json();
    expect(sub.parentId).toBe(health.id);
    expect(sub.sortOrder).toBeGreaterThan(health.sortOrder);
    expect((await themes()).map((t) => t.code)).toEqual(expect.arrayContaining(["YTE", "YTE-TELE"]));
    const [entry] = await auditOf(health.id);
    expect(entry).toMatchObject({ action: "theme.created", actor_user_id: portfolio.users.admin.id });
  });

  it("refuses a taken code, a third level, a missing parent and unknown keys", async () => {
    const dup = await send("POST", "/api/themes", { code: "AGRI", nameVi: "A", nameEn: "A" });
    expect(dup.status).toBe(409);
    expect(await dup.json()).toMatchObject({ code: "DUPLICATE_CODE", fields: { code: expect.any(String) } });
    const deep = await send("POST", "/api/themes", {
      code: "AGRI-CROP-RICE",
      nameVi: "Lúa",
      nameEn: "Rice",
      parentId: portfolio.themes.crops.id,
    });
    expect(deep.status).toBe(400);
    expect((await deep.json()).fields.parentId).toMatch(/two levels/);
    const missing = await send("POST", "/api/themes", { code: "X1", nameVi: "X", nameEn: "X", parentId: 999_999 });
    expect((await missing.json()).fields.parentId).toBe("No such theme");
    const unknown = await send("POST", "/api/themes", { code: "X2", nameVi: "X", nameEn: "X", archived: true });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).fields).toHaveProperty("archived");
    const badCode = await send("POST", "/api/themes", { code: "có dấu", nameVi: "X", nameEn: "X" });
    expect((await badCode.json()).fields).toHaveProperty("code");
  });

  it("renames and moves a theme, recording each change before and after", async () => {
    const id = portfolio.themes.smartCity.id;
    const res = await send("PATCH", `/api/themes/${id}`, {
      nameEn: "Smart city and digital government",
      r57Target: "NQ57 – Mục tiêu 1",
      sortOrder: 1,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ nameEn: "Smart city and digital government", sortOrder: 1 });
    const entries = await auditOf(id);
    expect(entries.at(-1)).toMatchObject({
      action: "theme.updated",
      data: {
        changes: {
          nameEn: { before: "Smart city", after: "Smart city and digital government" },
          r57Target: { before: null, after: "NQ57 – Mục tiêu 1" },
          sortOrder: { before: expect.any(Number), after: 1 },
        },
      },
    });
    // Unchanged values change nothing and are not recorded.
    const again = await send("PATCH", `/api/themes/${id}`, { sortOrder: 1 });
    expect(again.status).toBe(200);
    expect(await auditOf(id)).toHaveLength(entries.length);
    // Smart city may become a sub-theme (it has none of its own)…
    const moved = await send("PATCH", `/api/themes/${id}`, { parentId: portfolio.themes.agriculture.id });
    expect(moved.status).toBe(200);
    const back = await send("PATCH", `/api/themes/${id}`, { parentId: null });
    expect((await back.json()).parentId).toBeNull();
  });

  it("keeps the taxonomy two levels deep and free of cycles", async () => {
    const { agriculture, crops, smartCity } = portfolio.themes;
    const underOwnChild = await send("PATCH", `/api/themes/${agriculture.id}`, { parentId: crops.id });
    expect(underOwnChild.status).toBe(400);
    expect((await underOwnChild.json()).fields.parentId).toBeDefined();
    const withChildren = await send("PATCH", `/api/themes/${agriculture.id}`, { parentId: smartCity.id });
    expect((await withChildren.json()).fields.parentId).toMatch(/sub-themes/);
    const self = await send("PATCH", `/api/themes/${smartCity.id}`, { parentId: smartCity.id });
    expect((await self.json()).fields.parentId).toMatch(/own parent/);
    const notFound = await send("PATCH", "/api/themes/999999", { nameVi: "X" });
    expect(notFound.status).toBe(404);
  });

  it("archives a theme in use instead of deleting it, sub-themes first", async () => {
    const { agriculture, crops } = portfolio.themes;
    const parentFirst = await send("PATCH", `/api/themes/${agriculture.id}`, { archived: true });
    expect(parentFirst.status).toBe(400);
    expect((await parentFirst.json()).fields.archived).toMatch(/sub-themes/);

    const del = await send("DELETE", `/api/themes/${crops.id}`);
    expect(del.status).toBe(409);
    expect((await del.json()).message).toMatch(/archive/);

    expect((await send("PATCH", `/api/themes/${crops.id}`, { archived: true })).status).toBe(200);
    expect((await send("PATCH", `/api/themes/${agriculture.id}`, { archived: true })).status).toBe(200);
    const list = await themes();
    expect(list.find((t) => t.id === crops.id)?.archived).toBe(true);
    // The rice task keeps its archived theme.
    const rice = await (
      await api.request(`/api/tasks/${portfolio.tasks.rice.id}`, { cookie: cookies.staff ?? null })
    ).json();
    expect(rice.themes.map((t: { id: number }) => t.id)).toEqual([crops.id]);
    // Un-archiving a sub-theme under an archived parent is refused; the parent comes back first.
    const child = await send("PATCH", `/api/themes/${crops.id}`, { archived: false });
    expect((await child.json()).fields.parentId).toMatch(/archived/);
    expect((await send("PATCH", `/api/themes/${agriculture.id}`, { archived: false })).status).toBe(200);
    expect((await send("PATCH", `/api/themes/${crops.id}`, { archived: false })).status).toBe(200);
  });

  it("deletes an unused theme, audited", async () => {
    const theme = await (await send("POST", "/api/themes", { code: "TAM", nameVi: "Tạm", nameEn: "Temporary" })).json();
    const res = await send("DELETE", `/api/themes/${theme.id}`);
    expect(res.status).toBe(204);
    expect((await themes()).some((t) => t.id === theme.id)).toBe(false);
    expect((await auditOf(theme.id)).map((e) => e.action)).toEqual(["theme.created", "theme.deleted"]);
    expect((await send("DELETE", `/api/themes/${theme.id}`)).status).toBe(404);
    const withChildren = await send("DELETE", `/api/themes/${portfolio.themes.agriculture.id}`);
    expect(withChildren.status).toBe(409);
  });

  it("is for administrators only", async () => {
    const before = (await themes()).length;
    for (const who of ["staff", "head", "pi", "council"]) {
      expect((await send("POST", "/api/themes", { code: "NO", nameVi: "x", nameEn: "x" }, who)).status).toBe(403);
      expect((await send("PATCH", `/api/themes/${portfolio.themes.smartCity.id}`, { nameVi: "x" }, who)).status).toBe(
        403,
      );
      expect((await send("DELETE", `/api/themes/${portfolio.themes.smartCity.id}`, undefined, who)).status).toBe(403);
    }
    expect((await themes()).length).toBe(before);
  });
});

describe("GET /api/people", () => {
  it("finds people by any words of the name, with or without diacritics", async () => {
    await buildPerson(api.db, { full_name: "Nguyễn Thị Ánh Tuyết", title: null });
    const find = async (q: string, who = "staff") => {
      const res = await api.request(`/api/people?q=${encodeURIComponent(q)}`, { cookie: cookies[who] ?? null });
      expect(res.status).toBe(200);
      return (await res.json()).items as { id: number; fullName: string; organisation: { name: string } | null }[];
    };
    expect((await find("nguyen van an")).map((p) => p.fullName)).toEqual(["Nguyễn Văn An"]);
    expect((await find("NGUYỄN VĂN AN")).map((p) => p.fullName)).toEqual(["Nguyễn Văn An"]);
    expect((await find("anh tuyet", "pi")).map((p) => p.fullName)).toEqual(["Nguyễn Thị Ánh Tuyết"]);
    expect((await find("binh")).map((p) => p.fullName)).toEqual(["Trần Thị Bình"]);
    expect((await find("nguyen")).map((p) => p.fullName).sort()).toEqual(["Nguyễn Thị Ánh Tuyết", "Nguyễn Văn An"]);
    expect((await find("%")).length).toBe(0);
    const [an] = await find("van an", "admin");
    expect(an).toMatchObject({ id: portfolio.people.scientist.id, organisation: { name: "Viện Cây lương thực" } });
    expect(Object.keys(an ?? {}).sort()).toEqual(["fullName", "id", "organisation", "title"]);
  });

  it("pages with limit and is for those who pick people", async () => {
    const res = await api.request("/api/people?limit=2", { cookie: cookies.staff ?? null });
    expect((await res.json()).items).toHaveLength(2);
    expect((await api.request("/api/people?limit=500", { cookie: cookies.staff ?? null })).status).toBe(400);
    for (const who of ["head", "council"]) {
      expect((await api.request("/api/people", { cookie: cookies[who] ?? null })).status).toBe(403);
    }
  });
});

describe("GET /api/units", () => {
  it("lists the departments, then the former provinces under them", async () => {
    const res = await api.request("/api/units", { cookie: cookies.pi ?? null });
    expect(res.status).toBe(200);
    const { items } = await res.json();
    expect(items).toEqual([
      {
        id: portfolio.department.id,
        code: "SKHCN",
        name: "Sở Khoa học và Công nghệ",
        kind: "department",
        parentId: null,
      },
      {
        id: portfolio.namDinh.id,
        code: "ND",
        name: "Nam Định",
        kind: "former_province",
        parentId: portfolio.department.id,
      },
    ]);
  });
});
