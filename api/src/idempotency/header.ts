import { z } from "@hono/zod-openapi";

const GENERIC =
  "A fresh random value per intended request (e.g. a UUID). A retry with the same key and the same request gets the first answer back (header `Idempotent-Replayed: true`) and changes nothing; the same key with another request is refused with 422 IDEMPOTENCY_KEY_REUSED.";

/** The optional `Idempotency-Key` request header of a create-type route, described for that route. */
export function idempotencyKeyHeader(description = GENERIC) {
  return z.object({
    "idempotency-key": z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\x21-\x7e]+$/, "Printable ASCII without spaces")
      .optional()
      .openapi({ description }),
  });
}

/** The header as transitions, uploads and budget movements take it. */
export const IdempotencyKeyHeader = idempotencyKeyHeader();
