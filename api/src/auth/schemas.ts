import { z } from "@hono/zod-openapi";
import { ROLES } from "@khcn/db/schema";

export const LoginBody = z
  .object({
    email: z.string().trim().min(1).max(254).email(),
    password: z.string().min(1).max(1024),
  })
  .openapi("LoginBody");

export const SessionUser = z
  .object({
    id: z.number().int(),
    email: z.string(),
    fullName: z.string(),
    roles: z.array(z.enum(ROLES)),
    unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    /** The person record of a scientist or council member, for "me" in team pickers. */
    personId: z.number().int().nullable(),
  })
  .openapi("SessionUser");

export type SessionUser = z.infer<typeof SessionUser>;

export const ApiError = z
  .object({
    code: z.string().openapi({ example: "VALIDATION_FAILED" }),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .openapi({ description: "What the client needs to recover, e.g. the current draft with STALE_DRAFT" }),
  })
  .openapi("Error");
