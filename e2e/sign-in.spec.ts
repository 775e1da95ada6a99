import { DEMO_ROLES, expect, signIn, test } from "./fixtures.ts";
import { countStatus } from "./task-list-page.ts";

const ROLE_NAMES = {
  admin: "Quản trị hệ thống",
  staff: "Chuyên viên Phòng Quản lý khoa học",
  head: "Lãnh đạo Sở",
  pi: "Chủ nhiệm nhiệm vụ",
  council: "Thành viên hội đồng",
} as const;

for (const role of DEMO_ROLES) {
  test.describe(`as ${role}`, () => {
    test.use({ role });

    test("signs in and sees the task list with their name and role in the header", async ({ page, user }) => {
      await expect(page).toHaveURL(/\/nhiem-vu$/);
      const header = page.getByRole("banner");
      await expect(header).toContainText(user.fullName);
      await expect(header).toContainText(ROLE_NAMES[role]);
      // Some roles see few or no tasks yet (a council member sees only tasks of their councils).
      await expect(countStatus(page)).toHaveText(/^[\d.]+ nhiệm vụ$/);
    });
  });
}

test("a wrong password shows an error and stays on the sign-in page", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill("council@demo.khcn.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  await expect(page.getByRole("alert")).toContainText("Email hoặc mật khẩu không đúng");
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: "Đăng xuất" })).toHaveCount(0);
});

test("an empty form marks the fields that need a value", async ({ page }) => {
  await page.goto("/dang-nhap");
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  const email = page.getByLabel("Email");
  const password = page.getByLabel("Mật khẩu", { exact: true });
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Vui lòng nhập email.");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(email).toBeFocused();
});

test("a signed-out visitor is sent to sign-in and brought back to the page they asked for", async ({ page }) => {
  await page.goto("/nhiem-vu?q=lua");
  await expect(page).toHaveURL(/\/dang-nhap\?next=/);
  await signIn(page, "head");
  await expect(page).toHaveURL(/\/nhiem-vu\?q=lua$/);
  await expect(page.getByLabel("Tìm kiếm", { exact: true })).toHaveValue("lua");
});

test.describe("signing out", () => {
  test.use({ role: "head" });

  test("returns to sign-in and ends the session", async ({ page, user }) => {
    await expect(page.getByRole("banner")).toContainText(user.fullName);
    await page.getByRole("button", { name: "Đăng xuất" }).click();

    await expect(page).toHaveURL(/\/dang-nhap$/);
    await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
    await expect(page.getByRole("banner")).not.toContainText(user.fullName);

    await page.goto("/nhiem-vu");
    await expect(page).toHaveURL(/\/dang-nhap/);
  });
});

test.describe("when the session ends while working", () => {
  test.use({ role: "staff" });

  test("the next request leads to sign-in, and signing in again returns to the same view", async ({
    page,
    context,
    user: _,
  }) => {
    await context.clearCookies();
    await page.getByRole("combobox", { name: "Giai đoạn" }).selectOption({ label: "Đang thực hiện" });

    await expect(page).toHaveURL(/\/dang-nhap\?next=/);
    await expect(page.getByText("Phiên làm việc đã kết thúc")).toBeVisible();

    await signIn(page, "staff");
    await expect(page).toHaveURL(/\/nhiem-vu\?stage=in_progress$/);
    await expect(page.getByRole("combobox", { name: "Giai đoạn" })).toHaveValue("in_progress");
  });
});
