import { buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { hashPassword } from "../src/auth/password.ts";
import { TrustedProxies } from "../src/http/client-address.ts";
import { PASSWORD } from "./fixtures.ts";
import { ORIGIN, startTestApi, type TestApi } from "./support.ts";

/*
 * Sign-in throttling (decision 013): a growing lock per account, kept in the database, and a
 * token bucket of failed attempts per client address, whose address comes from the socket unless
 * a trusted proxy vouches for X-Forwarded-For. The clock is this file's `now`.
 */
let direct: TestApi;
let proxied: TestApi;
let now = new Date("2026-05-04T09:00:00Z");
const later = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};
const PROXY = "10.0.0.1";

beforeAll(async () => {
  direct = await startTestApi({ auth: { clock: () => now } });
  proxied = await startTestApi({ auth: { clock: () => now, trustProxy: new TrustedProxies([PROXY]) } });
  const passwordHash = await hashPassword(PASSWORD);
  for (const email of ["lock@test.vn", "reset@test.vn", "restart@test.vn", "reauth@test.vn", "nat@test.vn"]) {
    await buildUser(direct.db, { email, passwordHash, roles: ["staff"] });
  }
  await buildUser(proxied.db, { email: "behind@test.vn", passwordHash, roles: ["staff"] });
}, 180_000);
afterAll(async () => {
  await direct?.close();
  await proxied?.close();
});

const attempt = (
  api: TestApi,
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
) => api.request("/api/auth/login", { method: "POST", json: { email, password }, remoteAddress, headers });

async function expectThrottled(res: Response, seconds?: number) {
  expect(res.status).toBe(429);
  const body = await res.json();
  expect(body.code).toBe("TOO_MANY_ATTEMPTS");
  expect(res.headers.get("Retry-After")).toBe(String(body.retryAfterSeconds));
  if (seconds !== undefined) expect(body.retryAfterSeconds).toBe(seconds);
  expect(res.headers.get("Set-Cookie")).toBeNull();
  return body as { code: string; message: string; retryAfterSeconds: number };
}

