import { z } from "@hono/zod-openapi";
import { ORGANISATION_KINDS, UNIT_KINDS } from "@khcn/db/schema";

export const ThemeItem = z
  .object({
    id: z.number().int(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    parentId: z.number().int().nullable(),
    r57Target: z.string().nullable(),
    sortOrder: z.number().int(),
    archived: z.boolean().openapi({ description: "Kept for the tasks it already labels; not offered for new links" }),
  })
  .openapi("Theme");

export const OrganisationItem = z
  .object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string().nullable(),
    kind: z.enum(ORGANISATION_KINDS),
  })
  .openapi("Organisation");

export const PersonItem = z
  .object({
    id: z.number().int(),
    fullName: z.string(),
    title: z.string().nullable(),
    organisation: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  })
  .openapi("Person");

export const UnitItem = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(UNIT_KINDS),
    parentId: z.number().int().nullable(),
  })
  .openapi("Unit");

export const PeopleQuery = z
  .object({
    q: z.string().trim().max(100).optional().openapi({
      description: "Words of the name, with or without Vietnamese diacritics",
      example: "nguyen van an",
    }),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .openapi("PeopleQuery");

export const ThemeIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

const Text = (max: number) => z.string().trim().min(1, "Required").max(max, `At most ${max} characters`);

const themeFields = {
  nameVi: Text(200),
  nameEn: Text(200),
  parentId: z
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .nullable()
    .openapi({ description: "A top-level theme: the taxonomy is two levels deep" }),
  r57Target: Text(500).nullable().openapi({ description: "The Resolution 57-NQ/TW target this theme serves" }),
  sortOrder: z.number().int().min(0).max(1_000_000),
};

export const CreateThemeBody = z
  .strictObject({
    code: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, "Letters A–Z, digits and dashes, at most 40")
      .openapi({ example: "NNCNC-GIONG" }),
    ...themeFields,
    parentId: themeFields.parentId.optional(),
    r57Target: themeFields.r57Target.optional(),
    sortOrder: themeFields.sortOrder.optional().openapi({ description: "Default: after the last theme" }),
  })
  .openapi("CreateThemeBody");

export const UpdateThemeBody = z
  .strictObject({ ...themeFields, archived: z.boolean() })
  .partial()
  .openapi("UpdateThemeBody");

export type ThemeItem = z.infer<typeof ThemeItem>;
export type OrganisationItem = z.infer<typeof OrganisationItem>;
export type PersonItem = z.infer<typeof PersonItem>;
export type UnitItem = z.infer<typeof UnitItem>;
export type CreateThemeBody = z.infer<typeof CreateThemeBody>;
export type UpdateThemeBody = z.infer<typeof UpdateThemeBody>;
