import { apiAs, uniqueDocumentNumber } from "./api.ts";
import { expect, test } from "./fixtures.ts";
import { inProgressTask } from "./running-task.ts";
import { actionsRegion, openTab } from "./task-page.ts";

/* Staff record an inspection whose minutes propose termination; the terminate step then says so. */

test.describe("inspections", () => {
  test.use({ role: "staff" });
  test.setTimeout(90_000);

  test("an inspection proposing termination is shown with the terminate step", async ({
    page,
    baseURL,
    user: _,
  }, testInfo) => {
    const staff = await apiAs("staff", baseURL as string);
    const task = await inProgressTask(staff, { label: "Kiểm tra", workerIndex: testInfo.parallelIndex });
    const number = uniqueDocumentNumber("BB", testInfo.parallelIndex);

    await page.goto(`/nhiem-vu/${task.id}?tab=kiem-tra`);
    const region = page.getByRole("region", { name: "Kiểm tra, đánh giá" });
    await expect(region).toContainText("Chưa có lần kiểm tra, đánh giá nào.");
    await region.getByRole("button", { name: "Ghi nhận kết quả kiểm tra" }).click();
    const form = page.getByRole("form", { name: "Ghi nhận kiểm tra, đánh giá" });
    await form.getByLabel("Hình thức").selectOption({ label: "Đánh giá giữa kỳ" });
    await form.getByLabel("Họ và tên").fill("TS. Phạm Văn Đông");
    await form.getByLabel("Cơ quan (không bắt buộc)").fill("Sở Khoa học và Công nghệ");
    await form.getByRole("button", { name: "Thêm thành viên đoàn" }).click();
    await form.getByLabel("Họ và tên").nth(1).fill("ThS. Lê Thị Hoa");
    await form.getByLabel("Vai trò trong đoàn").nth(1).selectOption({ label: "Thư ký" });
    await form.getByLabel("Kết quả kiểm tra").fill("Chưa triển khai thử nghiệm; kinh phí tạm ứng chưa sử dụng.");
    await form.getByRole("radio", { name: "Đề nghị chấm dứt hợp đồng" }).check();
    await form.getByLabel("Số văn bản").fill(number);
    await form.getByLabel("Người ký").fill("TS. Phạm Văn Đông");
    await form.getByRole("button", { name: "Ghi nhận", exact: true }).click();

    await expect(page.getByRole("status").filter({ hasText: "Đã ghi nhận kết quả kiểm tra." })).toBeVisible();
    const item = region.getByRole("listitem").filter({ hasText: "Đánh giá giữa kỳ" });
    await expect(item).toContainText("Đề nghị chấm dứt hợp đồng");
    await expect(item).toContainText("ThS. Lê Thị Hoa — Thư ký");
    await expect(item).toContainText(number);
    await expect(page.getByRole("note")).toContainText("Đoàn kiểm tra đề nghị chấm dứt hợp đồng");

    await openTab(page, "Tiến trình");
    const actions = actionsRegion(page);
    await expect(actions.getByRole("button", { name: "Chấm dứt hợp đồng" })).toBeVisible();
    await expect(actions).toContainText(`Đề nghị của đoàn kiểm tra: biên bản số ${number}`);
    await staff.dispose();
  });
});
