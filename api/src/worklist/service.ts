import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import type { Actor } from "../auth/permissions.ts";
import { vietnamToday } from "../reports/schedule.ts";
import { WORKLIST_PROVIDERS } from "./registry.ts";
import { byUrgency, type WorklistProvider, type WorklistSection } from "./section.ts";

/** The sections that apply to the actor, each with its items (possibly none), most urgent first. */
export async function getWorklist(
  db: Kysely<Database>,
  actor: Actor,
  now = new Date(),
  providers: readonly WorklistProvider[] = WORKLIST_PROVIDERS,
): Promise<{ today: string; sections: WorklistSection[] }> {
  const today = vietnamToday(now);
  const applicable = providers.filter((p) => p.appliesTo(actor));
  const sections = await Promise.all(
    applicable.map(async (p) => ({
      key: p.key,
      items: (await p.items({ db, actor, today, now })).sort(byUrgency),
    })),
  );
  return { today, sections };
}
