import { expect, test } from "./fixtures.ts";
import { settled, taskTable } from "./task-list-page.ts";

test.use({ role: "staff" });

test("opening a task shows its code, title and principal investigator", async ({ page, user: _ }) => {
  await settled(page);
  const row = taskTable(page).getByRole("row").nth(1);
  const cells = row.getByRole("cell");
  const code = ((await cells.nth(0).textContent()) ?? "").trim();
  const link = row.getByRole("link");
  const title = ((await link.textContent()) ?? "").trim();
  const pi = ((await cells.nth(2).textContent()) ?? "").trim();

  await link.click();
  await expect(page).toHaveURL(/\/nhiem-vu\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(code, { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Nhân sự" })).toContainText(pi);
  await expect(page.getByRole("region", { name: "Kinh phí", exact: true })).toContainText("Tổng kinh phí");
  for (const tab of ["Tổng quan", "Tiến trình", "Báo cáo định kỳ", "Hội đồng", "Kinh phí", "Lịch sử"])
    await expect(page.getByRole("tab", { name: tab, exact: true })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Tổng quan" })).toHaveAttribute("aria-selected", "true");
  // Reports, councils and the budget have their own tabs: no "coming soon" placeholders remain.
  await expect(page.getByText("Sẽ có trong phiên bản tới")).toHaveCount(0);
});

test("the back link returns to the list as it was left", async ({ page, user: _ }) => {
  await page.getByLabel("Tìm kiếm", { exact: true }).fill("giong lua");
  await expect(page).toHaveURL(/[?&]q=giong(\+|%20)lua/);
  await settled(page);
  await taskTable(page).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/nhiem-vu\/\d+$/);

  await page.getByRole("link", { name: "Danh sách nhiệm vụ" }).click();
  await expect(page).toHaveURL(/\/nhiem-vu\?q=giong(\+|%20)lua$/);
  await expect(page.getByLabel("Tìm kiếm", { exact: true })).toHaveValue("giong lua");
});

test("an unknown task says so", async ({ page, user: _ }) => {
  await page.goto("/nhiem-vu/999999");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await expect(page.getByRole("link", { name: "Danh sách nhiệm vụ" })).toBeVisible();
});

test("an unknown address shows the not-found page", async ({ page, user: _ }) => {
  await page.goto("/khong-co-trang-nay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
});
