import { expect, type Locator, type Page } from "@playwright/test";

/* Reading and driving the task page as a user does (Vietnamese interface). */

export async function openTab(page: Page, name: "Tổng quan" | "Tiến trình" | "Lịch sử"): Promise<void> {
  const tab = page.getByRole("tab", { name });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
}

export function actionsRegion(page: Page): Locator {
  return page.getByRole("region", { name: "Thao tác" });
}

export function stepsRegion(page: Page): Locator {
  return page.getByRole("region", { name: "Các bước đã thực hiện" });
}

export function stagesRegion(page: Page): Locator {
  return page.getByRole("region", { name: "Các giai đoạn" });
}

/** The stage the rail marks as current. */
export function currentStep(page: Page): Locator {
  return stagesRegion(page).locator('[aria-current="step"]');
}

export interface DocumentInput {
  number: string;
  signer?: string;
  summary?: string;
  /** A file to attach, uploaded as soon as it is chosen. */
  file?: { name: string; mimeType: string; buffer: Buffer };
}

/** The smallest file the server takes for a PDF (it judges the type by the content). */
export function pdfFile(name: string): NonNullable<DocumentInput["file"]> {
  return {
    name,
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
  };
}

/** Opens a step's dialog from its button. */
export async function openStep(page: Page, action: string): Promise<Locator> {
  await actionsRegion(page).getByRole("button", { name: action, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: action });
  await expect(dialog).toBeVisible();
  return dialog;
}

export async function fillDocument(dialog: Locator, document: DocumentInput): Promise<void> {
  await dialog.getByLabel("Số văn bản").fill(document.number);
  await dialog.getByLabel("Người ký").fill(document.signer ?? "Nguyễn Văn Hải");
  if (document.summary) await dialog.getByLabel("Trích yếu").fill(document.summary);
  if (document.file) {
    // Hold the upload's answer until its progress bar has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await dialog.page().route(
      "**/api/files",
      async (route) => {
        await held;
        await route.continue();
      },
      { times: 1 },
    );
    await dialog.getByLabel("Tệp văn bản").setInputFiles(document.file);
    await expect(dialog.getByRole("progressbar", { name: /^Đang tải tệp lên… \d+%$/ })).toBeVisible();
    release();
    await expect(dialog.getByText(`Đã tải lên: ${document.file.name}`)).toBeVisible();
    await expect(dialog.getByRole("progressbar")).toHaveCount(0);
  }
}

/** Takes a step that needs a document, and waits until the page says where the task now is. */
export async function takeStep(page: Page, action: string, document: DocumentInput, nextStage: string): Promise<void> {
  const dialog = await openStep(page, action);
  await fillDocument(dialog, document);
  await dialog.getByRole("button", { name: "Xác nhận" }).click();
  await expect(dialog).toBeHidden();
  await expect(actionsRegion(page).getByRole("status")).toHaveText(`Đã chuyển nhiệm vụ sang giai đoạn “${nextStage}”.`);
  await expect(currentStep(page)).toContainText(nextStage);
}
