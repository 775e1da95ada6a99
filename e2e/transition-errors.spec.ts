import { apiAs, createProposal, patchTask, personId, uniqueDocumentNumber, uniqueTitle } from "./api.ts";
import { expect, test } from "./fixtures.ts";
import { currentStep, fillDocument, openStep, openTab, stepsRegion, takeStep } from "./task-page.ts";

/* What the user is told when a step or an edit cannot go through, and that nothing moves meanwhile. */

const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

test.use({ role: "staff" });

test("a malformed document number is refused inline, in Vietnamese, and the task stays put", async ({
  page,
  baseURL,
  user: _,
}) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Số sai"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });

  await page.goto(`/nhiem-vu/${task.id}?tab=tien-trinh`);
  const dialog = await openStep(page, "Xác định nhiệm vụ");
  await fillDocument(dialog, { number: "135 QĐ SKHCN" });
  await dialog.getByRole("button", { name: "Xác nhận" }).click();

  const number = dialog.getByLabel("Số văn bản");
  await expect(number).toHaveAttribute("aria-invalid", "true");
  await expect(number).toBeFocused();
  await expect(number).toHaveAccessibleDescription(/Số văn bản chưa đúng dạng số\/LOẠI-CƠ QUAN, ví dụ 135\/QĐ-SKHCN\./);
  await expect(dialog).toBeVisible();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(currentStep(page)).toContainText("Đề xuất");
  await expect(stepsRegion(page)).toContainText("Nhiệm vụ chưa chuyển giai đoạn lần nào.");
  const timeline = await staff.get(`/api/tasks/${task.id}/timeline`);
  expect(((await timeline.json()) as { stage: string; entries: unknown[] }).entries).toHaveLength(0);
  await staff.dispose();
});

test("a number another decision already has is refused inline, naming the clash", async ({
  page,
  baseURL,
  user: _,
}, testInfo) => {
  const staff = await apiAs("staff", baseURL as string);
  const pi = await personId(staff, "Phạm Văn Hùng");
  const first = await createProposal(staff, { title: uniqueTitle("Số trùng 1"), piPersonId: pi });
  const second = await createProposal(staff, { title: uniqueTitle("Số trùng 2"), piPersonId: pi });
  const number = uniqueDocumentNumber("QĐ", testInfo.parallelIndex);

  await page.goto(`/nhiem-vu/${first.id}?tab=tien-trinh`);
  await takeStep(page, "Xác định nhiệm vụ", { number, signer: "Trần Quang Vinh" }, "Xác định nhiệm vụ");

  await page.goto(`/nhiem-vu/${second.id}?tab=tien-trinh`);
  const dialog = await openStep(page, "Xác định nhiệm vụ");
  await fillDocument(dialog, { number, signer: "Người khác" });
  await dialog.getByRole("button", { name: "Xác nhận" }).click();
  const field = dialog.getByLabel("Số văn bản");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/đã được dùng cho văn bản ngày .* do Trần Quang Vinh ký/);
  await page.keyboard.press("Escape");
  await expect(currentStep(page)).toContainText("Đề xuất");
  await staff.dispose();
});

test("an edit of a task someone changed meanwhile offers to reload", async ({ page, baseURL, user: _ }) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Sửa cùng lúc"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });

  await page.goto(`/nhiem-vu/${task.id}`);
  await page.getByRole("link", { name: "Chỉnh sửa" }).click();
  await expect(page.getByLabel("Tên nhiệm vụ")).toHaveValue(task.title);

  // Someone else renames it while the form is open.
  const renamed = `${task.title} (đã sửa)`;
  await patchTask(staff, task.id, { version: task.version, title: renamed });

  await page.getByLabel("Cơ quan đề xuất đặt hàng").fill("UBND huyện Giao Thủy");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "Nhiệm vụ đã được người khác cập nhật" });
  await expect(alert).toBeVisible();
  await alert.getByRole("button", { name: "Tải lại" }).click();
  await expect(page.getByLabel("Tên nhiệm vụ")).toHaveValue(renamed);
  await expect(page.getByLabel("Cơ quan đề xuất đặt hàng")).toHaveValue("");
  await staff.dispose();
});

