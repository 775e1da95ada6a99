import { expect, test } from "./fixtures.ts";

test.use({ role: "staff" });

test("the language switch changes the labels and is remembered after reload", async ({ page, user: _ }) => {
  const html = page.locator("html");
  await expect(html).toHaveAttribute("lang", "vi");
  await expect(page.getByLabel("Tìm kiếm", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByLabel("Search", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Tìm kiếm", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tasks");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(html).toHaveAttribute("lang", "en");

  await page.reload();
  await expect(page.getByLabel("Search", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "English" })).toHaveAttribute("aria-pressed", "true");
  await expect(html).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByLabel("Tìm kiếm", { exact: true })).toBeVisible();
  await expect(html).toHaveAttribute("lang", "vi");
});
