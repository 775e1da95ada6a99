import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@khcn/db/connect";
import type { Database, Role } from "@khcn/db/schema";
import { createTestDatabase } from "@khcn/db/test-database";
import type { Kysely } from "kysely";
import { buildApp } from "../src/app.ts";

export const ORIGIN = "http://localhost";

export interface TestApi {
  handle: DatabaseHandle;
  db: Kysely<Database>;
  app: ReturnType<typeof buildApp>;
  /** FILES_DIR of this app: uploads land here. */
  filesDir: string;
  request(path: string, init?: RequestInit & { cookie?: string | null; json?: unknown }): Promise<Response>;
  signIn(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** A fresh database and the real app over it, driven through `app.request`. */
export async function startTestApi(): Promise<TestApi> {
  const handle = await createTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), "khcn-files-"));
  const app = buildApp({ db: handle.db, databaseKind: handle.kind, filesDir });
  const request: TestApi["request"] = async (path, init = {}) => {
    const { cookie, json, headers, ...rest } = init;
    const h = new Headers(headers);
    if (!h.has("Origin") && (rest.method ?? "GET") !== "GET") h.set("Origin", ORIGIN);
    if (cookie) h.set("Cookie", cookie);
    if (json !== undefined) h.set("Content-Type", "application/json");
    return app.request(path, { ...rest, headers: h, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
  return {
    handle,
    db: handle.db,
    app,
    filesDir,
    request,
    async signIn(email, password) {
      const res = await request("/api/auth/login", { method: "POST", json: { email, password } });
      if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
      return sessionCookie(res);
    },
    close: () => handle.close(),
  };
}

/** The `name=value` pair of the session cookie a response sets. */
export function sessionCookie(res: Response): string {
  const header = res.headers.get("Set-Cookie") ?? "";
  const pair = header.split(";")[0] ?? "";
  if (!pair.startsWith("khcn_session=")) throw new Error(`no session cookie in: ${header}`);
  return pair;
}

export type { Role };
