import type { BudgetView, RecordMovementBody, SavePlanBody } from "@khcn/api/budget/schemas";
import { request } from "./client.ts";

/*
 * A task's budget as the API tells it: the approved plan (source × year × expense category) with
 * its revisions, the money moved against it, the burn by year and the forecast. Amounts are
 * decimal strings of whole đồng both ways.
 */

export type { BudgetView, RecordMovementBody, SavePlanBody };
export type BudgetLine = BudgetView["lines"][number];
export type BudgetMovement = BudgetView["movements"][number];
export type BudgetYear = BudgetView["years"][number];
export type BudgetWarning = BudgetView["forecast"]["warnings"][number];
export type MovementKind = BudgetMovement["kind"];
export type BudgetSource = BudgetLine["source"];
export type RecoveryCause = NonNullable<BudgetMovement["recoveryCause"]>;
export type BudgetTable = "plan" | "movements" | "years";
export type SheetFormat = "xlsx" | "csv";

const budgetPath = (taskId: number) => `/api/tasks/${encodeURIComponent(String(taskId))}/budget`;

export function getBudget(taskId: number): Promise<BudgetView> {
  return request<BudgetView>(budgetPath(taskId));
}

export function saveBudgetPlan(taskId: number, body: SavePlanBody): Promise<BudgetView> {
  return request<BudgetView>(`${budgetPath(taskId)}/plan`, { method: "PUT", body });
}

/** `idempotencyKey` makes a retry after a lost answer return the first answer, never a second movement. */
export function recordMovement(taskId: number, body: RecordMovementBody, idempotencyKey?: string): Promise<BudgetView> {
  return request<BudgetView>(`${budgetPath(taskId)}/movements`, {
    method: "POST",
    body,
    ...(idempotencyKey ? { headers: { "Idempotency-Key": idempotencyKey } } : {}),
  });
}

/** Where the browser downloads one of the budget's tables (the server names the file). */
export function budgetExportHref(taskId: number, table: BudgetTable, format: SheetFormat): string {
  return `${budgetPath(taskId)}/export?${new URLSearchParams({ table, format }).toString()}`;
}
