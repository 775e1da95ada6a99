import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { Actor } from "../auth/permissions.ts";

/** What every request handler can reach: the database and, once signed in, the actor. */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    actor: Actor | null;
  };
}
