import { expect, type Locator, type Page } from "@playwright/test";

/* Reading the task list as a user sees it (Vietnamese interface). */

export function results(page: Page): Locator {
  return page.getByRole("region", { name: "Kết quả" });
}

/** The polite live region that reads "52 nhiệm vụ". */
export function countStatus(page: Page): Locator {
  return results(page).getByRole("status").filter({ hasText: /\d/ });
}

/** The number in "52 nhiệm vụ", once a list has arrived. */
export async function resultCount(page: Page): Promise<number> {
  const status = countStatus(page);
  await expect(status).toBeVisible();
  return Number(((await status.textContent()) ?? "").replace(/\D/g, ""));
}

/** Waits until no list is loading. */
export async function settled(page: Page): Promise<void> {
  await expect(results(page)).toHaveAttribute("aria-busy", "false");
}

export function taskTable(page: Page): Locator {
  return page.getByRole("table", { name: "Danh sách nhiệm vụ" });
}

/** Titles of the tasks on the current page of the table. */
export async function visibleTitles(page: Page): Promise<string[]> {
  await settled(page);
  return taskTable(page).getByRole("link").allInnerTexts();
}
