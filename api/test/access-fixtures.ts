import type { Database } from "@khcn/db/schema";
import { buildOrganisation, buildPerson, buildTask, buildUnit, buildUser } from "@khcn/db/seed/builders";
import type { Kysely } from "kysely";
import { hashPassword } from "../src/auth/password.ts";
import { buildAcceptanceTask, buildCouncilExperts, insertCouncil } from "./council-fixtures.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";

/**
 * Two departments side by side, for the access-control walk. Unit A is the usual portfolio
 * (staff@, head@, pi@ leading the rice task and a proposal, council@ chairing unit A's
 * acceptance council with council2..7@). Unit B has its own staff, head, PI (pi2@, also on the
 * team of unit A's closed cattle task) and council member (council-b@, the only member of unit B's
 * council). Every title and code of unit B carries the marker "BẮC" so a leak is easy to spot.
 */
export async function buildTwoUnits(db: Kysely<Database>) {
  const portfolio = await buildPortfolio(db);
  const experts = await buildCouncilExperts(db, portfolio);
  const a = portfolio.department;
  const proposalA = await buildTask(db, {
    code: "ĐT.2026.A2",
    title: "Đề xuất ứng dụng vi sinh trong canh tác lúa",
    kind: "de_tai",
    field: "agricultural",
    stage: "proposed",
    start_date: "2026-01-01",
    end_date: "2027-12-31",
    total_budget: "700000000",
    state_budget: "500000000",
    managing_unit_id: a.id,
    host_organisation_id: portfolio.institute.id,
    pi_person_id: portfolio.people.scientist.id,
  });
  const acceptanceA = await buildAcceptanceTask(db, portfolio, { code: "ĐT.2023.A3" });
  const councilA = await insertCouncil(
    db,
    portfolio,
    acceptanceA.task.id,
    experts.people.map((p) => p.id),
  );

  const b = await buildUnit(db, { code: "SKHCN-BAC", name: "Sở Khoa học và Công nghệ tỉnh BẮC", kind: "department" });
  const hostB = await buildOrganisation(db, { name: "Viện Dược liệu BẮC", kind: "institute" });
  const pi2 = await buildPerson(db, { full_name: "Hoàng Văn Bảo", title: "TS.", organisation_id: hostB.id });
  const memberB = await buildPerson(db, { full_name: "Đỗ Thị Giang", title: "PGS.TS.", organisation_id: hostB.id });
  const hash = await hashPassword(PASSWORD);
  const userB = (email: string, roles: ("staff" | "head" | "pi" | "council")[], personId?: number) =>
    buildUser(db, {
      email,
      passwordHash: hash,
      fullName: email.split("@")[0] ?? email,
      roles,
      unitId: b.id,
      ...(personId !== undefined ? { personId } : {}),
    });
  const usersB = {
    staff: await userB("staff-b@test.vn", ["staff"]),
    head: await userB("head-b@test.vn", ["head"]),
    pi: await userB("pi2@test.vn", ["pi"], pi2.id),
    council: await userB("council-b@test.vn", ["council"], memberB.id),
  };
  const taskB = (overrides: Parameters<typeof buildTask>[1]) =>
    buildTask(db, {
      kind: "de_tai",
      field: "medical",
      managing_unit_id: b.id,
      host_organisation_id: hostB.id,
      pi_person_id: pi2.id,
      total_budget: "2000000000",
      state_budget: "1500000000",
      ...overrides,
    });
  const runningB = await taskB({
    code: "ĐT.2024.B1",
    title: "Bảo tồn nguồn gen cây dược liệu BẮC",
    stage: "in_progress",
    start_date: "2024-01-01",
    end_date: "2025-12-31",
  });
  const proposalB = await taskB({
    code: "ĐA.2026.B3",
    title: "Đề xuất vùng trồng sâm BẮC",
    kind: "de_an",
    stage: "proposed",
    start_date: "2026-01-01",
    end_date: "2027-12-31",
  });
  const acceptanceB = await buildAcceptanceTask(db, portfolio, {
    code: "ĐT.2023.B2",
    unitId: b.id,
    piPersonId: pi2.id,
    hostOrganisationId: hostB.id,
    team: [],
    receivedBy: usersB.staff.id,
  });
  await db
    .updateTable("task")
    .set({ title: "Nghiên cứu chiết xuất hoạt chất BẮC" })
    .where("id", "=", acceptanceB.task.id)
    .execute();
  const councilB = await insertCouncil(db, portfolio, acceptanceB.task.id, [memberB.id], "established", {
    unitId: b.id,
    secretaryUserId: usersB.staff.id,
  });
  // The second PI also works on unit A's closed cattle task: that one task, and no other of unit A, opens to them.
  await db
    .insertInto("task_member")
    .values({ task_id: portfolio.tasks.cattle.id, person_id: pi2.id, role: "member", sort_order: 9 })
    .execute();

  return {
    portfolio,
    experts,
    a: { unit: a, proposal: proposalA, acceptance: acceptanceA, council: councilA },
    b: {
      unit: b,
      host: hostB,
      people: { pi: pi2, member: memberB },
      users: usersB,
      tasks: { running: runningB, proposal: proposalB, acceptance: acceptanceB.task },
      productIds: acceptanceB.productIds,
      council: councilB,
    },
  };
}

export type TwoUnits = Awaited<ReturnType<typeof buildTwoUnits>>;
