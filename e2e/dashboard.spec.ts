import { readSheet } from "read-excel-file/node";
import { expect, signInOnly, test } from "./fixtures.ts";
import { countStatus, settled, taskTable } from "./task-list-page.ts";

/*
 * The head's morning: the work list after signing in, then the dashboard, a figure opened as the
 * list of its tasks, that list exported to Excel, and a chart read as a table.
 */

interface Figures {
  stages: { stage: string; count: number }[];
  attention: { overdueReports: { count: number } };
}

const STAGE_NAMES: Record<string, string> = {
  proposed: "Đề xuất",
  identified: "Xác định nhiệm vụ",
  selection: "Tuyển chọn/Giao trực tiếp",
  budget_appraisal: "Thẩm định kinh phí",
  approved: "Phê duyệt",
  in_progress: "Đang thực hiện",
  acceptance: "Nghiệm thu",
  recognition: "Hoàn thiện & công nhận",
  registration: "Đăng ký kết quả",
  settlement: "Quyết toán & thanh lý",
  closed: "Đã kết thúc",
  rejected: "Không được chọn",
  terminated: "Chấm dứt",
  failed: "Không đạt",
};

test("the head lands on the work list and reads the dashboard, down to the overdue tasks and their export", async ({
  page,
}) => {
  await signInOnly(page, "head");
  await expect(page).toHaveURL(/\/viec-can-lam$/);
  await expect(page.getByRole("heading", { level: 1, name: "Việc cần làm" })).toBeVisible();

  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Tổng quan" }).click();
  await expect(page).toHaveURL(/\/tong-quan$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan danh mục nhiệm vụ" })).toBeVisible();
  const figures = (await (await page.request.get("/api/dashboard")).json()) as Figures;
  const overdue = page.getByRole("link", { name: /Nhiệm vụ có báo cáo định kỳ quá hạn/ });
  await expect(overdue).toContainText(String(figures.attention.overdueReports.count));
  expect(figures.attention.overdueReports.count).toBeGreaterThan(0);

  // The overdue reports as the reports area lists them: their tasks are the list the figure opens.
  const overdueReports = (await (await page.request.get("/api/reports/overdue")).json()) as {
    items: { task: { code: string } }[];
  };
  const expectedCodes = [...new Set(overdueReports.items.map((i) => i.task.code))].sort();
  expect(expectedCodes).toHaveLength(figures.attention.overdueReports.count);

  await overdue.click();
  await expect(page).toHaveURL(/\/nhiem-vu\?overdueReports=true$/);
  await expect(page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Bỏ lọc: Có báo cáo định kỳ quá hạn" })).toBeVisible();
  await settled(page);
  await expect(countStatus(page)).toHaveText(`${expectedCodes.length} nhiệm vụ`);
  const codes = await taskTable(page).locator("td.col-code").allInnerTexts();
  expect(codes.map((c) => c.trim()).sort()).toEqual(expectedCodes);

  // The list as Excel: real numbers and real dates, not text.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải Excel" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^nhiem-vu-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const rows = await readSheet(await file.createReadStream());
  const header = rows[0] ?? [];
  expect(header).toContain("Tổng kinh phí (đồng)");
  expect(
    rows
      .slice(1)
      .map((r) => String(r[0]))
      .sort(),
  ).toEqual(expectedCodes);
  const money = rows[1]?.[header.indexOf("Tổng kinh phí (đồng)")];
  expect(typeof money).toBe("number");
  expect(Number.isInteger(money)).toBe(true);
  expect(rows[1]?.[header.indexOf("Ngày kết thúc")]).toBeInstanceOf(Date);

  // Back on the dashboard, the stage chart read as a table holds the same numbers as the API.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan danh mục nhiệm vụ" })).toBeVisible();
  const stages = page.getByRole("region", { name: "Nhiệm vụ theo giai đoạn" });
  await expect(stages.getByRole("img")).toBeVisible();
  await stages.getByRole("button", { name: "Xem dạng bảng" }).click();
  await expect(stages.getByRole("button", { name: "Xem biểu đồ" })).toHaveAttribute("aria-pressed", "true");
  const table = stages.getByRole("table", { name: "Nhiệm vụ theo giai đoạn" });
  await expect(table).toBeVisible();
  const shown = figures.stages.filter((s) => s.count > 0);
  await expect(table.getByRole("row")).toHaveCount(shown.length + 1);
  for (const s of shown) {
    const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: STAGE_NAMES[s.stage] }) });
    await expect(row.getByRole("cell")).toHaveText(String(s.count));
  }
  // A row opens its stage's tasks.
  const inProgress = shown.find((s) => s.stage === "in_progress");
  if (inProgress) {
    await table.getByRole("link", { name: /Đang thực hiện/ }).click();
    await expect(page).toHaveURL(/\/nhiem-vu\?stage=in_progress$/);
    await expect(countStatus(page)).toHaveText(`${inProgress.count} nhiệm vụ`);
  }
});

test("a PI sees no dashboard in the menu and lands on their own work list", async ({ page }) => {
  await signInOnly(page, "pi");
  await expect(page.getByRole("heading", { level: 1, name: "Việc cần làm" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
  await expect(nav.getByRole("link", { name: "Tổng quan" })).toHaveCount(0);
  // The demo PI owes reports: each item links to its report page.
  const section = page.getByRole("region", { name: /Báo cáo định kỳ cần nộp/ });
  await expect(section.getByRole("link").first()).toHaveAttribute("href", /\/nhiem-vu\/\d+\/bao-cao\/\d+$/);
});
