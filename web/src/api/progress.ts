import type {
  Adjustment,
  AdjustmentList,
  CreateAdjustmentBody,
  DecideAdjustmentBody,
  PendingAdjustments,
} from "@khcn/api/adjustments/schemas";
import type { CreateInspectionBody, Inspection, InspectionList } from "@khcn/api/inspections/schemas";
import type { Milestones } from "@khcn/api/progress/schemas";
import { request } from "./client.ts";

/*
 * The running contract as the API tells it: milestones (planned against reported), inspections
 * with their minutes, and adjustment requests with their decisions.
 */

const taskPath = (id: number) => `/api/tasks/${encodeURIComponent(String(id))}`;
const adjustmentPath = (id: number) => `/api/adjustments/${encodeURIComponent(String(id))}`;

export function getMilestones(taskId: number): Promise<Milestones> {
  return request<Milestones>(`${taskPath(taskId)}/milestones`);
}

export function listInspections(taskId: number): Promise<InspectionList> {
  return request<InspectionList>(`${taskPath(taskId)}/inspections`);
}

export function recordInspection(taskId: number, body: CreateInspectionBody): Promise<Inspection> {
  return request<Inspection>(`${taskPath(taskId)}/inspections`, { method: "POST", body });
}

export function listAdjustments(taskId: number): Promise<AdjustmentList> {
  return request<AdjustmentList>(`${taskPath(taskId)}/adjustments`);
}

export function requestAdjustment(taskId: number, body: CreateAdjustmentBody): Promise<Adjustment> {
  return request<Adjustment>(`${taskPath(taskId)}/adjustments`, { method: "POST", body });
}

export function decideAdjustment(adjustmentId: number, body: DecideAdjustmentBody): Promise<Adjustment> {
  return request<Adjustment>(`${adjustmentPath(adjustmentId)}/decide`, { method: "POST", body });
}

export function withdrawAdjustment(adjustmentId: number): Promise<Adjustment> {
  return request<Adjustment>(`${adjustmentPath(adjustmentId)}/withdraw`, { method: "POST" });
}

export function pendingAdjustments(): Promise<PendingAdjustments> {
  return request<PendingAdjustments>("/api/adjustments/pending");
}
