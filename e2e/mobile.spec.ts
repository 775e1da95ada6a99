import { expect, test } from "./fixtures.ts";
import { resultCount, settled } from "./task-list-page.ts";

test.use({ role: "staff", viewport: { width: 375, height: 780 } });

test("on a phone the list is a card list without sideways scrolling", async ({ page, user: _ }) => {
  await settled(page);
  await expect(page.getByRole("table")).toBeHidden();
  const cards = page.getByRole("list", { name: "Danh sách nhiệm vụ" });
  await expect(cards).toBeVisible();
  expect(await cards.getByRole("listitem").count()).toBeGreaterThan(0);

  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("on a phone the filters fold away behind a button", async ({ page, user: _ }) => {
  const before = await resultCount(page);
  const stage = page.getByRole("combobox", { name: "Giai đoạn" });
  await expect(stage).toBeHidden();

  await page.getByRole("button", { name: "Bộ lọc" }).click();
  await stage.selectOption({ label: "Đang thực hiện" });
  await expect.poll(() => resultCount(page)).toBeLessThan(before);
  await expect(page.getByRole("button", { name: "Bộ lọc (1)" })).toHaveAttribute("aria-expanded", "true");
});

test("on a phone a card opens the task", async ({ page, user: _ }) => {
  await settled(page);
  const card = page.getByRole("list", { name: "Danh sách nhiệm vụ" }).getByRole("listitem").first();
  const link = card.getByRole("link");
  const title = ((await link.textContent()) ?? "").trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("on a phone the task's progress and a step's dialog fit the screen", async ({ page, user: _ }) => {
  await page.goto("/nhiem-vu?stage=in_progress");
  await settled(page);
  await page.getByRole("list", { name: "Danh sách nhiệm vụ" }).getByRole("listitem").first().getByRole("link").click();
  await page.getByRole("tab", { name: "Tiến trình" }).click();
  await expect(page.getByRole("region", { name: "Các giai đoạn" }).locator('[aria-current="step"]')).toContainText(
    "Đang thực hiện",
  );
  await page.getByRole("button", { name: "Tiếp nhận hồ sơ nghiệm thu" }).click();
  const dialog = page.getByRole("dialog", { name: "Tiếp nhận hồ sơ nghiệm thu" });
  await expect(dialog).toBeVisible();
  const box = await dialog.boundingBox();
  expect(box?.width ?? 0).toBeLessThanOrEqual(375);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
