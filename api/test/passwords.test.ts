import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionIdFromToken } from "../src/auth/session.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { sessionCookie, startTestApi, type TestApi } from "./support.ts";

/*
 * Changing one's password or e-mail (decision 013): the current password is required, the new
 * password meets the policy, and a new password ends every other session and re-issues this one.
 */
let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
}, 180_000);
afterAll(() => api.close());

const me = (cookie: string) => api.request("/api/auth/me", { cookie });
const changePassword = (cookie: string, body: unknown) =>
  api.request("/api/auth/password", { method: "POST", cookie, json: body });
const changeEmail = (cookie: string, body: unknown) =>
  api.request("/api/auth/email", { method: "POST", cookie, json: body });
const login = (email: string, password: string) =>
  api.request("/api/auth/login", { method: "POST", json: { email, password } });

describe("changing the password", () => {
  it("requires the current password", async () => {
    const cookie = await api.signIn("head@test.vn", PASSWORD);
    const res = await changePassword(cookie, { currentPassword: "not-my-password", newPassword: "a fresh passphrase" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.code).toBe("CURRENT_PASSWORD_WRONG");
    expect(Object.keys(body.fields)).toEqual(["currentPassword"]);
    expect((await login("head@test.vn", PASSWORD)).status).toBe(200);
  });

  it("refuses short, overlong, common and e-mail passwords, naming the reason", async () => {
    const cookie = await api.signIn("head@test.vn", PASSWORD);
    const cases: [string, string][] = [
      ["short", "too_short"],
      ["x".repeat(129), "too_long"],
      ["password1", "common"],
      ["Password1", "common"],
      ["matkhau123", "common"],
      ["head@test.vn", "same_as_email"],
    ];
    for (const [newPassword, reason] of cases) {
      const res = await changePassword(cookie, { currentPassword: PASSWORD, newPassword });
      expect(res.status, newPassword).toBe(400);
      const body = await res.json();
      expect(body, newPassword).toMatchObject({ code: "PASSWORD_REJECTED", reason });
      expect(Object.keys(body.fields)).toEqual(["newPassword"]);
    }
    // Nothing changed: the old password still signs in, the session still holds.
    expect((await login("head@test.vn", PASSWORD)).status).toBe(200);
    expect((await me(cookie)).status).toBe(200);
  });

  it("ends the other sessions and re-issues the current one with a new token", async () => {
    const current = await api.signIn("pi@test.vn", PASSWORD);
    const other = await api.signIn("pi@test.vn", PASSWORD);
    const res = await changePassword(current, { currentPassword: PASSWORD, newPassword: "lúa chịu mặn 2026" });
    expect(res.status).toBe(204);
    const renewed = sessionCookie(res);
    expect(renewed).not.toBe(current);
    expect((await me(renewed)).status).toBe(200);
    expect((await me(current)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
    const rows = await api.db.selectFrom("session").select("id").where("user_id", "=", portfolio.users.pi.id).execute();
    expect(rows.map((r) => r.id)).toEqual([sessionIdFromToken(renewed.split("=")[1] ?? "")]);

    expect((await login("pi@test.vn", PASSWORD)).status).toBe(401);
    expect((await login("pi@test.vn", "lúa chịu mặn 2026")).status).toBe(200);
    const user = await api.db
      .selectFrom("app_user")
      .select("password_hash")
      .where("id", "=", portfolio.users.pi.id)
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.password_changed")
      .where("entity_id", "=", String(portfolio.users.pi.id))
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ otherSessionsEnded: 1 });
    expect(JSON.stringify(audit.data)).not.toContain("mặn");
  });
});

describe("changing the e-mail", () => {
  it("requires the current password and a free address", async () => {
    const cookie = await api.signIn("staff@test.vn", PASSWORD);
    const wrong = await changeEmail(cookie, { currentPassword: "not-my-password", newEmail: "new.staff@test.vn" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      code: "CURRENT_PASSWORD_WRONG",
      fields: { currentPassword: expect.any(String) },
    });

    const taken = await changeEmail(cookie, { currentPassword: PASSWORD, newEmail: "Admin@Test.vn" });
    expect(taken.status).toBe(409);
    const body = await taken.json();
    expect(body.code).toBe("EMAIL_TAKEN");
    expect(Object.keys(body.fields)).toEqual(["newEmail"]);

    const bad = await changeEmail(cookie, { currentPassword: PASSWORD, newEmail: "not an address" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).fields)).toEqual(["newEmail"]);
  });

  it("changes the sign-in name and records it", async () => {
    const cookie = await api.signIn("staff@test.vn", PASSWORD);
    const res = await changeEmail(cookie, { currentPassword: PASSWORD, newEmail: "Thu.Ha@Test.vn" });
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ id: portfolio.users.staff.id, email: "thu.ha@test.vn" });
    expect((await me(cookie)).status).toBe(200);
    expect((await login("staff@test.vn", PASSWORD)).status).toBe(401);
    expect((await login("thu.ha@test.vn", PASSWORD)).status).toBe(200);
    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.email_changed")
      .executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ before: "staff@test.vn", after: "thu.ha@test.vn" });
  });
});

describe("administrators opening accounts", () => {
  it("are held to the same policy", async () => {
    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const create = (password: string) =>
      api.request("/api/users", {
        method: "POST",
        cookie: admin,
        json: { email: "moi@test.vn", fullName: "Người Mới", roles: ["staff"], password },
      });
    const common = await create("iloveyou123");
    expect(common.status).toBe(400);
    expect(await common.json()).toMatchObject({
      code: "PASSWORD_REJECTED",
      reason: "common",
      fields: { password: expect.any(String) },
    });
    expect((await create("moi@test.vn")).status).toBe(400);
    expect((await create("demo-2025-khcn")).status).toBe(201);
  });
});
