import { z } from "@hono/zod-openapi";
import { ROLES } from "@khcn/db/schema";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../auth/password.ts";

const roles = z
  .array(z.enum(ROLES))
  .min(1, "Give the account at least one role")
  .max(ROLES.length)
  .refine((r) => new Set(r).size === r.length, "A role is listed twice");

export const UserItem = z
  .object({
    id: z.number().int(),
    email: z.string(),
    fullName: z.string(),
    roles: z.array(z.enum(ROLES)),
    unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
    personId: z.number().int().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
  })
  .openapi("User");

export const UserList = z.object({ items: z.array(UserItem) }).openapi("UserList");

export const CreateUserBody = z
  .strictObject({
    email: z.string().trim().toLowerCase().email().max(254),
    fullName: z.string().trim().min(1).max(200),
    roles,
    unitId: z.number().int().positive().nullable().optional(),
    personId: z.number().int().positive().nullable().optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
  })
  .openapi("CreateUserBody");

export const UpdateUserBody = z
  .strictObject({
    fullName: z.string().trim().min(1).max(200).optional(),
    roles: roles.optional(),
    unitId: z.number().int().positive().nullable().optional(),
    personId: z.number().int().positive().nullable().optional(),
    active: z.boolean().optional(),
  })
  .openapi("UpdateUserBody");

/** The policy itself (common, e-mail) is checked by the service, to answer with its reason. */
export const ResetPasswordBody = z
  .strictObject({ newPassword: z.string().min(1).max(1024) })
  .openapi("ResetPasswordBody");

export const UserIdParam = z.object({
  userId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: "userId", in: "path" } }),
});

export type UserItem = z.infer<typeof UserItem>;
export type CreateUserBody = z.infer<typeof CreateUserBody>;
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;
