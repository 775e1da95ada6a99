import type { SessionUser } from "@khcn/api/auth/schemas";
import type { OrganisationItem, ThemeItem } from "@khcn/api/catalog/schemas";
import type { ActionList, History, Timeline, TransitionBody, TransitionResult } from "@khcn/api/lifecycle/schemas";
import type { CreateTaskBody, TaskDetail, TaskList, TaskListQuery, UpdateTaskBody } from "@khcn/api/tasks/schemas";
import type { PersonItem, StoredFile, UnitItem } from "./types.ts";

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
    /** What some refusals carry besides the message (e.g. the server's draft on STALE_DRAFT). */
    readonly details: Readonly<Record<string, unknown>> = {},
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

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** JSON, or a FormData sent as multipart (the browser sets its boundary). */
  body?: unknown;
  /** Whether a 401 means "the session ended" (false for sign-in and the session probe). */
  sessionRequired?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, sessionRequired = true, signal } = options;
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  const multipart = body instanceof FormData;
  if (body !== undefined && !multipart) headers["Content-Type"] = "application/json";

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? null : multipart ? body : JSON.stringify(body),
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
  if (isErrorBody(body)) {
    // Members beside code, message and fields (e.g. `reason`, `retryAfterSeconds`) join the details.
    const { code, message, fields, details, ...extra } = body;
    return new ApiError(response.status, code, message ?? "", fields ?? {}, {
      ...retryAfterHeader(response),
      ...extra,
      ...details,
    });
  }
  return new ApiError(response.status, "UNKNOWN", response.statusText);
}

/** A throttled request's wait in seconds from its Retry-After header (the body's figure wins when present). */
function retryAfterHeader(response: Response): { retryAfterSeconds?: number } {
  if (response.status !== 429) return {};
  const seconds = Number(response.headers.get("Retry-After"));
  return Number.isFinite(seconds) && seconds > 0 ? { retryAfterSeconds: seconds } : {};
}

interface ErrorBody {
  code: string;
  message?: string;
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
  [extra: string]: unknown;
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

const taskPath = (id: number) => `/api/tasks/${encodeURIComponent(String(id))}`;

export function getTask(id: number): Promise<TaskDetail> {
  return request<TaskDetail>(taskPath(id));
}

/** Registers a proposal; answers the new task as its page shows it. */
export function createTask(body: CreateTaskBody): Promise<TaskDetail> {
  return request<TaskDetail>("/api/tasks", { method: "POST", body });
}

/** Edits the record; `body.version` is the version the form was filled from (409 STALE_VERSION if it moved). */
export function updateTask(id: number, body: UpdateTaskBody): Promise<TaskDetail> {
  return request<TaskDetail>(taskPath(id), { method: "PATCH", body });
}

// ---- lifecycle

export function getActions(id: number): Promise<ActionList> {
  return request<ActionList>(`${taskPath(id)}/actions`);
}

/** `idempotencyKey` makes a retry of the same step (after a lost answer) return the first answer instead of acting twice. */
export function postTransition(id: number, body: TransitionBody, idempotencyKey?: string): Promise<TransitionResult> {
  return request<TransitionResult>(`${taskPath(id)}/transitions`, {
    method: "POST",
    body,
    ...(idempotencyKey ? { headers: { "Idempotency-Key": idempotencyKey } } : {}),
  });
}

export function getTimeline(id: number): Promise<Timeline> {
  return request<Timeline>(`${taskPath(id)}/timeline`);
}

export function getHistory(id: number, page: number, pageSize: number): Promise<History> {
  const search = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  return request<History>(`${taskPath(id)}/history?${search}`);
}

// ---- files

/**
 * Stores a file (multipart field `file`). Sent with XMLHttpRequest rather than `request`, since only
 * it reports upload progress: `onProgress` gets the fraction sent, from 0 to 1. Fails as `request` does.
 */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<StoredFile> {
  const form = new FormData();
  form.append("file", file);
  return new Promise<StoredFile>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/files");
    // Same origin: the session cookie goes with it, as with fetch's credentials: "same-origin".
    xhr.setRequestHeader("Accept", "application/json");
    if (onProgress) {
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
      };
    }
    xhr.onerror = () => reject(new ApiError(0, "NETWORK_ERROR", "Network request failed"));
    xhr.onabort = () => reject(new DOMException("The upload was aborted.", "AbortError"));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: an error is told from its status alone
      }
      if (xhr.status === 401) onUnauthorized?.();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1);
        resolve(body as StoredFile);
      } else if (isErrorBody(body)) {
        reject(new ApiError(xhr.status, body.code, body.message ?? "", body.fields ?? {}, body.details ?? {}));
      } else {
        reject(new ApiError(xhr.status, "UNKNOWN", xhr.statusText));
      }
    };
    xhr.send(form);
  });
}

/** Where a stored file downloads from (always as an attachment). */
export function fileHref(fileId: number): string {
  return `/api/files/${encodeURIComponent(String(fileId))}`;
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

export async function listUnits(): Promise<UnitItem[]> {
  const { items } = await request<{ items: UnitItem[] }>("/api/units");
  return items;
}

/** People for the PI and team pickers, matching `q` (name, with or without diacritics). */
export async function searchPeople(q: string, signal?: AbortSignal): Promise<PersonItem[]> {
  const search = new URLSearchParams({ q });
  const { items } = await request<{ items: PersonItem[] }>(`/api/people?${search}`, signal ? { signal } : {});
  return items;
}
