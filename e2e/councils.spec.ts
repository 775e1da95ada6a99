import { type APIRequestContext, type Browser, type Page, request } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { apiAs, personId, uniqueDocumentNumber } from "./api.ts";
import { DEMO_PASSWORD, expect, test } from "./fixtures.ts";
import { PI_NAME, todayInVietnam } from "./running-task.ts";

/*
 * The acceptance council from forming to its outcome. Staff form a 7-member council for a task of
 * this test's own in acceptance (refused: the PI as a member), record the establishment decision;
 * six members declare and grade through the API, the seventh on a phone through the score sheet;
 * the secretary takes attendance and closes; the outcome, its explanation and the minutes PDF
 * follow, and the task moves on to revision and recognition.
 */

const COUNCIL_EMAILS = [
  "council@demo.khcn.vn",
  "council2@demo.khcn.vn",
  "council3@demo.khcn.vn",
  "council4@demo.khcn.vn",
  "council5@demo.khcn.vn",
  "council6@demo.khcn.vn",
  "council7@demo.khcn.vn",
] as const;

/** Waits on the server after a step: other specs share it, and a close writes a PDF. */
const SERVER = { timeout: 30_000 };

type Role = "chair" | "vice_chair" | "reviewer" | "scientific_secretary" | "member";
const ROLE_LABELS: Record<Role, string> = {
  chair: "Chủ tịch",
  vice_chair: "Phó Chủ tịch",
  reviewer: "Ủy viên phản biện",
  scientific_secretary: "Thư ký khoa học",
  member: "Ủy viên",
};

interface Seat {
  email: string;
  fullName: string;
  personId: number;
  organisation: string | null;
  role: Role;
  api: APIRequestContext;
}

async function signInAs(baseURL: string, email: string): Promise<{ api: APIRequestContext; user: SessionUser }> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  let response = await api.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD } });
  if (response.status() === 401) {
    await createCouncilAccount(baseURL, email);
    response = await api.post("/api/auth/login", { data: { email, password: DEMO_PASSWORD } });
  }
  expect(response.status(), `API sign-in as ${email}`).toBe(200);
  const { user } = (await response.json()) as { user: SessionUser };
  return { api, user };
}

/**
 * The demo seeds the seven council accounts; should one be missing (an older seed), the test makes
 * it the way an administrator would: an expert in the registry, and an account linked to them.
 */
async function createCouncilAccount(baseURL: string, email: string): Promise<void> {
  const admin = await apiAs("admin", baseURL);
  const staff = await apiAs("staff", baseURL);
  const n = /council(\d*)@/.exec(email)?.[1] ?? "1";
  const fullName = `Chuyên gia Hội đồng ${n}`;
  const expert = await staff.post("/api/experts", { data: { fullName, title: "TS.", field: "agricultural" } });
  expect(expert.status(), await expert.text()).toBe(201);
  const { personId } = (await expert.json()) as { personId: number };
  const user = await admin.post("/api/users", {
    data: { email, fullName, roles: ["council"], personId, password: DEMO_PASSWORD },
  });
  expect(user.status(), await user.text()).toBe(201);
  await admin.dispose();
  await staff.dispose();
}

interface SessionUser {
  fullName: string;
  personId: number | null;
}

/** Signs a page in through the form with any account, and waits until it has left the sign-in page. */
async function signInPage(page: Page, email: string): Promise<void> {
  await page.goto("/dang-nhap");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/login") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  expect((await answer).status()).toBe(200);
  await expect(page).not.toHaveURL(/dang-nhap/, SERVER);
}

/** The seed's task in acceptance with a valid dossier and no council yet (README, "Demo data"). */
const DEMO_TASK_CODE = "ĐT.2023.03";

