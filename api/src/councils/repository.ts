import { jsonb } from "@khcn/db/jsonb";
import type {
  AcceptanceOutcome,
  CouncilKind,
  CouncilResult,
  CouncilRole,
  CouncilStatus,
  Database,
  Regime,
  TaskField,
} from "@khcn/db/schema";
import { foldVietnamese } from "@khcn/db/search-text";
import { type Kysely, sql } from "kysely";

/*
 * All SQL of the councils area: the expert registry, councils with their tasks, members, score
 * sheets and reopenings.
 */

// ---- experts

export async function listExperts(
  db: Kysely<Database>,
  filter: { q?: string | undefined; field?: TaskField | undefined; limit: number; offset: number },
) {
  let query = db
    .selectFrom("expert as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .leftJoin("organisation as o", "o.id", "p.organisation_id")
    .where("e.active", "=", true);
  if (filter.field) query = query.where("e.field", "=", filter.field);
  if (filter.q) {
    // Accent-insensitive: "nguyet" finds "Nguyệt"; the fold runs on both sides.
    const needle = `%${foldVietnamese(filter.q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(translate(p.full_name, ${ACCENTED}, ${PLAIN}))`, "like", needle),
        eb(sql`lower(coalesce(e.specialty, ''))`, "like", `%${filter.q?.toLowerCase()}%`),
        eb(sql`lower(translate(coalesce(o.name, ''), ${ACCENTED}, ${PLAIN}))`, "like", needle),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    query
      .select([
        "e.id",
        "e.person_id",
        "e.field",
        "e.specialty",
        "p.full_name",
        "p.title",
        "p.position",
        "p.email",
        "p.phone",
        "p.user_id",
        "o.id as organisation_id",
        "o.name as organisation_name",
      ])
      .orderBy("p.full_name")
      .orderBy("e.id")
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

// Vietnamese letters with marks and their plain forms, for accent-insensitive SQL matching.
const ACCENTED =
  "àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ";
const PLAIN =
  "aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD";

export async function findExpert(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("expert as e")
    .innerJoin("person as p", "p.id", "e.person_id")
    .leftJoin("organisation as o", "o.id", "p.organisation_id")
    .select([
      "e.id",
      "e.person_id",
      "e.field",
      "e.specialty",
      "p.full_name",
      "p.title",
      "p.position",
      "p.email",
      "p.phone",
      "p.user_id",
      "o.id as organisation_id",
      "o.name as organisation_name",
    ])
    .where("e.id", "=", id)
    .executeTakeFirst();
}

export async function findExpertByPerson(db: Kysely<Database>, personId: number) {
  return db.selectFrom("expert").select("id").where("person_id", "=", personId).executeTakeFirst();
}

export async function insertPerson(
  db: Kysely<Database>,
  p: {
    fullName: string;
    title: string | null;
    organisationId: number | null;
    email: string | null;
    phone: string | null;
  },
) {
  return db
    .insertInto("person")
    .values({
      full_name: p.fullName,
      title: p.title,
      position: null,
      organisation_id: p.organisationId,
      email: p.email,
      phone: p.phone,
      user_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updatePerson(
  db: Kysely<Database>,
  id: number,
  p: Partial<{
    full_name: string;
    title: string | null;
    organisation_id: number | null;
    email: string | null;
    phone: string | null;
  }>,
) {
  if (Object.keys(p).length === 0) return;
  await db.updateTable("person").set(p).where("id", "=", id).execute();
}

export async function insertExpert(
  db: Kysely<Database>,
  e: { personId: number; field: TaskField; specialty: string | null; createdBy: number },
) {
  return db
    .insertInto("expert")
    .values({ person_id: e.personId, field: e.field, specialty: e.specialty, created_by: e.createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function updateExpert(
  db: Kysely<Database>,
  id: number,
  e: Partial<{ field: TaskField; specialty: string | null; active: boolean }>,
) {
  if (Object.keys(e).length === 0) return;
  await db.updateTable("expert").set(e).where("id", "=", id).execute();
}

export async function organisationExists(db: Kysely<Database>, id: number) {
  return (await db.selectFrom("organisation").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;
}

export async function findPerson(db: Kysely<Database>, id: number) {
  return db
    .selectFrom("person as p")
    .leftJoin("organisation as o", "o.id", "p.organisation_id")
    .select(["p.id", "p.full_name", "p.title", "p.organisation_id", "o.name as organisation_name", "p.user_id"])
    .where("p.id", "=", id)
    .executeTakeFirst();
}

// ---- councils

export async function insertCouncil(
  db: Kysely<Database>,
  c: {
    kind: CouncilKind;
    title: string;
    unitId: number;
    regime: Regime;
    meetingOn: string | null;
    location: string | null;
    adminSecretaryUserId: number;
    createdBy: number;
  },
) {
  return db
    .insertInto("council")
    .values({
      kind: c.kind,
      title: c.title,
      unit_id: c.unitId,
      regime: c.regime,
      meeting_on: c.meetingOn,
      location: c.location,
      dossier_sent_on: null,
      establishment_document_id: null,
      admin_secretary_user_id: c.adminSecretaryUserId,
      acting_chair_member_id: null,
      outcome_result: null,
      minutes_file_id: null,
      closed_by: null,
      created_by: c.createdBy,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function linkTasks(db: Kysely<Database>, councilId: number, taskIds: readonly number[]) {
  await db
    .insertInto("council_task")
    .values(taskIds.map((taskId) => ({ council_id: councilId, task_id: taskId })))
    .execute();
}

export async function findCouncil(db: Kysely<Database>, id: number, lock = false) {
  let query = db.selectFrom("council").selectAll().where("id", "=", id);
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type CouncilRow = NonNullable<Awaited<ReturnType<typeof findCouncil>>>;

export async function updateCouncil(
  db: Kysely<Database>,
  id: number,
  patch: Partial<{
    title: string;
    meeting_on: string | null;
    location: string | null;
    dossier_sent_on: string | null;
    status: CouncilStatus;
    establishment_document_id: number;
    acting_chair_member_id: number | null;
    attendance_recorded: boolean;
    outcome_result: CouncilResult;
    minutes_file_id: number;
    closed_at: Date;
    closed_by: number;
  }>,
  outcome?: unknown,
) {
  return db
    .updateTable("council")
    .set((eb) => ({
      ...patch,
      ...(outcome !== undefined ? { outcome: jsonb(outcome) } : {}),
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", id)
    .returning("version")
    .executeTakeFirstOrThrow();
}

/** The tasks a council reviews, with what the conflict rules and the sheets need of each. */
export async function councilTasks(db: Kysely<Database>, councilId: number) {
  return db
    .selectFrom("council_task as ct")
    .innerJoin("task as t", "t.id", "ct.task_id")
    .leftJoin("organisation as o", "o.id", "t.host_organisation_id")
    .select([
      "t.id",
      "t.code",
      "t.title",
      "t.stage",
      "t.regime",
      "t.managing_unit_id",
      "t.host_organisation_id",
      "t.pi_person_id",
      "t.end_date",
      "o.name as host_name",
    ])
    .where("ct.council_id", "=", councilId)
    .orderBy("t.code")
    .execute();
}

export async function teamsOfTasks(db: Kysely<Database>, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("task_member")
    .select(["task_id", "person_id"])
    .where("task_id", "in", [...taskIds])
    .execute();
}

export async function productsOfTasks(db: Kysely<Database>, taskIds: readonly number[]) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("task_product")
    .select(["id", "task_id", "name", "product_class", "quantity", "unit"])
    .where("task_id", "in", [...taskIds])
    .orderBy("task_id")
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export async function councilMembers(db: Kysely<Database>, councilId: number) {
  return db
    .selectFrom("council_member as m")
    .innerJoin("person as p", "p.id", "m.person_id")
    .leftJoin("organisation as o", "o.id", "p.organisation_id")
    .select([
      "m.id",
      "m.person_id",
      "m.role",
      "m.conflict_status",
      "m.conflict_note",
      "m.conflict_declared_at",
      "m.recused",
      "m.recusal_reason",
      "m.attended",
      "p.full_name",
      "p.title",
      "p.user_id",
      "p.organisation_id",
      "o.name as organisation_name",
    ])
    .where("m.council_id", "=", councilId)
    .orderBy("m.id")
    .execute();
}

export type MemberRow = Awaited<ReturnType<typeof councilMembers>>[number];

export async function insertMember(db: Kysely<Database>, councilId: number, personId: number, role: CouncilRole) {
  return db
    .insertInto("council_member")
    .values({
      council_id: councilId,
      person_id: personId,
      role,
      conflict_note: null,
      recusal_reason: null,
      recused_by: null,
      attended: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

export async function deleteMember(db: Kysely<Database>, memberId: number) {
  await db.deleteFrom("council_member").where("id", "=", memberId).execute();
}

export async function updateMember(
  db: Kysely<Database>,
  memberId: number,
  patch: Partial<{
    conflict_status: "none" | "declared";
    conflict_note: string | null;
    conflict_declared_at: Date;
    recused: boolean;
    recusal_reason: string;
    recused_at: Date;
    recused_by: number;
    attended: boolean | null;
  }>,
) {
  await db.updateTable("council_member").set(patch).where("id", "=", memberId).execute();
}

export async function setAttendance(db: Kysely<Database>, councilId: number, present: readonly number[]) {
  await db.updateTable("council_member").set({ attended: false }).where("council_id", "=", councilId).execute();
  if (present.length === 0) return;
  await db
    .updateTable("council_member")
    .set({ attended: true })
    .where("council_id", "=", councilId)
    .where("id", "in", [...present])
    .execute();
}

export async function councilScores(db: Kysely<Database>, councilId: number) {
  return db
    .selectFrom("council_score")
    .select([
      "id",
      "member_id",
      "task_id",
      "applicant_id",
      "sheet",
      "derived_grade",
      "review_file_id",
      "status",
      "version",
      "signed_off_at",
    ])
    .where("council_id", "=", councilId)
    .orderBy("id")
    .execute();
}

export type ScoreRow = Awaited<ReturnType<typeof councilScores>>[number];

export async function findScore(
  db: Kysely<Database>,
  key: { memberId: number; taskId: number; applicantId: number | null },
  lock = false,
) {
  let query = db
    .selectFrom("council_score")
    .selectAll()
    .where("member_id", "=", key.memberId)
    .where("task_id", "=", key.taskId)
    .where((eb) =>
      key.applicantId === null ? eb("applicant_id", "is", null) : eb("applicant_id", "=", key.applicantId),
    );
  if (lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function saveScore(
  db: Kysely<Database>,
  s: {
    councilId: number;
    memberId: number;
    taskId: number;
    applicantId: number | null;
    sheet: unknown;
    derivedGrade: AcceptanceOutcome | null;
    reviewFileId: number | null;
  },
  existingId: number | null,
) {
  if (existingId !== null) {
    return db
      .updateTable("council_score")
      .set((eb) => ({
        sheet: jsonb(s.sheet),
        derived_grade: s.derivedGrade,
        review_file_id: s.reviewFileId,
        version: eb("version", "+", 1),
        updated_at: new Date(),
      }))
      .where("id", "=", existingId)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto("council_score")
    .values({
      council_id: s.councilId,
      member_id: s.memberId,
      task_id: s.taskId,
      applicant_id: s.applicantId,
      sheet: jsonb(s.sheet),
      derived_grade: s.derivedGrade,
      review_file_id: s.reviewFileId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setScoreStatus(db: Kysely<Database>, scoreId: number, signedOff: boolean) {
  return db
    .updateTable("council_score")
    .set((eb) => ({
      status: signedOff ? "signed_off" : "draft",
      signed_off_at: signedOff ? new Date() : null,
      version: eb("version", "+", 1),
      updated_at: new Date(),
    }))
    .where("id", "=", scoreId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertReopen(
  db: Kysely<Database>,
  r: {
    scoreId: number;
    memberId: number;
    reason: string;
    previousSheet: unknown;
    previousVersion: number;
    actorUserId: number;
  },
) {
  await db
    .insertInto("council_score_reopen")
    .values({
      score_id: r.scoreId,
      member_id: r.memberId,
      reason: r.reason,
      previous_sheet: jsonb(r.previousSheet),
      previous_version: r.previousVersion,
      actor_user_id: r.actorUserId,
    })
    .execute();
}

export async function reopenings(db: Kysely<Database>, councilId: number) {
  return db
    .selectFrom("council_score_reopen as r")
    .innerJoin("council_member as m", "m.id", "r.member_id")
    .innerJoin("council_score as s", "s.id", "r.score_id")
    .innerJoin("app_user as u", "u.id", "r.actor_user_id")
    .select(["r.id", "r.member_id", "s.task_id", "r.reason", "r.at", "u.full_name as actor_name"])
    .where("m.council_id", "=", councilId)
    .orderBy("r.id")
    .execute();
}

export async function applicantsOf(db: Kysely<Database>, councilId: number) {
  return db
    .selectFrom("council_applicant")
    .select(["id", "task_id", "organisation_id", "name", "pi_name"])
    .where("council_id", "=", councilId)
    .orderBy("id")
    .execute();
}

export async function insertApplicant(
  db: Kysely<Database>,
  a: { councilId: number; taskId: number; organisationId: number | null; name: string; piName: string | null },
) {
  return db
    .insertInto("council_applicant")
    .values({
      council_id: a.councilId,
      task_id: a.taskId,
      organisation_id: a.organisationId,
      name: a.name,
      pi_name: a.piName,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Councils in a scope, newest first, with their tasks' codes. */
export async function listCouncils(
  db: Kysely<Database>,
  filter: {
    all: boolean;
    unitId: number | null;
    personId: number | null;
    taskId?: number | undefined;
    kind?: CouncilKind | undefined;
    status?: CouncilStatus | undefined;
  },
) {
  let query = db.selectFrom("council as c").selectAll("c");
  if (!filter.all) {
    query = query.where((eb) => {
      const either = [];
      if (filter.unitId !== null) either.push(eb("c.unit_id", "=", filter.unitId));
      if (filter.personId !== null) {
        either.push(
          eb.exists(
            eb
              .selectFrom("council_member as m")
              .select("m.id")
              .whereRef("m.council_id", "=", "c.id")
              .where("m.person_id", "=", filter.personId),
          ),
        );
      }
      return either.length > 0 ? eb.or(either) : sql<boolean>`false`;
    });
  }
  if (filter.taskId !== undefined) {
    const taskId = filter.taskId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("council_task as ct")
          .select("ct.task_id")
          .whereRef("ct.council_id", "=", "c.id")
          .where("ct.task_id", "=", taskId),
      ),
    );
  }
  if (filter.kind) query = query.where("c.kind", "=", filter.kind);
  if (filter.status) query = query.where("c.status", "=", filter.status);
  return query.orderBy("c.id", "desc").limit(500).execute();
}

export async function tasksOfCouncils(db: Kysely<Database>, councilIds: readonly number[]) {
  if (councilIds.length === 0) return [];
  return db
    .selectFrom("council_task as ct")
    .innerJoin("task as t", "t.id", "ct.task_id")
    .select(["ct.council_id", "t.id", "t.code", "t.title", "t.stage"])
    .where("ct.council_id", "in", [...councilIds])
    .orderBy("t.code")
    .execute();
}

export async function memberCounts(db: Kysely<Database>, councilIds: readonly number[]) {
  if (councilIds.length === 0) return [];
  return db
    .selectFrom("council_member")
    .select(["council_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("council_id", "in", [...councilIds])
    .groupBy("council_id")
    .execute();
}

/** The seats a person holds, with the council ids. */
export async function seatsOf(db: Kysely<Database>, personId: number) {
  return db
    .selectFrom("council_member")
    .select(["id", "council_id", "role", "conflict_status", "recused"])
    .where("person_id", "=", personId)
    .execute();
}

/** Councils of these tasks that are not closed (one open acceptance council per task). */
export async function openCouncilsOfTasks(db: Kysely<Database>, taskIds: readonly number[], kind: CouncilKind) {
  if (taskIds.length === 0) return [];
  return db
    .selectFrom("council_task as ct")
    .innerJoin("council as c", "c.id", "ct.council_id")
    .select(["c.id", "ct.task_id"])
    .where("ct.task_id", "in", [...taskIds])
    .where("c.kind", "=", kind)
    .where("c.status", "<>", "closed")
    .execute();
}

export async function staffUserName(db: Kysely<Database>, userId: number) {
  return db.selectFrom("app_user").select(["id", "full_name"]).where("id", "=", userId).executeTakeFirst();
}

/** When the acceptance dossier came in: the last `receive_acceptance_dossier` step of the task. */
export async function dossierReceived(db: Kysely<Database>, taskId: number) {
  return db
    .selectFrom("task_transition as t")
    .leftJoin("document as d", "d.id", "t.document_id")
    .select(["t.at", "d.issued_on"])
    .where("t.task_id", "=", taskId)
    .where("t.action", "=", "receive_acceptance_dossier")
    .orderBy("t.id", "desc")
    .executeTakeFirst();
}

/** The dates the step deadlines count from: each step's latest document date (or the day it was recorded). */
export async function deadlineFacts(db: Kysely<Database>, taskId: number) {
  const steps = await db
    .selectFrom("task_transition as t")
    .leftJoin("document as d", "d.id", "t.document_id")
    .select(["t.action", "t.at", "d.issued_on"])
    .where("t.task_id", "=", taskId)
    .where("t.action", "in", [
      "receive_acceptance_dossier",
      "record_acceptance_pass",
      "record_acceptance_fail",
      "recognise_results",
      "register_results",
    ])
    .orderBy("t.id")
    .execute();
  const vietnamDay = (at: Date) => new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const last = (...actions: string[]) => {
    const step = steps.filter((s) => actions.includes(s.action)).at(-1);
    return step ? (step.issued_on ?? vietnamDay(step.at)) : null;
  };
  const council = await db
    .selectFrom("council_task as ct")
    .innerJoin("council as c", "c.id", "ct.council_id")
    .innerJoin("document as d", "d.id", "c.establishment_document_id")
    .select("d.issued_on")
    .where("ct.task_id", "=", taskId)
    .where("c.kind", "=", "acceptance")
    .orderBy("c.id", "desc")
    .executeTakeFirst();
  const task = await db.selectFrom("task").select("registered_on").where("id", "=", taskId).executeTakeFirst();
  return {
    dossierReceivedOn: last("receive_acceptance_dossier"),
    councilEstablishedOn: council?.issued_on ?? null,
    acceptedOn: last("record_acceptance_pass", "record_acceptance_fail"),
    recognisedOn: last("recognise_results"),
    registeredOn: task?.registered_on ?? last("register_results"),
  };
}

// ---- the work list

/** The unit's tasks in acceptance with no acceptance council sitting (forming or established). */
export async function tasksAwaitingCouncil(db: Kysely<Database>, unitId: number | null) {
  if (unitId === null) return [];
  return db
    .selectFrom("task as t")
    .select(["t.id", "t.code", "t.title", "t.stage", "t.end_date", "t.managing_unit_id", "t.regime"])
    .where("t.managing_unit_id", "=", unitId)
    .where("t.stage", "=", "acceptance")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("council_task as ct")
            .innerJoin("council as c", "c.id", "ct.council_id")
            .select("ct.task_id")
            .whereRef("ct.task_id", "=", "t.id")
            .where("c.kind", "=", "acceptance")
            .where("c.status", "<>", "closed"),
        ),
      ),
    )
    .orderBy("t.code")
    .execute();
}

/** The unit's councils still being formed, with their tasks. */
export async function councilsForming(db: Kysely<Database>, unitId: number | null) {
  if (unitId === null) return [];
  return db
    .selectFrom("council as c")
    .innerJoin("council_task as ct", "ct.council_id", "c.id")
    .innerJoin("task as t", "t.id", "ct.task_id")
    .select([
      "c.id as council_id",
      "t.id",
      "t.code",
      "t.title",
      "t.stage",
      "t.end_date",
      "t.managing_unit_id",
      "t.regime",
    ])
    .where("c.unit_id", "=", unitId)
    .where("c.status", "=", "forming")
    .orderBy("t.code")
    .execute();
}

/** A member's seats on established councils, per task, with their sheets' state. */
export async function openSeats(db: Kysely<Database>, personId: number) {
  return db
    .selectFrom("council_member as m")
    .innerJoin("council as c", "c.id", "m.council_id")
    .innerJoin("council_task as ct", "ct.council_id", "c.id")
    .innerJoin("task as t", "t.id", "ct.task_id")
    .select([
      "c.id as council_id",
      "c.meeting_on",
      "m.id as member_id",
      "m.conflict_status",
      "t.id",
      "t.code",
      "t.title",
      (eb) =>
        eb
          .selectFrom("council_score as s")
          .select((x) => x.fn.countAll<string>().as("n"))
          .whereRef("s.member_id", "=", "m.id")
          .whereRef("s.task_id", "=", "t.id")
          .where("s.status", "=", "draft")
          .as("drafts"),
      (eb) =>
        eb
          .selectFrom("council_score as s")
          .select((x) => x.fn.countAll<string>().as("n"))
          .whereRef("s.member_id", "=", "m.id")
          .whereRef("s.task_id", "=", "t.id")
          .where("s.status", "=", "signed_off")
          .as("signed"),
    ])
    .where("m.person_id", "=", personId)
    .where("m.recused", "=", false)
    .where("c.status", "=", "established")
    .orderBy("c.id")
    .execute();
}

/** The unit's tasks between the acceptance and the settlement, whose steps run against deadlines. */
export async function tasksWithRunningSteps(db: Kysely<Database>, unitId: number | null) {
  if (unitId === null) return [];
  return db
    .selectFrom("task as t")
    .select(["t.id", "t.code", "t.title", "t.stage", "t.end_date", "t.managing_unit_id", "t.regime"])
    .where("t.managing_unit_id", "=", unitId)
    .where("t.stage", "in", ["acceptance", "recognition", "registration"])
    .orderBy("t.code")
    .execute();
}
