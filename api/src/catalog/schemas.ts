import { z } from "@hono/zod-openapi";
import { ORGANISATION_KINDS } from "@khcn/db/schema";

export const ThemeItem = z
  .object({
    id: z.number().int(),
    code: z.string(),
    nameVi: z.string(),
    nameEn: z.string(),
    parentId: z.number().int().nullable(),
    r57Target: z.string().nullable(),
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

export type ThemeItem = z.infer<typeof ThemeItem>;
export type OrganisationItem = z.infer<typeof OrganisationItem>;
