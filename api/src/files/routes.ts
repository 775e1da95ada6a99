import { createRoute, z } from "@hono/zod-openapi";
import { actorOf, requireActor } from "../auth/middleware.ts";
import { ApiError } from "../auth/schemas.ts";
import { attachmentDisposition } from "../http/content-disposition.ts";
import type { AppEnv } from "../http/context.ts";
import { createRouter } from "../http/validation.ts";
import { IdempotencyKeyHeader } from "../idempotency/header.ts";
import { MAX_FILE_BYTES } from "./content-type.ts";
import { downloadFile, keepUpload } from "./service.ts";
import type { FileStore } from "./storage.ts";
import { receiveUpload } from "./upload-stream.ts";

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

const StoredFile = z
  .object({
    id: z.number().int(),
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
  })
  .openapi("StoredFile");

const upload = createRoute({
  method: "post",
  path: "/files",
  tags: ["Files"],
  summary: "Upload an attachment (PDF, Word, Excel, OpenDocument, ZIP, JPEG, PNG; at most 20 MB)",
  description:
    "Send `multipart/form-data` with one field `file`. The upload streams to disk; its type is judged by its content. Use the returned id as `document.fileId`. With an `Idempotency-Key` a retry of the same file gets the first answer (header `Idempotent-Replayed: true`) and stores nothing new.",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { headers: IdempotencyKeyHeader },
  responses: {
    201: { description: "Stored", ...json(StoredFile) },
    400: { description: "No file", ...json(ApiError) },
    401: { description: "Not signed in", ...json(ApiError) },
    413: { description: "Too large", ...json(ApiError) },
    415: { description: "Unsupported type", ...json(ApiError) },
    422: { description: "IDEMPOTENCY_KEY_REUSED: the key was used for another request", ...json(ApiError) },
  },
});

const download = createRoute({
  method: "get",
  path: "/files/{fileId}",
  tags: ["Files"],
  summary: "Download an attachment",
  middleware: [requireActor] as const,
  security: [{ session: [] }],
  request: { params: z.object({ fileId: z.coerce.number().int().positive().max(2_147_483_647) }) },
  responses: {
    200: { description: "The file, as an attachment", content: { "application/octet-stream": { schema: z.any() } } },
    401: { description: "Not signed in", ...json(ApiError) },
    404: { description: "No such file, or not visible", ...json(ApiError) },
  },
});

export function fileRoutes(store: FileStore) {
  return createRouter<AppEnv>()
    .openapi(upload, async (c) => {
      const key = c.req.valid("header")["idempotency-key"];
      const received = await receiveUpload(c.req.raw, store, MAX_FILE_BYTES);
      const outcome = await keepUpload(c.var.db, store, actorOf(c), received, key);
      if (outcome.replayed) c.header("Idempotent-Replayed", "true");
      return c.json(outcome.file, 201);
    })
    .openapi(download, async (c) => {
      const { file, content } = await downloadFile(c.var.db, store, actorOf(c), c.req.valid("param").fileId);
      // Always an attachment, never rendered inline: an uploaded file cannot run in our origin.
      return c.body(new Uint8Array(content), 200, {
        "Content-Type": file.content_type,
        "Content-Disposition": attachmentDisposition(file.original_name),
        "X-Content-Type-Options": "nosniff",
      }) as never;
    });
}
