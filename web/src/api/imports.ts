import type {
  ImportBatchView,
  ImportIssueCode,
  ImportProgressView,
  ImportResultView,
  ImportRowFilter,
  ImportRowView,
} from "@khcn/api/imports/schemas";
import { ApiError, request } from "./client.ts";

/*
 * Importing a unit's existing task register: upload the file into a batch, look at the preview,
 * fix or skip rows, commit. Progress of a commit is read without the session cookie: the server
 * answers it from memory, so it never waits behind the commit's transaction.
 */

export type { ImportBatchView, ImportIssueCode, ImportProgressView, ImportResultView, ImportRowFilter, ImportRowView };
export type ImportStatus = ImportRowView["status"];
export type SheetFormat = "xlsx" | "csv";

const base = "/api/imports";
const batchPath = (id: number) => `${base}/${encodeURIComponent(String(id))}`;

export function templateHref(format: SheetFormat): string {
  return `${base}/template?format=${format}`;
}

/**
 * Sends the register (multipart field `file`), reporting the fraction sent; resolves to the batch's
 * preview. Staff import into their unit; an administrator names the unit.
 */
export function uploadRegister(
  file: File,
  onProgress?: (fraction: number) => void,
  managingUnitId?: number,
): Promise<ImportBatchView> {
  const form = new FormData();
  form.append("file", file);
  return new Promise<ImportBatchView>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", managingUnitId === undefined ? base : `${base}?managingUnitId=${managingUnitId}`);
    xhr.setRequestHeader("Accept", "application/json");
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
    }
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", "Network request failed"));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status tells
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as ImportBatchView);
        return;
      }
      const error = (body ?? {}) as {
        code?: string;
        message?: string;
        fields?: Record<string, string>;
        details?: Record<string, unknown>;
      };
      reject(new ApiError(xhr.status, error.code ?? "UNKNOWN", error.message ?? "", error.fields, error.details));
    };
    xhr.send(form);
  });
}

export function getImport(
  id: number,
  query: { page: number; pageSize: number; filter: ImportRowFilter },
): Promise<ImportBatchView> {
  const search = new URLSearchParams({
    page: String(query.page),
    pageSize: String(query.pageSize),
    filter: query.filter,
  });
  return request<ImportBatchView>(`${batchPath(id)}?${search.toString()}`);
}

export function fixImportRow(id: number, rowNumber: number, cells: Record<string, string | null>) {
  return request<ImportRowView>(`${batchPath(id)}/rows/${rowNumber}`, { method: "PATCH", body: { cells } });
}

export function skipImportRow(id: number, rowNumber: number, skipped: boolean) {
  return request<ImportRowView>(`${batchPath(id)}/rows/${rowNumber}/skip`, { method: "POST", body: { skipped } });
}

export function commitImport(id: number, idempotencyKey: string) {
  return request<ImportResultView>(`${batchPath(id)}/commit`, {
    method: "POST",
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/** How far the commit under this key has come; null when the server has nothing (yet). */
export async function importProgress(id: number, idempotencyKey: string): Promise<ImportProgressView | null> {
  try {
    const res = await fetch(`${batchPath(id)}/progress?key=${encodeURIComponent(idempotencyKey)}`, {
      credentials: "omit",
      headers: { Accept: "application/json" },
    });
    return res.ok ? ((await res.json()) as ImportProgressView) : null;
  } catch {
    return null;
  }
}
