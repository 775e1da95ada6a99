import type { Database, Role } from "@khcn/db/schema";
import { buildOrganisation, buildPerson, buildTask, buildTheme, buildUnit, buildUser } from "@khcn/db/seed/builders";
import type { Kysely } from "kysely";
import { hashPassword } from "../src/auth/password.ts";

export const PASSWORD = "correct-horse-battery";

/**
 * A small portfolio with known answers: who leads what, which themes nest, which titles carry
 * diacritics. Every test file builds its own on its own database.
 */
export async function buildPortfolio(db: Kysely<Database>) {
  const department = await buildUnit(db, { code: "SKHCN", name: "Sở Khoa học và Công nghệ", kind: "department" });
  const namDinh = await buildUnit(db, {
    code: "ND",
    name: "Nam Định",
    kind: "former_province",
    parent_id: department.id,
  });
  const institute = await buildOrganisation(db, { name: "Viện Cây lương thực", kind: "institute" });
  const university = await buildOrganisation(db, { name: "Trường Đại học Hoa Lư", kind: "university" });
  const agriculture = await buildTheme(db, {
    code: "AGRI",
    name_vi: "Nông nghiệp công nghệ cao",
    name_en: "High-tech agriculture",
  });
  const crops = await buildTheme(db, {
    code: "AGRI-CROP",
    name_vi: "Giống cây trồng",
    name_en: "Crop varieties",
    parent_id: agriculture.id,
  });
  const smartCity = await buildTheme(db, { code: "CITY", name_vi: "Đô thị thông minh", name_en: "Smart city" });
  const scientist = await buildPerson(db, { full_name: "Nguyễn Văn An", title: "TS.", organisation_id: institute.id });
  const colleague = await buildPerson(db, { full_name: "Trần Thị Bình", title: "ThS.", organisation_id: institute.id });
  const outsider = await buildPerson(db, {
    full_name: "Lê Minh Cường",
    title: "PGS.TS.",
    organisation_id: university.id,
  });

  const rice = await buildTask(db, {
    code: "ĐT.2024.01",
    title: "Chọn tạo giống lúa chất lượng cao chịu mặn",
    kind: "de_tai",
    field: "agricultural",
    stage: "in_progress",
    start_date: "2024-01-01",
    end_date: "2025-12-31",
    total_budget: "1250500000",
    state_budget: "1000000000",
    managing_unit_id: department.id,
    former_province_id: namDinh.id,
    host_organisation_id: institute.id,
    pi_person_id: scientist.id,
    themeIds: [crops.id],
    team: [{ personId: colleague.id, role: "secretary" }],
  });
  const cattle = await buildTask(db, {
    code: "DA.2022.03",
    title: "Nuôi bò thịt lai Brahman",
    kind: "du_an_sxtn",
    field: "agricultural",
    stage: "closed",
    start_date: "2022-03-01",
    end_date: "2023-08-31",
    total_budget: "3000000000",
    state_budget: "1200000000",
    managing_unit_id: department.id,
    host_organisation_id: institute.id,
    pi_person_id: colleague.id,
    themeIds: [agriculture.id],
    team: [{ personId: scientist.id, role: "member" }],
  });
  const city = await buildTask(db, {
    code: "ĐA.2026.02",
    title: "Trung tâm điều hành đô thị thông minh",
    kind: "de_an",
    field: "engineering",
    stage: "proposed",
    start_date: null,
    end_date: null,
    total_budget: "800000000",
    state_budget: "800000000",
    managing_unit_id: department.id,
    host_organisation_id: university.id,
    pi_person_id: outsider.id,
    themeIds: [smartCity.id],
  });

  const user = async (email: string, roles: Role[], personId?: number) =>
    buildUser(db, {
      email,
      passwordHash: await hashPassword(PASSWORD),
      fullName: email.split("@")[0] ?? email,
      roles,
      unitId: department.id,
      ...(personId !== undefined ? { personId } : {}),
    });
  const users = {
    admin: await user("admin@test.vn", ["admin"]),
    staff: await user("staff@test.vn", ["staff"]),
    head: await user("head@test.vn", ["head"]),
    pi: await user("pi@test.vn", ["pi"], scientist.id),
    council: await user("council@test.vn", ["council"], outsider.id),
    nobody: await user("nobody@test.vn", ["council"]),
  };
  return {
    department,
    namDinh,
    institute,
    university,
    themes: { agriculture, crops, smartCity },
    people: { scientist, colleague, outsider },
    tasks: { rice, cattle, city },
    users,
  };
}
