import { buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../src/auth/password.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The server reuses the dashboard's figures for a few seconds (DASHBOARD_CACHE_SECONDS): a change
 * made through the API must show at the next read all the same, and each unit keeps its own figures.
 */

const PASSWORD = "cache-test-password-1";
let api: TestApi;
let unitId = 0;
let staff = "";
let otherHead = "";

beforeAll(async () => {
  // Long enough that only an invalidation can explain fresh figures.
  api = await startTestApi({ dashboardCacheMs: 600_000 });
  const passwordHash = await hashPassword(PASSWORD);
  unitId = (await buildUnit(api.db, { code: "SKHCN-C", name: "Sở KH&CN C", kind: "department" })).id;
  const other = await buildUnit(api.db, { code: "SKHCN-D", name: "Sở KH&CN D", kind: "department" });
  await buildUser(api.db, { email: "staff@c.vn", passwordHash, fullName: "Chuyên viên C", roles: ["staff"], unitId });
  await buildUser(api.db, {
    email: "head@d.vn",
    passwordHash,
    fullName: "Lãnh đạo D",
    roles: ["head"],
    unitId: other.id,
  });
  await buildTask(api.db, { code: "ĐT.2025.01", managing_unit_id: unitId });
  staff = await api.signIn("staff@c.vn", PASSWORD);
  otherHead = await api.signIn("head@d.vn", PASSWORD);
}, 180_000);

afterAll(async () => {
  await api?.close();
});

const total = async (cookie: string) => {
  const res = await api.request("/api/dashboard", { cookie });
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: { count: number } }).total.count;
};

describe("the dashboard's reused figures", () => {
  it("are reused until a change goes through the API, then computed afresh", async () => {
    expect(await total(staff)).toBe(1);
    // Written behind the API's back (as another server or the CLI would): not seen while reused.
    await buildTask(api.db, { code: "ĐT.2025.02", managing_unit_id: unitId });
    expect(await total(staff)).toBe(1);

    const created = await api.request("/api/tasks", {
      method: "POST",
      cookie: staff,
      json: { title: "Ứng dụng IoT trong nuôi tôm", kind: "de_tai", field: "agricultural" },
    });
    expect(created.status).toBe(201);
    expect(await total(staff)).toBe(3);
  });

  it("are kept per unit: another unit's head never gets this unit's figures", async () => {
    expect(await total(staff)).toBe(3);
    expect(await total(otherHead)).toBe(0);
  });
});
