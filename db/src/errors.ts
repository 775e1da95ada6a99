/**
 * Whether an error is PostgreSQL's unique violation (23505) on the given constraint, as either
 * driver reports it: PGlite names the constraint `constraint`, postgres.js `constraint_name`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown; constraint_name?: unknown };
  return e.code === "23505" && (e.constraint === constraint || e.constraint_name === constraint);
}
