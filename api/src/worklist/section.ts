import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { Actor } from "../auth/permissions.ts";

/*
 * The work list a person sees on signing in is assembled from small section providers, one per
 * kind of waiting work (a PI's due reports, staff's review queue, the head's decisions, a council
 * member's scores …). Each provider says whom it serves and lists generic items, so the web can
 * render any section without knowing where it comes from. Providers are registered in
 * `registry.ts`; adding one is a new file and one line there.
 */

/** One thing waiting for the signed-in person, about one task. */
export interface WorklistItem {
  taskId: number;
  taskCode: string;
  taskTitle: string;
  /** A stable code the web words from its catalogue (`worklist.labels.<code>`), e.g. `report_due`. */
  label: string;
  /** The legal date it is due by, when it has one. */
  dueOn: string | null;
  overdue: boolean;
  /** The web page where it is done, e.g. `/nhiem-vu/12/bao-cao/34`. */
  href: string;
}

export interface WorklistSection {
  /** Also the catalogue key of the section's heading (`worklist.sections.<key>`). */
  key: string;
  items: WorklistItem[];
}

export interface WorklistContext {
  db: Kysely<Database>;
  actor: Actor;
  /** Today in Vietnam, ISO. */
  today: string;
  now: Date;
}

export interface WorklistProvider {
  key: string;
  /** Whether this section is on the actor's list at all (a role check from auth/permissions.ts). */
  appliesTo(actor: Actor): boolean;
  items(context: WorklistContext): Promise<WorklistItem[]>;
}

/** Web addresses the items link to (the web's own paths, repeated here as plain strings). */
export const webPaths = {
  task: (taskId: number, tab?: string) => `/nhiem-vu/${taskId}${tab ? `?tab=${tab}` : ""}`,
  report: (taskId: number, periodId: number) => `/nhiem-vu/${taskId}/bao-cao/${periodId}`,
  pendingAdjustments: "/dieu-chinh",
};

/** Soonest first; items without a date last; overdue ones lead. */
export function byUrgency(a: WorklistItem, b: WorklistItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.dueOn === b.dueOn) return a.taskCode.localeCompare(b.taskCode);
  if (a.dueOn === null) return 1;
  if (b.dueOn === null) return -1;
  return a.dueOn < b.dueOn ? -1 : 1;
}
