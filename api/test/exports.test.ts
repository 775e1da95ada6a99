import { readSheet } from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dashboard } from "../src/dashboard/schemas.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  await api.db
    .insertInto("budget_line")
    .values([
      { task_id: portfolio.tasks.rice.id, source: "state", year: 2024, category: null, amount: "600000000" },
      { task_id: portfolio.tasks.rice.id, source: "state", year: 2025, category: null, amount: "400000000" },
      { task_id: portfolio.tasks.rice.id, source: "other", year: 2025, category: null, amount: "250500000" },
    ])
    .execute();
  for (const who of ["staff", "head", "pi"]) cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  // Building the portfolio and signing several people in (argon2) is slow on a loaded machine.
}, 180_000);
afterAll(() => api.close());

const get = (path: string, who = "head") => api.request(path, { cookie: cookie[who] ?? null });

async function xlsxRows(res: Response) {
  expect(res.status, res.status === 200 ? "" : await res.clone().text()).toBe(200);
  return readSheet(Buffer.from(await res.arrayBuffer()));
}

describe("GET /api/tasks/export", () => {
  it("writes the filtered task list as XLSX with Vietnamese headers, real numbers and real dates", async () => {
    const res = await get("/api/tasks/export?format=xlsx&stage=in_progress,closed&sort=code");
    expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const rows = await xlsxRows(res);
    expect(rows[0]?.slice(0, 5)).toEqual(["Mã nhiệm vụ", "Tên nhiệm vụ", "Loại nhiệm vụ", "Lĩnh vực", "Giai đoạn"]);
    const header = rows[0] ?? [];
    const col = (name: string) => header.indexOf(name);
    // In code order: DA.2022.03 (closed), then ĐT.2024.01 (in progress); the proposal is filtered out.
    expect(rows.slice(1).map((r) => r[0])).toEqual(["DA.2022.03", "ĐT.2024.01"]);
    const rice = rows[2] ?? [];
    expect(rice[col("Giai đoạn")]).toBe("Đang thực hiện");
    expect(rice[col("Tỉnh cũ")]).toBe("Nam Định");
    expect(rice[col("Tổng kinh phí (đồng)")]).toBe(1_250_500_000);
    const end = rice[col("Ngày kết thúc")] as unknown as Date;
    expect(end).toBeInstanceOf(Date);
    expect(end.toISOString().slice(0, 10)).toBe("2025-12-31");
  });

  it("lists the same tasks as the list's page for the same filters, within the person's scope", async () => {
    const list = await (await get("/api/tasks?field=agricultural&pageSize=100", "pi")).json();
    const rows = await xlsxRows(await get("/api/tasks/export?field=agricultural", "pi"));
    expect(rows.length - 1).toBe(list.total);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((t: { code: string }) => t.code));
    // The PI works on the rice and cattle tasks only.
    expect(list.total).toBe(2);
  });

  it("writes CSV as UTF-8 with a BOM, ISO dates and plain integers", async () => {
    const res = await get("/api/tasks/export?format=csv&q=giong%20lua");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines[0]).toMatch(/^Mã nhiệm vụ,Tên nhiệm vụ,/);
    expect(lines[1]).toBe(
      "ĐT.2024.01,Chọn tạo giống lúa chất lượng cao chịu mặn,Đề tài,Khoa học nông nghiệp,Đang thực hiện,TS. Nguyễn Văn An,Viện Cây lương thực,Nam Định,Giống cây trồng,2024-01-01,2025-12-31,1250500000",
    );
    expect(lines).toHaveLength(3);
  });

  it("refuses an unknown format or filter and a visitor who is not signed in", async () => {
    expect((await get("/api/tasks/export?format=pdf")).status).toBe(400);
    expect((await get("/api/tasks/export?stage=nowhere")).status).toBe(400);
    expect((await api.request("/api/tasks/export")).status).toBe(401);
  });
});

describe("GET /api/dashboard/export", () => {
  it("writes the money table with the dashboard's own figures and a totals row", async () => {
    const dashboard = (await (await get("/api/dashboard")).json()) as Dashboard;
    const rows = await xlsxRows(await get("/api/dashboard/export?table=money&format=xlsx"));
    expect(rows[0]?.[0]).toBe("Năm ngân sách");
    expect(rows.slice(1).map((r) => [r[0], r[1]])).toEqual([
      ...dashboard.money.map((m) => [m.year, Number(m.plan)]),
      ["Tổng cộng", Number(dashboard.moneyTotals.plan)],
    ]);
    expect(rows[2]?.[1]).toBe(650_500_000);
  });

  it("writes the stage counts as CSV and is refused to a PI", async () => {
    const res = await get("/api/dashboard/export?table=stages&format=csv", "staff");
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Giai đoạn,Số nhiệm vụ\r\n");
    expect(text).toContain("Đang thực hiện,1\r\n");
    expect((await get("/api/dashboard/export?table=stages", "pi")).status).toBe(403);
    expect((await get("/api/dashboard/export?table=nothing")).status).toBe(400);
  });
});
