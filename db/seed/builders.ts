import type { Insertable, Kysely } from "kysely";
import type {
  Database,
  Organisation,
  OrganisationTable,
  Person,
  PersonTable,
  Role,
  Task,
  TaskKind,
  TaskTable,
  TeamRole,
  Theme,
  ThemeTable,
  Unit,
  UnitTable,
  User,
} from "../src/schema.ts";
import { taskSearchText } from "../src/search-text.ts";

/*
 * Test-data builders: one insert per call, sensible defaults, any column overridable.
 * The API integration tests and the demo seed both go through these, so a schema change
 * breaks in one place. They take a Kysely instance or a transaction (a Transaction is a Kysely).
 * No password hashing here: db/ knows nothing of auth, callers pass a finished hash.
 */

/*
 * Unique defaults come from one counter per process. Each test file runs in its own worker with
 * its own fresh database, so the counter never collides with rows it did not make itself.
 * The seed passes every unique value explicitly and so stays deterministic.
 */
let counter = 0;
function nextSeq(): number {
  counter += 1;
  return counter;
}

type Db = Kysely<Database>;

export type UnitOverrides = Partial<Insertable<UnitTable>>;

export async function buildUnit(db: Db, overrides: UnitOverrides = {}): Promise<Unit> {
  const n = nextSeq();
  return db
    .insertInto("unit")
    .values({
      code: `UNIT-${n}`,
      name: `Sở Khoa học và Công nghệ thử nghiệm ${n}`,
      kind: "department",
      parent_id: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type OrganisationOverrides = Partial<Insertable<OrganisationTable>>;

export async function buildOrganisation(db: Db, overrides: OrganisationOverrides = {}): Promise<Organisation> {
  const n = nextSeq();
  return db
    .insertInto("organisation")
    .values({
      name: `Viện Nghiên cứu thử nghiệm số ${n}`,
      short_name: null,
      kind: "institute",
      address: null,
      former_province_id: null,
      contact_name: null,
      contact_email: null,
      contact_phone: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type PersonOverrides = Partial<Insertable<PersonTable>>;

export async function buildPerson(db: Db, overrides: PersonOverrides = {}): Promise<Person> {
  const n = nextSeq();
  return db
    .insertInto("person")
    .values({
      full_name: `Nguyễn Văn Thử ${n}`,
      title: "TS.",
      position: null,
      organisation_id: null,
      email: `person${n}@test.example.org`,
      phone: null,
      user_id: null,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BuildUserInput {
  /** Already hashed by the caller (the API's password module). */
  passwordHash: string;
  email?: string;
  fullName?: string;
  roles?: readonly Role[];
  unitId?: number | null;
  /** Links this person to the new user (person.user_id), e.g. a PI or a council member. */
  personId?: number;
  active?: boolean;
}

export type BuiltUser = User & { roles: Role[] };

/** Inserts app_user and its user_role rows; defaults to a staff user with no unit. */
export async function buildUser(db: Db, input: BuildUserInput): Promise<BuiltUser> {
  const n = nextSeq();
  const roles: Role[] = [...new Set<Role>(input.roles ?? ["staff"])];
  const user = await db
    .insertInto("app_user")
    .values({
      email: input.email ?? `user${n}@test.example.org`,
      password_hash: input.passwordHash,
      full_name: input.fullName ?? `Người dùng thử ${n}`,
      unit_id: input.unitId ?? null,
      ...(input.active === undefined ? {} : { active: input.active }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (roles.length > 0) {
    await db
      .insertInto("user_role")
      .values(roles.map((role) => ({ user_id: user.id, role })))
      .execute();
  }
  if (input.personId !== undefined) {
    const linked = await db
      .updateTable("person")
      .set({ user_id: user.id })
      .where("id", "=", input.personId)
      .executeTakeFirst();
    if (linked.numUpdatedRows !== 1n) throw new Error(`buildUser: person ${input.personId} does not exist`);
  }
  return { ...user, roles };
}

export type ThemeOverrides = Partial<Insertable<ThemeTable>>;

export async function buildTheme(db: Db, overrides: ThemeOverrides = {}): Promise<Theme> {
  const n = nextSeq();
  return db
    .insertInto("theme")
    .values({
      code: `THEME-${n}`,
      name_vi: `Chủ đề thử nghiệm ${n}`,
      name_en: `Test theme ${n}`,
      parent_id: null,
      r57_target: null,
      sort_order: n,
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Code prefixes of the `{kind}.{year}.{seq}` template. */
export const TASK_CODE_PREFIX: Record<TaskKind, string> = {
  de_tai: "ĐT",
  du_an_sxtn: "DA",
  de_an: "ĐA",
  nhiem_vu_dmst: "NV",
};

export interface TeamEntry {
  personId: number;
  role: TeamRole;
}

export type BuildTaskInput = Partial<Omit<Insertable<TaskTable>, "search_text">> & {
  themeIds?: readonly number[];
  /** Team besides the PI, in display order. The PI is added with role 'pi' automatically. */
  team?: readonly TeamEntry[];
};

/**
 * Inserts a task with its search_text, task_theme rows and task_member rows.
 * Without a managing_unit_id a fresh department unit is built. When pi_person_id is absent
 * but the team has a 'pi' entry, that person becomes the PI.
 * Defaults describe an in-progress đề tài under the 2013 law.
 */
export async function buildTask(db: Db, input: BuildTaskInput = {}): Promise<Task> {
  const { themeIds = [], team = [], ...overrides } = input;
  const n = nextSeq();

  const piEntries = team.filter((member) => member.role === "pi");
  if (piEntries.length > 1) throw new Error("buildTask: a task has exactly one PI");
  const piPersonId = overrides.pi_person_id ?? piEntries[0]?.personId ?? null;
  if (piEntries[0] && piEntries[0].personId !== piPersonId) {
    throw new Error("buildTask: the team's 'pi' entry differs from pi_person_id");
  }

  const kind = overrides.kind ?? "de_tai";
  const code = overrides.code ?? `${TASK_CODE_PREFIX[kind]}.2024.${900 + n}`;
  const title = overrides.title ?? `Nghiên cứu thử nghiệm số ${n}`;
  const managingUnitId = overrides.managing_unit_id ?? (await buildUnit(db)).id;

  const task = await db
    .insertInto("task")
    .values({
      field: "agricultural",
      regime: "law_2013",
      former_province_id: null,
      host_organisation_id: null,
      start_date: "2024-01-01",
      end_date: "2025-12-31",
      funding_mode: "partial_lump_sum",
      total_budget: "1200000000",
      state_budget: "1000000000",
      stage: "in_progress",
      objectives: null,
      ...overrides,
      kind,
      code,
      title,
      managing_unit_id: managingUnitId,
      pi_person_id: piPersonId,
      search_text: taskSearchText(code, title),
    })
    .returningAll()
    .executeTakeFirstOrThrow();

  const uniqueThemeIds = [...new Set(themeIds)];
  if (uniqueThemeIds.length > 0) {
    await db
      .insertInto("task_theme")
      .values(uniqueThemeIds.map((themeId) => ({ task_id: task.id, theme_id: themeId })))
      .execute();
  }

  const members: { task_id: number; person_id: number; role: TeamRole; sort_order: number }[] = [];
  if (piPersonId !== null) members.push({ task_id: task.id, person_id: piPersonId, role: "pi", sort_order: 0 });
  for (const entry of team) {
    if (entry.personId === piPersonId) continue;
    if (members.some((m) => m.person_id === entry.personId)) {
      throw new Error(`buildTask: person ${entry.personId} appears twice in the team`);
    }
    members.push({ task_id: task.id, person_id: entry.personId, role: entry.role, sort_order: members.length });
  }
  if (members.length > 0) await db.insertInto("task_member").values(members).execute();

  return task;
}
