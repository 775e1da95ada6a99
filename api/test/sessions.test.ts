import { buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { sessionIdFromToken } from "../src/auth/session.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { sessionCookie, startTestApi, type TestApi } from "./support.ts";

/*
 * Sessions (decision 013): what is stored, how long a session lives, and who may end it. The app's
 * clock is this file's `now`, so a test moves time instead of waiting.
 */
let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let now = new Date("2026-03-02T08:00:00Z");
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const later = (ms: number) => {
  now = new Date(now.getTime() + ms);
};

beforeAll(async () => {
  api = await startTestApi({ auth: { clock: () => now } });
  portfolio = await buildPortfolio(api.db);
}, 180_000);
afterAll(() => api.close());

const tokenOf = (cookie: string) => cookie.split("=")[1] ?? "";
const me = (cookie: string) => api.request("/api/auth/me", { cookie });
const signInFrom = async (email: string, userAgent: string, remoteAddress: string) => {
  const res = await api.request("/api/auth/login", {
    method: "POST",
    json: { email, password: PASSWORD },
    headers: { "User-Agent": userAgent },
    remoteAddress,
  });
  expect(res.status).toBe(200);
  return sessionCookie(res);
};
const rowOf = (cookie: string) =>
  api.db
    .selectFrom("session")
    .selectAll()
    .where("id", "=", sessionIdFromToken(tokenOf(cookie)))
    .executeTakeFirst();

describe("tokens", () => {
  it("gives a new 160-bit token at every sign-in and stores only its SHA-256", async () => {
    const first = await signInFrom("pi@test.vn", "Firefox/140.0", "198.51.100.20");
    const second = await signInFrom("pi@test.vn", "Firefox/140.0", "198.51.100.20");
    expect(tokenOf(first)).toMatch(/^[a-z2-7]{32}$/);
    expect(tokenOf(first)).not.toBe(tokenOf(second));

    const rows = await api.db.selectFrom("session").selectAll().where("user_id", "=", portfolio.users.pi.id).execute();
    const stored = JSON.stringify(rows);
    for (const cookie of [first, second]) {
      expect(stored).not.toContain(tokenOf(cookie));
      expect(rows.map((r) => r.id)).toContain(sessionIdFromToken(tokenOf(cookie)));
    }
    const row = await rowOf(first);
    expect(row).toMatchObject({ user_agent: "Firefox/140.0", ip_address: "198.51.100.20" });
    expect(row?.public_id).toMatch(/^[a-z2-7]{24}$/);
    expect(row?.created_at).toEqual(now);
  });

  it("ends the session a browser still holds when it signs in again", async () => {
    const old = await api.signIn("head@test.vn", PASSWORD);
    const res = await api.request("/api/auth/login", {
      method: "POST",
      cookie: old,
      json: { email: "head@test.vn", password: PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(await rowOf(old)).toBeUndefined();
    expect((await me(old)).status).toBe(401);
  });

  it("deletes the session row on sign-out", async () => {
    const cookie = await api.signIn("staff@test.vn", PASSWORD);
    expect(await rowOf(cookie)).toBeDefined();
    expect((await api.request("/api/auth/logout", { method: "POST", cookie })).status).toBe(204);
    expect(await rowOf(cookie)).toBeUndefined();
  });
});

describe("lifetimes", () => {
  it("ends a session after 24 hours without use", async () => {
    const cookie = await api.signIn("council@test.vn", PASSWORD);
    later(24 * HOUR - 1000);
    const unused = await api.signIn("council@test.vn", PASSWORD);
    expect((await me(cookie)).status).toBe(200);
    // Used just now: its inactivity deadline moved to 24 hours from here.
    later(23 * HOUR);
    expect((await me(cookie)).status).toBe(200);
    later(24 * HOUR);
    expect((await me(cookie)).status).toBe(401);
    expect(await rowOf(cookie)).toBeUndefined();
    expect((await me(unused)).status).toBe(401);
  });

  it("records use at most every five minutes", async () => {
    const cookie = await api.signIn("council@test.vn", PASSWORD);
    const opened = (await rowOf(cookie))?.last_used_at;
    later(60 * 1000);
    expect((await me(cookie)).status).toBe(200);
    expect((await rowOf(cookie))?.last_used_at).toEqual(opened);
    later(5 * 60 * 1000);
    expect((await me(cookie)).status).toBe(200);
    expect((await rowOf(cookie))?.last_used_at).toEqual(now);
  });

  it("ends a session 30 days after sign-in however often it is used", async () => {
    const signedInAt = now.getTime();
    const cookie = await api.signIn("admin@test.vn", PASSWORD);
    while (now.getTime() + 20 * HOUR < signedInAt + 30 * DAY) {
      later(20 * HOUR);
      expect((await me(cookie)).status, now.toISOString()).toBe(200);
    }
    const row = await rowOf(cookie);
    expect(row?.expires_at.getTime()).toBe(signedInAt + 30 * DAY);
    now = new Date(signedInAt + 30 * DAY);
    expect((await me(cookie)).status).toBe(401);
  });

  it("lets the cookie last until the absolute end, leaving inactivity to the server", async () => {
    const res = await api.request("/api/auth/login", {
      method: "POST",
      json: { email: "pi@test.vn", password: PASSWORD },
    });
    const expires = /Expires=([^;]+)/i.exec(res.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
    expect(new Date(expires).getTime()).toBe(Math.floor((now.getTime() + 30 * DAY) / 1000) * 1000);
  });
});

describe("a user's own sessions", () => {
  it("lists only the caller's open sessions, marking the current one, without hashes or tokens", async () => {
    const laptop = await signInFrom("staff@test.vn", "Laptop browser", "198.51.100.31");
    const phone = await signInFrom("staff@test.vn", "Phone browser", "198.51.100.32");
    await api.signIn("pi@test.vn", PASSWORD);
    const res = await api.request("/api/auth/sessions", { cookie: laptop });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    const { sessions } = (await res.json()) as { sessions: Record<string, unknown>[] };
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toEqual([
      expect.objectContaining({ userAgent: "Laptop browser", ipAddress: "198.51.100.31" }),
    ]);
    expect(sessions.find((s) => !s.current)).toMatchObject({ userAgent: "Phone browser", ipAddress: "198.51.100.32" });
    for (const s of sessions) {
      expect(Object.keys(s).sort()).toEqual(
        ["createdAt", "current", "expiresAt", "id", "ipAddress", "lastUsedAt", "userAgent"].sort(),
      );
    }
    for (const cookie of [laptop, phone]) {
      expect(text).not.toContain(tokenOf(cookie));
      expect(text).not.toContain(sessionIdFromToken(tokenOf(cookie)));
    }
  });

  it("ends one of them, refuses another user's, and clears the cookie when it is the current one", async () => {
    const mine = await api.signIn("head@test.vn", PASSWORD);
    const other = await api.signIn("head@test.vn", PASSWORD);
    const theirs = await api.signIn("pi@test.vn", PASSWORD);
    const otherId = (await rowOf(other))?.public_id ?? "";
    const theirId = (await rowOf(theirs))?.public_id ?? "";

    const foreign = await api.request(`/api/auth/sessions/${theirId}`, { method: "DELETE", cookie: mine });
    expect(foreign.status).toBe(404);
    expect((await foreign.json()).code).toBe("SESSION_NOT_FOUND");
    expect((await me(theirs)).status).toBe(200);

    const ended = await api.request(`/api/auth/sessions/${otherId}`, { method: "DELETE", cookie: mine });
    expect(ended.status).toBe(204);
    expect((await me(other)).status).toBe(401);
    expect((await me(mine)).status).toBe(200);

    const myId = (await rowOf(mine))?.public_id ?? "";
    const self = await api.request(`/api/auth/sessions/${myId}`, { method: "DELETE", cookie: mine });
    expect(self.status).toBe(204);
    expect(self.headers.get("Set-Cookie")).toMatch(/^khcn_session=;/);
    expect((await me(mine)).status).toBe(401);

    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.session_ended")
      .where("actor_user_id", "=", portfolio.users.head.id)
      .execute();
    expect(audit.map((a) => (a.data as { session: string }).session).sort()).toEqual([otherId, myId].sort());
  });

  it("ends all the others at once and keeps the current one", async () => {
    const cookies = [];
    for (let i = 0; i < 3; i++) cookies.push(await api.signIn("pi@test.vn", PASSWORD));
    const [current, ...others] = cookies as [string, ...string[]];
    const before = await api.db
      .selectFrom("session")
      .select("id")
      .where("user_id", "=", portfolio.users.pi.id)
      .where("expires_at", ">", now)
      .execute();
    const res = await api.request("/api/auth/sessions/end-others", { method: "POST", cookie: current });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ended: before.length - 1 });
    expect((await me(current)).status).toBe(200);
    for (const cookie of others) expect((await me(cookie)).status).toBe(401);
    const audit = await api.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.other_sessions_ended")
      .executeTakeFirstOrThrow();
    expect(audit.data).toEqual({ ended: before.length - 1 });
  });
});

describe("administrators", () => {
  it("see and end the sessions of accounts in their unit, not another unit's", async () => {
    const elsewhere = await buildUnit(api.db, { code: "HN", name: "Sở KH&CN Hà Nội" });
    const passwordHash = await hashPassword(PASSWORD);
    await buildUser(api.db, { email: "far-admin@test.vn", passwordHash, roles: ["admin"], unitId: elsewhere.id });
    const farStaff = await buildUser(api.db, {
      email: "far-staff@test.vn",
      passwordHash,
      roles: ["staff"],
      unitId: elsewhere.id,
    });
    await buildUser(api.db, { email: "root@test.vn", passwordHash, roles: ["admin"], unitId: null });

    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const staff = await api.signIn("staff@test.vn", PASSWORD);
    const far = await api.signIn("far-staff@test.vn", PASSWORD);
    const staffId = portfolio.users.staff.id;

    const list = await api.request(`/api/users/${staffId}/sessions`, { cookie: admin });
    expect(list.status).toBe(200);
    const { sessions } = (await list.json()) as { sessions: { id: string }[] };
    expect(sessions.map((s) => s.id)).toContain((await rowOf(staff))?.public_id);

    const ended = await api.request(`/api/users/${staffId}/sessions`, { method: "DELETE", cookie: admin });
    expect(ended.status).toBe(200);
    expect((await ended.json()).ended).toBeGreaterThanOrEqual(1);
    expect((await me(staff)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
    const audit = await api.db
      .selectFrom("audit_log")
      .select(["actor_user_id", "entity_id"])
      .where("action", "=", "auth.sessions_ended_by_admin")
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor_user_id: portfolio.users.admin.id, entity_id: String(staffId) });

    // Another unit's account: refused, and its session lives on.
    for (const method of ["GET", "DELETE"]) {
      const res = await api.request(`/api/users/${farStaff.id}/sessions`, { method, cookie: admin });
      expect(res.status, method).toBe(403);
    }
    expect((await me(far)).status).toBe(200);
    // Its own unit's administrator may; so may the administrator attached to no unit.
    const farAdmin = await api.signIn("far-admin@test.vn", PASSWORD);
    expect((await api.request(`/api/users/${farStaff.id}/sessions`, { cookie: farAdmin })).status).toBe(200);
    const root = await api.signIn("root@test.vn", PASSWORD);
    const byRoot = await api.request(`/api/users/${farStaff.id}/sessions`, { method: "DELETE", cookie: root });
    expect(await byRoot.json()).toEqual({ ended: 1 });
    expect((await me(far)).status).toBe(401);
    // Nobody but administrators.
    const staffAgain = await api.signIn("staff@test.vn", PASSWORD);
    const refused = await api.request(`/api/users/${portfolio.users.pi.id}/sessions`, { cookie: staffAgain });
    expect(refused.status).toBe(403);
  });

  it("end every session of a user whose role changes or who is disabled", async () => {
    const admin = await api.signIn("admin@test.vn", PASSWORD);
    const patch = (body: unknown) =>
      api.request(`/api/users/${portfolio.users.council.id}`, { method: "PATCH", cookie: admin, json: body });
    const a = await api.signIn("council@test.vn", PASSWORD);
    const b = await api.signIn("council@test.vn", PASSWORD);
    expect((await patch({ roles: ["council", "pi"] })).status).toBe(200);
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    const c = await api.signIn("council@test.vn", PASSWORD);
    expect((await patch({ active: false })).status).toBe(200);
    expect((await me(c)).status).toBe(401);
    const count = await api.db
      .selectFrom("session")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", portfolio.users.council.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
