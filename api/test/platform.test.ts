import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe("operations", () => {
  it("reports readiness including the database", async () => {
    const res = await api.request("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      database: { kind: process.env.TEST_DB === "postgres" ? "postgres" : "pglite", ok: true },
      draining: false,
    });
  });

  it("answers unknown API routes with a JSON 404", async () => {
    const res = await api.request("/api/nothing-here");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "NOT_FOUND" });
  });

  it("describes every route in the OpenAPI document", async () => {
    const res = await api.request("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json();
    expect(doc.openapi).toBe("3.1.0");
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // The permission walk checks that every route is there; here, that the document is whole.
    expect(routes).toEqual(
      expect.arrayContaining(["GET /health", "POST /auth/login", "GET /tasks", "GET /tasks/{id}"]),
    );
    for (const op of Object.values(doc.paths as Record<string, Record<string, { responses: object }>>).flatMap(
      Object.values,
    )) {
      expect(Object.keys(op.responses).length).toBeGreaterThan(0);
    }
  });

  it("serves a readable API reference without any CDN", async () => {
    const page = await api.request("/api/docs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/api/docs/init.js");
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await api.request("/api/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect((await api.request("/api/docs/assets/..%2F..%2Fpackage.json")).status).toBe(404);
  });
});
