import type { NotificationList, NotificationRead } from "@khcn/api/notifications/schemas";
import type {
  Comparison,
  OverdueReports,
  ReportQueue,
  ReportView,
  ReviewBody,
  ReviewResult,
  SaveDraftBody,
  SavedDraft,
  SubmitBody,
  SubmitResult,
  TaskProgress,
  TaskReports,
  VersionDetail,
} from "@khcn/api/reports/schemas";
import { request } from "./client.ts";

/*
 * Periodic reports, their review and the user's notifications (docs/decisions/006-periodic-reports.md).
 */

export type ReportDocument = ReportView["report"];
export type ReportPeriod = ReportView["period"];
export type ReportState = ReportPeriod["state"];
export type ReportInput = SaveDraftBody["content"];
export type ReportVersion = ReportView["versions"][number];
export type ReviewComments = ReviewBody["comments"];
export type ReportSection = keyof ReviewComments & string;
export type ProductProgress = ReportDocument["products"][number]["status"];
export type FundingSource = ReportDocument["budget"]["lines"][number]["source"];
export type FieldChange = Comparison["changes"][number];
export type HostConfirmationInput = SubmitBody["hostConfirmation"];
export type NotificationItem = NotificationList["items"][number];
export type {
  Comparison,
  NotificationList,
  OverdueReports,
  ReportQueue,
  ReportView,
  SavedDraft,
  SubmitResult,
  TaskProgress,
  TaskReports,
  VersionDetail,
};

/** The server's draft as a 409 STALE_DRAFT carries it in `details.draft`. */
export interface ServerDraft {
  revision: number;
  savedAt: string | null;
  savedBy: string | null;
  content: ReportInput;
  report: ReportDocument;
}

const id = (value: number) => encodeURIComponent(String(value));
const reportPath = (periodId: number) => `/api/reports/${id(periodId)}`;

export function getTaskReports(taskId: number): Promise<TaskReports> {
  return request<TaskReports>(`/api/tasks/${id(taskId)}/reports`);
}

export function getTaskProgress(taskId: number): Promise<TaskProgress> {
  return request<TaskProgress>(`/api/tasks/${id(taskId)}/progress`);
}

export function getReport(periodId: number): Promise<ReportView> {
  return request<ReportView>(reportPath(periodId));
}

/** Autosave: the whole form, naming the draft revision it edits (409 STALE_DRAFT if it moved on). */
export function saveReportDraft(periodId: number, body: SaveDraftBody): Promise<SavedDraft> {
  return request<SavedDraft>(`${reportPath(periodId)}/draft`, { method: "PUT", body });
}

/** Submits with the host's confirmation; a retry sends the same `idempotencyKey` and gets the first answer. */
export function submitReport(periodId: number, body: SubmitBody, idempotencyKey: string): Promise<SubmitResult> {
  return request<SubmitResult>(`${reportPath(periodId)}/submit`, {
    method: "POST",
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function reviewReport(periodId: number, body: ReviewBody): Promise<ReviewResult> {
  return request<ReviewResult>(`${reportPath(periodId)}/review`, { method: "POST", body });
}

export function getReportVersion(periodId: number, versionId: number): Promise<VersionDetail> {
  return request<VersionDetail>(`${reportPath(periodId)}/versions/${id(versionId)}`);
}

export function compareReportVersions(periodId: number, from: number | null, to: number): Promise<Comparison> {
  const search = new URLSearchParams({ to: String(to) });
  if (from !== null) search.set("from", String(from));
  return request<Comparison>(`${reportPath(periodId)}/compare?${search}`);
}

export function getReportQueue(): Promise<ReportQueue> {
  return request<ReportQueue>("/api/reports/queue");
}

export function getOverdueReports(): Promise<OverdueReports> {
  return request<OverdueReports>("/api/reports/overdue");
}

// ---- notifications

export function getNotifications(unreadOnly: boolean): Promise<NotificationList> {
  return request<NotificationList>(`/api/notifications${unreadOnly ? "?unread=true" : ""}`);
}

export function markNotificationRead(notificationId: number): Promise<NotificationRead> {
  return request<NotificationRead>(`/api/notifications/${id(notificationId)}/read`, { method: "POST" });
}
