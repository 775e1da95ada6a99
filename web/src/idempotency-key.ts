/**
 * A key for one intended request, kept for its retries, so a retry after a lost answer gets the
 * first answer back instead of acting twice. `crypto.randomUUID` exists only in secure contexts
 * (HTTPS or localhost); a department serving plain HTTP on its LAN still gets random keys.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
