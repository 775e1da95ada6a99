import { apiAs, uniqueDocumentNumber } from "./api.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { inProgressTask, reportPeriods } from "./running-task.ts";

/*
 * Adjustments of a running contract: the PI asks, staff decide, and the record follows; under full
 * lump-sum funding the products cannot be adjusted, and the form says why.
 */

test.describe("adjustments", () => {
  test.setTimeout(90_000);

  test("the PI asks for a 6-month extension; staff approve it and the end date and report schedule follow", async ({
    page,
    browser,
    baseURL,
  }, testInfo) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await inProgressTask(staff, { label: "Gia hạn", workerIndex: testInfo.parallelIndex });
    const periodsBefore = await reportPeriods(staff, task.id);

    // The PI files the request on the task's Adjustments tab.
    await signIn(page, "pi");
    await page.goto(`/nhiem-vu/${task.id}?tab=dieu-chinh`);
    await expect(page.getByRole("tab", { name: "Điều chỉnh" })).toHaveAttribute("aria-selected", "true");
    const region = page.getByRole("region", { name: "Điều chỉnh" });
    await region.getByRole("button", { name: "Đề nghị điều chỉnh" }).click();
    const form = page.getByRole("form", { name: "Đề nghị điều chỉnh" });
    await form.getByLabel("Nội dung điều chỉnh").selectOption({ label: "Thời gian thực hiện (gia hạn)" });
    await form.getByLabel("Ngày kết thúc mới").fill("2028-06-30");
    await expect(form.getByText("Gia hạn 6 tháng")).toBeVisible();
    await form.getByLabel("Lý do, giải trình").fill("Thời tiết bất lợi làm chậm vụ thử nghiệm thứ hai.");
    await form.getByRole("button", { name: "Gửi đề nghị" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã gửi đề nghị điều chỉnh." })).toBeVisible();
    const request = region.getByRole("listitem").filter({ hasText: "Thời gian thực hiện (gia hạn)" });
    await expect(request).toContainText("Chờ quyết định");
    await expect(request).toContainText("31/12/2027");
    await expect(request).toContainText("30/06/2028");
    await expect(request).toContainText(/còn \d+ ngày/);
    await expect(request.getByRole("button", { name: "Rút đề nghị" })).toBeVisible();
    await expect(request.getByRole("button", { name: "Phê duyệt", exact: true })).toHaveCount(0);

    // Staff find it among the pending decisions and approve it with the decision.
    const staffContext = await browser.newContext();
    const staffPage = await staffContext.newPage();
    await signIn(staffPage, "staff");
    await staffPage.getByRole("link", { name: "Điều chỉnh chờ quyết định" }).click();
    await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("Đề nghị điều chỉnh chờ quyết định");
    await staffPage.getByRole("link", { name: new RegExp(task.code.replace(/\./g, "\\.")) }).click();
    await expect(staffPage.getByRole("tab", { name: "Điều chỉnh" })).toHaveAttribute("aria-selected", "true");
    const pending = staffPage
      .getByRole("region", { name: "Điều chỉnh" })
      .getByRole("listitem")
      .filter({ hasText: "Thời gian thực hiện (gia hạn)" });
    await pending.getByRole("button", { name: "Phê duyệt", exact: true }).click();
    const decide = staffPage.getByRole("form", { name: "Phê duyệt đề nghị điều chỉnh" });
    const number = uniqueDocumentNumber("QĐ", testInfo.parallelIndex);
    await decide.getByLabel("Số văn bản").fill(number);
    await decide.getByLabel("Người ký").fill("Trần Quang Vinh");
    await decide.getByRole("button", { name: "Phê duyệt", exact: true }).click();
    await expect(staffPage.getByRole("status").filter({ hasText: "Đã ghi nhận quyết định." })).toBeVisible();
    const approved = staffPage
      .getByRole("region", { name: "Điều chỉnh" })
      .getByRole("listitem")
      .filter({ hasText: "Thời gian thực hiện (gia hạn)" });
    await expect(approved).toContainText("Đã phê duyệt");
    await expect(approved).toContainText(number);

    // The end date moved by six months, and the schedule gained a period.
    await staffPage.getByRole("tab", { name: "Tổng quan" }).click();
    await expect(staffPage.getByRole("region", { name: "Thời gian thực hiện" })).toContainText("30/06/2028");
    expect(await reportPeriods(staff, task.id)).toBeGreaterThan(periodsBefore);
    await staffContext.close();
    await staff.dispose();
  });

  test("a full lump-sum task refuses a products adjustment and says why", async ({ page, baseURL }, testInfo) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await inProgressTask(staff, {
      label: "Khoán sản phẩm",
      workerIndex: testInfo.parallelIndex,
      fundingMode: "full_lump_sum",
    });

    await signIn(page, "pi");
    await page.goto(`/nhiem-vu/${task.id}?tab=dieu-chinh`);
    await page.getByRole("button", { name: "Đề nghị điều chỉnh" }).click();
    const form = page.getByRole("form", { name: "Đề nghị điều chỉnh" });
    const kind = form.getByLabel("Nội dung điều chỉnh");
    await kind.selectOption({ label: "Sản phẩm" });
    await expect(kind).toHaveAttribute("aria-invalid", "true");
    await expect(kind).toHaveAccessibleDescription(
      "Khoán đến sản phẩm cuối cùng: sản phẩm cố định theo hợp đồng, không điều chỉnh được.",
    );
    await expect(form.getByRole("button", { name: "Gửi đề nghị" })).toBeDisabled();

    // The server refuses it too, whatever the form shows.
    const pi = await apiAs("pi", baseURL as string);
    const refused = await pi.post(`/api/tasks/${task.id}/adjustments`, {
      data: { kind: "products", reason: "Đổi sản phẩm", after: { description: "Thêm một giống" } },
    });
    expect(refused.status()).toBe(409);
    expect(((await refused.json()) as { code: string }).code).toBe("ADJUSTMENT_REFUSED");
    await pi.dispose();
    await staff.dispose();
  });
});
