import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  admin = await api.signIn("admin@test.vn", PASSWORD);
});
afterAll(() => api.close());

const create = (json: unknown, cookie = admin) => api.request("/api/users", { method: "POST", cookie, json });
const patch = (id: number, json: unknown, cookie = admin) =>
  api.request(`/api/users/${id}`, { method: "PATCH", cookie, json });

describe("account administration", () => {
  it("lists accounts for administrators only", async () => {
    const res = await api.request("/api/users", { cookie: admin });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.find((u: { email: string }) => u.email === "pi@test.vn")).toMatchObject({
      roles: ["pi"],
      personId: portfolio.people.scientist.id,
      active: true,
    });
    expect(JSON.stringify(body)).not.toContain("argon2");
    const staff = await api.signIn("staff@test.vn", PASSWORD);
    expect((await api.request("/api/users", { cookie: staff })).status).toBe(403);
  });

  it("opens an account that can sign in, and records it without the password", async () => {
    const res = await create({
      email: "New.Staff@Test.vn",
      fullName: "Nguyễn Thị Mới",
      roles: ["staff"],
      unitId: portfolio.department.id,
      password: "a long enough passphrase",
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: "new.staff@test.vn", roles: ["staff"], active: true });
    expect(
      (
        await api.request("/api/auth/login", {
          method: "POST",
          json: { email: "new.staff@test.vn", password: "a long enough passphrase" },
        })
      ).status,
    ).toBe(200);
    const audit = await api.db.selectFrom("audit_log").select("data").where("action", "=", "user.created").execute();
    expect(JSON.stringify(audit)).not.toContain("passphrase");
  });

  it("refuses bad accounts with the field at fault", async () => {
    const base = { email: "x@test.vn", fullName: "X", roles: ["staff"], password: "long enough pw" };
    const cases: [unknown, number, string][] = [
      [{ ...base, email: "pi@test.vn" }, 409, "email"],
      [{ ...base, password: "short" }, 400, "password"],
      [{ ...base, roles: [] }, 400, "roles"],
      [{ ...base, roles: ["wizard"] }, 400, "roles.0"],
      [{ ...base, unitId: 999999 }, 400, "unitId"],
      [{ ...base, personId: portfolio.people.scientist.id }, 409, "personId"],
      [{ ...base, isAdmin: true }, 400, "isAdmin"],
    ];
    for (const [body, status, field] of cases) {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(Object.keys((await res.json()).fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect(
      await api.db.selectFrom("app_user").select("id").where("email", "=", "x@test.vn").executeTakeFirst(),
    ).toBeUndefined();
  });

  it("ends a user's sessions when their roles change or they are disabled", async () => {
    const head = await api.signIn("head@test.vn", PASSWORD);
    expect((await api.request("/api/auth/me", { cookie: head })).status).toBe(200);
    const changed = await patch(portfolio.users.head.id, { roles: ["head", "staff"] });
    expect(changed.status).toBe(200);
    expect((await changed.json()).roles).toEqual(["head", "staff"]);
    expect((await api.request("/api/auth/me", { cookie: head })).status).toBe(401);

    const again = await api.signIn("head@test.vn", PASSWORD);
    expect((await patch(portfolio.users.head.id, { active: false })).status).toBe(200);
    expect((await api.request("/api/auth/me", { cookie: again })).status).toBe(401);
    const login = await api.request("/api/auth/login", {
      method: "POST",
      json: { email: "head@test.vn", password: PASSWORD },
    });
    expect(login.status).toBe(401);

    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "user.updated")
      .where("entity_id", "=", String(portfolio.users.head.id))
      .orderBy("id")
      .execute();
    expect(audit[0]?.data).toMatchObject({
      changes: { roles: { before: ["head"], after: ["head", "staff"] } },
      sessionsEnded: 1,
    });
  });

  it("keeps sessions when only the name changes", async () => {
    const staff = await api.signIn("staff@test.vn", PASSWORD);
    expect((await patch(portfolio.users.staff.id, { fullName: "Cán bộ Đổi Tên" })).status).toBe(200);
    expect((await api.request("/api/auth/me", { cookie: staff })).status).toBe(200);
  });

  it("does not let an administrator lock themselves out", async () => {
    expect((await patch(portfolio.users.admin.id, { active: false })).status).toBe(403);
    expect((await patch(portfolio.users.admin.id, { roles: ["staff"] })).status).toBe(403);
    expect((await patch(999999, { fullName: "Ai đó" })).status).toBe(404);
  });
});
