import { z } from "@hono/zod-openapi";

export const NotificationQuery = z.object({
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({ description: "Only notifications not yet read" }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const NotificationIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const NotificationView = z
  .object({
    id: z.number().int(),
    kind: z.string().openapi({ example: "report.returned" }),
    task: z.object({ id: z.number().int(), code: z.string(), title: z.string() }).nullable(),
    payload: z.record(z.string(), z.unknown()).openapi({
      description: "What the kind carries, e.g. for report.returned: periodId, seq, versionId, versionNo, comments",
    }),
    createdAt: z.string().openapi({ format: "date-time" }),
    readAt: z.string().openapi({ format: "date-time" }).nullable(),
  })
  .openapi("Notification");

export const NotificationList = z
  .object({ items: z.array(NotificationView), unread: z.number().int() })
  .openapi("NotificationList");

export const NotificationRead = z
  .object({ id: z.number().int(), readAt: z.string().openapi({ format: "date-time" }) })
  .openapi("NotificationRead");

export type NotificationQuery = z.infer<typeof NotificationQuery>;
export type NotificationList = z.infer<typeof NotificationList>;
export type NotificationRead = z.infer<typeof NotificationRead>;
