import type { CouncilRole, Database } from "@khcn/db/schema";
import { buildOrganisation, buildPerson, buildTask, buildUser } from "@khcn/db/seed/builders";
import type { Kysely } from "kysely";
import { hashPassword } from "../src/auth/password.ts";
import type { buildPortfolio } from "./fixtures.ts";
import { PASSWORD } from "./fixtures.ts";

type Portfolio = Awaited<ReturnType<typeof buildPortfolio>>;

/** The seats of a full acceptance council, in the order the experts below take them. */
export const SEATS: readonly CouncilRole[] = [
  "chair",
  "vice_chair",
  "reviewer",
  "reviewer",
  "scientific_secretary",
  "member",
  "member",
];

let acceptanceSeq = 0;

/**
 * A task in acceptance with a received dossier and two contracted products, led by the pi user's
 * person with the colleague on its team, hosted by the institute.
 */
export async function buildAcceptanceTask(
  db: Kysely<Database>,
  portfolio: Portfolio,
  overrides: {
    regime?: "law_2013" | "law_93_2025";
    code?: string;
    /** Another unit's task: its department, PI, host and team (default: the portfolio's department, the pi user's person). */
    unitId?: number;
    piPersonId?: number;
    hostOrganisationId?: number;
    team?: { personId: number; role: "secretary" | "member" }[];
    /** Who received the dossier (default: the staff user). */
    receivedBy?: number;
  } = {},
) {
  acceptanceSeq += 1;
  const task = await buildTask(db, {
    code: overrides.code ?? `ĐT.2023.${String(40 + acceptanceSeq)}`,
    title: `Nghiên cứu thức ăn công nghiệp cho cá hồng Mỹ ${acceptanceSeq}`,
    kind: "de_tai",
    field: "agricultural",
    regime: overrides.regime ?? "law_2013",
    stage: "acceptance",
    start_date: "2024-01-01",
    end_date: "2026-06-30",
    total_budget: "1250500000",
    state_budget: "1000000000",
    managing_unit_id: overrides.unitId ?? portfolio.department.id,
    host_organisation_id: overrides.hostOrganisationId ?? portfolio.institute.id,
    pi_person_id: overrides.piPersonId ?? portfolio.people.scientist.id,
    team: overrides.team ?? [{ personId: portfolio.people.colleague.id, role: "secretary" }],
  });
  const products = await db
    .insertInto("task_product")
    .values([
      {
        task_id: task.id,
        sort_order: 1,
        product_class: "II",
        name: "Quy trình phối trộn thức ăn",
        quantity: "1",
        unit: "quy trình",
      },
      { task_id: task.id, sort_order: 2, product_class: "III", name: "Bài báo khoa học", quantity: "2", unit: "bài" },
    ])
    .returning("id")
    .execute();
  await db
    .insertInto("task_transition")
    .values({
      task_id: task.id,
      action: "receive_acceptance_dossier",
      from_stage: "in_progress",
      to_stage: "acceptance",
      document_id: null,
      outcome: null,
      comment: null,
      actor_user_id: overrides.receivedBy ?? portfolio.users.staff.id,
      at: new Date("2026-07-20T03:00:00Z"),
    })
    .execute();
  return { task, productIds: products.map((p) => p.id) };
}

/**
 * Seven experts with council accounts (council@test.vn, whose person is the outsider, and
 * council2..7@test.vn), none on any task's team; the last works for the institute (the host).
 * The team's colleague is in the registry too, to be refused.
 */
export async function buildCouncilExperts(db: Kysely<Database>, portfolio: Portfolio) {
  const academy = await buildOrganisation(db, { name: "Viện Khoa học Thủy sản", kind: "institute" });
  const hash = await hashPassword(PASSWORD);
  const people = [portfolio.people.outsider];
  const names = ["Trần Văn Định", "Lê Thị Hạnh", "Phạm Quốc Khánh", "Vũ Thị Loan", "Đặng Minh Phúc", "Ngô Thị Quyên"];
  for (const [i, name] of names.entries()) {
    const person = await buildPerson(db, {
      full_name: name,
      title: "TS.",
      organisation_id: i === names.length - 1 ? portfolio.institute.id : academy.id,
    });
    await buildUser(db, {
      email: `council${i + 2}@test.vn`,
      passwordHash: hash,
      fullName: name,
      roles: ["council"],
      unitId: portfolio.department.id,
      personId: person.id,
    });
    people.push(person);
  }
  for (const person of [...people, portfolio.people.colleague]) {
    await db
      .insertInto("expert")
      .values({ person_id: person.id, field: "agricultural", specialty: null, created_by: null })
      .execute();
  }
  return { academy, people, emails: ["council@test.vn", ...names.map((_, i) => `council${i + 2}@test.vn`)] };
}

/** A council formed straight in the database (for tests that need one in a given state). */
export async function insertCouncil(
  db: Kysely<Database>,
  portfolio: Portfolio,
  taskId: number,
  personIds: readonly number[],
  status: "forming" | "established" = "established",
  /** Another unit's council: its department and administrative secretary (default: the portfolio's). */
  unit: { unitId: number; secretaryUserId: number } = {
    unitId: portfolio.department.id,
    secretaryUserId: portfolio.users.staff.id,
  },
) {
  const document =
    status === "established"
      ? await db
          .insertInto("document")
          .values({
            number: String(700 + taskId),
            doc_type: "QĐ",
            issuer: "SKHCN",
            issued_on: "2026-08-03",
            issued_year: 2026,
            signer: "Trần Quang Vinh",
            summary: null,
            file_id: null,
            created_by: unit.secretaryUserId,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      : null;
  const council = await db
    .insertInto("council")
    .values({
      kind: "acceptance",
      status,
      title: "Hội đồng tư vấn đánh giá, nghiệm thu",
      unit_id: unit.unitId,
      regime: "law_2013",
      meeting_on: "2026-08-20",
      location: null,
      dossier_sent_on: null,
      establishment_document_id: document?.id ?? null,
      admin_secretary_user_id: unit.secretaryUserId,
      acting_chair_member_id: null,
      outcome_result: null,
      minutes_file_id: null,
      closed_by: null,
      created_by: unit.secretaryUserId,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("council_task").values({ council_id: council.id, task_id: taskId }).execute();
  const members = [];
  for (const [i, personId] of personIds.entries()) {
    members.push(
      await db
        .insertInto("council_member")
        .values({
          council_id: council.id,
          person_id: personId,
          role: SEATS[i] ?? "member",
          conflict_note: null,
          recusal_reason: null,
          recused_by: null,
          attended: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
  }
  return { councilId: council.id, memberIds: members.map((m) => m.id) };
}
