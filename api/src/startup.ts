import type { Database } from "@khcn/db/schema";
import { DEMO_AS_OF, seedDemo } from "@khcn/db/seed/demo";
import type { Kysely } from "kysely";
import { hashPassword } from "./auth/password.ts";
import { seedDemoBudget } from "./budget/demo-budget.ts";
import { recordDemoReportHistory } from "./reports/demo-history.ts";
import { scheduleAllInProgress } from "./reports/scheduling.ts";

/**
 * What every start does after migrating, for the server and `pnpm db:*` alike: the demo portfolio
 * (with its report history) into an empty database when asked, and the report schedule of any
 * task in progress that has none yet (cheap and idempotent).
 */
export async function prepareData(db: Kysely<Database>, options: { seedDemo: boolean }) {
  let demoTasks = 0;
  if (options.seedDemo) {
    const seeded = await seedDemo(db, { hashPassword, includeDemoAccounts: true });
    demoTasks = seeded.tasks;
    if (seeded.tasks > 0) {
      // The money first: the reports then tell of the same spending the settlements account for.
      const budget = await seedDemoBudget(db, { asOf: DEMO_AS_OF });
      await recordDemoReportHistory(db, { asOf: DEMO_AS_OF, spending: budget.spending });
    }
  }
  const scheduled = await scheduleAllInProgress(db);
  return { demoTasks, scheduled };
}
