import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { readSheet } from "read-excel-file/node";
import { apiAs, uniqueDocumentNumber } from "./api.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { inProgressTask } from "./running-task.ts";

/*
 * A running demo task's money: staff read the plan and the figures by year, are refused an advance
 * beyond the year's allocation at the amount, record one within it and see the outstanding advance
 * grow; the plan downloads as a spreadsheet with real numbers; the head reads the tab, unable to change it.
 */

interface Budget {
  totalBudget: string;
  stateBudget: string;
  lines: { source: string; year: number; amount: string }[];
  movements: { kind: string; year: number; source: string; amount: string }[];
  years: { year: number; outstandingAdvance: string }[];
}

const YEAR = 2026;
/** 1.234.567.000 — whole đồng as the tab shows them in Vietnamese with the đồng unit. */
const grouped = (dong: bigint) => dong.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ".");

/** A running demo task whose state allocation for the year still has room for an advance. */
async function taskWithRoom(
  api: APIRequestContext,
): Promise<{ id: number; code: string; budget: Budget; room: bigint }> {
  const list = await api.get("/api/tasks?stage=in_progress&pageSize=100&sort=code&order=asc");
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: number; code: string; title: string }[] };
  // The demo's own tasks: other tests make running tasks of their own, titled "E2E …".
  for (const task of items.filter((t) => !t.title.startsWith("E2E"))) {
    const response = await api.get(`/api/tasks/${task.id}/budget`);
    expect(response.status()).toBe(200);
    const budget = (await response.json()) as Budget;
    const sum = (kind: string) =>
      budget.movements
        .filter((m) => m.kind === kind && m.year === YEAR && m.source === "state")
        .reduce((a, m) => a + BigInt(m.amount), 0n);
    const room = sum("allocation") - sum("advance");
    if (room >= 5_000_000n) return { ...task, budget, room };
  }
  throw new Error(`No running demo task with room left in its ${YEAR} allocation`);
}

const outstandingCell = (page: Page): Locator =>
  page
    .getByRole("region", { name: "Cấp phát, tạm ứng và quyết toán theo năm" })
    .getByRole("row", { name: new RegExp(`^${YEAR}`) })
    .getByRole("cell")
    .nth(5);

