import { type APIRequestContext, expect } from "@playwright/test";
import { type CreatedTask, createProposal, patchTask, personId, uniqueDocumentNumber, uniqueTitle } from "./api.ts";

/*
 * A task of a test's own, taken through the API to "in progress" the way staff do it (each step
 * with its decision), with content items and products that carry planned dates: the contract
 * that inspections and adjustments work on.
 */

export const PI_NAME = "Phạm Văn Hùng"; // the pi@demo.khcn.vn account

export const todayInVietnam = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

const STEPS = [
  { action: "identify", from: "proposed", type: "QĐ" },
  { action: "open_selection", from: "identified", type: "QĐ" },
  { action: "select_host", from: "selection", type: "QĐ" },
  { action: "approve", from: "budget_appraisal", type: "QĐ" },
  { action: "sign_contract", from: "approved", type: "HĐ" },
] as const;

export interface RunningTaskInput {
  label: string;
  workerIndex: number;
  fundingMode?: "full_lump_sum" | "partial_lump_sum";
  startDate?: string;
  endDate?: string;
}

export async function inProgressTask(staff: APIRequestContext, input: RunningTaskInput): Promise<CreatedTask> {
  const title = uniqueTitle(input.label);
  const task = await createProposal(staff, { title, piPersonId: await personId(staff, PI_NAME) });
  const organisations = await staff.get("/api/organisations");
  expect(organisations.status()).toBe(200);
  const { items } = (await organisations.json()) as { items: { id: number }[] };
  const host = items[0];
  if (!host) throw new Error("No organisation in the demo data");
  await patchTask(staff, task.id, {
    version: task.version,
    selectionMethod: "direct_assignment",
    hostOrganisationId: host.id,
    fundingMode: input.fundingMode ?? "partial_lump_sum",
    totalBudget: "1250500000",
    stateBudget: "1000000000",
    startDate: input.startDate ?? "2026-01-01",
    endDate: input.endDate ?? "2027-12-31",
    contentItems: [
      { title: "Khảo sát hiện trạng", plannedStart: "2026-01-01", plannedEnd: "2026-06-30" },
      { title: "Thử nghiệm trên đồng ruộng", plannedStart: "2026-07-01", plannedEnd: "2027-06-30" },
    ],
    products: [
      {
        productClass: "I",
        name: "Giống lúa chịu mặn",
        specification: "Năng suất từ 6 tấn/ha",
        quantity: "1",
        unit: "giống",
        dueOn: "2027-12-31",
      },
    ],
  });
  for (const step of STEPS) {
    const moved = await staff.post(`/api/tasks/${task.id}/transitions`, {
      data: {
        action: step.action,
        fromStage: step.from,
        document: {
          number: uniqueDocumentNumber(step.type, input.workerIndex),
          issuedOn: todayInVietnam(),
          signer: "Trần Quang Vinh",
        },
      },
    });
    expect(moved.status(), await moved.text()).toBe(200);
  }
  const detail = await staff.get(`/api/tasks/${task.id}`);
  expect(detail.status()).toBe(200);
  const body = (await detail.json()) as CreatedTask;
  expect(body.stage).toBe("in_progress");
  return body;
}

/** How many reporting periods the task's schedule has now. */
export async function reportPeriods(api: APIRequestContext, taskId: number): Promise<number> {
  const response = await api.get(`/api/tasks/${taskId}/reports`);
  expect(response.status(), await response.text()).toBe(200);
  const { periods } = (await response.json()) as { periods: unknown[] };
  return periods.length;
}
