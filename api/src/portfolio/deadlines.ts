/** Kinds of deadline the portfolio watches, and how far ahead it looks. */
export const DEADLINE_KINDS = ["report", "contract_end", "dossier", "adjustment"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
/** The look-ahead windows the dashboard shows, in days. */
export const DEADLINE_WINDOWS = [30, 60, 90] as const;
export const MAX_DEADLINE_DAYS = 366;
