import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The session cookie in both policies (decision 013): in production (or SECURE_COOKIES=true)
 * `__Host-khcn_session` with Secure; otherwise `khcn_session`, so http://localhost works. Both
 * HttpOnly and SameSite=Lax, Path=/ and no Domain; the reader accepts only the name in force.
 */
let secure: TestApi;
let plain: TestApi;

beforeAll(async () => {
  secure = await startTestApi({ secureCookies: true });
  plain = await startTestApi({ secureCookies: false });
  await buildPortfolio(secure.db);
  await buildPortfolio(plain.db);
}, 180_000);
afterAll(async () => {
  await secure?.close();
  await plain?.close();
});

const login = (api: TestApi) =>
  api.request("/api/auth/login", { method: "POST", json: { email: "staff@test.vn", password: PASSWORD } });
const attributes = (header: string) =>
  header
    .split(";")
    .slice(1)
    .map((a) => a.trim().split("=")[0]?.toLowerCase());

describe("secure policy", () => {
  it("sets __Host-khcn_session with Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain", async () => {
    const res = await login(secure);
    expect(res.status).toBe(200);
    const header = res.headers.get("Set-Cookie") ?? "";
    expect(header).toMatch(/^__Host-khcn_session=[a-z2-7]{32};/);
    expect(header).toMatch(/;\s*Secure(;|$)/);
    expect(header).toMatch(/;\s*HttpOnly(;|$)/);
    expect(header).toMatch(/;\s*SameSite=Lax(;|$)/);
    expect(header).toMatch(/;\s*Path=\/(;|$)/);
    expect(attributes(header)).not.toContain("domain");
  });

  it("reads only the __Host- name", async () => {
    const res = await login(secure);
    const token = /^__Host-khcn_session=([a-z2-7]{32});/.exec(res.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
    expect((await secure.request("/api/auth/me", { cookie: `__Host-khcn_session=${token}` })).status).toBe(200);
    expect((await secure.request("/api/auth/me", { cookie: `khcn_session=${token}` })).status).toBe(401);
  });

  it("clears the same name on sign-out", async () => {
    const res = await login(secure);
    const pair = (res.headers.get("Set-Cookie") ?? "").split(";")[0] ?? "";
    const out = await secure.request("/api/auth/logout", { method: "POST", cookie: pair });
    expect(out.status).toBe(204);
    const header = out.headers.get("Set-Cookie") ?? "";
    expect(header).toMatch(/^__Host-khcn_session=;/);
    expect(header).toMatch(/;\s*Secure(;|$)/);
    expect(header).toMatch(/Max-Age=0/);
  });
});

describe("development policy", () => {
  it("sets khcn_session with HttpOnly, SameSite=Lax, Path=/, without Secure or Domain", async () => {
    const res = await login(plain);
    const header = res.headers.get("Set-Cookie") ?? "";
    expect(header).toMatch(/^khcn_session=[a-z2-7]{32};/);
    expect(header).toMatch(/;\s*HttpOnly(;|$)/);
    expect(header).toMatch(/;\s*SameSite=Lax(;|$)/);
    expect(header).toMatch(/;\s*Path=\/(;|$)/);
    expect(attributes(header)).not.toContain("secure");
    expect(attributes(header)).not.toContain("domain");
  });

  it("reads only the plain name", async () => {
    const res = await login(plain);
    const token = /^khcn_session=([a-z2-7]{32});/.exec(res.headers.get("Set-Cookie") ?? "")?.[1] ?? "";
    expect((await plain.request("/api/auth/me", { cookie: `khcn_session=${token}` })).status).toBe(200);
    expect((await plain.request("/api/auth/me", { cookie: `__Host-khcn_session=${token}` })).status).toBe(401);
  });
});

describe("configuration", () => {
  it("makes cookies secure by default in production only, and lets SECURE_COOKIES decide", () => {
    expect(loadConfig({}).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: "production" }).secureCookies).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", SECURE_COOKIES: "false" }).secureCookies).toBe(false);
    expect(loadConfig({ SECURE_COOKIES: "true" }).secureCookies).toBe(true);
  });

  it("reads session lifetimes, throttling and trusted proxies, refusing bad values", () => {
    const defaults = loadConfig({}).auth;
    expect(defaults).toMatchObject({ sessionIdleHours: 24, sessionMaxDays: 30, trustProxy: null });
    expect(defaults.throttle).toEqual({
      lockAfter: 5,
      lockBaseMs: 30_000,
      lockMaxMs: 900_000,
      addressBurst: 20,
      addressRefillMs: 30_000,
    });
    const set = loadConfig({
      SESSION_IDLE_HOURS: "8",
      SESSION_MAX_DAYS: "7",
      TRUST_PROXY: "10.0.0.0/8,::1",
      SIGNIN_ADDRESS_BURST: "50",
    }).auth;
    expect(set).toMatchObject({ sessionIdleHours: 8, sessionMaxDays: 7 });
    expect(set.trustProxy?.includes("10.1.2.3")).toBe(true);
    expect(set.throttle?.addressBurst).toBe(50);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ SESSION_IDLE_HOURS: "0" })).toThrow(/SESSION_IDLE_HOURS/);
  });
});
