import { createHash } from "node:crypto";

/*
 * How far a running commit has come, kept in this process's memory rather than the database. A
 * commit is one transaction; on PGlite that transaction holds the only connection until it ends,
 * so anything that asked the database how far it had come would wait for it to finish. The
 * progress route therefore answers from here, without a session (which is looked up in the
 * database): the caller names the batch and the Idempotency-Key it sent with the commit, an
 * unguessable value only that caller knows, and learns nothing but two counts.
 * Entries are dropped a while after the commit ends. A server with several processes would keep
 * this in a shared store; this product runs one process.
 */

export type ProgressState = "running" | "done" | "failed";

export interface Progress {
  done: number;
  total: number;
  state: ProgressState;
}

interface Entry extends Progress {
  keyHash: string | null;
  timer?: ReturnType<typeof setTimeout>;
}

const KEEP_AFTER_END_MS = 10 * 60 * 1000;
const entries = new Map<number, Entry>();

const hashKey = (key: string) => createHash("sha256").update(key).digest("hex");

export function startProgress(batchId: number, key: string | undefined, total: number): void {
  const previous = entries.get(batchId);
  if (previous?.timer) clearTimeout(previous.timer);
  entries.set(batchId, { done: 0, total, state: "running", keyHash: key ? hashKey(key) : null });
}

export function advanceProgress(batchId: number, done: number): void {
  const entry = entries.get(batchId);
  if (entry) entry.done = Math.min(done, entry.total);
}

export function endProgress(batchId: number, state: "done" | "failed"): void {
  const entry = entries.get(batchId);
  if (!entry) return;
  entry.state = state;
  if (state === "done") entry.done = entry.total;
  entry.timer = setTimeout(() => entries.delete(batchId), KEEP_AFTER_END_MS);
  entry.timer.unref?.();
}

/** The progress of a batch, for those allowed to see the batch. */
export function progressOf(batchId: number): Progress | null {
  const entry = entries.get(batchId);
  return entry ? { done: entry.done, total: entry.total, state: entry.state } : null;
}

/** The progress of a batch for whoever holds the commit's Idempotency-Key; null otherwise. */
export function progressForKey(batchId: number, key: string): Progress | null {
  const entry = entries.get(batchId);
  if (!entry || entry.keyHash === null || entry.keyHash !== hashKey(key)) return null;
  return { done: entry.done, total: entry.total, state: entry.state };
}
