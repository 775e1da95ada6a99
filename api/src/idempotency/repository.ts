import { createHash } from "node:crypto";
import { isUniqueViolation } from "@khcn/db/errors";
import { jsonb } from "@khcn/db/jsonb";
import type { Database } from "@khcn/db/schema";
import { type Kysely, sql } from "kysely";
import { DomainError } from "../http/errors.ts";

/*
 * Idempotency-Key: the first successful answer to a request is stored under the user and the key,
 * and a retry with the same key and the same request gets that answer back instead of a second
 * effect. The same key with another request is refused: the key was meant for something else.
 */

/** JSON with object keys sorted, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const requestHash = (method: string, path: string, body: unknown) =>
  createHash("sha256")
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest("hex");

export interface StoredAnswer<T> {
  status: number;
  body: T;
}

const reused = () =>
  new DomainError(
    "IDEMPOTENCY_KEY_REUSED",
    "This Idempotency-Key was already used for a different request: use a new key for a new request",
    { "idempotency-key": "Already used for another request" },
  );

/** The stored answer for the key, if this user already sent it; a different request under it is refused. */
export async function storedAnswer<T>(
  db: Kysely<Database>,
  userId: number,
  key: string,
  hash: string,
): Promise<StoredAnswer<T> | null> {
  const row = await db
    .selectFrom("idempotency_key")
    .select(["request_hash", "response_status", "response_body"])
    .where("user_id", "=", userId)
    .where("key", "=", key)
    .executeTakeFirst();
  if (!row) return null;
  if (row.request_hash !== hash) throw reused();
  return { status: row.response_status, body: row.response_body as T };
}

/** Keeps the answer with the change it answers (the caller's transaction). */
export async function storeAnswer(
  db: Kysely<Database>,
  userId: number,
  key: string,
  hash: string,
  answer: StoredAnswer<unknown>,
): Promise<void> {
  try {
    await db
      .insertInto("idempotency_key")
      .values({
        user_id: userId,
        key,
        request_hash: hash,
        response_status: answer.status,
        response_body: jsonb(answer.body),
      })
      .execute();
  } catch (error) {
    // The same key sent at once for another request took it first.
    if (isUniqueViolation(error, "idempotency_key_pkey")) throw reused();
    throw error;
  }
}

/**
 * Serialises requests that carry the same key for the same user until the caller's transaction
 * ends: two copies of one request sent at once (a double click, a client retrying after a timeout
 * while the first is still running) then run one after the other, and the second finds the first's
 * stored answer instead of racing it to a second row. A transaction-scoped advisory lock, so it is
 * released by commit or rollback alike.
 */
export async function lockKey(db: Kysely<Database>, userId: number, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`idempotency:${userId}:${key}`}, 0))`.execute(db);
}
