import { createRoute, z } from "@hono/zod-openapi";
import { requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { listOrganisations, listThemes } from "./repository.ts";
import { OrganisationItem, ThemeItem } from "./schemas.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const themes = createRoute({
  method: "get",
  path: "/themes",
  tags: ["Catalogue"],
  summary: "The Industry 4.0 theme taxonomy",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "Themes, parents before children", ...json(z.object({ items: z.array(ThemeItem) })) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

const organisations = createRoute({
  method: "get",
  path: "/organisations",
  tags: ["Catalogue"],
  summary: "Host organisations",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "Organisations by name", ...json(z.object({ items: z.array(OrganisationItem) })) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

export function catalogRoutes() {
  return createRouter<AppEnv>()
    .openapi(themes, async (c) => {
      const rows = await listThemes(c.var.db);
      return c.json(
        {
          items: rows.map((t) => ({
            id: t.id,
            code: t.code,
            nameVi: t.name_vi,
            nameEn: t.name_en,
            parentId: t.parent_id,
            r57Target: t.r57_target,
          })),
        },
        200,
      );
    })
    .openapi(organisations, async (c) => {
      const rows = await listOrganisations(c.var.db);
      return c.json(
        { items: rows.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, kind: o.kind })) },
        200,
      );
    });
}
