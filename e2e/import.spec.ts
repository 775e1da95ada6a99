import { brokenRegister, registerRows, registerXlsx } from "../api/test/import-fixtures.ts";
import { expect, signIn, test } from "./fixtures.ts";

/*
 * Staff bring an existing register in: the preview counts the rows, the commit shows its progress
 * and ends with a report linking the new tasks; the same file again adds nothing; a file with
 * mistakes shows each one by row and cell and cannot be imported until every one is fixed or skipped.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const unique = (label: string) => `${label}${Date.now().toString(36).toUpperCase()}`;

test.describe("importing a task register", () => {
  test.setTimeout(120_000);

  test("100 tasks land whole with a progress bar; the same file again adds nothing", async ({ page }) => {
    const file = {
      name: "danh-muc-100.xlsx",
      mimeType: XLSX,
      buffer: Buffer.from(await registerXlsx(registerRows(100, { prefix: unique("E2E") }))),
    };
    await signIn(page, "staff");
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhập dữ liệu" })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Nhập danh mục nhiệm vụ" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Tệp mẫu Excel (.xlsx)" })).toBeVisible();

    await page.getByLabel("Tệp danh mục (XLSX hoặc CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Đọc tệp" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra tệp danh-muc-100.xlsx" })).toBeVisible({
      timeout: 30_000,
    });
    const counts = page.getByRole("definition");
    await expect(page.getByText("Nhiệm vụ mới", { exact: true }).first()).toBeVisible();
    await expect(counts.nth(1)).toHaveText("100");

    await page.getByRole("button", { name: "Nhập 100 nhiệm vụ" }).click();
    const bar = page.getByRole("progressbar", { name: "Tiến độ nhập" });
    await expect(bar).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "100/100 nhiệm vụ" })).toBeVisible({ timeout: 60_000 });
    const result = page.getByRole("region", { name: "Kết quả nhập" });
    await expect(result).toContainText("Đã tạo 100 nhiệm vụ mới.");
    await expect(result.getByRole("link")).toHaveCount(100);
    await result.getByRole("link").first().click();
    await expect(page).toHaveURL(/\/nhiem-vu\/\d+/);

    // The same file again: every row matches a task already recorded.
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhập dữ liệu" })
      .click();
    await page.getByLabel("Tệp danh mục (XLSX hoặc CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Đọc tệp" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra tệp danh-muc-100.xlsx" })).toBeVisible({
      timeout: 30_000,
    });
    await expect(counts.nth(1)).toHaveText("0", { timeout: 30_000 });
    await expect(counts.nth(2)).toHaveText("100");
    await expect(page.getByRole("button", { name: "Nhập 0 nhiệm vụ" })).toBeDisabled();
    await expect(page.getByText("Không có nhiệm vụ mới để nhập.")).toBeVisible();
  });

  test("errors are shown by row and cell; the import waits until they are fixed or skipped", async ({ page }) => {
    const file = {
      name: "co-loi.xlsx",
      mimeType: XLSX,
      buffer: Buffer.from(await brokenRegister(undefined, unique("LOI"))),
    };
    await signIn(page, "staff");
    await page.goto("/nhap-du-lieu");
    await page.getByLabel("Tệp danh mục (XLSX hoặc CSV)").setInputFiles(file);
    await page.getByRole("button", { name: "Đọc tệp" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra tệp co-loi.xlsx" })).toBeVisible({
      timeout: 30_000,
    });

    await expect(page.getByText("Ô G3: không có chủ đề “Vũ trụ”.")).toBeVisible();
    await expect(page.getByText("Ô I5: ngày kết thúc trước ngày bắt đầu.")).toBeVisible();
    await expect(page.getByText("Ô K7: “khoảng một tỷ” không phải số tiền.")).toBeVisible();
    await expect(page.getByText("Ô A9: mã bị trùng ở các dòng 2, 9.")).toBeVisible();
    await expect(page.getByRole("button", { name: /^Nhập \d+ nhiệm vụ$/ })).toBeDisabled();
    await expect(page.getByText("Còn 5 dòng có lỗi: hãy sửa hoặc bỏ qua trước khi nhập.")).toBeVisible();

    // Fix the amount of row 7 in place.
    await page.getByRole("button", { name: "Sửa dòng 7" }).click();
    const editor = page.getByRole("form", { name: "Sửa dòng 7" });
    await editor.getByLabel("Tổng kinh phí (triệu đồng)").fill("1.150,5");
    await editor.getByRole("button", { name: "Lưu và kiểm tra lại" }).click();
    await expect(page.getByText("Ô K7: “khoảng một tỷ” không phải số tiền.")).toBeHidden({ timeout: 30_000 });
    await expect(page.getByText("Còn 4 dòng có lỗi: hãy sửa hoặc bỏ qua trước khi nhập.")).toBeVisible({
      timeout: 30_000,
    });

    // Skip the others; skipping row 9 settles the duplicate code of row 2 too.
    for (const row of [3, 5, 9]) {
      await page.getByLabel(`Bỏ qua dòng ${row}`).check();
      await expect(page.getByLabel(`Bỏ qua dòng ${row}`)).toBeChecked({ timeout: 30_000 });
    }
    const commit = page.getByRole("button", { name: "Nhập 7 nhiệm vụ" });
    await expect(commit).toBeEnabled({ timeout: 30_000 });
    await commit.click();
    await expect(page.getByRole("region", { name: "Kết quả nhập" })).toContainText("Đã tạo 7 nhiệm vụ mới.", {
      timeout: 30_000,
    });
    await expect(page.getByRole("region", { name: "Kết quả nhập" })).toContainText("3 dòng bị bỏ qua.");
  });
});
