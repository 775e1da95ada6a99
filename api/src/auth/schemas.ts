import { z } from "@hono/zod-openapi";
import { ROLES } from "@khcn/db/schema";

export const LoginBody = z
  .strictObject({
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

export const SessionItem = z
  .object({
    id: z.string().openapi({ description: "The session's public id (never the token or its hash)" }),
    createdAt: z.string(),
    lastUsedAt: z.string().openapi({ description: "Recorded at most every five minutes" }),
    expiresAt: z.string().openapi({ description: "When it ends unless used again (never past its absolute end)" }),
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    current: z.boolean().openapi({ description: "The session this request came with" }),
  })
  .openapi("Session");

export const SessionList = z.object({ sessions: z.array(SessionItem) }).openapi("SessionList");

export const EndedCount = z.object({ ended: z.number().int() }).openapi("EndedSessions");

export const SessionIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const ChangePasswordBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    // Length and the common-password list are checked by the policy, which names its reason.
    newPassword: z.string().min(1).max(1024),
  })
  .openapi("ChangePasswordBody");

export const ChangeEmailBody = z
  .strictObject({
    currentPassword: z.string().min(1).max(1024),
    newEmail: z.string().trim().toLowerCase().email().max(254),
  })
  .openapi("ChangeEmailBody");

export const ThrottledError = z
  .object({
    code: z.literal("TOO_MANY_ATTEMPTS"),
    message: z.string(),
    retryAfterSeconds: z.number().int(),
  })
  .openapi("TooManyAttempts");
