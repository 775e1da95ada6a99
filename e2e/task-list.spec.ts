import { expect, test } from "./fixtures.ts";
import { countStatus, resultCount, settled, taskTable, visibleTitles } from "./task-list-page.ts";

test.describe("task list", () => {
  test.use({ role: "staff" });

  test("filtering by a theme narrows the list, and clearing restores it", async ({ page, user: _ }) => {
    const before = await resultCount(page);
    expect(before).toBeGreaterThan(0);

    await page.getByRole("combobox", { name: "Chủ đề" }).selectOption({ index: 1 });
    await expect(page).toHaveURL(/[?&]theme=\d+/);
    await expect.poll(() => resultCount(page)).toBeLessThan(before);

    await page.getByRole("button", { name: "Xóa bộ lọc" }).first().click();
    await expect(page).toHaveURL(/\/nhiem-vu$/);
    await expect.poll(() => resultCount(page)).toBe(before);
  });

  test("searching without diacritics finds titles with them", async ({ page, user: _ }) => {
    const before = await resultCount(page);

    await page.getByLabel("Tìm kiếm", { exact: true }).fill("giong lua");
    await expect(page).toHaveURL(/[?&]q=giong(\+|%20)lua/);
    await expect.poll(() => resultCount(page)).toBeLessThan(before);

    const titles = await visibleTitles(page);
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(title.toLowerCase()).toContain("giống lúa");
  });

  test("filters live in the URL, so the back button undoes them", async ({ page, user: _ }) => {
    const before = await resultCount(page);
    const stage = page.getByRole("combobox", { name: "Giai đoạn" });

    await stage.selectOption({ label: "Đang thực hiện" });
    await expect(page).toHaveURL(/[?&]stage=in_progress/);
    await expect.poll(() => resultCount(page)).toBeLessThan(before);
    for (const row of await taskTable(page).getByRole("row").all()) {
      if (await row.getByRole("cell").count()) await expect(row).toContainText("Đang thực hiện");
    }

    await page.goBack();
    await expect(page).toHaveURL(/\/nhiem-vu$/);
    await expect(stage).toHaveValue("");
    await expect.poll(() => resultCount(page)).toBe(before);

    await page.goForward();
    await expect(stage).toHaveValue("in_progress");
  });

  test("column headers sort the list and say how", async ({ page, user: _ }) => {
    const table = taskTable(page);
    const codeHeader = table.getByRole("columnheader", { name: /^Mã/ });
    await expect(codeHeader).toHaveAttribute("aria-sort", "ascending");

    await table.getByRole("button", { name: /^Kinh phí/ }).click();
    await expect(page).toHaveURL(/sort=totalBudget&order=desc/);
    await expect(table.getByRole("columnheader", { name: /^Kinh phí/ })).toHaveAttribute("aria-sort", "descending");
    await expect(codeHeader).not.toHaveAttribute("aria-sort", /./);

    await table.getByRole("button", { name: /^Kinh phí/ }).click();
    await expect(page).toHaveURL(/sort=totalBudget&order=asc/);
    await expect(table.getByRole("columnheader", { name: /^Kinh phí/ })).toHaveAttribute("aria-sort", "ascending");
  });

  test("pages through the list", async ({ page, user: _ }) => {
    const pagination = page.getByRole("navigation", { name: "Phân trang" });
    await expect(pagination).toContainText(/Trang 1\/\d+/);
    await expect(pagination.getByRole("button", { name: "Trang trước" })).toBeDisabled();
    const firstPage = await visibleTitles(page);

    await pagination.getByRole("button", { name: "Trang sau" }).click();
    await expect(page).toHaveURL(/[?&]page=2/);
    await expect(pagination).toContainText(/Trang 2\/\d+/);
    await settled(page);
    expect(await visibleTitles(page)).not.toEqual(firstPage);
  });

  test("shows money in triệu đồng or đồng, and remembers the choice", async ({ page, user: _ }) => {
    const table = taskTable(page);
    await page.getByRole("radio", { name: "Đồng", exact: true }).check();
    await expect(table.getByRole("columnheader", { name: /^Kinh phí/ })).toContainText("(đồng)");
    // Whole đồng: groups of three digits, no decimal part.
    await expect(table.getByRole("row").nth(1).getByRole("cell").nth(5)).toHaveText(/^\d{1,3}(\.\d{3})+$/);

    await page.reload();
    await expect(page.getByRole("radio", { name: "Đồng", exact: true })).toBeChecked();

    await page.getByRole("radio", { name: "Triệu đồng" }).check();
    await expect(table.getByRole("columnheader", { name: /^Kinh phí/ })).toContainText("(triệu đồng)");
    await expect(table.getByRole("row").nth(1).getByRole("cell").nth(5)).toHaveText(/^\d{1,3}(\.\d{3})*,\d$/);
  });

  test("announces the result count politely", async ({ page, user: _ }) => {
    await expect(countStatus(page)).toHaveText(/^[\d.]+ nhiệm vụ$/);
  });

  test("stage counts show how many tasks each stage holds, and filter by it", async ({ page, user: _ }) => {
    const counts = page.getByRole("group", { name: "Số nhiệm vụ theo giai đoạn" });
    const all = counts.getByRole("button", { name: /^Tất cả/ });
    await expect(all).toHaveAttribute("aria-pressed", "true");
    const total = await resultCount(page);
    await expect(all).toHaveText(new RegExp(`${total.toLocaleString("vi-VN")}$`));

    const chip = counts.getByRole("button", { name: /^Đang thực hiện/ });
    const inProgress = Number(((await chip.textContent()) ?? "").replace(/\D/g, ""));
    await chip.click();
    await expect(page).toHaveURL(/[?&]stage=in_progress/);
    await expect(chip).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => resultCount(page)).toBe(inProgress);
    await expect(page.getByRole("combobox", { name: "Giai đoạn" })).toHaveValue("in_progress");
    // The other stages keep their counts, so the user sees where else to look.
    await expect(counts.getByRole("button", { name: /^Đã kết thúc/ })).toBeVisible();
  });
});

test.describe("as a principal investigator", () => {
  test.use({ role: "pi" });

  test("sees the tasks they lead", async ({ page, user }) => {
    await settled(page);
    const piCells = taskTable(page).getByRole("cell").filter({ hasText: user.fullName });
    expect(await piCells.count()).toBeGreaterThanOrEqual(3);
  });

  test("narrows the list to their own tasks, kept in the URL", async ({ page, user: _ }) => {
    const before = await resultCount(page);
    await page.getByRole("radio", { name: "Nhiệm vụ của tôi" }).check();
    await expect(page).toHaveURL(/[?&]mine=true/);
    await settled(page);
    expect(await resultCount(page)).toBeLessThanOrEqual(before);
    await page.reload();
    await expect(page.getByRole("radio", { name: "Nhiệm vụ của tôi" })).toBeChecked();
  });
});
