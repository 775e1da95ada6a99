import type { Browser, BrowserContext, Page } from "@playwright/test";
import { apiAs } from "./api.ts";
import { expect, test } from "./fixtures.ts";

/*
 * "Tài khoản của tôi": sessions, password change, and an administrator ending a user's sessions.
 * Other specs sign in as the demo accounts on the same server, so these tests never change a demo
 * account's password or e-mail, nor send a demo account a wrong password (that would count towards
 * its sign-in throttling): each test opens a fresh account through the API and works on that.
 */

interface FreshUser {
  email: string;
  fullName: string;
  password: string;
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** An account opened by the administrator through the API, with a password the test knows. */
async function freshUser(baseURL: string, label: string): Promise<FreshUser> {
  const suffix = unique();
  const user = {
    email: `e2e-${label}-${suffix}@demo.khcn.vn`,
    fullName: `Người Thử ${label} ${suffix}`,
    password: `cau-mat-khau-dai-${suffix}`,
  };
  const admin = await apiAs("admin", baseURL);
  // In the administrator's own unit: an administrator manages the sessions of their unit's accounts.
  const me = await admin.get("/api/auth/me");
  const { user: adminUser } = (await me.json()) as { user: { unit: { id: number } | null } };
  const response = await admin.post("/api/users", {
    data: {
      email: user.email,
      fullName: user.fullName,
      roles: ["head"],
      unitId: adminUser.unit?.id ?? null,
      password: user.password,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  await admin.dispose();
  return user;
}

/** A new browser (its own cookies) signed in through the form as `user`, on its work list. */
async function signedInContext(browser: Browser, user: FreshUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Việc cần làm" })).toBeVisible();
  return { context, page };
}

async function openAccountPage(page: Page): Promise<void> {
  await page
    .getByRole("banner")
    .getByRole("link", { name: /Tài khoản của tôi/ })
    .click();
  await expect(page).toHaveURL(/\/tai-khoan$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tài khoản của tôi" })).toBeVisible();
}

const sessionItems = (page: Page) => page.getByRole("list", { name: "Các phiên đăng nhập" }).getByRole("listitem");

/** The next move inside the app asks the server, which no longer knows the session: back to sign-in. */
async function expectSignedOutOnNextMove(page: Page): Promise<void> {
  await page
    .getByRole("navigation", { name: "Điều hướng chính" })
    .getByRole("link", { name: "Nhiệm vụ", exact: true })
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "Đăng nhập" })).toBeVisible();
  await expect(page).toHaveURL(/\/dang-nhap/);
  await expect(page.getByText("Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại để tiếp tục.")).toBeVisible();
}

test.describe.configure({ timeout: 120_000 });

test("a person sees their sessions, changes the password, and the other device is signed out", async ({
  browser,
  baseURL,
}) => {
  const user = await freshUser(baseURL ?? "", "mk");
  const first = await signedInContext(browser, user);
  const second = await signedInContext(browser, user);
  const page = first.page;

  await openAccountPage(page);
  await expect(page.getByRole("region", { name: "Thông tin tài khoản" })).toContainText(user.email);
  await expect(page.getByRole("region", { name: "Thông tin tài khoản" })).toContainText("Lãnh đạo Sở");
  await expect(sessionItems(page)).toHaveCount(2);
  await expect(sessionItems(page).filter({ hasText: "Phiên này" })).toHaveCount(1);
  // The other session can be ended from here; this one cannot.
  await expect(sessionItems(page).filter({ hasText: "Phiên này" }).getByRole("button")).toHaveCount(0);
  await expect(
    sessionItems(page)
      .filter({ hasNotText: "Phiên này" })
      .getByRole("button", { name: /Kết thúc/ }),
  ).toBeVisible();

  const form = page.getByRole("form", { name: "Đổi mật khẩu" });
  const current = form.getByLabel("Mật khẩu hiện tại");
  const next = form.getByRole("textbox", { name: "Mật khẩu mới", exact: true });
  const repeat = form.getByLabel("Nhập lại mật khẩu mới");
  const newPassword = `mot-cau-moi-de-nho-${unique()}`;

  // The browser compares the two new passwords before anything is sent.
  await current.fill(user.password);
  await next.fill(newPassword);
  await repeat.fill(`${newPassword}x`);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(repeat).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Hai lần nhập mật khẩu mới chưa khớp nhau.");

  // A wrong current password is marked at its field.
  await current.fill("khong-phai-mat-khau-nay");
  await repeat.fill(newPassword);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Mật khẩu hiện tại không đúng.");
  await expect(next).not.toHaveAttribute("aria-invalid", "true");

  // A common password is refused at the new password's field, in the reader's words.
  await current.fill(user.password);
  await next.fill("password123");
  await repeat.fill("password123");
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(next).toHaveAttribute("aria-invalid", "true");
  await expect(form).toContainText("Mật khẩu này quá phổ biến");
  await expect(current).not.toHaveAttribute("aria-invalid", "true");

  // A good one is taken; this page stays signed in, the other device's session ends.
  await next.fill(newPassword);
  await repeat.fill(newPassword);
  await form.getByRole("button", { name: "Đổi mật khẩu" }).click();
  await expect(form.getByRole("status")).toContainText("Đã đổi mật khẩu.");
  await expect(current).toHaveValue("");
  await expect(sessionItems(page)).toHaveCount(1);
  await expect(sessionItems(page)).toContainText("Phiên này");
  await expect(page.getByText("Không có thiết bị nào khác đang đăng nhập.")).toBeVisible();

  await expectSignedOutOnNextMove(second.page);

  // The page that changed the password keeps working with its re-issued session.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Tài khoản của tôi" })).toBeVisible();
  await expect(sessionItems(page)).toHaveCount(1);

  // The sign-in e-mail changes with the (new) current password; one in use elsewhere is refused at its field.
  const emailForm = page.getByRole("form", { name: "Đổi email đăng nhập" });
  const newEmail = emailForm.getByLabel("Email mới");
  await newEmail.fill("admin@demo.khcn.vn");
  await emailForm.getByLabel("Mật khẩu hiện tại").fill(newPassword);
  await emailForm.getByRole("button", { name: "Đổi email" }).click();
  await expect(newEmail).toHaveAttribute("aria-invalid", "true");
  await expect(emailForm).toContainText("Email này đã có tài khoản khác.");

  const changedEmail = user.email.replace("@", "-moi@");
  await newEmail.fill(changedEmail);
  await emailForm.getByLabel("Mật khẩu hiện tại").fill(newPassword);
  await emailForm.getByRole("button", { name: "Đổi email" }).click();
  await expect(emailForm.getByRole("status")).toContainText(`Đã đổi email đăng nhập thành ${changedEmail}.`);
  await expect(page.getByRole("region", { name: "Thông tin tài khoản" })).toContainText(changedEmail);

  await first.context.close();
  await second.context.close();
});

test.describe("as an administrator", () => {
  test.use({ role: "admin" });

  test("ends every session of a user, who is signed out on their next move", async ({
    page,
    browser,
    baseURL,
    user: _,
  }) => {
    const person = await freshUser(baseURL ?? "", "qt");
    const theirs = await signedInContext(browser, person);
    await openAccountPage(theirs.page);
    await expect(sessionItems(theirs.page)).toHaveCount(1);

    await page.goto("/quan-tri/nguoi-dung");
    await page.getByRole("button", { name: `Sửa tài khoản ${person.fullName}` }).click();
    const sessions = page.getByRole("region", { name: /Phiên đăng nhập đang mở/ });
    await expect(sessions.getByRole("heading")).toContainText("1 phiên đang mở");
    await expect(sessionItems(page)).toHaveCount(1);

    await sessions.getByRole("button", { name: "Kết thúc mọi phiên đăng nhập" }).click();
    const dialog = page.getByRole("dialog", { name: `Kết thúc mọi phiên đăng nhập của ${person.fullName}?` });
    await dialog.getByRole("button", { name: "Kết thúc mọi phiên" }).click();
    await expect(dialog).toBeHidden();
    await expect(sessions.getByRole("status")).toContainText(
      `Đã kết thúc mọi phiên đăng nhập của ${person.fullName} (1 phiên).`,
    );
    await expect(sessions).toContainText("Không có phiên nào đang mở.");

    await expectSignedOutOnNextMove(theirs.page);
    await theirs.context.close();
  });

  test("sets a new password for a user who forgot theirs; they sign in with it", async ({
    page,
    browser,
    baseURL,
    user: _,
  }) => {
    const person = await freshUser(baseURL ?? "", "dl");
    const theirs = await signedInContext(browser, person);

    await page.goto("/quan-tri/nguoi-dung");
    await page.getByRole("button", { name: `Sửa tài khoản ${person.fullName}` }).click();
    const form = page.getByRole("form", { name: "Đặt lại mật khẩu" });
    const next = form.getByRole("textbox", { name: "Mật khẩu mới", exact: true });
    const repeat = form.getByLabel("Nhập lại mật khẩu mới");

    // A common password is refused at its field, in the reader's words.
    await next.fill("password123");
    await repeat.fill("password123");
    await form.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await expect(next).toHaveAttribute("aria-invalid", "true");
    await expect(form).toContainText("Mật khẩu này quá phổ biến");

    const newPassword = `mat-khau-cap-lai-${unique()}`;
    await next.fill(newPassword);
    await repeat.fill(newPassword);
    await form.getByRole("button", { name: "Đặt lại mật khẩu" }).click();
    await expect(form.getByRole("status")).toContainText(
      "Đã đặt mật khẩu mới. Mọi phiên đăng nhập của người này đã kết thúc.",
    );
    await expect(next).not.toHaveAttribute("aria-invalid", "true");

    // Their open page is signed out; the new password lets them back in.
    await expectSignedOutOnNextMove(theirs.page);
    await theirs.context.close();
    const again = await signedInContext(browser, { ...person, password: newPassword });
    await again.context.close();
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the account page fits the screen without sideways scrolling", async ({ browser, baseURL }) => {
    const user = await freshUser(baseURL ?? "", "dt");
    const other = await signedInContext(browser, user);
    const { context, page } = await signedInContext(browser, user);
    expect(page.viewportSize()?.width).toBe(390);
    await openAccountPage(page);
    await expect(sessionItems(page)).toHaveCount(2);
    await expect(page.getByRole("button", { name: "Đăng xuất mọi thiết bị khác" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole("button", { name: "Đăng xuất mọi thiết bị khác" }).click();
    await expect(
      page.getByRole("status").filter({ hasText: "Đã đăng xuất 1 phiên trên thiết bị khác." }),
    ).toBeVisible();
    await expect(sessionItems(page)).toHaveCount(1);
    await expectSignedOutOnNextMove(other.page);
    await context.close();
    await other.context.close();
  });
});

test("a throttled sign-in says how long to wait and marks no field", async ({ page }) => {
  // The server's answer is stood in for here: throttling a real account from this shared address
  // would slow every other spec's sign-ins. The API's own tests prove the 429 and its Retry-After.
  await page.route("**/api/auth/login", (route) =>
    route.fulfill({
      status: 429,
      headers: { "Retry-After": "95" },
      contentType: "application/json",
      body: JSON.stringify({ code: "TOO_MANY_ATTEMPTS", message: "Too many attempts", retryAfterSeconds: 95 }),
    }),
  );
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill("ai-do@demo.khcn.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("khong-quan-trong");
  await page.getByRole("button", { name: "Đăng nhập" }).click();

  await expect(page.getByRole("alert")).toContainText("Quá nhiều lần đăng nhập sai. Thử lại sau 2 phút.");
  await expect(page.getByLabel("Email")).not.toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Mật khẩu", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("alert")).toContainText("Too many failed sign-in attempts. Try again in 2 minutes.");
});
