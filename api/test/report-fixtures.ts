import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { scheduleAllInProgress } from "../src/reports/scheduling.ts";
import { submitReport } from "../src/reports/service.ts";
import type { buildPortfolio } from "./fixtures.ts";

/**
 * The rice task's reports for the permission walk: its schedule, with the first report
 * submitted by its PI (for the version, comparison and review routes) and the second still open.
 */
export async function prepareReports(db: Kysely<Database>, portfolio: Awaited<ReturnType<typeof buildPortfolio>>) {
  await scheduleAllInProgress(db);
  const periods = await db
    .selectFrom("report_period")
    .select("id")
    .where("task_id", "=", portfolio.tasks.rice.id)
    .orderBy("seq")
    .execute();
  const [first, second] = periods;
  if (!first || !second) throw new Error("the rice task should owe at least two reports");
  const pi = {
    userId: portfolio.users.pi.id,
    personId: portfolio.people.scientist.id,
    roles: ["pi" as const],
    unitId: portfolio.department.id,
  };
  const submitted = await submitReport(db, pi, first.id, {
    revision: 0,
    hostConfirmation: { confirmedBy: "Nguyễn Văn Bình", confirmedOn: "2025-01-10" },
  });
  return { submitted: { periodId: first.id, versionId: submitted.body.version.id }, open: { periodId: second.id } };
}