test("a field left wrong in the edit form is marked beside it", async ({ page, baseURL, user: _ }) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Kinh phí sai"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });

  await page.goto(`/nhiem-vu/${task.id}/chinh-sua`);
  await page.getByRole("radio", { name: "Triệu đồng" }).check();
  await page.getByLabel("Tổng kinh phí").fill("500");
  await page.getByLabel("Ngân sách sự nghiệp KH&CN").fill("600");
  await page.getByLabel("Tên nhiệm vụ").fill("");
  await page.getByRole("button", { name: "Lưu thay đổi" }).click();

  await expect(page.getByLabel("Tên nhiệm vụ")).toHaveAccessibleDescription("Vui lòng nhập thông tin này.");
  await expect(page.getByLabel("Ngân sách sự nghiệp KH&CN")).toHaveAccessibleDescription(
    /Ngân sách sự nghiệp KH&CN không được lớn hơn tổng kinh phí\./,
  );
  await expect(page.getByLabel("Tên nhiệm vụ")).toBeFocused();
  await staff.dispose();
});

test("the change history lists a step with its decision", async ({ page, baseURL, user: _ }, testInfo) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Lịch sử"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });
  const number = uniqueDocumentNumber("QĐ", testInfo.parallelIndex);
  await page.goto(`/nhiem-vu/${task.id}?tab=tien-trinh`);
  await takeStep(page, "Xác định nhiệm vụ", { number }, "Xác định nhiệm vụ");
  await openTab(page, "Lịch sử");
  const items = page.getByRole("region", { name: "Lịch sử thay đổi" }).getByRole("listitem");
  // Newest first: the step, its decision, then the registration.
  await expect(items.nth(0)).toContainText("Chuyển giai đoạn");
  await expect(items.nth(0)).toContainText("Xác định nhiệm vụ: Đề xuất → Xác định nhiệm vụ");
  await expect(items.filter({ hasText: "Ghi nhận văn bản" })).toContainText(`Văn bản số ${number}`);
  await expect(items.last()).toContainText("Tạo nhiệm vụ");
  await staff.dispose();
});

test("a step on a task someone else has just moved says so and offers to reload", async ({
  page,
  baseURL,
  user: _,
}, testInfo) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Đã chuyển"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });

  await page.goto(`/nhiem-vu/${task.id}?tab=tien-trinh`);
  const dialog = await openStep(page, "Xác định nhiệm vụ");

  // Someone else takes the same step while the dialog is open.
  const moved = await staff.post(`/api/tasks/${task.id}/transitions`, {
    data: {
      action: "identify",
      fromStage: "proposed",
      document: {
        number: uniqueDocumentNumber("QĐ", testInfo.parallelIndex),
        issuedOn: todayInVietnam(),
        signer: "Trần Quang Vinh",
      },
    },
  });
  expect(moved.status()).toBe(200);

  await fillDocument(dialog, { number: uniqueDocumentNumber("QĐ", testInfo.parallelIndex) });
  await dialog.getByRole("button", { name: "Xác nhận" }).click();
  const alert = dialog.getByRole("alert");
  await expect(alert).toContainText("Nhiệm vụ vừa được người khác chuyển sang giai đoạn khác.");
  await alert.getByRole("button", { name: "Tải lại" }).click();
  await expect(dialog).toBeHidden();
  await expect(currentStep(page)).toContainText("Xác định nhiệm vụ");
  await expect(stepsRegion(page).getByRole("listitem")).toHaveCount(1);
  await staff.dispose();
});

test("a file of a type the Department does not keep is refused before the step is sent", async ({
  page,
  baseURL,
  user: _,
}) => {
  const staff = await apiAs("staff", baseURL as string);
  const task = await createProposal(staff, {
    title: uniqueTitle("Tệp sai"),
    piPersonId: await personId(staff, "Phạm Văn Hùng"),
  });

  await page.goto(`/nhiem-vu/${task.id}?tab=tien-trinh`);
  const dialog = await openStep(page, "Xác định nhiệm vụ");
  const file = dialog.getByLabel("Tệp văn bản");
  await file.setInputFiles({ name: "ghi-chu.txt", mimeType: "text/plain", buffer: Buffer.from("không phải văn bản") });
  await expect(file).toHaveAttribute("aria-invalid", "true");
  await expect(file).toHaveAccessibleDescription(/Tệp không thuộc loại được chấp nhận/);
  await staff.dispose();
});