describe("per account", () => {
  it("locks after five failures, longer after each further one, refusing even the right password", async () => {
    const from = "198.51.100.1";
    for (let i = 1; i <= 5; i++)
      expect((await attempt(direct, "lock@test.vn", "wrong", from)).status, `#${i}`).toBe(401);
    // Locked for 30 s: the right password is not even looked at.
    await expectThrottled(await attempt(direct, "lock@test.vn", PASSWORD, from), 30);
    later(10);
    await expectThrottled(await attempt(direct, "lock@test.vn", PASSWORD, from), 20);
    // After the lock, one more failure locks for twice as long.
    later(21);
    expect((await attempt(direct, "lock@test.vn", "wrong", from)).status).toBe(401);
    await expectThrottled(await attempt(direct, "lock@test.vn", PASSWORD, from), 60);
    later(61);
    expect((await attempt(direct, "lock@test.vn", "wrong", from)).status).toBe(401);
    await expectThrottled(await attempt(direct, "lock@test.vn", PASSWORD, from), 120);

    const audit = await direct.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.sign_in_throttled")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => (a.data as { lockedForSeconds: number }).lockedForSeconds)).toEqual([30, 60, 120]);
  });

  it("caps the lock at 15 minutes", async () => {
    const from = "198.51.100.2";
    for (let i = 1; i <= 10; i++) {
      const res = await attempt(direct, "nat@test.vn", "wrong", from);
      if (res.status === 429) {
        later((await res.json()).retryAfterSeconds);
        i--;
        continue;
      }
      expect(res.status).toBe(401);
    }
    await expectThrottled(await attempt(direct, "nat@test.vn", PASSWORD, from), 900);
    later(900);
  });

  it("clears the count on a successful sign-in", async () => {
    const from = "198.51.100.3";
    for (let i = 0; i < 4; i++) expect((await attempt(direct, "reset@test.vn", "wrong", from)).status).toBe(401);
    expect((await attempt(direct, "reset@test.vn", PASSWORD, from)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(direct, "reset@test.vn", "wrong", from)).status).toBe(401);
    expect((await attempt(direct, "reset@test.vn", PASSWORD, from)).status).toBe(200);
  });

  it("answers an unknown e-mail exactly as a known one", async () => {
    const from = "198.51.100.4";
    for (let i = 0; i < 5; i++) {
      expect((await attempt(direct, "ghost@test.vn", "wrong", from)).status).toBe(401);
      expect((await attempt(direct, "restart@test.vn", "wrong", from)).status).toBe(401);
    }
    const ghost = await expectThrottled(await attempt(direct, "ghost@test.vn", "wrong", from), 30);
    const real = await expectThrottled(await attempt(direct, "restart@test.vn", PASSWORD, from), 30);
    expect(ghost).toEqual(real);
  });

  it("keeps the lock in the database: a restarted app still refuses", async () => {
    // The same database under a new app (as after a restart or in another process).
    const restarted = buildApp({
      db: direct.db,
      databaseKind: direct.handle.kind,
      filesDir: direct.filesDir,
      auth: { clock: () => now },
    });
    const res = await restarted.request(
      "/api/auth/login",
      {
        method: "POST",
        headers: { Origin: ORIGIN, "Content-Type": "application/json" },
        body: JSON.stringify({ email: "restart@test.vn", password: PASSWORD }),
      },
      { incoming: { socket: { remoteAddress: "198.51.100.5" } } },
    );
    await expectThrottled(res);
    later(31);
  });

  it("counts wrong current passwords (changing password or e-mail) towards the same lock", async () => {
    const from = "198.51.100.6";
    const login = await attempt(direct, "reauth@test.vn", PASSWORD, from);
    const cookie = (login.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    for (let i = 0; i < 5; i++) {
      const res = await direct.request("/api/auth/password", {
        method: "POST",
        cookie,
        remoteAddress: from,
        json: { currentPassword: "guess", newPassword: "a fresh passphrase" },
      });
      expect(res.status).toBe(400);
    }
    const res = await direct.request("/api/auth/email", {
      method: "POST",
      cookie,
      remoteAddress: from,
      json: { currentPassword: PASSWORD, newEmail: "taken-over@test.vn" },
    });
    await expectThrottled(res, 30);
    await expectThrottled(await attempt(direct, "reauth@test.vn", PASSWORD, "198.51.100.7"), 30);
  });
});

describe("per client address", () => {
  it("allows 20 failures from one address, then refuses any attempt until a token returns", async () => {
    const from = "203.0.113.10";
    // Twenty different e-mails: no account lock, only the address's bucket.
    for (let i = 1; i <= 20; i++) {
      expect((await attempt(direct, `nobody${i}@test.vn`, "wrong", from)).status, `#${i}`).toBe(401);
    }
    const refused = await expectThrottled(await attempt(direct, "reset@test.vn", PASSWORD, from));
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(30);
    // Another address is not affected.
    expect((await attempt(direct, "reset@test.vn", PASSWORD, "203.0.113.11")).status).toBe(200);
    // One token back after 30 s: one more try, then refused again.
    later(30);
    expect((await attempt(direct, "nobody21@test.vn", "wrong", from)).status).toBe(401);
    await expectThrottled(await attempt(direct, "reset@test.vn", PASSWORD, from));
    const audit = await direct.db
      .selectFrom("audit_log")
      .select("data")
      .where("action", "=", "auth.sign_in_throttled")
      .execute();
    expect(audit.some((a) => (a.data as { scope: string }).scope === "address")).toBe(true);
  });

  it("counts only failures: many correct sign-ins from one address (a class behind NAT) pass", async () => {
    const from = "203.0.113.20";
    for (let i = 0; i < 25; i++) {
      expect((await attempt(direct, "reset@test.vn", PASSWORD, from)).status, `#${i}`).toBe(200);
    }
  });

  it("is not bypassed by a forged X-Forwarded-For when no proxy is trusted", async () => {
    const from = "203.0.113.30";
    for (let i = 1; i <= 20; i++) {
      const forged = { "X-Forwarded-For": `192.0.2.${i}` };
      expect((await attempt(direct, `forger${i}@test.vn`, "wrong", from, forged)).status).toBe(401);
    }
    await expectThrottled(await attempt(direct, "reset@test.vn", PASSWORD, from, { "X-Forwarded-For": "192.0.2.200" }));
  });

  it("believes X-Forwarded-For from a trusted proxy, up to the right-most address not its own", async () => {
    const client = "198.51.100.50";
    for (let i = 1; i <= 20; i++) {
      const res = await attempt(proxied, `nobody${i}@test.vn`, "wrong", PROXY, { "X-Forwarded-For": client });
      expect(res.status, `#${i}`).toBe(401);
    }
    // The client's bucket is empty, whatever it writes to the left of what our proxy appended.
    await expectThrottled(await attempt(proxied, "behind@test.vn", PASSWORD, PROXY, { "X-Forwarded-For": client }));
    await expectThrottled(
      await attempt(proxied, "behind@test.vn", PASSWORD, PROXY, { "X-Forwarded-For": `192.0.2.7, ${client}` }),
    );
    // Another client behind the same proxy signs in, and its session records its own address.
    const other = await attempt(proxied, "behind@test.vn", PASSWORD, PROXY, { "X-Forwarded-For": "198.51.100.51" });
    expect(other.status).toBe(200);
    const session = await proxied.db
      .selectFrom("session")
      .select("ip_address")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(session.ip_address).toBe("198.51.100.51");
    // A peer that is not the proxy cannot speak for others.
    const bypass = await attempt(proxied, "behind@test.vn", PASSWORD, client, { "X-Forwarded-For": "198.51.100.52" });
    await expectThrottled(bypass);
  });
});
