import type { APIRequestContext, Page } from "@playwright/test";
import { apiAs, patchTask } from "./api.ts";
import { expect, signIn, test } from "./fixtures.ts";

/*
 * Periodic reports: the demo PI writes his overdue report (prefilled, autosaved, found again after a
 * reload), submits it; staff return it with a comment; he fixes and resubmits; staff accept it and the
 * task's reports tab shows it accepted with the progress it reports. The demo seeds two overdue
 * reports for him: the journey takes the first, the validation test the last, so they never share one.
 */

interface OverdueItem {
  periodId: number;
  seq: number;
  task: { id: number; code: string; title: string };
  pi: string | null;
}

const PI_NAME = "Phạm Văn Hùng"; // pi@demo.khcn.vn

async function piOverdue(baseURL: string): Promise<OverdueItem[]> {
  const pi = await apiAs("pi", baseURL);
  const response = await pi.get("/api/reports/overdue");
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: OverdueItem[] };
  await pi.dispose();
  expect(items.length, "the demo PI has overdue reports to write").toBeGreaterThanOrEqual(2);
  return items;
}

/** Gives the task content items to report on (the demo records have none), as staff edit a record. */
async function addContentItems(staff: APIRequestContext, taskId: number, titles: string[]): Promise<void> {
  const response = await staff.get(`/api/tasks/${taskId}`);
  expect(response.status()).toBe(200);
  const task = (await response.json()) as { version: number; contentItems: { id: number; title: string }[] };
  const missing = titles.filter((title) => !task.contentItems.some((item) => item.title === title));
  if (missing.length === 0) return;
  await patchTask(staff, taskId, {
    version: task.version,
    contentItems: [
      ...task.contentItems.map((item) => ({ id: item.id, title: item.title })),
      ...missing.map((title) => ({ title, description: `Kế hoạch: ${title.toLowerCase()}` })),
    ],
  });
}

const reportUrl = (item: OverdueItem) => `/nhiem-vu/${item.task.id}/bao-cao/${item.periodId}`;

async function waitForSave(page: Page) {
  await expect(page.getByRole("status").filter({ hasText: /^Đã lưu lúc \d{2}:\d{2}$/ })).toBeVisible({
    timeout: 10_000,
  });
}

