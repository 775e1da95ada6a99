import { expect, test } from "./fixtures.ts";

/*
 * Administration: the theme taxonomy and the accounts, for administrators only.
 * Each test makes its own names (a suffix from the clock), so runs and workers do not collide.
 */

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`.toUpperCase();

test.describe("as an administrator", () => {
  test.use({ role: "admin" });

  test("adds a sub-theme and finds it in the task list's theme filter", async ({ page, user: _ }) => {
    const suffix = unique();
    const name = `Chủ đề con thử nghiệm ${suffix}`;

    await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" }).click();
    await expect(page).toHaveURL(/\/quan-tri\/chu-de$/);
    await expect(page.getByRole("heading", { level: 1, name: "Chủ đề Công nghiệp 4.0" })).toBeVisible();

    await page.getByRole("button", { name: "Thêm chủ đề", exact: true }).click();
    const form = page.getByRole("form", { name: "Thêm chủ đề mới" });
    await form.getByLabel("Mã chủ đề").fill(`e2e-${suffix}`);
    await form.getByRole("combobox", { name: "Thuộc chủ đề" }).selectOption({ index: 1 });
    await form.getByLabel("Tên tiếng Việt").fill(name);
    await form.getByLabel("Tên tiếng Anh").fill(`Test sub-theme ${suffix}`);
    await form.getByRole("button", { name: "Lưu" }).click();

    await expect(page.getByRole("status").filter({ hasText: `Đã thêm chủ đề ${name}.` })).toBeVisible();
    const row = page.locator(".theme-tree ul li").filter({ hasText: name });
    await expect(row).toContainText(`E2E-${suffix}`);

    await page.getByRole("link", { name: "Nhiệm vụ", exact: true }).click();
    const filter = page.getByRole("combobox", { name: "Chủ đề" });
    await expect(filter.locator("option", { hasText: name })).toHaveCount(1);
  });

  test("shows a refused field beside it, in the reader's words", async ({ page, user: _ }) => {
    await page.goto("/quan-tri/chu-de");
    await page.getByRole("button", { name: "Thêm chủ đề", exact: true }).click();
    const form = page.getByRole("form", { name: "Thêm chủ đề mới" });
    await form.getByLabel("Mã chủ đề").fill("MÃ SAI");
    await form.getByRole("button", { name: "Lưu" }).click();

    await expect(form.getByRole("alert")).toContainText("Vui lòng kiểm tra lại các ô được đánh dấu.");
    await expect(form.getByLabel("Mã chủ đề")).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("Mã chỉ gồm chữ in hoa A–Z, chữ số và dấu gạch ngang, tối đa 40 ký tự.");
    await expect(form.getByLabel("Tên tiếng Việt")).toHaveAttribute("aria-invalid", "true");
  });

  test("creates an account that can then sign in", async ({ page, browser, user: _ }) => {
    const suffix = unique().toLowerCase();
    const email = `e2e-${suffix}@demo.khcn.vn`;
    const password = `mat-khau-${suffix}`;

    await page.goto("/quan-tri/nguoi-dung");
    await expect(page.getByRole("heading", { level: 1, name: "Tài khoản" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Danh sách tài khoản" })).toContainText("admin@demo.khcn.vn");

    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    const form = page.getByRole("form", { name: "Tạo tài khoản mới" });
    await form.getByLabel("Họ và tên").fill(`Nguyễn Thử Nghiệm ${suffix}`);
    await form.getByLabel("Email").fill(email);
    await form.getByRole("checkbox", { name: "Lãnh đạo Sở" }).check();
    await form.getByRole("combobox", { name: "Đơn vị" }).selectOption({ index: 1 });
    const passwordBox = form.getByLabel("Mật khẩu ban đầu");
    await passwordBox.fill(password);
    await expect(passwordBox).toHaveAttribute("type", "password");
    await form.getByRole("button", { name: "Hiện mật khẩu" }).click();
    await expect(passwordBox).toHaveAttribute("type", "text");
    await form.getByRole("button", { name: "Tạo tài khoản" }).click();

    await expect(page.getByRole("status").filter({ hasText: `Đã tạo tài khoản ${email}.` })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: email });
    await expect(row).toContainText("Lãnh đạo Sở");
    await expect(row).toContainText("Đang hoạt động");

    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto("/dang-nhap");
    await other.getByLabel("Email").fill(email);
    await other.getByLabel("Mật khẩu", { exact: true }).fill(password);
    await other.getByRole("button", { name: "Đăng nhập" }).click();
    // A new account lands on its work list, like everyone after signing in.
    await expect(other.getByRole("heading", { level: 1, name: "Việc cần làm" })).toBeVisible();
    await expect(other.getByRole("banner")).toContainText(`Nguyễn Thử Nghiệm ${suffix}`);
    await expect(other.getByRole("link", { name: "Quản trị" })).toHaveCount(0);
    await context.close();
  });
});

test.describe("as staff", () => {
  test.use({ role: "staff" });

  test("sees no administration menu and gets no access on its addresses", async ({ page, user: _ }) => {
    const nav = page.getByRole("navigation", { name: "Điều hướng chính" });
    await expect(nav.getByRole("link", { name: "Nhiệm vụ" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Quản trị" })).toHaveCount(0);

    for (const path of ["/quan-tri/chu-de", "/quan-tri/nguoi-dung"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: "Không có quyền truy cập" })).toBeVisible();
      await expect(page.getByRole("button", { name: /Thêm chủ đề|Tạo tài khoản/ })).toHaveCount(0);
    }
  });
});
