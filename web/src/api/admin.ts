import type { CreateThemeBody, ThemeItem, UpdateThemeBody } from "@khcn/api/catalog/schemas";
import type { CreateUserBody, UpdateUserBody, UserItem } from "@khcn/api/users/schemas";
import { request } from "./client.ts";

/*
 * Administration: accounts and the theme taxonomy (administrators only; the API refuses others).
 * Reading the themes goes through `listThemes` in client.ts, which every signed-in user may call.
 */

export type { CreateThemeBody, CreateUserBody, ThemeItem, UpdateThemeBody, UpdateUserBody, UserItem };

const userPath = (id: number) => `/api/users/${encodeURIComponent(String(id))}`;
const themePath = (id: number) => `/api/themes/${encodeURIComponent(String(id))}`;

export async function listUsers(): Promise<UserItem[]> {
  const { items } = await request<{ items: UserItem[] }>("/api/users");
  return items;
}

export function createUser(body: CreateUserBody): Promise<UserItem> {
  return request<UserItem>("/api/users", { method: "POST", body });
}

/** A change of roles, unit, person or status ends that user's sessions (the server does it). */
export function updateUser(id: number, body: UpdateUserBody): Promise<UserItem> {
  return request<UserItem>(userPath(id), { method: "PATCH", body });
}

export function createTheme(body: CreateThemeBody): Promise<ThemeItem> {
  return request<ThemeItem>("/api/themes", { method: "POST", body });
}

export function updateTheme(id: number, body: UpdateThemeBody): Promise<ThemeItem> {
  return request<ThemeItem>(themePath(id), { method: "PATCH", body });
}

/** Only an unused theme (no tasks, no sub-themes); otherwise 409 CONFLICT: archive it instead. */
export function deleteTheme(id: number): Promise<void> {
  return request<void>(themePath(id), { method: "DELETE" });
}
