import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { ZodError } from "zod";
import { errorBody } from "./errors.ts";

/** Per-field messages keyed by the dotted path of the offending input. */
export function fieldErrors(error: ZodError): Record<string, string> {
  // Collected in a Map and made into own properties at the end: a key named `__proto__` is then
  // reported like any other unknown key instead of being swallowed by an assignment.
  const fields = new Map<string, string>();
  const add = (key: string, message: string) => {
    if (!fields.has(key)) fields.set(key, message);
  };
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Each unknown key is named on its own, so the client sees which field it may not send.
      for (const unknown of issue.keys) add([...issue.path, unknown].join("."), "Unknown field");
      continue;
    }
    add(issue.path.join(".") || "_", issue.message);
  }
  return Object.fromEntries(fields);
}

/** Every area's router is built here, so every route validates the same way. */
export function createRouter<E extends Env>() {
  return new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (!result.success) {
        return c.json(errorBody("VALIDATION_FAILED", "The request is not valid", fieldErrors(result.error)), 400);
      }
    },
  });
}
