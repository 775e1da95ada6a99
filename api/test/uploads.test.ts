import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let cookie: string;

beforeAll(async () => {
  api = await startTestApi();
  await buildPortfolio(api.db);
  cookie = await api.signIn("staff@test.vn", PASSWORD);
});
afterAll(() => api.close());

const upload = (content: Uint8Array, name: string) => {
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(content)]), name);
  return api.request("/api/files", { method: "POST", cookie, body: form });
};
const filesOnDisk = () => readdirSync(api.filesDir);
const rows = async () =>
  (await api.db.selectFrom("stored_file").select("storage_key").execute()).map((r) => r.storage_key);

// A minimal ZIP archive: an empty end-of-central-directory record after one local header.
const zip = Buffer.from(
  "504b0304140000000000000000000000000000000000000000000100000061" +
    "504b050600000000000000000000000000000000" +
    "0000",
  "hex",
);

describe("uploads", () => {
  it("streams an accepted file to disk under a random name and records it", async () => {
    const pdf = new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(100_000)}\n%%EOF\n`);
    const res = await upload(pdf, "Biên bản kiểm tra.pdf");
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ name: "Biên bản kiểm tra.pdf", contentType: "application/pdf", size: pdf.byteLength });
    expect(filesOnDisk().sort()).toEqual((await rows()).sort());
    expect(filesOnDisk()[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("accepts a ZIP archive by its content", async () => {
    const res = await upload(zip, "minh-chung.zip");
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json()).contentType).toBe("application/zip");
  });

  it("refuses a file over 20 MB with 413 and keeps nothing of it", async () => {
    const before = filesOnDisk().length;
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.7\n"));
    const res = await upload(big, "qua-lon.pdf");
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("PAYLOAD_TOO_LARGE");
    expect(filesOnDisk()).toHaveLength(before);
    expect(filesOnDisk().some((f) => f.endsWith(".partial"))).toBe(false);
  });

  it("refuses a forbidden type renamed to .pdf and removes it from disk", async () => {
    const before = filesOnDisk().length;
    const res = await upload(new TextEncoder().encode("#!/bin/sh\nrm -rf /\n"), "quyet-dinh.pdf");
    expect(res.status).toBe(415);
    expect((await res.json()).code).toBe("UNSUPPORTED_FILE_TYPE");
    expect(filesOnDisk()).toHaveLength(before);
    expect(filesOnDisk().sort()).toEqual((await rows()).sort());
  });

  it("answers a body that is not multipart with 415 and a form without a file with 400", async () => {
    const json = await api.request("/api/files", { method: "POST", cookie, json: { file: "x" } });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append("note", "no file here");
    const empty = await api.request("/api/files", { method: "POST", cookie, body: form });
    expect(empty.status).toBe(400);
    expect((await empty.json()).fields).toHaveProperty("file");
  });
});
