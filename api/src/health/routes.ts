import { createRoute, z } from "@hono/zod-openapi";
import type { DatabaseKind } from "@khcn/db/connect";
import { sql } from "kysely";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";

const Health = z
  .object({
    status: z.enum(["ok", "unavailable"]),
    database: z.object({ kind: z.enum(["pglite", "postgres"]), ok: z.boolean() }),
    draining: z.boolean(),
  })
  .openapi("Health");

const health = createRoute({
  method: "get",
  path: "/health",
  tags: ["Operations"],
  summary: "Readiness: the database answers and the server is not shutting down",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Health } } },
    503: { description: "Not ready", content: { "application/json": { schema: Health } } },
  },
});

export interface HealthDeps {
  databaseKind: DatabaseKind;
  isDraining: () => boolean;
}

export function healthRoutes(deps: HealthDeps) {
  return createRouter<AppEnv>().openapi(health, async (c) => {
    let ok = false;
    try {
      await sql`select 1`.execute(c.var.db);
      ok = true;
    } catch {
      ok = false;
    }
    const draining = deps.isDraining();
    const body = {
      status: ok && !draining ? ("ok" as const) : ("unavailable" as const),
      database: { kind: deps.databaseKind, ok },
      draining,
    };
    return body.status === "ok" ? c.json(body, 200) : c.json(body, 503);
  });
}
