import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { ZodError } from "zod";
import { errorBody } from "./errors.ts";

/** Per-field messages keyed by the dotted path of the offending input. */
export function fieldErrors(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      // Each unknown key is named on its own, so the client sees which field it may not send.
      for (const unknown of issue.keys) fields[[...issue.path, unknown].join(".")] ??= "Unknown field";
      continue;
    }
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
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
