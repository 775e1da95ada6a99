import { type APIRequestContext, expect, request } from "@playwright/test";
import { DEMO_PASSWORD, type DemoRole, demoEmail } from "./fixtures.ts";

/*
 * Test data made through the API, as a signed-in demo user: tasks a test owns, so tests do not
 * depend on each other or on the seed's proposals. The server refuses writes without its own
 * Origin, as a browser would send it.
 */

export interface CreatedTask {
  id: number;
  code: string;
  title: string;
  version: number;
  stage: string;
}

export async function apiAs(role: DemoRole, baseURL: string): Promise<APIRequestContext> {
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const response = await api.post("/api/auth/login", { data: { email: demoEmail(role), password: DEMO_PASSWORD } });
  expect(response.status(), `API sign-in as ${role}`).toBe(200);
  return api;
}

/** The id of a person found by name (people search, diacritics optional). */
export async function personId(api: APIRequestContext, name: string): Promise<number> {
  const response = await api.get(`/api/people?q=${encodeURIComponent(name)}`);
  expect(response.status(), `people search for ${name}`).toBe(200);
  const { items } = (await response.json()) as { items: { id: number; fullName: string }[] };
  const person = items.find((p) => p.fullName === name);
  if (!person) throw new Error(`No person named ${name} in the demo data`);
  return person.id;
}

/** A proposal registered by staff, led by the person given. */
export async function createProposal(
  api: APIRequestContext,
  input: { title: string; piPersonId: number },
): Promise<CreatedTask> {
  const response = await api.post("/api/tasks", {
    data: { title: input.title, kind: "de_tai", field: "agricultural", piPersonId: input.piPersonId },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as CreatedTask;
}

export async function patchTask(
  api: APIRequestContext,
  id: number,
  body: Record<string, unknown>,
): Promise<CreatedTask> {
  const response = await api.patch(`/api/tasks/${id}`, { data: body });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as CreatedTask;
}

let counter = 0;
/** A document number no other test of this run uses: `<n>/<type>-SKHCN`. */
export function uniqueDocumentNumber(type = "QĐ", workerIndex = 0): string {
  counter = (counter + 1) % 10;
  const n = 100_000 + (Date.now() % 40_000) * 20 + (workerIndex % 2) * 10 + counter;
  return `${n}/${type}-SKHCN`;
}

export function uniqueTitle(label: string): string {
  return `E2E ${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
