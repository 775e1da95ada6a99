import type { OutcomeExplanation } from "@khcn/api/councils/grading";
import type { QuorumResult } from "@khcn/api/councils/quorum";
import type {
  Council,
  CouncilSummary,
  DeadlineList,
  Expert,
  Outcome,
  Score,
  ScoreBody,
  ScoreSheet,
} from "@khcn/api/councils/schemas";
import { request } from "./client.ts";

/*
 * Councils (hội đồng): forming, the members' conflict declarations and score sheets, attendance,
 * closing with the outcome, and the minutes (api/src/councils/schemas.ts).
 */

export type {
  Council,
  CouncilSummary,
  DeadlineList,
  Outcome,
  OutcomeExplanation,
  QuorumResult,
  Score,
  ScoreBody,
  ScoreSheet,
};
export type CouncilKind = Council["kind"];
export type CouncilStatus = Council["status"];
export type CouncilMember = Council["members"][number];
export type CouncilRole = CouncilMember["role"];
export type ConflictStatus = CouncilMember["conflict"]["status"];
export type ScoreStatus = CouncilMember["scoreStatus"];
export type Grade = Extract<Outcome["result"], string>;
export type Composition = Council["composition"];
export type CouncilProduct = Council["tasks"][number]["products"][number];
export type ExpertItem = Expert;
export type SheetTask = ScoreSheet["tasks"][number];
export type Deadline = DeadlineList["items"][number];

/** GET /councils/mine: one entry per council the signed-in member sits on. */
export interface MyCouncil {
  council: CouncilSummary;
  myRole: CouncilRole;
  memberId: number;
  conflict: ConflictStatus;
  recused: boolean;
  tasks: { taskId: number; code: string; title: string; scoreStatus: ScoreStatus }[];
}

export type CreateCouncilBody = {
  kind: CouncilKind;
  taskIds: number[];
  title?: string;
  meetingOn?: string;
  location?: string;
};

export type UpdateCouncilBody = {
  version: number;
  title?: string;
  meetingOn?: string | null;
  location?: string | null;
  dossierSentOn?: string | null;
};

export interface EstablishBody {
  document: { number: string; issuedOn: string; signer: string; summary?: string; fileId?: number };
}

const id = (value: number) => encodeURIComponent(String(value));
const councilPath = (councilId: number) => `/api/councils/${id(councilId)}`;

export function listMyCouncils(): Promise<{ items: MyCouncil[] }> {
  return request<{ items: MyCouncil[] }>("/api/councils/mine");
}

export function getTaskCouncils(taskId: number): Promise<{ items: CouncilSummary[] }> {
  return request<{ items: CouncilSummary[] }>(`/api/tasks/${id(taskId)}/councils`);
}

export function getTaskDeadlines(taskId: number): Promise<DeadlineList> {
  return request<DeadlineList>(`/api/tasks/${id(taskId)}/deadlines`);
}

export function getComposition(kind: CouncilKind, taskId: number): Promise<Composition> {
  const search = new URLSearchParams({ kind, taskId: String(taskId) });
  return request<Composition>(`/api/councils/composition?${search}`);
}

export function searchExperts(q: string, signal?: AbortSignal): Promise<{ items: ExpertItem[]; total: number }> {
  const search = new URLSearchParams({ q });
  return request<{ items: ExpertItem[]; total: number }>(`/api/experts?${search}`, signal ? { signal } : {});
}

export function createCouncil(body: CreateCouncilBody): Promise<Council> {
  return request<Council>("/api/councils", { method: "POST", body });
}

export function getCouncil(councilId: number): Promise<Council> {
  return request<Council>(councilPath(councilId));
}

export function updateCouncil(councilId: number, body: UpdateCouncilBody): Promise<Council> {
  return request<Council>(councilPath(councilId), { method: "PATCH", body });
}

export function addMember(councilId: number, body: { personId: number; role: CouncilRole }): Promise<unknown> {
  return request<unknown>(`${councilPath(councilId)}/members`, { method: "POST", body });
}

export function removeMember(councilId: number, memberId: number): Promise<unknown> {
  return request<unknown>(`${councilPath(councilId)}/members/${id(memberId)}`, { method: "DELETE" });
}

export function establishCouncil(councilId: number, body: EstablishBody): Promise<Council> {
  return request<Council>(`${councilPath(councilId)}/establish`, { method: "POST", body });
}

export function declareConflict(
  councilId: number,
  memberId: number,
  body: { hasConflict: boolean; note?: string },
): Promise<unknown> {
  return request<unknown>(`${councilPath(councilId)}/members/${id(memberId)}/conflict`, { method: "POST", body });
}

export function recuseMember(councilId: number, memberId: number, reason: string): Promise<unknown> {
  return request<unknown>(`${councilPath(councilId)}/members/${id(memberId)}/recusal`, {
    method: "POST",
    body: { reason },
  });
}

export function recordAttendance(
  councilId: number,
  body: { present: number[]; actingChairMemberId?: number },
): Promise<Council> {
  return request<Council>(`${councilPath(councilId)}/attendance`, { method: "PUT", body });
}

export function getScoreSheet(councilId: number): Promise<ScoreSheet> {
  return request<ScoreSheet>(`${councilPath(councilId)}/score-sheet`);
}

export function saveScores(councilId: number, taskId: number, body: ScoreBody): Promise<Score> {
  return request<Score>(`${councilPath(councilId)}/scores/${id(taskId)}`, { method: "PUT", body });
}

/** A retry sends the same key and gets the first answer, so a double tap signs once. */
export function signOffScores(councilId: number, taskId: number, idempotencyKey: string): Promise<Score[]> {
  return request<Score[]>(`${councilPath(councilId)}/scores/${id(taskId)}/sign-off`, {
    method: "POST",
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

export function reopenSheet(councilId: number, memberId: number, reason: string): Promise<unknown> {
  return request<unknown>(`${councilPath(councilId)}/members/${id(memberId)}/reopen`, {
    method: "POST",
    body: { reason },
  });
}

export function closeCouncil(councilId: number): Promise<Council> {
  return request<Council>(`${councilPath(councilId)}/close`, { method: "POST" });
}

/** Where the minutes PDF downloads from (an attachment). */
export function minutesHref(councilId: number): string {
  return `${councilPath(councilId)}/minutes`;
}
