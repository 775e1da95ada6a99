import { apiAs, createProposal, personId, uniqueDocumentNumber, uniqueTitle } from "./api.ts";
import { expect, signIn, test } from "./fixtures.ts";
import { actionsRegion, currentStep, openTab, pdfFile, stepsRegion, takeStep } from "./task-page.ts";

/*
 * The lifecycle in the browser: a staff member registers a proposal and takes it to "in progress",
 * a decision at each step, completing the record where a step needs it; then the task's PI,
 * the department head and another scientist look at it.
 */

const PI_NAME = "Phạm Văn Hùng"; // the pi@demo.khcn.vn account
const STEPS = [
  { action: "Xác định nhiệm vụ", stage: "Xác định nhiệm vụ", type: "QĐ" },
  { action: "Tổ chức tuyển chọn / giao trực tiếp", stage: "Tuyển chọn/Giao trực tiếp", type: "QĐ" },
  { action: "Chọn tổ chức chủ trì", stage: "Thẩm định kinh phí", type: "QĐ" },
  { action: "Phê duyệt nhiệm vụ", stage: "Phê duyệt", type: "QĐ" },
  { action: "Ký hợp đồng", stage: "Đang thực hiện", type: "HĐ" },
] as const;

test.describe("a proposal taken to in progress", () => {
  test.use({ role: "staff" });
  test.setTimeout(120_000);

  test("staff move it step by step, and the timeline and history show every step", async ({
    page,
    browser,
    user: _,
  }, testInfo) => {
    const title = uniqueTitle("Giống lúa chịu mặn");
    const numbers = STEPS.map((step) => uniqueDocumentNumber(step.type, testInfo.parallelIndex));

    // Register the proposal through the form, led by the demo PI.
    await page.getByRole("link", { name: "Đề xuất nhiệm vụ mới" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Đề xuất nhiệm vụ mới");
    await page.getByLabel("Tên nhiệm vụ").fill(title);
    await page.getByLabel("Loại nhiệm vụ").selectOption({ label: "Đề tài" });
    await page.getByLabel("Lĩnh vực").selectOption({ label: "Khoa học nông nghiệp" });
    await page.getByLabel("Chủ nhiệm nhiệm vụ", { exact: true }).fill(PI_NAME);
    await page
      .getByRole("button", { name: new RegExp(PI_NAME) })
      .first()
      .click();
    await expect(page.getByLabel("Chủ nhiệm nhiệm vụ", { exact: true })).toHaveValue(new RegExp(PI_NAME));
    await page.getByRole("button", { name: "Gửi đề xuất" }).click();

    await expect(page).toHaveURL(/\/nhiem-vu\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("status").filter({ hasText: "Đã gửi đề xuất nhiệm vụ" })).toBeVisible();
    const taskUrl = new URL(page.url()).pathname;

    await openTab(page, "Tiến trình");
    await expect(currentStep(page)).toContainText("Đề xuất");
    await takeStep(page, STEPS[0].action, { number: numbers[0] as string }, STEPS[0].stage);

    // Opening the selection needs the selection method: the step says so and links to the form.
    const actions = actionsRegion(page);
    await expect(actions.getByRole("button", { name: STEPS[1].action })).toHaveCount(0);
    await expect(actions).toContainText("Cần bổ sung: Phương thức tuyển chọn/giao trực tiếp");
    await actions.getByRole("link", { name: "Bổ sung thông tin nhiệm vụ" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Chỉnh sửa nhiệm vụ");
    await page.getByLabel("Phương thức tuyển chọn/giao trực tiếp").selectOption({ label: "Giao trực tiếp" });
    await page.getByRole("button", { name: "Lưu thay đổi" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu thay đổi." })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Tiến trình" })).toHaveAttribute("aria-selected", "true");
    await takeStep(page, STEPS[1].action, { number: numbers[1] as string }, STEPS[1].stage);

    // Choosing the host, and later the approval, need the host, budget and dates in the record.
    await expect(actions).toContainText("Cần bổ sung: Tổ chức chủ trì");
    await actions.getByRole("link", { name: "Bổ sung thông tin nhiệm vụ" }).click();
    await page.getByLabel("Tổ chức chủ trì").selectOption({ index: 1 });
    await page.getByRole("radio", { name: "Triệu đồng" }).check();
    await page.getByLabel("Tổng kinh phí").fill("1.250,5");
    await expect(page.getByText("Bằng 1.250.500.000 đ")).toBeVisible();
    await page.getByLabel("Ngân sách sự nghiệp KH&CN").fill("1.000");
    await page.getByLabel("Ngày bắt đầu").fill("2027-01-01");
    await page.getByLabel("Ngày kết thúc").fill("2028-12-31");
    await page.getByRole("button", { name: "Lưu thay đổi" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu thay đổi." })).toBeVisible();

    for (const [i, step] of STEPS.entries()) {
      if (i < 2) continue;
      // The approval decision goes with its scanned file.
      const file = step.action === "Phê duyệt nhiệm vụ" ? pdfFile("QĐ phê duyệt.pdf") : undefined;
      await takeStep(page, step.action, { number: numbers[i] as string, ...(file ? { file } : {}) }, step.stage);
    }

    // The rail marks every stage passed, and the steps list every decision with its number.
    await expect(currentStep(page)).toContainText("Đang thực hiện");
    const steps = stepsRegion(page).getByRole("listitem");
    await expect(steps).toHaveCount(STEPS.length);
    for (const [i, step] of STEPS.entries()) {
      await expect(steps.nth(i)).toContainText(step.action);
      await expect(steps.nth(i)).toContainText(numbers[i] as string);
      await expect(steps.nth(i)).toContainText("Nguyễn Văn Hải");
    }
    const download = steps.nth(3).getByRole("link", { name: "QĐ phê duyệt.pdf" });
    const answer = await page.request.get((await download.getAttribute("href")) ?? "");
    expect(answer.status()).toBe(200);
    expect(answer.headers()["content-disposition"]).toContain("attachment");

    // The history lists each step, each decision, the registration and the edits.
    await openTab(page, "Lịch sử");
    const history = page.getByRole("region", { name: "Lịch sử thay đổi" });
    await expect(history.getByText(/^Chuyển giai đoạn$/)).toHaveCount(STEPS.length);
    await expect(history.getByText(/^Ghi nhận văn bản$/)).toHaveCount(STEPS.length);
    for (const number of numbers) await expect(history).toContainText(`Văn bản số ${number}`);
    await expect(history.getByText(/^Tạo nhiệm vụ$/)).toHaveCount(1);
    await expect(history.getByText(/^Cập nhật thông tin nhiệm vụ$/)).toHaveCount(2);
    await expect(history).toContainText("Phương thức tuyển chọn/giao trực tiếp");
    await expect(history).toContainText("Giao trực tiếp");

    // Its PI finds it under "my tasks", and may take none of the staff's steps.
    const piContext = await browser.newContext();
    const piPage = await piContext.newPage();
    await signIn(piPage, "pi");
    await piPage.getByRole("radio", { name: "Nhiệm vụ của tôi" }).check();
    await expect(piPage).toHaveURL(/[?&]mine=true/);
    await piPage.getByLabel("Tìm kiếm", { exact: true }).fill(title);
    await piPage.getByRole("table", { name: "Danh sách nhiệm vụ" }).getByRole("link", { name: title }).click();
    await expect(piPage.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(piPage.getByRole("link", { name: "Chỉnh sửa" })).toHaveCount(0);
    await openTab(piPage, "Tiến trình");
    const piActions = actionsRegion(piPage);
    await expect(piActions).toContainText("Ở giai đoạn này bạn không có thao tác nào.");
    await expect(piActions.getByRole("button")).toHaveCount(0);
    await expect(piActions).toContainText("Tiếp nhận hồ sơ nghiệm thu");
    await expect(piActions).toContainText("Chỉ chuyên viên mới thực hiện được bước này");
    await expect(stepsRegion(piPage).getByRole("listitem")).toHaveCount(STEPS.length);
    await piContext.close();

    // The department head opens it.
    const headContext = await browser.newContext();
    const headPage = await headContext.newPage();
    await signIn(headPage, "head");
    await headPage.goto(taskUrl);
    await expect(headPage.getByRole("heading", { level: 1 })).toHaveText(title);
    await openTab(headPage, "Tiến trình");
    await expect(actionsRegion(headPage).getByRole("button", { name: "Chấm dứt hợp đồng" })).toBeVisible();
    await headContext.close();
  });
});

test.describe("who sees a proposal", () => {
  test("its PI sees it under my tasks without any staff action", async ({ page, baseURL }) => {
    const staff = await apiAs("staff", baseURL as string);
    const title = uniqueTitle("Chủ nhiệm xem");
    const task = await createProposal(staff, { title, piPersonId: await personId(staff, PI_NAME) });

    await signIn(page, "pi");
    await page.getByRole("radio", { name: "Nhiệm vụ của tôi" }).check();
    await page.getByLabel("Tìm kiếm", { exact: true }).fill(title);
    await page.getByRole("table", { name: "Danh sách nhiệm vụ" }).getByRole("link", { name: title }).click();
    await expect(page).toHaveURL(new RegExp(`/nhiem-vu/${task.id}$`));
    await openTab(page, "Tiến trình");
    const actions = actionsRegion(page);
    await expect(actions).toContainText("Xác định nhiệm vụ");
    await expect(actions.getByRole("button")).toHaveCount(0);
    await expect(actions).toContainText("Chỉ chuyên viên mới thực hiện được bước này");
    await expect(actions).toContainText("Chỉ chuyên viên/lãnh đạo Sở mới thực hiện được bước này");
    await staff.dispose();
  });

  test("the department head can open it", async ({ page, baseURL }) => {
    const staff = await apiAs("staff", baseURL as string);
    const title = uniqueTitle("Lãnh đạo xem");
    const task = await createProposal(staff, { title, piPersonId: await personId(staff, PI_NAME) });

    await signIn(page, "head");
    await page.goto(`/nhiem-vu/${task.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await openTab(page, "Tiến trình");
    await expect(actionsRegion(page).getByRole("button", { name: "Không xác định (loại đề xuất)" })).toBeVisible();
    await expect(actionsRegion(page).getByRole("button", { name: "Xác định nhiệm vụ" })).toHaveCount(0);
    await staff.dispose();
  });

  test("another scientist gets the not-found page for it", async ({ page, baseURL }) => {
    const staff = await apiAs("staff", baseURL as string);
    const title = uniqueTitle("Người khác");
    const task = await createProposal(staff, { title, piPersonId: await personId(staff, "Trương Quốc Bảo") });

    await signIn(page, "pi");
    await page.goto(`/nhiem-vu/${task.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
    await expect(page.getByText(title)).toHaveCount(0);
    const answer = await page.request.get(`/api/tasks/${task.id}/timeline`);
    expect(answer.status()).toBe(404);
    await staff.dispose();
  });
});
