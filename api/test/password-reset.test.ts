import { buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * An administrator sets a new password for a user who forgot theirs (decision 013): the policy
 * applies, every session of the user ends, a sign-in lock is lifted, and only the administrators of
 * the user's unit may do it, never for themselves.
 */
let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
}, 180_000);
afterAll(() => api.close());

const NEW_PASSWORD = "ruộng lúa chín vàng 2026";
const me = (cookie: string) => api.request("/api/auth/me", { cookie });
const login = (email: string, password: string, remoteAddress = "198.51.100.7") =>
  api.request("/api/auth/login", { method: "POST", json: { email, password }, remoteAddress });
const reset = (cookie: string, userId: number, newPassword: string) =>
  api.request(`/api/users/${userId}/password`, { method: "POST", cookie, json: { newPassword } });
const resetAudits = () =>
  api.db.selectFrom("audit_log").selectAll().where("action", "=", "auth.password_reset_by_admin").execute();
const hashOf = async (userId: number) =>
  (await api.db.selectFrom("app_user").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow())
    .password_hash;

describe("an administrator resets a password", () => {
  it("refuses a password the policy refuses, and changes nothing", async () => {
    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const piId = portfolio.users.pi.id;
    const before = await hashOf(piId);
    for (const [password, reason] of [
      ["matkhau123", "common"],
      ["short", "too_short"],
      ["pi@test.vn", "same_as_email"],
    ] as const) {
      const res = await reset(admin, piId, password);
      expect(res.status, password).toBe(400);
      const body = await res.json();
      expect(body, password).toMatchObject({ code: "PASSWORD_REJECTED", reason });
      expect(Object.keys(body.fields)).toEqual(["newPassword"]);
    }
    expect(await hashOf(piId)).toBe(before);
    expect((await login("pi@test.vn", PASSWORD)).status).toBe(200);
    expect(await resetAudits()).toEqual([]);
  });

  it("refuses other units' administrators, non-administrators and the administrator's own account", async () => {
    const elsewhere = await buildUnit(api.db, { code: "HP", name: "Sở KH&CN Hải Phòng" });
    const passwordHash = await hashPassword(PASSWORD);
    await buildUser(api.db, { email: "far-admin@test.vn", passwordHash, roles: ["admin"], unitId: elsewhere.id });
    const piId = portfolio.users.pi.id;
    const before = await hashOf(piId);

    const farAdmin = await api.signIn("far-admin@test.vn", PASSWORD);
    const far = await reset(farAdmin, piId, NEW_PASSWORD);
    expect(far.status).toBe(403);
    expect((await far.json()).code).toBe("FORBIDDEN");

    const staff = await api.signIn("staff@test.vn", PASSWORD);
    expect((await reset(staff, piId, NEW_PASSWORD)).status).toBe(403);
    const pi = await api.signIn("pi@test.vn", PASSWORD);
    expect((await reset(pi, piId, NEW_PASSWORD)).status).toBe(403);

    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const own = await reset(admin, portfolio.users.admin.id, NEW_PASSWORD);
    expect(own.status).toBe(403);
    expect((await own.json()).code).toBe("USE_OWN_PASSWORD_CHANGE");
    expect((await reset(admin, 999_999, NEW_PASSWORD)).status).toBe(404);

    // Nothing changed: old passwords work, the PI's session lives on, no audit row.
    expect(await hashOf(piId)).toBe(before);
    expect((await me(pi)).status).toBe(200);
    expect((await login("admin@test.vn", PASSWORD)).status).toBe(200);
    expect(await resetAudits()).toEqual([]);
  });

  it("sets the new password, ends every session of the user and lifts the sign-in lock", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    const forgetful = await buildUser(api.db, {
      email: "forgetful@test.vn",
      passwordHash,
      roles: ["pi"],
      unitId: portfolio.department.id,
    });
    const session = await api.signIn("forgetful@test.vn", PASSWORD);
    // Five wrong guesses lock the account.
    for (let i = 0; i < 5; i++) expect((await login("forgetful@test.vn", `wrong guess ${i}`)).status).toBe(401);
    expect((await login("forgetful@test.vn", PASSWORD)).status).toBe(429);

    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const res = await reset(admin, forgetful.id, NEW_PASSWORD);
    expect(res.status).toBe(204);

    expect((await me(session)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
    expect((await login("forgetful@test.vn", PASSWORD)).status).toBe(401);
    expect((await login("forgetful@test.vn", NEW_PASSWORD)).status).toBe(200);

    const audits = await resetAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actor_user_id: portfolio.users.admin.id,
      entity_type: "user",
      entity_id: String(forgetful.id),
    });
    expect(audits[0]?.data).toMatchObject({ sessionsEnded: 1 });
    expect(JSON.stringify(audits[0])).not.toContain(NEW_PASSWORD);
  });

  it("is open to the administrator attached to no unit for any account", async () => {
    const passwordHash = await hashPassword(PASSWORD);
    await buildUser(api.db, { email: "root@test.vn", passwordHash, roles: ["admin"], unitId: null });
    const root = await api.signIn("root@test.vn", PASSWORD);
    expect((await reset(root, portfolio.users.head.id, NEW_PASSWORD)).status).toBe(204);
    expect((await login("head@test.vn", NEW_PASSWORD)).status).toBe(200);
  });
});
