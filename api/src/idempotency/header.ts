import { z } from "@hono/zod-openapi";

/** The optional `Idempotency-Key` request header of the create-type routes (transitions, uploads). */
export const IdempotencyKeyHeader = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces")
    .optional()
    .openapi({
      description:
        "A fresh random value per intended request (e.g. a UUID). A retry with the same key and the same request gets the first answer back (header `Idempotent-Replayed: true`) and changes nothing; the same key with another request is refused with 422 IDEMPOTENCY_KEY_REUSED.",
    }),
});
