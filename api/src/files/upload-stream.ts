import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import Busboy from "busboy";
import { DomainError } from "../http/errors.ts";
import { type FileStore, FileTooLargeError, type StoredContent } from "./storage.ts";

export interface ReceivedFile extends StoredContent {
  name: string;
}

/**
 * Reads a multipart upload as it arrives, writing the one `file` field to disk without holding
 * it in memory; a body over the limit stops with 413 and leaves nothing behind.
 */
export function receiveUpload(request: Request, store: FileStore, maxBytes: number): Promise<ReceivedFile> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) {
    return Promise.reject(
      new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the file as multipart/form-data", { file: "No file" }),
    );
  }
  const body = request.body;
  if (!body) return Promise.reject(noFile());
  return new Promise<ReceivedFile>((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: { "content-type": contentType },
        defParamCharset: "utf8",
        limits: { files: 1, fileSize: maxBytes, fields: 20 },
      });
    } catch {
      reject(new DomainError("VALIDATION_FAILED", "The upload is not valid multipart data", { file: "No file" }));
      return;
    }
    let pending: Promise<ReceivedFile> | null = null;
    parser.on("file", (field, stream, info) => {
      if (field !== "file" || pending) {
        stream.resume();
        return;
      }
      pending = store
        .putStream(stream, () => stream.truncated === true)
        .then((stored) => ({ ...stored, name: info.filename ?? "" }))
        .catch((error: unknown) => {
          throw error instanceof FileTooLargeError
            ? new DomainError("PAYLOAD_TOO_LARGE", "The file is larger than 20 MB", { file: "At most 20 MB" })
            : error;
        });
    });
    parser.on("error", () =>
      reject(new DomainError("VALIDATION_FAILED", "The upload is not valid multipart data", { file: "No file" })),
    );
    parser.on("close", () => {
      if (!pending) reject(noFile());
      else pending.then(resolve, reject);
    });
    Readable.fromWeb(body as WebReadableStream<Uint8Array>).pipe(parser);
  });
}

const noFile = () => new DomainError("VALIDATION_FAILED", "No file was sent", { file: "Choose a file" });