async function acceptanceTask(staff: APIRequestContext) {
  const found = await staff.get(`/api/tasks?q=${encodeURIComponent(DEMO_TASK_CODE)}`);
  expect(found.status(), await found.text()).toBe(200);
  const { items } = (await found.json()) as { items: { id: number; code: string }[] };
  const id = items.find((t) => t.code === DEMO_TASK_CODE)?.id;
  expect(id, `the demo task ${DEMO_TASK_CODE}`).toBeDefined();
  const detail = await staff.get(`/api/tasks/${id}`);
  const task = (await detail.json()) as {
    id: number;
    code: string;
    title: string;
    stage: string;
    host: { name: string } | null;
    products: { name: string }[];
  };
  expect(task.stage).toBe("acceptance");
  return task;
}

/** The seven seats: whoever comes from the host organisation sits as an ordinary member. */
async function seats(baseURL: string, staff: APIRequestContext, hostName: string | null): Promise<Seat[]> {
  const people: Omit<Seat, "role">[] = [];
  for (const email of COUNCIL_EMAILS) {
    const { api, user } = await signInAs(baseURL, email);
    expect(user.personId, `${email} is linked to a person`).not.toBeNull();
    const found = await staff.get(`/api/experts?q=${encodeURIComponent(user.fullName)}`);
    expect(found.status(), await found.text()).toBe(200);
    const { items } = (await found.json()) as {
      items: { personId: number; organisation: { name: string } | null }[];
    };
    let expert = items.find((e) => e.personId === user.personId);
    if (!expert) {
      // An older seed: the account's person is not in the registry yet.
      const added = await staff.post("/api/experts", { data: { personId: user.personId, field: "agricultural" } });
      expect(added.status(), await added.text()).toBe(201);
      expert = (await added.json()) as (typeof items)[number];
    }
    people.push({
      email,
      fullName: user.fullName,
      personId: user.personId as number,
      organisation: expert?.organisation?.name ?? null,
      api,
    });
  }
  // council7 grades on the phone as an ordinary member; whoever comes from the host organisation
  // may only sit as an ordinary member too, so they go last among the rest.
  const last = people.find((p) => p.email === "council7@demo.khcn.vn") as Omit<Seat, "role">;
  const fromHost = (p: Omit<Seat, "role">) => p.organisation !== null && p.organisation === hostName;
  const rest = people.filter((p) => p !== last).sort((a, b) => Number(fromHost(a)) - Number(fromHost(b)));
  const roles: Role[] = ["chair", "vice_chair", "reviewer", "reviewer", "scientific_secretary", "member"];
  return [...rest.map((p, i) => ({ ...p, role: roles[i] ?? "member" })), { ...last, role: "member" }];
}