test.describe("budget", () => {
  test.setTimeout(90_000);

  test("staff read the plan, are refused an advance beyond the allocation, record one within it, and export the plan", async ({
    page,
    baseURL,
  }, testInfo) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await taskWithRoom(staff);
    await signIn(page, "staff");
    await page.goto(`/nhiem-vu/${task.id}?tab=kinh-phi`);
    await expect(page.getByRole("tab", { name: "Kinh phí" })).toHaveAttribute("aria-selected", "true");

    // The plan, in đồng: the state table adds up to the approved state budget, and the plan balances.
    const plan = page.getByRole("region", { name: "Dự toán kinh phí" });
    await plan.getByRole("radio", { name: "Đồng", exact: true }).check();
    await expect(plan.getByRole("note")).toHaveText("Dự toán khớp với kinh phí được duyệt.");
    const stateTable = plan.getByRole("region", { name: "Dự toán Ngân sách nhà nước theo năm và nội dung chi" });
    await expect(stateTable.getByRole("row").last()).toContainText(grouped(BigInt(task.budget.stateBudget)));
    const years = [...new Set(task.budget.lines.map((l) => l.year))];
    for (const year of years) {
      await expect(stateTable.getByRole("columnheader", { name: String(year), exact: true })).toBeVisible();
    }

    // Figures by year, with the year's outstanding advance.
    const before = BigInt(task.budget.years.find((y) => y.year === YEAR)?.outstandingAdvance ?? "0");
    await expect(outstandingCell(page)).toHaveText(grouped(before));

    // An advance beyond what is left of the allocation is refused at the amount, with the limit.
    const movements = page.getByRole("region", { name: "Cấp phát, tạm ứng, quyết toán, thu hồi" });
    // Each attempt carries an Idempotency-Key, renewed once the server has answered.
    const keys: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/movements")) keys.push(r.headers()["idempotency-key"] ?? "");
    });
    await movements.getByRole("button", { name: "Ghi nhận khoản kinh phí" }).click();
    const form = page.getByRole("form", { name: "Ghi nhận khoản kinh phí" });
    await form.getByRole("combobox", { name: "Loại", exact: true }).selectOption({ label: "Tạm ứng" });
    await form.getByRole("combobox", { name: "Năm ngân sách" }).selectOption(String(YEAR));
    await form.getByRole("combobox", { name: "Nguồn", exact: true }).selectOption({ label: "Ngân sách nhà nước" });
    const amount = form.getByRole("textbox", { name: /^Số tiền/ });
    await amount.fill(grouped(task.room + 1_000_000n));
    await form.getByLabel("Số văn bản").fill(uniqueDocumentNumber("QĐ", testInfo.parallelIndex));
    await form.getByLabel("Người ký").fill("Trần Quang Vinh");
    await form.getByRole("button", { name: "Ghi nhận", exact: true }).click();
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText(`chỉ còn được tạm ứng tối đa ${grouped(task.room)} đ`)).toBeVisible();
    await expect(amount).toBeFocused();

    // Within it, it is recorded and the year's outstanding advance grows by it.
    await amount.fill("2.500.000");
    await form.getByRole("button", { name: "Ghi nhận", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã ghi nhận khoản tạm ứng 2.500.000 đ." })).toBeVisible();
    await expect(form).toHaveCount(0);
    await expect(outstandingCell(page)).toHaveText(grouped(before + 2_500_000n));
    expect(keys).toHaveLength(2);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(keys[0]).not.toBe(keys[1]);

    // The plan as a spreadsheet: every amount a number, adding up to the approved total.
    const download = page.waitForEvent("download");
    await plan.getByRole("link", { name: "Tải bảng dự toán (XLSX)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const rows = await readSheet(await file.path());
    const header = rows[0] ?? [];
    const column = header.findIndex((cell) => typeof cell === "string" && cell.startsWith("Số tiền"));
    expect(column).toBeGreaterThanOrEqual(0);
    const amounts = rows.slice(1).map((row) => row[column]);
    expect(amounts.length).toBe(task.budget.lines.length);
    for (const value of amounts) expect(typeof value).toBe("number");
    const total = amounts.reduce<bigint>((sum, value) => sum + BigInt(value as number), 0n);
    expect(total).toBe(BigInt(task.budget.totalBudget));
    await staff.dispose();
  });

  test("the head reads the budget tab and cannot change it", async ({ page, baseURL }) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await taskWithRoom(staff);
    await staff.dispose();
    await signIn(page, "head");
    await page.goto(`/nhiem-vu/${task.id}?tab=kinh-phi`);
    const plan = page.getByRole("region", { name: "Dự toán kinh phí" });
    await expect(plan.getByRole("region", { name: /Dự toán Ngân sách nhà nước/ })).toBeVisible();
    await expect(page.getByRole("region", { name: "Cấp phát, tạm ứng và quyết toán theo năm" })).toBeVisible();
    await expect(page.getByText("Bạn chỉ xem được kinh phí")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sửa dự toán" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Ghi nhận khoản kinh phí" })).toHaveCount(0);
    await expect(plan.getByRole("link", { name: "Tải bảng dự toán (XLSX)" })).toBeVisible();
  });

  test("staff write a task's first plan in triệu đồng; an unbalanced plan is refused with the difference shown", async ({
    page,
    baseURL,
  }, testInfo) => {
    const staff = await apiAs("staff", baseURL as string);
    // 1.250,5 triệu đồng in all, 1.000 from the state budget, over 2026–2027.
    const task = await inProgressTask(staff, { label: "Dự toán", workerIndex: testInfo.parallelIndex });
    await staff.dispose();
    await signIn(page, "staff");
    await page.goto(`/nhiem-vu/${task.id}?tab=kinh-phi`);
    const plan = page.getByRole("region", { name: "Dự toán kinh phí" });
    await plan.getByRole("radio", { name: "Triệu đồng" }).check();
    await expect(plan.getByText("Nhiệm vụ chưa có dự toán chi tiết.")).toBeVisible();
    await plan.getByRole("button", { name: "Sửa dự toán" }).click();
    const form = page.getByRole("form", { name: "Sửa dự toán kinh phí" });
    const cell = (source: string, year: number, category: string) =>
      form.getByRole("textbox", { name: `${source}, năm ${year}, ${category}` });
    await cell("Ngân sách nhà nước", 2026, "Tiền công lao động trực tiếp").fill("600");
    await cell("Ngân sách nhà nước", 2027, "Tiền công lao động trực tiếp").fill("400");
    await cell("Nguồn khác", 2026, "Nguyên vật liệu, năng lượng").fill("250");
    await form.getByLabel("Lý do điều chỉnh").fill("Lập dự toán chi tiết theo hợp đồng.");
    await form.getByRole("button", { name: "Lưu dự toán" }).click();
    await expect(form.getByText("Dự toán chưa khớp với kinh phí được duyệt: xem chênh lệch bên dưới.")).toBeVisible();
    await expect(form.getByRole("row", { name: /^Nguồn khác/ })).toContainText("thiếu 0,5 triệu đồng");

    // A mistyped cell is marked before anything is sent.
    await cell("Nguồn khác", 2026, "Nguyên vật liệu, năng lượng").fill("250,5,1");
    await form.getByRole("button", { name: "Lưu dự toán" }).click();
    await expect(cell("Nguồn khác", 2026, "Nguyên vật liệu, năng lượng")).toHaveAttribute("aria-invalid", "true");

    await cell("Nguồn khác", 2026, "Nguyên vật liệu, năng lượng").fill("250,5");
    await expect(form.getByRole("row", { name: /^Tổng cộng các nguồn/ })).toContainText("khớp");
    await form.getByRole("button", { name: "Lưu dự toán" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu dự toán (lần 1)." })).toBeVisible();
    await expect(plan.getByRole("note")).toHaveText("Dự toán khớp với kinh phí được duyệt.");
    const revisions = page.getByRole("region", { name: "Các lần lập và điều chỉnh dự toán" });
    await expect(revisions).toContainText("Lần 1");
    await expect(revisions).toContainText("Lập dự toán chi tiết theo hợp đồng.");
  });
});

test.describe("budget on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("the page keeps its width; the wide tables scroll sideways", async ({ page, baseURL }) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await taskWithRoom(staff);
    await staff.dispose();
    await signIn(page, "staff");
    await page.goto(`/nhiem-vu/${task.id}?tab=kinh-phi`);
    const years = page.getByRole("region", { name: "Cấp phát, tạm ứng và quyết toán theo năm" });
    await expect(years).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await years.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  });
});
