import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { serveWebApp } from "../src/http/web-app.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { ORIGIN, startTestApi, type TestApi } from "./support.ts";

/*
 * The HTTP boundary as a browser or an attacker meets it: headers on every kind of answer (API,
 * errors, the API reference, static files, the SPA shell, on a real port), CSRF by Origin and
 * fetch metadata, media types, unknown keys, page sizes, body limits, uploads, and no GET that
 * changes anything.
 */

interface OpenApiOperation {
  parameters?: { name: string; in: string; schema?: { maximum?: number } }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
}
type OpenApiDoc = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
};

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let admin: string;
let staffCookie: string | undefined;
const staff = async () => {
  staffCookie ??= await api.signIn("staff@test.vn", PASSWORD);
  return staffCookie;
};
let doc: OpenApiDoc;
let base: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  admin = await api.signIn("admin@test.vn", PASSWORD);
  doc = (await (await api.request("/api/openapi.json")).json()) as OpenApiDoc;

  // The app as server.ts assembles it, in production mode, with a small built web app beside it.
  const dist = mkdtempSync(path.join(tmpdir(), "khcn-dist-"));
  mkdirSync(path.join(dist, "assets"));
  writeFileSync(
    path.join(dist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/app-1.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(path.join(dist, "assets", "app-1.js"), "export {};\n");
  writeFileSync(path.join(dist, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const app = buildApp({ db: api.db, databaseKind: api.handle.kind, filesDir: api.filesDir, production: true });
  await serveWebApp(app, dist);
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);

afterAll(async () => {
  if (server && "closeAllConnections" in server) server.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await api?.close();
});

/** The path params of the OpenAPI document, filled with ids that exist where it matters. */
function fillPath(template: string): string {
  const ids: Record<string, number | string> = {
    id: portfolio.tasks.rice.id,
    taskId: portfolio.tasks.rice.id,
    userId: portfolio.users.pi.id,
    key: "import_max_rows",
  };
  return `/api${template.replace(/\{(\w+)\}/g, (_m, name: string) => String(ids[name] ?? 1))}`;
}

const operations = (method: string) =>
  Object.entries(doc.paths).flatMap(([p, ops]) => (ops[method] ? [{ path: p, op: ops[method] }] : []));

function expectHardened(res: Response, what: string, opts: { docs?: boolean; production?: boolean } = {}) {
  const csp = res.headers.get("Content-Security-Policy") ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'self'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toContain("base-uri 'self'");
  expect(csp, what).toContain("form-action 'self'");
  expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
  if (!opts.docs) expect(csp, what).toContain("style-src 'self';");
  expect(res.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(res.headers.get("Referrer-Policy"), what).toBe("no-referrer");
  expect(res.headers.get("X-Request-Id"), what).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  if (opts.production) expect(res.headers.get("Strict-Transport-Security"), what).toMatch(/max-age=(\d{8,})/);
  else expect(res.headers.get("Strict-Transport-Security"), what).toBeNull();
  if (opts.production) {
    const age = Number(/max-age=(\d+)/.exec(res.headers.get("Strict-Transport-Security") ?? "")?.[1]);
    expect(age, what).toBeGreaterThanOrEqual(31_536_000);
  }
}

/** An own property's value, read without going through the `__proto__` accessor. */
const ownValue = (o: object, key: string): unknown => Object.getOwnPropertyDescriptor(o, key)?.value;

/** A raw request on the real port, so the body framing (Content-Length or chunked) is what we say. */
function rawRequest(
  pathname: string,
  headers: Record<string, string>,
  chunks: Buffer[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${pathname}`, { method: "POST", headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (d) => {
        body += String(d);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    // The server may answer 413 and close before the whole body is written.
    req.on("error", (error: NodeJS.ErrnoException) =>
      error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error),
    );
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe("headers on every answer", () => {
  it("on API answers, errors and not-founds (app.request, development: no HSTS)", async () => {
    const cases: [string, Promise<Response>][] = [
      ["health", api.request("/api/health")],
      ["signed-in list", api.request("/api/tasks", { cookie: admin })],
      ["401", api.request("/api/tasks")],
      ["404 API", api.request("/api/nothing-here", { cookie: admin })],
      ["403 origin", api.request("/api/auth/logout", { method: "POST", headers: { Origin: "https://evil.example" } })],
      ["400", api.request("/api/auth/login", { method: "POST", json: {} })],
      ["openapi", api.request("/api/openapi.json")],
    ];
    for (const [what, pending] of cases) {
      const res = await pending;
      expectHardened(res, what);
      // API answers are never cached, refusals included.
      expect(res.headers.get("Cache-Control"), what).toBe("no-store");
    }
  });

  it("on the API reference with its own policy, and the reference loads only from here", async () => {
    const page = await api.request("/api/docs");
    expectHardened(page, "docs", { docs: true });
    const html = await page.text();
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src[1]).toMatch(/^\/api\/docs\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expectHardened(await api.request("/api/docs/init.js"), "docs init", { docs: true });
  });

  it("on a real port in production: HSTS, static files, the SPA shell and non-API not-founds", async () => {
    const paths = ["/api/health", "/api/tasks", "/api/nope", "/", "/tasks/12", "/assets/app-1.js", "/favicon.svg"];
    for (const p of paths) expectHardened(await fetch(`${base}${p}`), p, { production: true });
    const shell = await fetch(`${base}/tasks/12`);
    expect(shell.status).toBe(200);
    expect(await shell.text()).toContain('<div id="root">');
    const asset = await fetch(`${base}/assets/app-1.js`);
    expect(asset.headers.get("Cache-Control")).toContain("immutable");
    const posted = await fetch(`${base}/somewhere`, { method: "POST", headers: { Origin: base } });
    expectHardened(posted, "POST to a web path", { production: true });
    expectHardened(await fetch(`${base}/api/docs`), "docs", { docs: true, production: true });
  });

  it("echoes a sane X-Request-Id and replaces one that is not", async () => {
    const kept = await api.request("/api/health", { headers: { "X-Request-Id": "edge-4f2a_9" } });
    expect(kept.headers.get("X-Request-Id")).toBe("edge-4f2a_9");
    for (const bad of ["a".repeat(65), "id with spaces", "x\u00e9"]) {
      const res = await api.request("/api/health", { headers: { "X-Request-Id": bad } });
      expect(res.headers.get("X-Request-Id")).not.toBe(bad);
      expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe("cross-site requests", () => {
  const login = (headers: Record<string, string>) =>
    api.request("/api/auth/login", {
      method: "POST",
      headers,
      json: { email: "admin@test.vn", password: "wrong-password-here" },
    });

  it("refuses Sec-Fetch-Site cross-site and same-site even with our own Origin", async () => {
    for (const site of ["cross-site", "same-site", "none"]) {
      const res = await login({ Origin: ORIGIN, "Sec-Fetch-Site": site });
      expect(res.status, site).toBe(403);
      expect((await res.json()).code).toBe("FOREIGN_ORIGIN");
    }
    // The same request from the app itself reaches the sign-in (and fails on the password).
    expect((await login({ Origin: ORIGIN, "Sec-Fetch-Site": "same-origin" })).status).toBe(401);
    expect((await login({ Origin: ORIGIN })).status).toBe(401);
  });

  it("refuses a foreign or missing Origin", async () => {
    expect((await login({ Origin: "https://evil.example" })).status).toBe(403);
    const none = await api.app.request("/api/auth/logout", { method: "POST" });
    expect(none.status).toBe(403);
  });

  it("lets a configured trusted origin through, which the browser calls same-site", async () => {
    const app = buildApp({
      db: api.db,
      databaseKind: api.handle.kind,
      filesDir: api.filesDir,
      trustedOrigins: ["https://khcn.example.gov.vn"],
    });
    const res = await app.request("/api/auth/login", {
      method: "POST",
      headers: {
        Origin: "https://khcn.example.gov.vn",
        "Sec-Fetch-Site": "same-site",
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ email: "admin@test.vn", password: "wrong-password-here" }),
    });
    expect(res.status).toBe(401);
  });
});

describe("media types", () => {
  const body = JSON.stringify({ email: "admin@test.vn", password: PASSWORD });

  it("refuses a JSON route's body sent as text/plain, a form or multipart (the form-post CSRF trick) with 415", async () => {
    const form = new FormData();
    form.append("email", "admin@test.vn");
    const attempts: [string, RequestInit][] = [
      ["text/plain", { body, headers: { "Content-Type": "text/plain;charset=UTF-8" } }],
      [
        "urlencoded",
        { body: "email=admin%40test.vn", headers: { "Content-Type": "application/x-www-form-urlencoded" } },
      ],
      ["multipart", { body: form }],
    ];
    for (const [what, init] of attempts) {
      const res = await api.request("/api/auth/login", { method: "POST", ...init });
      expect(res.status, what).toBe(415);
      expect((await res.json()).code, what).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    // Not signed in by any of them.
    expect(
      await api.db.selectFrom("audit_log").where("action", "=", "auth.sign_in").select("id").execute(),
    ).toHaveLength(1);
  });

  it("refuses a body without a type on the real port, and takes JSON with a charset or no body at all", async () => {
    const untyped = await rawRequest(
      "/api/auth/login",
      { Origin: base, "Content-Length": String(Buffer.byteLength(body)) },
      [Buffer.from(body)],
    );
    expect(untyped.status).toBe(415);
    const typed = await api.request("/api/auth/login", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expect(typed.status).toBe(200);
    const logout = await fetch(`${base}/api/auth/logout`, { method: "POST", headers: { Origin: base } });
    expect(logout.status).not.toBe(415);
    expect(logout.status).toBeLessThan(300);
  });
});

describe("input", () => {
  it("every JSON request body in the OpenAPI document is closed (additionalProperties: false, nested too)", () => {
    const schemas = doc.components?.schemas ?? {};
    const resolve = (s: unknown): Record<string, unknown> => {
      let node = s as Record<string, unknown>;
      while (typeof node.$ref === "string") node = schemas[node.$ref.split("/").pop() ?? ""] as Record<string, unknown>;
      return node;
    };
    const open: string[] = [];
    const walk = (s: unknown, where: string, depth: number) => {
      const node = resolve(s);
      if (depth > 8) return;
      if (node.properties && node.additionalProperties !== false) open.push(where);
      for (const [k, v] of Object.entries((node.properties as Record<string, unknown>) ?? {}))
        walk(v, `${where}.${k}`, depth + 1);
      for (const key of ["anyOf", "oneOf", "allOf"])
        for (const [i, v] of ((node[key] as unknown[]) ?? []).entries()) walk(v, `${where}|${i}`, depth + 1);
      if (node.items) walk(node.items, `${where}[]`, depth + 1);
    };
    let bodies = 0;
    for (const method of ["post", "put", "patch", "delete"])
      for (const { path: p, op } of operations(method)) {
        const json = op.requestBody?.content["application/json"];
        if (!json) continue;
        bodies++;
        walk(json.schema, `${method.toUpperCase()} ${p}`, 0);
      }
    expect(bodies).toBeGreaterThan(20);
    expect(open).toEqual([]);
  });

  it("every route with a JSON body answers an unknown key with 400 naming it, and never accepts it", async () => {
    const outcomes: string[] = [];
    let named = 0;
    for (const method of ["post", "put", "patch", "delete"])
      for (const { path: p, op } of operations(method)) {
        if (!op.requestBody?.content["application/json"]) continue;
        const send = (cookie: string) =>
          api.request(fillPath(p), { method: method.toUpperCase(), cookie, json: { zzUnknownField: 1 } });
        // Staff propose tasks; administrators do the rest.
        let res = await send(admin);
        if (res.status === 403) res = await send(await staff());
        const what = `${method.toUpperCase()} ${p} → ${res.status}`;
        expect(res.status, what).toBeGreaterThanOrEqual(400);
        expect(res.status, what).toBeLessThan(500);
        const body = (await res.json()) as { fields?: Record<string, string> };
        // A body that is a union by `kind` fails on the missing kind before its keys are looked at.
        if (body.fields?.zzUnknownField === "Unknown field") named++;
        outcomes.push(`${what} ${Object.keys(body.fields ?? {}).join(",")}`);
      }
    // The two others are unions (by `kind`, or person-or-new-person) refused on the missing
    // choice before their keys are looked at; the closed-schema walk above covers them.
    expect(named, outcomes.join("\n")).toBeGreaterThanOrEqual(outcomes.length - 2);
  });

  it("treats __proto__ and constructor.prototype as unknown keys and pollutes nothing", async () => {
    const raw =
      '{"email":"admin@test.vn","password":"x","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    const res = await api.request("/api/auth/login", {
      method: "POST",
      body: raw,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    const body = JSON.parse(await res.text()) as { fields: Record<string, string> };
    expect(Object.hasOwn(body.fields, "__proto__")).toBe(true);
    expect(ownValue(body.fields, "__proto__")).toBe("Unknown field");
    expect(body.fields.constructor).toBe("Unknown field");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");

    // A write route too: a task created with a __proto__ key is refused, and nothing is created.
    const before = await api.db.selectFrom("task").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    const create = await api.request("/api/tasks", {
      method: "POST",
      cookie: await staff(),
      body: '{"title":"Thử","kind":"de_tai","field":"natural","__proto__":{"isAdmin":true}}',
      headers: { "Content-Type": "application/json" },
    });
    expect(create.status).toBe(400);
    expect(ownValue((await create.json()).fields, "__proto__")).toBe("Unknown field");
    const after = await api.db.selectFrom("task").select(sql<number>`count(*)::int`.as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(Object.prototype).not.toHaveProperty("isAdmin");
  });

  it("caps every page size: each limit/pageSize has a maximum, and a huge one is refused with 400", async () => {
    const capped: string[] = [];
    for (const { path: p, op } of operations("get"))
      for (const param of op.parameters ?? []) {
        if (param.in !== "query" || !/^(limit|pageSize|perPage|size|take)$/.test(param.name)) continue;
        expect(param.schema?.maximum, `${p} ${param.name}`).toBeLessThanOrEqual(500);
        const res = await api.request(`${fillPath(p)}?${param.name}=1000000`, { cookie: admin });
        expect(res.status, `${p}?${param.name}`).toBe(400);
        expect((await res.json()).fields, `${p}?${param.name}`).toHaveProperty(param.name);
        capped.push(`${p}?${param.name}`);
      }
    expect(capped).toEqual(expect.arrayContaining(["/tasks?pageSize", "/notifications?limit"]));
  });
});

describe("body limits", () => {
  const big = Buffer.alloc(2 * 1024 * 1024, " ");
  const json = Buffer.concat([Buffer.from('{"email":"a@b.vn","password":"'), big, Buffer.from('"}')]);

  it("answers an oversized JSON body announced by Content-Length with 413", async () => {
    const res = await rawRequest(
      "/api/auth/login",
      { Origin: base, "Content-Type": "application/json", "Content-Length": String(json.byteLength) },
      [json],
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("answers an oversized chunked body (no Content-Length) with 413", async () => {
    const chunks = Array.from({ length: 40 }, (_, i) => json.subarray(i * 65_536, (i + 1) * 65_536)).filter(
      (c) => c.byteLength > 0,
    );
    const res = await rawRequest(
      "/api/auth/login",
      { Origin: base, "Content-Type": "application/json", "Transfer-Encoding": "chunked" },
      chunks,
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("applies the limit to every JSON route, not only sign-in", async () => {
    const res = await api.request(fillPath("/tasks/{id}"), {
      method: "PATCH",
      cookie: admin,
      body: json,
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(413);
  });
});

describe("uploads and downloads", () => {
  const upload = (content: string, name: string) => {
    const form = new FormData();
    form.append("file", new Blob([content]), name);
    return api.request("/api/files", { method: "POST", cookie: admin, body: form });
  };

  it("refuses an HTML page named .pdf: the content decides, not the name", async () => {
    const res = await upload("<!doctype html><html><script>alert(document.cookie)</script></html>", "quyết định.pdf");
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe("UNSUPPORTED_FILE_TYPE");
  });

  it("keeps files outside the web root and hands them back as attachments named per RFC 6266/5987", async () => {
    const name = "Biên bản (lần 2) của ông O'Neil; đợt 1.pdf";
    const stored = await upload(`%PDF-1.7\n${"x".repeat(2_000)}\n%%EOF\n`, name);
    expect(stored.status).toBe(201);
    const { id } = await stored.json();
    // Nothing under the web app's paths serves it: only the API route with a session does.
    expect((await fetch(`${base}/files/${id}`)).headers.get("Content-Type")).toContain("text/html");
    const res = await api.request(`/api/files/${id}`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const disposition = res.headers.get("Content-Disposition") ?? "";
    expect(disposition).toMatch(/^attachment; /);
    const ascii = /filename="([^"]*)"/.exec(disposition)?.[1];
    expect(ascii).toMatch(/^[\x20-\x7e]+$/);
    expect(ascii).toContain("Bien ban");
    const star = /filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1] ?? "";
    expect(star).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(decodeURIComponent(star)).toBe(name);
  });
});

describe("reading never writes", () => {
  /** Row count and a checksum of every table; sessions by id only (their last use may move). */
  async function snapshot(): Promise<Record<string, string>> {
    const tables = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(api.db);
    const out: Record<string, string> = {};
    for (const { name } of tables.rows) {
      const row = name === "session" ? sql.raw("t.id::text") : sql.raw("t::text");
      const r = await sql<{ n: number; h: string }>`
        select count(*)::int as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as h
        from ${sql.table(name)} t`.execute(api.db);
      out[name] = `${r.rows[0]?.n}:${r.rows[0]?.h}`;
    }
    return out;
  }

  it("walks every GET route of the OpenAPI document as an administrator and nothing changes", async () => {
    const before = await snapshot();
    const seen: string[] = [];
    for (const { path: p, op } of operations("get")) {
      const required = (op.parameters ?? []).filter((q) => q.in === "query" && "required" in q && q.required);
      const query = required.map((q) => `${q.name}=1`).join("&");
      const res = await api.request(`${fillPath(p)}${query ? `?${query}` : ""}`, { cookie: admin });
      expect(res.status, p).toBeLessThan(500);
      await res.arrayBuffer();
      seen.push(`${p} ${res.status}`);
    }
    for (const extra of ["/api/openapi.json", "/api/docs", "/api/auth/me"])
      await (await api.request(extra, { cookie: admin })).arrayBuffer();
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((s) => s.endsWith(" 200")).length).toBeGreaterThan(15);
    expect(await snapshot()).toEqual(before);
  });
});
