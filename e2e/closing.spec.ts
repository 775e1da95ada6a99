import type { APIRequestContext } from "@playwright/test";
import { apiAs, uniqueDocumentNumber } from "./api.ts";
import { expect, test } from "./fixtures.ts";
import { actionsRegion, currentStep, fillDocument, openStep, openTab } from "./task-page.ts";

/*
 * The closing steps in the browser: staff register a recognised task's results with the
 * certificate number, and settle a failed task with the cause and the amount to recover, the
 * amount beyond the state budget being refused at the field before a right one goes through.
 * Each test takes the first demo task of its stage (sorted by code), which no other spec moves.
 */

const SETTLEMENT = "Quyết toán & thanh lý";

interface DemoTask {
  id: number;
  code: string;
  stateBudget: string;
  regime: string;
}

async function firstTaskAt(api: APIRequestContext, stage: string): Promise<DemoTask> {
  const list = await api.get(`/api/tasks?stage=${stage}&pageSize=100&sort=code&order=asc`);
  expect(list.status()).toBe(200);
  const { items } = (await list.json()) as { items: { id: number }[] };
  const first = items[0];
  if (!first) throw new Error(`No demo task in stage ${stage}`);
  const detail = await api.get(`/api/tasks/${first.id}`);
  expect(detail.status()).toBe(200);
  return (await detail.json()) as DemoTask;
}

test.describe("closing a task", () => {
  test.use({ role: "staff" });

  test("staff register the results with the certificate number", async ({ page, baseURL, user: _ }, testInfo) => {
    const api = await apiAs("staff", baseURL as string);
    const task = await firstTaskAt(api, "registration");

    await page.goto(`/nhiem-vu/${task.id}`);
    await openTab(page, "Tiến trình");
    const dialog = await openStep(page, "Đăng ký kết quả");
    await fillDocument(dialog, { number: uniqueDocumentNumber("QĐ", testInfo.parallelIndex) });

    // The certificate is asked for, and required.
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    const certificate = dialog.getByLabel("Số giấy chứng nhận");
    await expect(certificate).toHaveAttribute("aria-invalid", "true");
    await expect(certificate).toBeFocused();
    await expect(dialog).toContainText("Nhập số giấy chứng nhận đăng ký kết quả.");

    await certificate.fill("2026-52-118/ĐKKQ");
    await dialog.getByLabel("Ngày cấp").fill("2026-11-02");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await expect(dialog).toBeHidden();
    await expect(actionsRegion(page).getByRole("status")).toHaveText(
      `Đã chuyển nhiệm vụ sang giai đoạn “${SETTLEMENT}”.`,
    );
    await expect(currentStep(page)).toContainText(SETTLEMENT);

    await openTab(page, "Tổng quan");
    const closing = page.getByRole("region", { name: "Kết thúc nhiệm vụ" });
    await expect(closing).toContainText("2026-52-118/ĐKKQ");
    await expect(closing).toContainText("02/11/2026");
    await api.dispose();
  });

  test("staff settle a failed task, the amount beyond the state budget refused at the field first", async ({
    page,
    baseURL,
    user: _,
  }, testInfo) => {
    const api = await apiAs("staff", baseURL as string);
    const task = await firstTaskAt(api, "failed");
    const budget = BigInt(task.stateBudget);
    expect(budget).toBeGreaterThan(12_500_000n);

    await page.goto(`/nhiem-vu/${task.id}`);
    await openTab(page, "Tiến trình");
    const dialog = await openStep(page, "Quyết toán");
    await fillDocument(dialog, { number: uniqueDocumentNumber("QĐ", testInfo.parallelIndex) });
    await dialog.getByLabel("Nguyên nhân").selectOption({ label: "Sử dụng kinh phí sai mục đích" });

    // In triệu đồng (the default unit): one million more than the whole state budget.
    const amount = dialog.getByLabel(/^Số tiền thu hồi/);
    await expect(amount).toHaveAccessibleName(/triệu đồng/);
    await amount.fill(String(budget / 1_000_000n + 1n));
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(amount).toBeFocused();
    await expect(dialog).toContainText("Số tiền thu hồi không được vượt quá kinh phí ngân sách nhà nước của nhiệm vụ");
    await expect(dialog).toBeVisible();

    await amount.fill("12,5");
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await expect(dialog).toBeHidden();
    await expect(actionsRegion(page).getByRole("status")).toHaveText(
      `Đã chuyển nhiệm vụ sang giai đoạn “${SETTLEMENT}”.`,
    );
    await expect(currentStep(page)).toContainText(SETTLEMENT);

    const stored = (await (await api.get(`/api/tasks/${task.id}`)).json()) as {
      recovery: { cause: string; amount: string } | null;
    };
    expect(stored.recovery).toEqual({ cause: "misuse_of_funds", amount: "12500000" });

    await openTab(page, "Tổng quan");
    const closing = page.getByRole("region", { name: "Kết thúc nhiệm vụ" });
    await expect(closing).toContainText("Sử dụng kinh phí sai mục đích");
    await expect(closing).toContainText("12,5");
    await api.dispose();
  });
});
