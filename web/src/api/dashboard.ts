import type { Dashboard, DashboardTable, TaskListFilter } from "@khcn/api/dashboard/schemas";
import type { Worklist } from "@khcn/api/worklist/schemas";
import { request } from "./client.ts";

/* The head's dashboard, its exports, and the work list (docs/decisions/010-dashboard-and-exports.md). */

export type { Dashboard, DashboardTable, TaskListFilter, Worklist };
export type WorklistSection = Worklist["sections"][number];
export type WorklistItem = WorklistSection["items"][number];

export const getDashboard = () => request<Dashboard>("/api/dashboard");
export const getWorklist = () => request<Worklist>("/api/worklist");

/** A download link: the browser sends the session cookie and saves the attachment. */
export const dashboardExportHref = (table: DashboardTable, format: "xlsx" | "csv") =>
  `/api/dashboard/export?table=${table}&format=${format}`;
export const TASK_EXPORT_PATH = "/api/tasks/export";
