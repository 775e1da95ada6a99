import { jsonb } from "@khcn/db/jsonb";
import type { Database, InspectionConclusion, InspectionKind } from "@khcn/db/schema";
import type { Kysely } from "kysely";

export async function insertInspection(
  db: Kysely<Database>,
  i: {
    taskId: number;
    kind: InspectionKind;
    inspectedOn: string;
    team: { name: string; role: string; organisation: string | null }[];
    findings: string;
    conclusion: InspectionConclusion;
    recommendations: string | null;
    minutesDocumentId: number;
    createdBy: number;
  },
) {
  return db
    .insertInto("inspection")
    .values({
      task_id: i.taskId,
      kind: i.kind,
      inspected_on: i.inspectedOn,
      team: jsonb(i.team),
      findings: i.findings,
      conclusion: i.conclusion,
      recommendations: i.recommendations,
      minutes_document_id: i.minutesDocumentId,
      created_by: i.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

function inspections(db: Kysely<Database>) {
  return db
    .selectFrom("inspection as i")
    .innerJoin("app_user as u", "u.id", "i.created_by")
    .select([
      "i.id",
      "i.task_id",
      "i.kind",
      "i.inspected_on",
      "i.team",
      "i.findings",
      "i.conclusion",
      "i.recommendations",
      "i.minutes_document_id",
      "i.created_at",
      "u.full_name as recorded_by",
    ]);
}

/** The task's inspections, the most recent first (by date, then by recording). */
export async function inspectionsOfTask(db: Kysely<Database>, taskId: number) {
  return inspections(db)
    .where("i.task_id", "=", taskId)
    .orderBy("i.inspected_on", "desc")
    .orderBy("i.id", "desc")
    .execute();
}

export async function findInspection(db: Kysely<Database>, id: number) {
  return inspections(db).where("i.id", "=", id).executeTakeFirst();
}

export type InspectionRow = NonNullable<Awaited<ReturnType<typeof findInspection>>>;

/** The task's most recent inspection, whose conclusion stands until the next one. */
export async function latestInspection(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("inspection")
    .select(["id", "inspected_on", "conclusion", "minutes_document_id"])
    .where("task_id", "=", taskId)
    .orderBy("inspected_on", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}
