import { expect, test } from "./fixtures.ts";

/*
 * The administrator's rule parameters page: a day count changed for one former province (which
 * manages no task in the demo data, so other specs running meanwhile are not affected), a value
 * the rules refuse, and the way back to the inherited value.
 */

test.use({ role: "admin" });

test("changes a day count for one unit, is told of a bad value, and resets it", async ({ page, user: _ }) => {
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" }).click();
  await page.getByRole("navigation", { name: "Các trang quản trị" }).getByRole("link", { name: "Tham số" }).click();
  await expect(page).toHaveURL(/\/quan-tri\/tham-so/);
  await expect(page.getByRole("heading", { level: 1, name: "Tham số quy định" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Thời hạn" })).toBeVisible();

  await page.getByRole("combobox", { name: "Đơn vị" }).selectOption({ label: "Tỉnh Hà Nam (cũ)" });
  await expect(
    page.getByText("Giá trị lưu trên trang này áp dụng cho: Tỉnh Hà Nam (cũ) — Cả hai chế độ."),
  ).toBeVisible();

  const card = page.getByRole("region", { name: "Hạn đăng ký kết quả (ngày)" });
  await expect(card).toContainText("Đang áp dụng — Luật KH&CN 2013: 30");
  await expect(card).toContainText("Nguồn: mặc định của hệ thống");
  await expect(card).toContainText("Phạm vi đang chọn chưa có giá trị riêng");
  const input = card.getByLabel("Giá trị mới");
  await expect(input).toHaveValue("30");

  await input.fill("45");
  await card.getByRole("button", { name: "Lưu" }).click();
  await expect(page.getByRole("status")).toContainText("Đã lưu tham số “Hạn đăng ký kết quả (ngày)”.");
  await expect(card).toContainText("Đang áp dụng — Luật KH&CN 2013: 45");
  await expect(card).toContainText("Nguồn: đặt riêng cho Tỉnh Hà Nam (cũ), cả hai chế độ");
  await expect(card).toContainText("mặc định: 30");
  await expect(card).toContainText("Phạm vi đang chọn có giá trị riêng.");

  // The value for all units is untouched.
  await page.getByRole("combobox", { name: "Đơn vị" }).selectOption({ label: "Mọi đơn vị" });
  await expect(card).toContainText("Nguồn: mặc định của hệ thống");
  await expect(card).toContainText("Giá trị đã lưu (1)");
  await page.getByRole("combobox", { name: "Đơn vị" }).selectOption({ label: "Tỉnh Hà Nam (cũ)" });
  await expect(card).toContainText("Nguồn: đặt riêng cho Tỉnh Hà Nam (cũ), cả hai chế độ");

  await card.getByLabel("Giá trị mới").fill("400");
  await card.getByRole("button", { name: "Lưu" }).click();
  await expect(card.getByRole("alert")).toContainText("Vui lòng kiểm tra lại các ô được đánh dấu.");
  await expect(card.getByLabel("Giá trị mới")).toHaveAttribute("aria-invalid", "true");
  await expect(card).toContainText("Giá trị lớn nhất là 366.");
  await expect(card).toContainText("Đang áp dụng — Luật KH&CN 2013: 45");

  await card.getByRole("button", { name: "Trở về giá trị kế thừa" }).click();
  await expect(page.getByRole("status")).toContainText(
    "Tham số “Hạn đăng ký kết quả (ngày)” đã trở về giá trị kế thừa.",
  );
  await expect(card).toContainText("Đang áp dụng — Luật KH&CN 2013: 30");
  await expect(card).toContainText("Nguồn: mặc định của hệ thống");
  await expect(card.getByRole("button", { name: "Trở về giá trị kế thừa" })).toBeDisabled();
});
