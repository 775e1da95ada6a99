import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canSeeDashboard, dashboardScope } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { vietnamToday } from "../reports/schedule.ts";
import { spreadsheetResponse, writeSpreadsheet } from "../spreadsheets/write.ts";
import { DashboardCache } from "./cache.ts";
import { dashboardSheet } from "./export.ts";
import { Dashboard, DashboardExportQuery, type Dashboard as DashboardFigures } from "./schemas.ts";
import { getDashboard } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const forbidden = "The dashboard is for the Department's staff and heads";

const dashboard = createRoute({
  method: "get",
  path: "/dashboard",
  tags: ["Dashboard"],
  summary:
    "The portfolio at a glance: tasks by stage, theme, field, host and former province; money by year; overdue work; pending decisions; deadlines",
  description:
    "Staff and heads see their unit's tasks, administrators all. Every figure carries `filter`, the GET /tasks query that lists exactly the tasks it counts.",
  middleware: [requireActor, requirePermission(canSeeDashboard, forbidden)] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "The dashboard", ...json(Dashboard) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not staff, a head or an administrator", ...json(ApiError) },
  },
});

const exportTable = createRoute({
  method: "get",
  path: "/dashboard/export",
  tags: ["Dashboard"],
  summary: "One table of the dashboard as a spreadsheet (XLSX or CSV)",
  middleware: [requireActor, requirePermission(canSeeDashboard, forbidden)] as const,
  security: [{ session: [] }],
  request: { query: DashboardExportQuery },
  responses: {
    200: {
      description: "The file, as an attachment",
      content: {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.any() },
        "text/csv": { schema: z.any() },
      },
    },
    400: { description: "Unknown table or format", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not staff, a head or an administrator", ...json(ApiError) },
  },
});

/** `cache` keeps the figures per scope and day for a few seconds (./cache.ts); without one, every read computes them. */
export function dashboardRoutes(cache = new DashboardCache<DashboardFigures>({ ttlMs: 0 })) {
  return createRouter<AppEnv>()
    .openapi(dashboard, async (c) => {
      const actor = actorOf(c);
      const now = new Date();
      const key = `${JSON.stringify(dashboardScope(actor))}|${vietnamToday(now)}`;
      return c.json(await cache.get(key, () => getDashboard(c.var.db, actor, now)), 200);
    })
    .openapi(exportTable, async (c) => {
      const { table, format } = c.req.valid("query");
      const figures = await getDashboard(c.var.db, actorOf(c));
      const file = await writeSpreadsheet(dashboardSheet(figures, table), format);
      return spreadsheetResponse(file, `tong-quan-${table}-${vietnamToday(new Date())}`);
    });
}