test.describe("periodic reports", () => {
  test.setTimeout(120_000);

  test("the PI writes, reloads, submits; staff return, the PI resubmits, staff accept; progress follows", async ({
    page,
    browser,
    baseURL,
  }) => {
    const [item] = await piOverdue(baseURL as string);
    if (!item) throw new Error("no report");
    const staffApi = await apiAs("staff", baseURL as string);
    const first = "Khảo sát hiện trạng vùng nuôi";
    const second = "Xây dựng quy trình sản xuất giống";
    await addContentItems(staffApi, item.task.id, [first, second]);
    await staffApi.dispose();

    // The PI opens the report: it comes prefilled from the record and the earlier reports.
    await signIn(page, "pi");
    await page.goto(reportUrl(item));
    await expect(page.getByRole("heading", { level: 1, name: `Báo cáo định kỳ — kỳ ${item.seq}` })).toBeVisible();
    await expect(page.getByText("Báo cáo được điền sẵn từ hồ sơ nhiệm vụ và báo cáo kỳ trước.")).toBeVisible();
    const firstItem = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: first }) });
    const secondItem = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: second }) });
    await expect(firstItem.getByLabel("Tỷ lệ hoàn thành (%)")).toHaveValue("0");
    await expect(firstItem.getByText("Kỳ trước: chưa có")).toBeVisible();
    await expect(page.getByRole("cell", { name: /\d.*(triệu đồng|đ)$/ }).first()).toBeVisible();

    // Types part of it; the autosave keeps it through a reload.
    await firstItem.getByLabel("Công việc đã thực hiện trong kỳ").fill("Đã khảo sát 12 hộ nuôi tại Giao Thủy.");
    await firstItem.getByLabel("Tỷ lệ hoàn thành (%)").fill("40");
    await waitForSave(page);
    await page.reload();
    await expect(firstItem.getByLabel("Công việc đã thực hiện trong kỳ")).toHaveValue(
      "Đã khảo sát 12 hộ nuôi tại Giao Thủy.",
    );
    await expect(firstItem.getByLabel("Tỷ lệ hoàn thành (%)")).toHaveValue("40");
    await expect(page.getByText(/^Đã lưu lúc \d{2}:\d{2}$/)).toBeVisible();

    // Submits with the host's confirmation.
    await page.getByLabel("Người xác nhận").fill("Nguyễn Văn Bình");
    await page.getByLabel("Chức vụ").fill("Giám đốc");
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
    await expect(page.getByText("Đã nộp báo cáo (lần 1).")).toBeVisible();

    // Staff find it in the queue and return it with a comment on the work content.
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, "staff");
    await staffPage
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Báo cáo" })
      .click();
    await expect(staffPage.getByRole("heading", { name: "Báo cáo chờ duyệt" })).toBeVisible();
    await staffPage.getByRole("link", { name: `Thẩm định — ${item.task.code}, Kỳ ${item.seq}` }).click();
    await expect(staffPage.getByRole("cell", { name: "Đã khảo sát 12 hộ nuôi tại Giao Thủy." })).toBeVisible();
    await staffPage
      .getByLabel("Nhận xét: Nội dung công việc")
      .fill("Bổ sung kết quả xây dựng quy trình sản xuất giống.");
    await staffPage.getByRole("button", { name: "Trả lại để sửa" }).click();
    await expect(staffPage.getByText("Đã trả lại báo cáo cho chủ nhiệm nhiệm vụ.")).toBeVisible();

    // The PI is told, opens it from the bell, fixes and resubmits.
    await page.goto(`/nhiem-vu/${item.task.id}`);
    const bell = page.getByRole("button", { name: /^Thông báo \(\d+ chưa đọc\)$/ });
    await expect(bell).toBeVisible();
    await bell.click();
    await page
      .getByRole("link", { name: `Báo cáo kỳ ${item.seq} của nhiệm vụ ${item.task.code} bị trả lại để sửa.` })
      .first()
      .click();
    await expect(page.getByText("Báo cáo bị trả lại để sửa. Nhận xét của chuyên viên:")).toBeVisible();
    await expect(page.getByText("Bổ sung kết quả xây dựng quy trình sản xuất giống.").first()).toBeVisible();
    await expect(page.getByText("Trả lại để sửa").first()).toBeVisible();
    await firstItem.getByLabel("Tỷ lệ hoàn thành (%)").fill("60");
    await secondItem.getByLabel("Công việc đã thực hiện trong kỳ").fill("Đã xây dựng dự thảo quy trình.");
    await secondItem.getByLabel("Tỷ lệ hoàn thành (%)").fill("20");
    await waitForSave(page);
    await page.getByLabel("Người xác nhận").fill("Nguyễn Văn Bình");
    await page.getByRole("button", { name: "Nộp lại báo cáo" }).click();
    await expect(page.getByText("Đã nộp báo cáo (lần 2).")).toBeVisible();

    // Staff compare the versions and accept.
    await staffPage.reload();
    await expect(staffPage.getByRole("listitem").getByText("Lần 2", { exact: true })).toBeVisible();
    await staffPage.getByRole("button", { name: "So sánh", exact: true }).click();
    const changes = staffPage.getByRole("table", { name: "So sánh các lần nộp" });
    const percentChange = changes.getByRole("row").filter({ hasText: `${first}: Tỷ lệ hoàn thành` });
    await expect(percentChange.getByRole("cell")).toHaveText(["40%", "60%"]);
    await staffPage.getByRole("button", { name: "Chấp nhận báo cáo" }).click();
    await expect(staffPage.getByText("Đã chấp nhận báo cáo.")).toBeVisible();
    await staffContext.close();

    // The task's reports tab shows the report accepted and the progress it reports.
    await page.goto(`/nhiem-vu/${item.task.id}?tab=bao-cao`);
    await expect(page.getByRole("tab", { name: "Báo cáo định kỳ" })).toHaveAttribute("aria-selected", "true");
    const row = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^Kỳ ${item.seq} `) }) });
    await expect(row.getByText("Đã chấp nhận")).toBeVisible();
    await expect(page.getByText(/Theo báo cáo kỳ \d+ \(lần 2, đã chấp nhận\)/)).toBeVisible();
    // The seeded contract has items of its own; the overall figure is their mean with these two.
    await expect(page.getByTestId("overall-percent")).toHaveText(/^\d{1,3}%$/);
    await expect(page.getByRole("row").filter({ hasText: first }).getByText("60%")).toBeVisible();
  });

  test("the head sees overdue reports in the overdue list and on the task", async ({ page, baseURL }) => {
    const head = await apiAs("head", baseURL as string);
    const response = await head.get("/api/reports/overdue");
    expect(response.status()).toBe(200);
    const { items } = (await response.json()) as { items: OverdueItem[] };
    await head.dispose();
    // Another PI's report: the journey above may submit the demo PI's meanwhile.
    const other = items.find((i) => i.pi !== PI_NAME);
    if (!other) throw new Error("The demo has no overdue report of another PI");

    await signIn(page, "head");
    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Báo cáo" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Báo cáo định kỳ" })).toBeVisible();
    const overdue = page.getByRole("region", { name: "Báo cáo quá hạn" });
    const row = overdue.getByRole("row").filter({ hasText: other.task.code });
    await expect(row.first()).toBeVisible();
    await expect(row.first().getByText(/^quá hạn \d+ ngày$/)).toBeVisible();

    await page.goto(`/nhiem-vu/${other.task.id}?tab=bao-cao`);
    const period = page
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^Kỳ ${other.seq} `) }) });
    await expect(period.getByText("Quá hạn")).toBeVisible();
  });

  test("a percentage over 100 shows an inline error", async ({ page, baseURL }) => {
    const items = await piOverdue(baseURL as string);
    // Another task than the journey's (items[0]): as the real date moves past the demo's, a task
    // may owe several reports, and an item added here would change the journey's progress.
    const item = items.find((i) => i.task.id !== items[0]?.task.id) ?? items.at(-1);
    if (!item) throw new Error("no report");
    const staffApi = await apiAs("staff", baseURL as string);
    await addContentItems(staffApi, item.task.id, ["Thiết kế hệ thống giám sát IoT"]);
    await staffApi.dispose();

    await signIn(page, "pi");
    await page.goto(reportUrl(item));
    const percent = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Thiết kế hệ thống giám sát IoT" }) })
      .getByLabel("Tỷ lệ hoàn thành (%)");
    await percent.fill("150");
    await expect(percent).toHaveAttribute("aria-invalid", "true");
    await expect(percent).toHaveAccessibleDescription(/Nhập số nguyên từ 0 đến 100\./);
    await expect(page.getByText("Chưa lưu: vui lòng sửa các ô được đánh dấu.")).toBeVisible({ timeout: 5_000 });
  });
});