/** A member declares no conflict, grades the task "pass" throughout, and signs off, through the API. */
async function gradeThroughApi(seat: Seat, councilId: number, taskId: number, memberId: number): Promise<void> {
  const declared = await seat.api.post(`/api/councils/${councilId}/members/${memberId}/conflict`, {
    data: { hasConflict: false },
  });
  expect(declared.status(), await declared.text()).toBe(200);
  const sheet = await seat.api.get(`/api/councils/${councilId}/score-sheet`);
  expect(sheet.status(), await sheet.text()).toBe(200);
  const { tasks } = (await sheet.json()) as { tasks: { taskId: number; products: { id: number }[] }[] };
  const products = tasks.find((t) => t.taskId === taskId)?.products ?? [];
  let reviewFileId: number | undefined;
  if (seat.role === "reviewer") {
    const uploaded = await seat.api.post("/api/files", {
      multipart: {
        file: {
          name: "nhan-xet-phan-bien.pdf",
          mimeType: "application/pdf",
          buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        },
      },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
    reviewFileId = ((await uploaded.json()) as { id: number }).id;
  }
  const saved = await seat.api.put(`/api/councils/${councilId}/scores/${taskId}`, {
    data: {
      products: products.map((p) => ({ productId: p.id, quantity: "pass", quality: "pass" })),
      report: "pass",
      comments: "Sản phẩm đạt yêu cầu của hợp đồng.",
      ...(reviewFileId ? { reviewFileId } : {}),
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const signed = await seat.api.post(`/api/councils/${councilId}/scores/${taskId}/sign-off`);
  expect(signed.status(), await signed.text()).toBe(200);
}

/** The text of a PDF as a reader would copy it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  return pages.join("\n").normalize("NFC");
}

async function phonePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL,
    // A phone's width without the mobile viewport's zoom-out, so sideways overflow shows.
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
  });
  return context.newPage();
}

test.describe("acceptance council", () => {
  test.use({ role: "staff" });
  test.setTimeout(240_000);

  test("staff form the council, members grade, the secretary closes, the outcome and minutes follow", async ({
    page,
    browser,
    baseURL,
    user: _,
  }, testInfo) => {
    const base = baseURL as string;
    const staff = await apiAs("staff", base);
    const task = await acceptanceTask(staff);
    const council = await seats(base, staff, task.host?.name ?? null);
    // The PI as an expert, so that adding them is refused for the conflict, not for the registry.
    const piPerson = await personId(staff, PI_NAME);
    const registered = await staff.post("/api/experts", { data: { personId: piPerson, field: "agricultural" } });
    expect([201, 409], await registered.text()).toContain(registered.status());

    // ---- forming, from the task in acceptance
    await page.goto(`/nhiem-vu/${task.id}?tab=hoi-dong`);
    await page.getByRole("link", { name: "Thành lập hội đồng" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Thành lập hội đồng" })).toBeVisible(SERVER);
    const form = page.getByRole("form", { name: "Thành lập hội đồng" });
    await expect(form.getByLabel("Loại hội đồng")).toHaveValue("acceptance");
    await expect(form).toContainText("Thành phần theo quy định: 7 thành viên", SERVER);
    await form.getByLabel("Ngày họp dự kiến").fill(todayInVietnam());
    await form.getByLabel("Địa điểm họp").fill("Phòng họp tầng 3, Sở Khoa học và Công nghệ");
    await form.getByRole("button", { name: "Tạo hội đồng" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã tạo hội đồng. Hãy thêm thành viên." })).toBeVisible(
      SERVER,
    );
    const councilId = Number(/\/hoi-dong\/(\d+)/.exec(page.url())?.[1]);
    expect(councilId).toBeGreaterThan(0);

    const addForm = page.getByRole("form", { name: "Thêm thành viên từ danh sách chuyên gia" });
    const chooseExpert = async (name: string) => {
      await addForm.getByLabel("Chuyên gia").fill(name);
      await addForm
        .getByRole("button", { name: new RegExp(`^(\\S+\\. )?${name}`) })
        .first()
        .click();
    };

    // Bad input: the PI is on the task's team, so the refusal shows at the expert field.
    await chooseExpert(PI_NAME);
    await addForm.getByLabel("Vai trò trong hội đồng").selectOption({ label: "Ủy viên" });
    await addForm.getByRole("button", { name: "Thêm vào hội đồng" }).click();
    const expertField = addForm.getByLabel("Chuyên gia");
    await expect(expertField).toHaveAttribute("aria-invalid", "true", SERVER);
    await expect(addForm).toContainText(
      "Người này là chủ nhiệm hoặc thành viên thực hiện nhiệm vụ nên không được tham gia hội đồng.",
    );
    await addForm.getByRole("button", { name: "Chọn người khác" }).click();

    for (const seat of council) {
      await chooseExpert(seat.fullName);
      await addForm.getByLabel("Vai trò trong hội đồng").selectOption({ label: ROLE_LABELS[seat.role] });
      await addForm.getByRole("button", { name: "Thêm vào hội đồng" }).click();
      await expect(
        page.getByRole("status").filter({ hasText: new RegExp(`Đã thêm .*${seat.fullName}`) }),
      ).toBeVisible();
    }
    const members = page.getByRole("list", { name: "Thành viên hội đồng" });
    await expect(members.getByText("Chưa khai báo xung đột lợi ích", { exact: true })).toHaveCount(7, SERVER);
    await expect(page.getByText("Đã đủ thành phần theo quy định.")).toBeVisible(SERVER);
    // The automatic flags: the host organisation's person (council7 in the demo) is marked.
    const hostSeat = council.find((seat) => seat.organisation !== null && seat.organisation === task.host?.name);
    expect(hostSeat, "a member from the host organisation").toBeDefined();
    await expect(
      members
        .getByRole("listitem")
        .filter({ hasText: hostSeat?.fullName ?? "" })
        .first(),
    ).toContainText("Thuộc tổ chức chủ trì: chỉ được làm ủy viên");

    // The establishment decision.
    const decision = uniqueDocumentNumber("QĐ", testInfo.parallelIndex);
    const establish = page.getByRole("form", { name: "Ghi quyết định thành lập" });
    await establish.getByLabel("Số văn bản").fill(decision);
    await establish.getByLabel("Người ký").fill("Nguyễn Văn Hải");
    await establish.getByRole("button", { name: "Ghi quyết định thành lập" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã ghi quyết định thành lập hội đồng." })).toBeVisible(
      SERVER,
    );
    await expect(page.getByText(`Số ${decision}`)).toBeVisible(SERVER);
    await expect(page.getByText("Đã thành lập", { exact: true })).toBeVisible(SERVER);

    // Readiness: documents sent today for a meeting today is too late, and the page says so.
    await page.getByRole("button", { name: "Sửa thông tin cuộc họp" }).click();
    await page.getByLabel("Ngày gửi tài liệu cho thành viên").fill(todayInVietnam());
    await page.getByRole("button", { name: "Lưu", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Đã lưu thông tin cuộc họp." })).toBeVisible(SERVER);
    await expect(page.getByText(/quy định ít nhất 3 ngày làm việc/)).toBeVisible(SERVER);

    // ---- six members grade through the API
    const detail = await staff.get(`/api/councils/${councilId}`);
    const { members: seated } = (await detail.json()) as { members: { id: number; person: { id: number } }[] };
    const memberIdOf = (seat: Seat) => seated.find((m) => m.person.id === seat.personId)?.id as number;
    const onPhone = council.find((s) => s.email === "council7@demo.khcn.vn") as Seat;
    for (const seat of council.filter((s) => s !== onPhone)) {
      await gradeThroughApi(seat, councilId, task.id, memberIdOf(seat));
    }

    // ---- the seventh on a phone: declaration, then the score sheet
    const phone = await phonePage(browser, base);
    await signInPage(phone, onPhone.email);
    await phone.getByRole("link", { name: "Hội đồng của tôi" }).first().click();
    await expect(phone.getByRole("heading", { level: 1, name: "Hội đồng của tôi" })).toBeVisible(SERVER);
    await phone
      .getByRole("link", { name: new RegExp(`Mở phiếu đánh giá — .*${task.code}|Mở phiếu đánh giá`) })
      .first()
      .click();
    await phone.getByRole("radio", { name: "Tôi không có xung đột lợi ích" }).check();
    await phone.getByRole("button", { name: "Gửi khai báo" }).click();
    await expect(phone.getByText("Bạn đã khai báo không có xung đột lợi ích.")).toBeVisible(SERVER);

    const sheet = phone.getByRole("form", { name: new RegExp(task.code) });
    await sheet.getByRole("button", { name: "Ký xác nhận" }).click();
    await expect(sheet.getByText("Hãy chọn một mức.").first()).toBeVisible(SERVER);
    expect(task.products.length).toBeGreaterThan(0);
    for (const [i, p] of task.products.entries()) {
      const product = sheet.getByRole("group", { name: `Sản phẩm ${i + 1}: ${p.name}` });
      await product.getByRole("group", { name: "Số lượng" }).getByRole("radio", { name: "Đạt", exact: true }).check();
      await product.getByRole("group", { name: "Chất lượng" }).getByRole("radio", { name: "Xuất sắc" }).check();
    }
    await sheet
      .getByRole("group", { name: "Đánh giá báo cáo tổng hợp" })
      .getByRole("radio", { name: "Đạt", exact: true })
      .check();
    await sheet.getByLabel("Nhận xét").fill("Giống lúa đạt năng suất như hợp đồng.");
    await sheet.getByRole("button", { name: "Ký xác nhận" }).click();
    const confirm = phone.getByRole("dialog", { name: "Ký xác nhận phiếu đánh giá?" });
    await expect(confirm).toContainText(`Xếp loại chung của bạn cho nhiệm vụ ${task.code} là Đạt.`, SERVER);
    expect((await confirm.boundingBox())?.width ?? 0).toBeLessThanOrEqual(390);
    await confirm.getByRole("button", { name: "Ký xác nhận" }).click();
    await expect(sheet.getByText(/Đã ký xác nhận lúc/)).toBeVisible(SERVER);
    await expect(sheet.getByRole("radio", { name: "Đạt", exact: true }).first()).toBeDisabled();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.context().close();

    // ---- the secretary: attendance, progress (never grades), close
    await page.reload();
    const progress = page.getByRole("region", { name: "Tiến độ chấm" });
    await expect(progress).toContainText("7/7 thành viên đã ký xác nhận", SERVER);
    await expect(progress).not.toContainText("Xuất sắc");
    const attendance = page.getByRole("region", { name: "Điểm danh" });
    for (const seat of council) {
      await attendance.getByRole("checkbox", { name: new RegExp(seat.fullName) }).check();
    }
    await attendance.getByRole("button", { name: "Lưu điểm danh" }).click();
    await expect(attendance).toContainText("Đủ điều kiện họp: 7/7 thành viên có mặt", SERVER);

    await page.getByRole("button", { name: "Kết thúc và tính kết quả" }).click();
    const closeDialog = page.getByRole("dialog", { name: "Kết thúc phiên họp hội đồng?" });
    await closeDialog.getByRole("button", { name: "Kết thúc", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Hội đồng đã kết thúc." })).toBeVisible(SERVER);
    const outcome = page.getByRole("region", { name: "Kết quả đánh giá" });
    await expect(outcome).toContainText("Kết quả: Đạt", SERVER);
    await expect(outcome).toContainText("Xuất sắc 0, Đạt 7, Không đạt 0 (tổng 7 phiếu hợp lệ)", SERVER);
    await expect(outcome).toContainText("Phiếu Đạt trở lên: 3/4 — cần 6, có 7 (đạt)", SERVER);
    await expect(outcome).toContainText("Đủ điều kiện họp: 7/7 thành viên có mặt", SERVER);

    // The minutes: a PDF whose text is Vietnamese.
    const download = page.waitForEvent("download");
    await outcome.getByRole("link", { name: "Tải biên bản họp (PDF)" }).click();
    const file = await (await download).path();
    const { readFile } = await import("node:fs/promises");
    const bytes = new Uint8Array(await readFile(file));
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(bytes);
    expect(text).toContain("Đạt");
    expect(text).toContain(decision);

    // ---- the task moved on, and its page shows the outcome
    await page.goto(`/nhiem-vu/${task.id}?tab=hoi-dong`);
    const panel = page.getByRole("tabpanel");
    await expect(panel).toContainText("Kết quả: Đạt", SERVER);
    await expect(panel).toContainText("Phiếu Đạt trở lên: 3/4 — cần 6, có 7 (đạt)", SERVER);
    await expect(page.getByRole("region", { name: "Thời hạn các bước" })).toContainText(
      "Hoàn thiện hồ sơ sau nghiệm thu",
    );
    const moved = await staff.get(`/api/tasks/${task.id}`);
    expect(((await moved.json()) as { stage: string }).stage).toBe("recognition");
    for (const seat of council) await seat.api.dispose();
    await staff.dispose();
  });
});
