import { test as base, expect, type Page } from "@playwright/test";

/*
 * Sign-in fixtures for the demo accounts the server seeds (see the README).
 * `test.use({ role: "pi" })` picks the account; asking for `user` signs the page in as it.
 */

export const DEMO_ROLES = ["admin", "staff", "head", "pi", "council"] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];
export const DEMO_PASSWORD = "demo-2025-khcn";

export function demoEmail(role: DemoRole): string {
  return `${role}@demo.khcn.vn`;
}

/** What the sign-in answer tells about the user (the part the tests look at). */
export interface SignedInUser {
  email: string;
  fullName: string;
  roles: string[];
}

/**
 * Signs in through the form, the way a person does, and waits for the task list: a person lands on
 * their work list ("Việc cần làm") unless they were sent to sign in from another page, so from
 * there the fixture follows the navigation to the task list, where the specs start.
 */
export async function signIn(page: Page, role: DemoRole): Promise<SignedInUser> {
  const user = await signInOnly(page, role);
  const landing = page.getByRole("heading", { level: 1, name: "Việc cần làm" });
  const taskList = page.getByRole("heading", { level: 1, name: "Danh sách nhiệm vụ" });
  await expect(landing.or(taskList)).toBeVisible();
  if (await landing.isVisible()) {
    await page
      .getByRole("navigation", { name: "Điều hướng chính" })
      .getByRole("link", { name: "Nhiệm vụ", exact: true })
      .click();
  }
  await expect(taskList).toBeVisible();
  return user;
}

/** Signs in through the form and returns once the server has answered, wherever the app lands. */
export async function signInOnly(page: Page, role: DemoRole): Promise<SignedInUser> {
  if (!page.url().includes("/dang-nhap")) await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill(demoEmail(role));
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/login") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  const response = await answer;
  expect(response.status(), `sign-in as ${role}`).toBe(200);
  const { user } = (await response.json()) as { user: SignedInUser };
  return user;
}

export const test = base.extend<{ role: DemoRole; user: SignedInUser }>({
  role: ["staff", { option: true }],
  user: async ({ page, role }, use) => {
    await use(await signIn(page, role));
  },
});

export { expect };
