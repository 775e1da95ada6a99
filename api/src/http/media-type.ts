import type { MiddlewareHandler } from "hono";
import { DomainError } from "./errors.ts";

/**
 * The routes that take a file as multipart/form-data; every other route with a body takes JSON.
 * The body limit and the media-type check both read this list.
 */
export const UPLOAD_ROUTES: readonly { method: string; path: string }[] = [
  { method: "POST", path: "/api/files" },
  { method: "POST", path: "/api/imports" },
];

export const isUploadRoute = (method: string, path: string) =>
  UPLOAD_ROUTES.some((r) => r.method === method && r.path === path);

/** Per HTTP/1.1 a request has a body only with a non-zero Content-Length or a Transfer-Encoding. */
const announcesBody = (headers: Headers) => {
  const length = headers.get("Content-Length");
  return (length !== null && length.trim() !== "0") || headers.has("Transfer-Encoding");
};

/**
 * 415 for a body of the wrong kind. JSON routes take only application/json: a cross-site HTML form
 * can send text/plain, application/x-www-form-urlencoded or multipart/form-data without a CORS
 * preflight, so refusing those shuts the classic form-post CSRF trick behind the Origin check too.
 */
export function requireMediaType(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    // Upload routes read multipart themselves and answer anything else with 415, after the sign-in check.
    if (isUploadRoute(method, c.req.path)) return next();
    const header = c.req.header("Content-Type");
    // A request without a type passes only when it has no body (e.g. POST /api/auth/logout).
    if (header === undefined && !announcesBody(c.req.raw.headers)) return next();
    const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (type !== "application/json") {
      throw new DomainError("UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json");
    }
    return next();
  };
}
