import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { DatabaseHandle } from "@khcn/db/connect";
import type { Database, Role } from "@khcn/db/schema";
import { createTestDatabase } from "@khcn/db/test-database";
import type { Kysely } from "kysely";
import { type AppDeps, buildApp } from "../src/app.ts";

export const ORIGIN = "http://localhost";

export interface TestApi {
  handle: DatabaseHandle;
  db: Kysely<Database>;
  app: ReturnType<typeof buildApp>;
  /** FILES_DIR of this app: uploads land here. */
  filesDir: string;
  request(
    path: string,
    init?: RequestInit & {
      cookie?: string | null;
      json?: unknown;
      /** The TCP peer's address the request appears to come from (default: none, as in-process). */
      remoteAddress?: string;
    },
  ): Promise<Response>;
  signIn(email: string, password: string): Promise<string>;
  close(): Promise<void>;
}

/** Extra app dependencies for a test file: cookie policy, session and throttle settings, clock. */
export type TestApiOptions = Partial<Pick<AppDeps, "secureCookies" | "auth" | "trustedOrigins" | "dashboardCacheMs">>;

/** A fresh database and the real app over it, driven through `app.request`. */
export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const handle = await createTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), "khcn-files-"));
  const app = buildApp({ db: handle.db, databaseKind: handle.kind, filesDir, ...options });
  const request: TestApi["request"] = async (path, init = {}) => {
    const { cookie, json, headers, remoteAddress, ...rest } = init;
    const h = new Headers(headers);
    if (!h.has("Origin") && (rest.method ?? "GET") !== "GET") h.set("Origin", ORIGIN);
    if (cookie) h.set("Cookie", cookie);
    if (json !== undefined) h.set("Content-Type", "application/json");
    const req = { ...rest, headers: h, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) };
    // The Node adapter's bindings, as @hono/node-server's getConnInfo reads them.
    return remoteAddress === undefined
      ? app.request(path, req)
      : app.request(path, req, { incoming: { socket: { remoteAddress } } });
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
