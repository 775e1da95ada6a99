import type { SessionUser } from "@khcn/api/auth/schemas";
import { request } from "./client.ts";

/*
 * The signed-in person's own account: their open sessions, password and e-mail; and, for
 * administrators, another user's sessions. Changing the password ends every other session and
 * re-issues the current one (the server sets the new cookie), so the page stays signed in.
 */

/**
 * One open session as the server lists it (api/src/auth/schemas.ts SessionItem); `id` is its public
 * id, never the token; `current` marks the one this browser holds.
 */
export interface SessionItem {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

const sessionPath = (id: string) => `/api/auth/sessions/${encodeURIComponent(String(id))}`;
const userSessionsPath = (userId: number) => `/api/users/${encodeURIComponent(String(userId))}/sessions`;

export async function listMySessions(): Promise<SessionItem[]> {
  const { sessions } = await request<{ sessions: SessionItem[] }>("/api/auth/sessions");
  return sessions;
}

export function endMySession(id: string): Promise<void> {
  return request<void>(sessionPath(id), { method: "DELETE" });
}

/** Ends every session of the signed-in user but this one; answers how many ended. */
export async function endMyOtherSessions(): Promise<number> {
  const { ended } = await request<{ ended: number }>("/api/auth/sessions/end-others", { method: "POST" });
  return ended;
}

export interface ChangePasswordInput {
  currentPassword: string;
  newPassword: string;
}

export function changePassword(body: ChangePasswordInput): Promise<void> {
  return request<void>("/api/auth/password", { method: "POST", body });
}

export interface ChangeEmailInput {
  currentPassword: string;
  newEmail: string;
}

export async function changeEmail(body: ChangeEmailInput): Promise<SessionUser> {
  const { user } = await request<{ user: SessionUser }>("/api/auth/email", { method: "POST", body });
  return user;
}

/** An administrator's view of another user's open sessions (`current` is never set there). */
export async function listUserSessions(userId: number): Promise<SessionItem[]> {
  const { sessions } = await request<{ sessions: SessionItem[] }>(userSessionsPath(userId));
  return sessions;
}

/** Signs the user out everywhere; answers how many sessions ended. */
export async function endUserSessions(userId: number): Promise<number> {
  const { ended } = await request<{ ended: number }>(userSessionsPath(userId), { method: "DELETE" });
  return ended;
}

/** An administrator sets a new password for another user; every session of that user ends. */
export function resetUserPassword(userId: number, newPassword: string): Promise<void> {
  return request<void>(`/api/users/${encodeURIComponent(String(userId))}/password`, {
    method: "POST",
    body: { newPassword },
  });
}
