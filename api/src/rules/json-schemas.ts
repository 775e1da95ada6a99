import { z } from "zod";
import { PARAMETERS, type ParameterKey } from "./parameters.ts";

const cache = new Map<ParameterKey, Record<string, unknown>>();

/**
 * The JSON Schema (draft 2020-12) of a parameter's value, for a client to render an editor.
 * Refinements (sums, duplicates, real dates) have no JSON Schema form: the server checks them on save.
 */
export function jsonSchemaOf(key: ParameterKey): Record<string, unknown> {
  let schema = cache.get(key);
  if (!schema) {
    schema = z.toJSONSchema(PARAMETERS[key].schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    cache.set(key, schema);
  }
  return schema;
}
