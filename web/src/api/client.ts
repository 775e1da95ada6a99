import type { SessionUser } from "@khcn/api/auth/schemas";
import type { OrganisationItem, ThemeItem } from "@khcn/api/catalog/schemas";
import type { TaskDetail, TaskList, TaskListQuery } from "@khcn/api/tasks/schemas";

/*
 * A small typed client for the API: same origin, cookie session, JSON both ways.
 * Every failure becomes an ApiError with the server's stable `code`.
 */

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | undefined;

/** Called when a request that needs a session answers 401: the session has ended. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | undefined): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  /** Whether a 401 means "the session ended" (false for sign-in and the session probe). */
  sessionRequired?: boolean;
  signal?: AbortSignal;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, sessionRequired = true, signal } = options;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK_ERROR", cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 401 && sessionRequired) onUnauthorized?.();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(response.status, body.code, body.message ?? "", body.fields ?? {});
  return new ApiError(response.status, "UNKNOWN", response.statusText);
}

interface ErrorBody {
  code: string;
  message?: string;
  fields?: Record<string, string>;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string";
}

// ---- auth

export interface LoginInput {
  email: string;
  password: string;
}

export async function login(input: LoginInput): Promise<SessionUser> {
  const { user } = await request<{ user: SessionUser }>("/api/auth/login", {
    method: "POST",
    body: input,
    sessionRequired: false,
  });
  return user;
}

export async function logout(): Promise<void> {
  await request<void>("/api/auth/logout", { method: "POST", sessionRequired: false });
}

/** The signed-in user, or null when there is no valid session. */
export async function fetchCurrentUser(): Promise<SessionUser | null> {
  try {
    const { user } = await request<{ user: SessionUser }>("/api/auth/me", { sessionRequired: false });
    return user;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

// ---- tasks

/** The list query as the client sends it: every key optional, the server applies defaults. */
export type TaskListParams = Partial<TaskListQuery>;

export function taskListSearch(params: TaskListParams): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) search.set(key, value.join(","));
    } else {
      search.set(key, String(value));
    }
  }
  return search;
}

export function listTasks(params: TaskListParams, signal?: AbortSignal): Promise<TaskList> {
  const search = taskListSearch(params).toString();
  return request<TaskList>(`/api/tasks${search ? `?${search}` : ""}`, signal ? { signal } : {});
}

export function getTask(id: number): Promise<TaskDetail> {
  return request<TaskDetail>(`/api/tasks/${encodeURIComponent(String(id))}`);
}

// ---- catalogues

export async function listThemes(): Promise<ThemeItem[]> {
  const { items } = await request<{ items: ThemeItem[] }>("/api/themes");
  return items;
}

export async function listOrganisations(): Promise<OrganisationItem[]> {
  const { items } = await request<{ items: OrganisationItem[] }>("/api/organisations");
  return items;
}
