import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";

/** Unsubmitted and returned reports of the running tasks a person leads. */
export async function reportsOfPi(db: Kysely<Database>, personId: number) {
  return db
    .selectFrom("report_period as p")
    .innerJoin("task", "task.id", "p.task_id")
    .leftJoin("report_draft as d", "d.period_id", "p.id")
    .select([
      "p.id",
      "p.period_start",
      "p.period_end",
      "p.due_on",
      "p.status",
      "d.saved_at",
      "task.id as task_id",
      "task.code",
      "task.title",
      "task.managing_unit_id",
      "task.regime",
    ])
    .where("task.pi_person_id", "=", personId)
    .where("task.stage", "=", "in_progress")
    .where("p.status", "in", ["upcoming", "draft", "returned"])
    .orderBy("p.due_on")
    .execute();
}
