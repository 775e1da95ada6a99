import { readdirSync } from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import {
  brokenRegister,
  hundredTaskRegister,
  largeCsv,
  mergedRegister,
  registerCsv,
  registerForm,
  registerRows,
  registerXlsx,
  wrongColumnsRegister,
} from "./import-fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
let staff: string;

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  staff = await api.signIn("staff@test.vn", PASSWORD);
});
afterAll(() => api.close());

interface Batch {
  id: number;
  status: string;
  counts: Record<string, number>;
  creates: { organisations: string[]; people: { fullName: string }[] };
  canCommit: boolean;
  progress: { done: number; total: number; state: string } | null;
  result: { created: number; tasks: { id: number; code: string }[] } | null;
  rows: {
    rowNumber: number;
    status: string;
    skipped: boolean;
    issues: { column: string; cell: string | null; code: string }[];
    differences: { field: string }[];
    cells: Record<string, unknown>;
  }[];
  rowTotal: number;
}

const upload = (content: Uint8Array, name: string, cookie = staff) =>
  api.request("/api/imports", { method: "POST", cookie, body: registerForm(content, name) });
const preview = async (id: number, query = "pageSize=500") =>
  (await (await api.request(`/api/imports/${id}?${query}`, { cookie: staff })).json()) as Batch;
const commit = (id: number, key?: string) =>
  api.request(`/api/imports/${id}/commit`, {
    method: "POST",
    cookie: staff,
    ...(key ? { headers: { "Idempotency-Key": key } } : {}),
  });
const taskCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from task`.execute(api.db)).rows[0]?.n);
const filesOnDisk = () => readdirSync(api.filesDir).length;
const themeCode = () => portfolio.themes.crops.code;

describe("importing a register", () => {
  let firstBatch: number;

  it("reads a 100-task XLSX into a preview, then imports it whole with its budget, themes and audit", async () => {
    const before = await taskCount();
    const res = await upload(await hundredTaskRegister(themeCode()), "danh-muc.xlsx");
    expect(res.status).toBe(201);
    const batch = (await res.json()) as Batch;
    firstBatch = batch.id;
    expect(batch.counts).toMatchObject({ total: 100, new: 100, error: 0, unchanged: 0, conflict: 0, skipped: 0 });
    expect(batch.canCommit).toBe(true);
    expect(batch.creates.organisations.sort()).toEqual([
      "Công ty TNHH Thủy sản Kim Sơn",
      "Trung tâm Ứng dụng tiến bộ KH&CN tỉnh",
    ]);
    expect(batch.creates.people.map((p) => p.fullName)).toContain("Phạm Thu Hà");
    expect(batch.creates.people.map((p) => p.fullName)).not.toContain("Nguyễn Văn An");
    expect(await taskCount()).toBe(before);

    const committed = await commit(batch.id, "commit-hundred-1");
    expect(committed.status).toBe(200);
    const result = (await committed.json()) as { created: number; tasks: { id: number; code: string }[] };
    expect(result.created).toBe(100);
    expect(await taskCount()).toBe(before + 100);

    const progress = await api.request(`/api/imports/${batch.id}/progress?key=commit-hundred-1`);
    expect(await progress.json()).toEqual({ done: 100, total: 100, state: "done" });
    expect((await api.request(`/api/imports/${batch.id}/progress?key=someone-else`)).status).toBe(404);

    const first = await api.db.selectFrom("task").selectAll().where("code", "=", "NK.003").executeTakeFirstOrThrow();
    expect(first).toMatchObject({
      stage: "in_progress",
      kind: "de_an",
      start_date: "2025-10-01",
      end_date: "2026-12-31",
      total_budget: "771000000",
      state_budget: "771000000",
      managing_unit_id: portfolio.department.id,
    });
    expect(first.search_text).toContain("nk.003 nhiem vu so 3");
    const lines = await api.db
      .selectFrom("budget_line")
      .select(["source", "year", "category", "amount"])
      .where("task_id", "=", first.id)
      .orderBy("year")
      .execute();
    expect(lines).toEqual([
      { source: "state", year: 2025, category: null, amount: "421000000" },
      { source: "state", year: 2026, category: null, amount: "350000000" },
    ]);
    const project = await api.db.selectFrom("task").selectAll().where("code", "=", "NK.002").executeTakeFirstOrThrow();
    expect(project).toMatchObject({ kind: "du_an_sxtn", stage: "approved", state_budget: "735500000" });
    const themes = await api.db.selectFrom("task_theme").select("theme_id").where("task_id", "=", first.id).execute();
    expect(themes).toEqual([{ theme_id: portfolio.themes.crops.id }]);
    const team = await api.db.selectFrom("task_member").select(["role"]).where("task_id", "=", first.id).execute();
    expect(team).toEqual([{ role: "pi" }]);

    const audit = await api.db
      .selectFrom("audit_log")
      .select(["action", (eb) => eb.fn.countAll<string>().as("n")])
      .where("action", "in", ["task.imported", "import.committed", "organisation.created"])
      .groupBy("action")
      .orderBy("action")
      .execute();
    expect(audit.map((a) => [a.action, Number(a.n)])).toEqual([
      ["import.committed", 1],
      ["organisation.created", 2],
      ["task.imported", 100],
    ]);
    const after = await preview(batch.id, "pageSize=5");
    expect(after.status).toBe("committed");
    expect(after.result?.created).toBe(100);
  });

  it("replays the commit for the same key and refuses to commit a committed batch again", async () => {
    const replay = await commit(firstBatch, "commit-hundred-1");
    expect(replay.status).toBe(200);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const again = await commit(firstBatch);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("IMPORT_CLOSED");
  });

  it("adds nothing when the same file comes again, and lists changed rows as conflicts without applying them", async () => {
    const before = await taskCount();
    const same = (await (await upload(await hundredTaskRegister(themeCode()), "danh-muc.xlsx")).json()) as Batch;
    expect(same.counts).toMatchObject({ total: 100, new: 0, unchanged: 100, conflict: 0, error: 0 });
    expect(same.creates).toEqual({ organisations: [], people: [] });
    const res = await commit(same.id, "commit-hundred-2");
    expect(res.status).toBe(200);
    expect(((await res.json()) as { created: number }).created).toBe(0);
    expect(await taskCount()).toBe(before);

    const rows = registerRows(3, { themeCode: themeCode() });
    (rows[0] as { title: string }).title = "Tên đã đổi trong tệp";
    const changed = (await (await upload(await registerXlsx(rows), "doi.xlsx")).json()) as Batch;
    expect(changed.counts).toMatchObject({ conflict: 1, unchanged: 2 });
    expect(changed.rows[0]?.differences.map((d) => d.field)).toEqual(["title"]);
    expect((await commit(changed.id)).status).toBe(200);
    const kept = await api.db.selectFrom("task").select("title").where("code", "=", "NK.001").executeTakeFirstOrThrow();
    expect(kept.title).not.toBe("Tên đã đổi trong tệp");
  });

  it("shows each error by row and cell, refuses to commit until rows are fixed or skipped", async () => {
    const before = await taskCount();
    const res = await upload(await brokenRegister(themeCode()), "co-loi.xlsx");
    expect(res.status).toBe(201);
    const batch = (await res.json()) as Batch;
    expect(batch.counts).toMatchObject({ total: 10, error: 5, new: 5 });
    const issues = batch.rows.flatMap((r) => r.issues.map((i) => [r.rowNumber, i.cell, i.code]));
    expect(issues).toEqual([
      [2, "A2", "DUPLICATE_CODE_IN_FILE"],
      [3, "G3", "UNKNOWN_THEME"],
      [5, "I5", "DATE_ORDER"],
      [7, "K7", "AMOUNT_TEXT"],
      [9, "A9", "DUPLICATE_CODE_IN_FILE"],
    ]);
    expect(batch.canCommit).toBe(false);

    const refused = await commit(batch.id);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("IMPORT_NOT_READY");
    expect(await taskCount()).toBe(before);

    const fix = (row: number, cells: Record<string, string | null>) =>
      api.request(`/api/imports/${batch.id}/rows/${row}`, { method: "PATCH", cookie: staff, json: { cells } });
    const fixed = await fix(3, { themes: themeCode() });
    expect(fixed.status).toBe(200);
    expect(((await fixed.json()) as { status: string }).status).toBe("new");
    expect((await fix(5, { startDate: "01/10/2025", endDate: "31/12/2026" })).status).toBe(200);
    const stillWrong = await fix(7, { totalBudget: "-5" });
    expect(((await stillWrong.json()) as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual([
      "AMOUNT_NEGATIVE",
    ]);
    expect((await fix(7, { totalBudget: "1.150,5" })).status).toBe(200);
    expect((await fix(7, { nothing: "x" })).status).toBe(400);

    const skip = await api.request(`/api/imports/${batch.id}/rows/9/skip`, {
      method: "POST",
      cookie: staff,
      json: { skipped: true },
    });
    expect(skip.status).toBe(200);
    const ready = await preview(batch.id);
    expect(ready.counts).toMatchObject({ error: 0, new: 9, skipped: 1 });
    expect(ready.canCommit).toBe(true);
    const done = await commit(batch.id);
    expect(done.status).toBe(200);
    expect(((await done.json()) as { created: number }).created).toBe(9);
    expect(await taskCount()).toBe(before + 9);
    const edited = await api.db
      .selectFrom("task")
      .select(["total_budget"])
      .where("code", "=", "LOI.006")
      .executeTakeFirstOrThrow();
    expect(edited.total_budget).toBe("1150500000");
  });

  it("reads a CSV register", async () => {
    const res = await upload(await registerCsv(registerRows(5, { prefix: "CSV" })), "danh-muc.csv");
    expect(res.status).toBe(201);
    const batch = (await res.json()) as Batch;
    expect(batch.counts).toMatchObject({ total: 5, new: 5, error: 0 });
  });

  it("undoes everything when a late row fails in the database", async () => {
    await sql`create function refuse_late_row() returns trigger language plpgsql as $$
      begin raise exception 'late failure'; end $$`.execute(api.db);
    await sql`create trigger refuse_late_row before insert on task for each row
      when (new.code = 'TRE.020') execute function refuse_late_row()`.execute(api.db);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const rows = registerRows(20, { prefix: "TRE" }).map((r, i) => ({
        ...r,
        host: i === 0 ? "Hợp tác xã Mới Lập" : r.host,
        pi: i === 0 ? "TS. Người Hoàn Toàn Mới" : r.pi,
      }));
      const batch = (await (await upload(await registerXlsx(rows), "tre.xlsx")).json()) as Batch;
      expect(batch.counts.new).toBe(20);
      const [tasks, orgs, people, audits] = [
        await taskCount(),
        await count("organisation"),
        await count("person"),
        await count("audit_log"),
      ];
      const res = await commit(batch.id);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { code: string; fields: Record<string, string> };
      expect(body.code).toBe("IMPORT_ROW_FAILED");
      expect(body.fields.row).toBe("21");
      expect(await taskCount()).toBe(tasks);
      expect(await count("organisation")).toBe(orgs);
      expect(await count("person")).toBe(people);
      expect(await count("audit_log")).toBe(audits);
      expect((await preview(batch.id, "pageSize=1")).status).toBe("preview");
      expect(warn).toHaveBeenCalled();
    } finally {
      await sql`drop trigger refuse_late_row on task`.execute(api.db);
    }
  });
});

const count = async (table: "organisation" | "person" | "audit_log") =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(api.db)).rows[0]?.n);

describe("files that are not registers", () => {
  const refusal = async (res: Response) =>
    (await res.json()) as { code: string; message: string; details?: { problem: Record<string, unknown> } };

  it("names the missing and unknown columns", async () => {
    const files = filesOnDisk();
    const res = await upload(await wrongColumnsRegister(), "sai-cot.xlsx");
    expect(res.status).toBe(422);
    const body = await refusal(res);
    expect(body.code).toBe("IMPORT_FILE_INVALID");
    expect(body.details?.problem).toMatchObject({
      code: "COLUMNS",
      headerRow: 1,
      missing: [
        { key: "pi", header: "Chủ nhiệm" },
        { key: "totalBudget", header: "Tổng kinh phí" },
      ],
      unknown: [{ letter: "F", header: "Người liên hệ" }],
    });
    expect(filesOnDisk()).toBe(files);
  });

  it("refuses merged cells in the table, naming the range", async () => {
    const res = await upload(await mergedRegister(), "gop-o.xlsx");
    expect(res.status).toBe(422);
    const body = await refusal(res);
    expect(body.details?.problem).toEqual({ code: "MERGED_CELLS", ranges: ["B4:C4"] });
    expect(body.message).toContain("B4:C4");
  });

  it("refuses more rows than the limit, and files over the size limit", async () => {
    const many = await upload(largeCsv(5001), "lon.csv");
    expect(many.status).toBe(422);
    expect((await refusal(many)).details?.problem).toEqual({ code: "TOO_MANY_ROWS", maxRows: 5000 });
    const big = new Uint8Array(5 * 1024 * 1024 + 10).fill(65);
    const tooBig = await upload(big, "qua-lon.csv");
    expect(tooBig.status).toBe(413);
  });

  it("judges the type by content", async () => {
    const pdf = new TextEncoder().encode(`%PDF-1.7\n${"x".repeat(5000)}\n%%EOF\n`);
    const res = await upload(pdf, "danh-muc.xlsx");
    expect(res.status).toBe(415);
    expect((await refusal(res)).message).toContain("PDF");
    const latin1 = new Uint8Array([...new TextEncoder().encode("Mã nhiệm vụ,Tên\n"), 0xe0, 0x0a]);
    const notUtf8 = await upload(latin1, "cu.csv");
    expect(notUtf8.status).toBe(422);
    expect((await refusal(notUtf8)).details?.problem).toEqual({ code: "NOT_UTF8" });
  });
});

describe("who may import", () => {
  it("lets only staff and administrators in, and hides a unit's batch from others", async () => {
    const head = await api.signIn("head@test.vn", PASSWORD);
    const pi = await api.signIn("pi@test.vn", PASSWORD);
    const file = await registerXlsx(registerRows(1, { prefix: "QUYEN" }));
    expect((await upload(file, "a.xlsx", head)).status).toBe(403);
    expect((await upload(file, "a.xlsx", pi)).status).toBe(403);
    const batch = (await (await upload(file, "a.xlsx")).json()) as Batch;
    expect((await api.request(`/api/imports/${batch.id}`, { cookie: head })).status).toBe(404);
    const admin = await api.signIn("admin@test.vn", PASSWORD);
    expect((await api.request(`/api/imports/${batch.id}`, { cookie: admin })).status).toBe(200);
  });

  it("offers the sample register, which imports cleanly", async () => {
    const res = await api.request("/api/imports/template?format=xlsx", { cookie: staff });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toContain("mau-danh-muc-nhiem-vu.xlsx");
    const sample = new Uint8Array(await res.arrayBuffer());
    const batch = (await (await upload(sample, "mau.xlsx")).json()) as Batch;
    expect(batch.counts).toMatchObject({ total: 2, new: 2, error: 0 });
    const csv = await api.request("/api/imports/template?format=csv", { cookie: staff });
    const csvBatch = (await (await upload(new Uint8Array(await csv.arrayBuffer()), "mau.csv")).json()) as Batch;
    expect(csvBatch.counts).toMatchObject({ total: 2, error: 0 });
  });
});
