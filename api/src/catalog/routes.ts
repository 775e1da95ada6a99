import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor, requirePermission } from "../auth/middleware.ts";
import { canManageThemes, canSearchPeople } from "../auth/permissions.ts";
import { ApiError } from "../auth/schemas.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { listOrganisations, listThemes, listUnits, searchPeople } from "./repository.ts";
import {
  CreateThemeBody,
  OrganisationItem,
  PeopleQuery,
  PersonItem,
  ThemeIdParam,
  ThemeItem,
  UnitItem,
  UpdateThemeBody,
} from "./schemas.ts";
import { createTheme, deleteTheme, toThemeItem, updateTheme } from "./service.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const body = <T>(schema: T) => ({ body: { required: true, content: { "application/json": { schema } } } });

const themes = createRoute({
  method: "get",
  path: "/themes",
  tags: ["Catalogue"],
  summary: "The Industry 4.0 theme taxonomy",
  description:
    "Archived themes are listed (tasks keep them) with `archived: true`; offer only the others for new links.",
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

const people = createRoute({
  method: "get",
  path: "/people",
  tags: ["Catalogue"],
  summary: "Find people for the PI and team pickers",
  description:
    "For staff, scientists (PIs) and administrators. Matches every word of `q` in the name, diacritics optional.",
  middleware: [
    requireActor,
    requirePermission(canSearchPeople, "Only staff, scientists and administrators look people up"),
  ] as const,
  security: [{ session: [] }],
  request: { query: PeopleQuery },
  responses: {
    200: { description: "People by name", ...json(z.object({ items: z.array(PersonItem) })) },
    400: { description: "Invalid query", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not a role that picks people", ...json(ApiError) },
  },
});

const units = createRoute({
  method: "get",
  path: "/units",
  tags: ["Catalogue"],
  summary: "Departments and former provinces",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  responses: {
    200: { description: "Departments first, then former provinces", ...json(z.object({ items: z.array(UnitItem) })) },
    401: { description: "Not signed in", ...json(ApiError) },
  },
});

const adminOnly = () => requirePermission(canManageThemes, "Only administrators manage the themes");

const createThemeRoute = createRoute({
  method: "post",
  path: "/themes",
  tags: ["Catalogue"],
  summary: "Add a theme (administrators)",
  middleware: [requireActor, adminOnly()] as const,
  security: [{ session: [] }],
  request: body(CreateThemeBody),
  responses: {
    201: { description: "The new theme", ...json(ThemeItem) },
    400: { description: "Invalid input, or a parent that breaks the two-level taxonomy", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not an administrator", ...json(ApiError) },
    409: { description: "DUPLICATE_CODE: the code is taken", ...json(ApiError) },
  },
});

const updateThemeRoute = createRoute({
  method: "patch",
  path: "/themes/{id}",
  tags: ["Catalogue"],
  summary: "Edit, move or archive a theme (administrators)",
  description: "Archiving keeps the theme on the tasks it labels but stops offering it; sub-themes are archived first.",
  middleware: [requireActor, adminOnly()] as const,
  security: [{ session: [] }],
  request: { params: ThemeIdParam, ...body(UpdateThemeBody) },
  responses: {
    200: { description: "The theme as edited", ...json(ThemeItem) },
    400: { description: "Invalid input, or a parent that breaks the two-level taxonomy", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not an administrator", ...json(ApiError) },
    404: { description: "No such theme", ...json(ApiError) },
  },
});

const deleteThemeRoute = createRoute({
  method: "delete",
  path: "/themes/{id}",
  tags: ["Catalogue"],
  summary: "Delete an unused theme (administrators)",
  description: "Only a theme that labels no task and has no sub-themes; archive the others.",
  middleware: [requireActor, adminOnly()] as const,
  security: [{ session: [] }],
  request: { params: ThemeIdParam },
  responses: {
    204: { description: "Deleted" },
    400: { description: "Invalid id", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    403: { description: "Not an administrator", ...json(ApiError) },
    404: { description: "No such theme", ...json(ApiError) },
    409: { description: "The theme is in use: archive it instead", ...json(ApiError) },
  },
});

export function catalogRoutes() {
  return createRouter<AppEnv>()
    .openapi(themes, async (c) => c.json({ items: (await listThemes(c.var.db)).map(toThemeItem) }, 200))
    .openapi(organisations, async (c) => {
      const rows = await listOrganisations(c.var.db);
      return c.json(
        { items: rows.map((o) => ({ id: o.id, name: o.name, shortName: o.short_name, kind: o.kind })) },
        200,
      );
    })
    .openapi(people, async (c) => {
      const { q, limit } = c.req.valid("query");
      const rows = await searchPeople(c.var.db, q, limit);
      return c.json(
        {
          items: rows.map((p) => ({
            id: p.id,
            fullName: p.full_name,
            title: p.title,
            organisation:
              p.organisation_id !== null && p.organisation_name !== null
                ? { id: p.organisation_id, name: p.organisation_name }
                : null,
          })),
        },
        200,
      );
    })
    .openapi(units, async (c) => {
      const rows = await listUnits(c.var.db);
      return c.json(
        { items: rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id })) },
        200,
      );
    })
    .openapi(createThemeRoute, async (c) => c.json(await createTheme(c.var.db, actorOf(c), c.req.valid("json")), 201))
    .openapi(updateThemeRoute, async (c) =>
      c.json(await updateTheme(c.var.db, actorOf(c), c.req.valid("param").id, c.req.valid("json")), 200),
    )
    .openapi(deleteThemeRoute, async (c) => {
      await deleteTheme(c.var.db, actorOf(c), c.req.valid("param").id);
      return c.body(null, 204);
    });
}
