import { type Kysely, sql } from "kysely";
import type { Database, FundingMode, Regime, Role, Stage, TaskField, TaskKind, TeamRole } from "../src/schema.ts";
import { foldVietnamese } from "../src/search-text.ts";
import {
  buildOrganisation,
  buildPerson,
  buildTask,
  buildTheme,
  buildUnit,
  buildUser,
  TASK_CODE_PREFIX,
  type TeamEntry,
} from "./builders.ts";
import { calendarDay, firstDay, lastDay } from "./calendar.ts";
import { DEPARTMENT_DIRECTOR, PAPER_RECORDS_ACCOUNT } from "./content/history.ts";
import { ORGANISATIONS, type OrganisationSeed, type ProvinceKey } from "./content/organisations.ts";
import { COUNCIL_DEMO_PERSON, COUNCIL_SEAT_PERSONS, PEOPLE, PI_DEMO_PERSON } from "./content/people.ts";
import { TASKS, type TaskSeed } from "./content/tasks.ts";
import { THEMES } from "./content/themes.ts";
import { type ContractRows, emptyContractRows, insertContracts, planContract } from "./contracts.ts";
import {
  type Chair,
  type Detour,
  HistoryPlanner,
  insertHistory,
  isoDate,
  MERGER_DAY,
  officeHours,
  type PlannedTaskHistory,
  parseIsoDate,
} from "./history.ts";
import { chance, mulberry32, pick, type Rng, randInt, shuffle, weighted } from "./random.ts";

/*
 * The demo portfolio of the merged Ninh Bình province. Everything is derived from the data files
 * and one fixed PRNG seed, against a fixed "today", so two runs give the same rows on any machine.
 */

/** The day the demo's stages are consistent with: tasks in progress end after it, closed ones long before. */
export const DEMO_AS_OF = "2026-11-20";
export const DEMO_PASSWORD = "demo-2025-khcn";
const PRNG_SEED = 20251126;
/** The tasks' histories draw from a stream of their own, so the tasks come out as they did before them. */
const HISTORY_PRNG_SEED = 20250701;
/** Contracts (content items, products, sites) likewise: adding them changed nothing drawn before. */
const CONTRACT_PRNG_SEED = 20251201;

export interface DemoAccount {
  email: string;
  fullName: string;
  roles: Role[];
  /** Person key when the account is a scientist (PI, council member). */
  person?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: "admin@demo.khcn.vn", fullName: "Lê Minh Tuấn", roles: ["admin"] },
  { email: "staff@demo.khcn.vn", fullName: "Nguyễn Thị Thu Hà", roles: ["staff"] },
  { email: "head@demo.khcn.vn", fullName: DEPARTMENT_DIRECTOR, roles: ["head"] },
  { email: "pi@demo.khcn.vn", fullName: "Phạm Văn Hùng", roles: ["pi"], person: PI_DEMO_PERSON },
  { email: "council@demo.khcn.vn", fullName: "Đỗ Thị Minh Nguyệt", roles: ["council"], person: COUNCIL_DEMO_PERSON },
  // The other six seats of an acceptance council, so a whole council can be walked through.
  ...COUNCIL_SEAT_PERSONS.map((key, i) => ({
    email: `council${i + 2}@demo.khcn.vn`,
    fullName: PEOPLE.find((p) => p.key === key)?.name ?? key,
    roles: ["council"] as Role[],
    person: key,
  })),
];

export interface SeedDemoOptions {
  hashPassword: (password: string) => Promise<string>;
  includeDemoAccounts: boolean;
}

export interface SeedDemoResult {
  /** Tasks inserted: 0 when the database already had tasks and nothing was done. */
  tasks: number;
  accounts: { email: string; roles: string[] }[];
}

const DEPARTMENT = { code: "SKHCN-NB", name: "Sở Khoa học và Công nghệ tỉnh Ninh Bình" };
const FORMER_PROVINCES: readonly { key: ProvinceKey; code: string; name: string }[] = [
  { key: "nam_dinh", code: "NAM-DINH", name: "Tỉnh Nam Định (cũ)" },
  { key: "ha_nam", code: "HA-NAM", name: "Tỉnh Hà Nam (cũ)" },
  { key: "ninh_binh", code: "NINH-BINH", name: "Tỉnh Ninh Bình (cũ)" },
];

export async function seedDemo(db: Kysely<Database>, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  // The server calls this on every start: the usual answer is "already seeded", found cheaply.
  if (await hasTasks(db)) return { tasks: 0, accounts: [] };
  // Hash outside the transaction: a slow KDF should not hold the table lock.
  const passwordHash = opts.includeDemoAccounts ? await opts.hashPassword(DEMO_PASSWORD) : null;

  return db.transaction().execute(async (trx): Promise<SeedDemoResult> => {
    // Two seeds started at once (two servers on one PostgreSQL) must not both see an empty table.
    await sql`lock table task in share row exclusive mode`.execute(trx);
    if (await hasTasks(trx)) return { tasks: 0, accounts: [] };

    const rng = mulberry32(PRNG_SEED);
    const historyRng = mulberry32(HISTORY_PRNG_SEED);
    const units = await seedUnits(trx);
    const themeIds = await seedThemes(trx);
    const orgs = await seedOrganisations(trx, rng, units.provinceIds);
    const people = await seedPeople(trx, orgs);
    const plans = planPortfolio(rng);
    const ctx: Context = {
      units,
      themeIds,
      orgs,
      people,
      historyRng,
      detours: chooseDetours(historyRng, plans),
      planner: new HistoryPlanner(historyRng, councilChairs(people), DEMO_AS_OF),
      contractRng: mulberry32(CONTRACT_PRNG_SEED),
      contracts: emptyContractRows(),
    };
    const histories: PlannedTaskHistory[] = [];
    for (const plan of plans) histories.push(await insertTask(trx, rng, plan, ctx));
    const documents = ctx.planner.finish();
    await insertContracts(trx, ctx.contracts);
    await seedExperts(trx, people);

    let staffId: number | null = null;
    const accounts: SeedDemoResult["accounts"] = [];
    if (passwordHash !== null) {
      for (const account of DEMO_ACCOUNTS) {
        const taken = await findUserId(trx, account.email);
        const id =
          taken ??
          (
            await buildUser(trx, {
              email: account.email,
              passwordHash,
              fullName: account.fullName,
              roles: account.roles,
              unitId: units.departmentId,
              ...(account.person ? { personId: people.byKey(account.person).id } : {}),
            })
          ).id;
        if (account.roles.includes("staff")) staffId = id;
        if (taken === undefined) accounts.push({ email: account.email, roles: [...account.roles] });
      }
    }
    // The history needs someone who recorded it, demo accounts or not. Before the merger the three
    // departments kept paper files; since, the demo staff member (when there is one) records the steps.
    const paperRecordsId = await paperRecordsAccount(trx, units.departmentId);
    await insertHistory(trx, documents, histories, (day) =>
      day >= MERGER_DAY && staffId !== null ? staffId : paperRecordsId,
    );
    return { tasks: plans.length, accounts };
  });
}

/** The field of science each root theme's work belongs to, for the expert registry. */
const THEME_FIELDS: Record<string, TaskField> = {
  DTTM: "engineering",
  GDDT: "social",
  NNCNC: "agricultural",
  YTE: "medical",
  CNDN: "engineering",
  MTKH: "natural",
  VHXH: "humanities",
  KNST: "social",
};

/**
 * The expert registry: the demo's doctors and senior clinicians (those who chair councils in the
 * history) and the council accounts' people, each with the field their organisation works in.
 */
async function seedExperts(db: Kysely<Database>, people: People): Promise<void> {
  const councilKeys: readonly string[] = [COUNCIL_DEMO_PERSON, ...COUNCIL_SEAT_PERSONS];
  const rows = people.all
    .filter(
      (p) =>
        (p.key !== undefined && councilKeys.includes(p.key)) || (!p.reserved && /TS\.|BSCKII\./.test(p.title ?? "")),
    )
    .map((p) => {
      const themes = [...(ORG_THEMES.get(p.org) ?? [])];
      const main = themes[0] ?? "NNCNC";
      const theme = THEMES.find((t) => t.code === main);
      return {
        person_id: p.id,
        field: THEME_FIELDS[main] ?? "agricultural",
        specialty: theme?.nameVi ?? null,
        created_by: null,
      };
    });
  if (rows.length > 0) await db.insertInto("expert").values(rows).execute();
}

async function hasTasks(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom("task").select("id").limit(1).executeTakeFirst();
  return row !== undefined;
}

async function findUserId(db: Kysely<Database>, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom("app_user")
    .select("id")
    .where(sql<string>`lower(email)`, "=", email.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

/** An inactive staff account of the science management office that owns the steps copied from paper files. */
async function paperRecordsAccount(db: Kysely<Database>, departmentId: number): Promise<number> {
  const found = await findUserId(db, PAPER_RECORDS_ACCOUNT.email);
  if (found !== undefined) return found;
  const user = await buildUser(db, {
    email: PAPER_RECORDS_ACCOUNT.email,
    passwordHash: PAPER_RECORDS_ACCOUNT.passwordHash,
    fullName: PAPER_RECORDS_ACCOUNT.fullName,
    roles: ["staff"],
    unitId: departmentId,
    active: false,
  });
  return user.id;
}

// ---------------------------------------------------------------------------------------------
// Reference data. Units, themes and organisations are looked up first: an installation may have
// created its department (or a theme) before anyone asked for the demo.

interface Units {
  departmentId: number;
  provinceIds: Record<ProvinceKey, number>;
}

async function seedUnits(db: Kysely<Database>): Promise<Units> {
  const department = await findOrBuildUnit(db, { ...DEPARTMENT, kind: "department", parent_id: null });
  const provinceIds = {} as Record<ProvinceKey, number>;
  for (const province of FORMER_PROVINCES) {
    const unit = await findOrBuildUnit(db, {
      code: province.code,
      name: province.name,
      kind: "former_province",
      parent_id: department.id,
    });
    provinceIds[province.key] = unit.id;
  }
  return { departmentId: department.id, provinceIds };
}

async function findOrBuildUnit(
  db: Kysely<Database>,
  values: { code: string; name: string; kind: "department" | "former_province"; parent_id: number | null },
) {
  const found = await db.selectFrom("unit").selectAll().where("code", "=", values.code).executeTakeFirst();
  return found ?? buildUnit(db, values);
}

async function seedThemes(db: Kysely<Database>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const [index, theme] of THEMES.entries()) {
    const found = await db.selectFrom("theme").select("id").where("code", "=", theme.code).executeTakeFirst();
    if (found) {
      ids.set(theme.code, found.id);
      continue;
    }
    const parentId = theme.parent ? ids.get(theme.parent) : undefined;
    if (theme.parent && parentId === undefined) throw new Error(`Theme ${theme.code}: parent listed after it`);
    const built = await buildTheme(db, {
      code: theme.code,
      name_vi: theme.nameVi,
      name_en: theme.nameEn,
      parent_id: parentId ?? null,
      r57_target: theme.r57Target ?? null,
      sort_order: (index + 1) * 10,
    });
    ids.set(theme.code, built.id);
  }
  return ids;
}

interface SeededOrganisation {
  id: number;
  seed: OrganisationSeed;
}

async function seedOrganisations(
  db: Kysely<Database>,
  rng: Rng,
  provinceIds: Record<ProvinceKey, number>,
): Promise<Map<string, SeededOrganisation>> {
  const byKey = new Map<string, SeededOrganisation>();
  for (const seed of ORGANISATIONS) {
    // Drawn even when the row exists, so the rest of the demo stays the same either way.
    const phone = landline(rng, seed);
    const found = await db.selectFrom("organisation").select("id").where("name", "=", seed.name).executeTakeFirst();
    const id =
      found?.id ??
      (
        await buildOrganisation(db, {
          name: seed.name,
          short_name: seed.shortName,
          kind: seed.kind,
          address: seed.address,
          former_province_id: seed.province ? provinceIds[seed.province] : null,
          contact_name: seed.contactName,
          contact_email: mailAddress(seed.contactName, seed.slug),
          contact_phone: phone,
        })
      ).id;
    byKey.set(seed.key, { id, seed });
  }
  return byKey;
}

interface SeededPerson {
  id: number;
  key: string | undefined;
  name: string;
  title: string | null;
  org: string;
  province: ProvinceKey | null;
  reserved: boolean;
}

interface People {
  all: SeededPerson[];
  byKey(key: string): SeededPerson;
  /** Teams each person is on so far, PI included: nobody ends up on half the portfolio. */
  load: Map<number, number>;
}

async function seedPeople(db: Kysely<Database>, orgs: Map<string, SeededOrganisation>): Promise<People> {
  const all: SeededPerson[] = [];
  for (const seed of PEOPLE) {
    const org = orgs.get(seed.org);
    if (!org) throw new Error(`Person ${seed.name}: unknown organisation ${seed.org}`);
    const person = await buildPerson(db, {
      full_name: seed.name,
      title: seed.title,
      position: seed.position,
      organisation_id: org.id,
      email: mailAddress(seed.name, org.seed.slug),
      phone: null,
      user_id: null,
    });
    all.push({
      id: person.id,
      key: seed.key,
      name: seed.name,
      title: seed.title,
      org: seed.org,
      province: org.seed.province,
      reserved: seed.reserved ?? false,
    });
  }
  return {
    all,
    load: new Map(),
    byKey(key) {
      const person = all.find((p) => p.key === key);
      if (!person) throw new Error(`Unknown person key ${key}`);
      return person;
    },
  };
}

/** "Phạm Văn Hùng" at ttud-nd → hungpv@ttud-nd.example.org, the usual Vietnamese mailbox shape. */
function mailAddress(fullName: string, slug: string): string {
  const parts = foldVietnamese(fullName).split(" ");
  const given = parts[parts.length - 1] ?? "";
  const initials = parts
    .slice(0, -1)
    .map((p) => p[0])
    .join("");
  return `${given}${initials}@${slug}.example.org`;
}

function landline(rng: Rng, org: OrganisationSeed): string {
  const area =
    org.province === "nam_dinh"
      ? "0228"
      : org.province === "ha_nam"
        ? "0226"
        : org.province === "ninh_binh"
          ? "0229"
          : org.address.includes("Hải Dương")
            ? "0220"
            : org.address.includes("Bắc Ninh")
              ? "0222"
              : "024";
  // Hà Nội numbers have eight digits after the area code, provincial ones seven.
  return area === "024"
    ? `024 3${randInt(rng, 100, 999)} ${randInt(rng, 1000, 9999)}`
    : `${area} 3${randInt(rng, 100, 999)} ${randInt(rng, 100, 999)}`;
}

// ---------------------------------------------------------------------------------------------
// Stages and dates. Months are counted as year * 12 + (month - 1).

const month = (year: number, m: number) => year * 12 + (m - 1);
const TODAY = month(2026, 11);
const MERGER = month(2025, 7);
const LAW_93_IN_FORCE = month(2025, 10);

/** How many tasks of each year sit in each stage: old tasks are done, recent ones still moving. */
const STAGE_MIX: Record<number, Partial<Record<Stage, number>>> = {
  2021: { closed: 12, settlement: 1, terminated: 2, failed: 1 },
  2022: { closed: 9, settlement: 3, registration: 2, recognition: 1, terminated: 1, failed: 1 },
  2023: { in_progress: 3, acceptance: 6, recognition: 2, registration: 2, settlement: 2, closed: 2, terminated: 1 },
  2024: { in_progress: 11, acceptance: 5, recognition: 1, terminated: 1 },
  2025: { in_progress: 14, acceptance: 2, rejected: 2 },
  2026: {
    proposed: 3,
    identified: 2,
    selection: 2,
    budget_appraisal: 2,
    approved: 1,
    in_progress: 2,
    rejected: 1,
  },
};

/** Stages before the approval decision: no contract, so no dates yet. */
const UNDATED_STAGES: readonly Stage[] = ["proposed", "identified", "selection", "budget_appraisal", "rejected"];

type Range = readonly [number, number];
/** Where the start and end month may fall for a task to sit in a stage on DEMO_AS_OF. */
const STAGE_WINDOWS: Partial<Record<Stage, { start?: Range; end?: Range }>> = {
  closed: { end: [0, TODAY - 10] },
  settlement: { end: [TODAY - 30, TODAY - 4] },
  registration: { end: [TODAY - 14, TODAY - 3] },
  recognition: { end: [TODAY - 12, TODAY - 2] },
  acceptance: { end: [TODAY - 9, TODAY - 1] },
  failed: { end: [0, TODAY - 4] },
  terminated: { start: [0, TODAY - 12] },
  // Ended last month is allowed: the acceptance dossier is not due until 30 days after the end.
  in_progress: { start: [0, TODAY - 1], end: [TODAY - 1, TODAY + 30] },
  // Decision signed, contract not yet: the start is this month or the next two.
  approved: { start: [TODAY, TODAY + 2] },
};

const DURATIONS: Record<TaskKind, readonly (readonly [number, number])[]> = {
  de_tai: [
    [12, 1],
    [18, 3],
    [24, 4],
    [30, 2],
    [36, 2],
  ],
  du_an_sxtn: [
    [18, 1],
    [24, 3],
    [30, 2],
    [36, 2],
  ],
  de_an: [
    [12, 3],
    [18, 2],
    [24, 1],
  ],
  nhiem_vu_dmst: [
    [12, 2],
    [18, 3],
    [24, 3],
    [36, 1],
  ],
};

/** Kinds with the fewest feasible dates choose their stage first. */
const KIND_ORDER: Record<TaskKind, number> = { nhiem_vu_dmst: 0, du_an_sxtn: 1, de_an: 2, de_tai: 3 };

interface Plan {
  seed: TaskSeed;
  code: string;
  stage: Stage;
  /** Contract months, or null before approval. */
  dates: { start: number; months: number } | null;
  /** The month the task was proposed (undated) or started (dated): decides regime and province. */
  reference: number;
}

function planPortfolio(rng: Rng): Plan[] {
  const plans = new Map<TaskSeed, Plan>();
  const years = [...new Set(TASKS.map((t) => t.year))].sort((a, b) => a - b);
  for (const year of years) {
    const seeds = TASKS.filter((t) => t.year === year);
    const mix = STAGE_MIX[year];
    if (!mix) throw new Error(`No stage mix for ${year}`);
    const bag = shuffle(
      rng,
      Object.entries(mix).flatMap(([stage, n]) => Array<Stage>(n).fill(stage as Stage)),
    );
    if (bag.length !== seeds.length)
      throw new Error(`Stage mix for ${year} has ${bag.length} slots, ${seeds.length} tasks`);

    const pinned = seeds.filter((s) => s.stage !== undefined);
    const free = seeds.filter((s) => s.stage === undefined).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    for (const seed of [...pinned, ...free]) {
      const candidates = seed.stage ? [seed.stage] : bag;
      let placed = false;
      for (const stage of candidates) {
        const at = bag.indexOf(stage);
        if (at < 0) continue;
        const plan = planStage(rng, seed, stage);
        if (!plan) continue;
        bag.splice(at, 1);
        plans.set(seed, { seed, code: "", ...plan });
        placed = true;
        break;
      }
      if (!placed) throw new Error(`No stage left for "${seed.title}" (${year})`);
    }
  }

  // Sequence numbers per kind and year, in catalogue order.
  const seq = new Map<string, number>();
  return TASKS.map((seed) => {
    const plan = plans.get(seed);
    if (!plan) throw new Error(`Unplanned task "${seed.title}"`);
    const prefix = `${TASK_CODE_PREFIX[seed.kind]}.${seed.year}`;
    const n = (seq.get(prefix) ?? 0) + 1;
    seq.set(prefix, n);
    return { ...plan, code: `${prefix}.${String(n).padStart(2, "0")}` };
  });
}

function planStage(rng: Rng, seed: TaskSeed, stage: Stage): Omit<Plan, "seed" | "code"> | null {
  // Nhiệm vụ KH,CN&ĐMST exist only under Law 93/2025.
  const earliest = seed.kind === "nhiem_vu_dmst" ? LAW_93_IN_FORCE : 0;
  if (UNDATED_STAGES.includes(stage)) {
    // Proposals come in between February and the October call deadline.
    const from = Math.max(month(seed.year, 2), earliest);
    const to = Math.min(Math.max(from, month(seed.year, 10)), TODAY);
    return { stage, dates: null, reference: randInt(rng, from, to) };
  }
  const window = STAGE_WINDOWS[stage];
  if (!window) throw new Error(`No date window for stage ${stage}`);
  const inRange = (value: number, range?: Range) => !range || (value >= range[0] && value <= range[1]);
  const options: [{ start: number; months: number }, number][] = [];
  for (let m = 1; m <= 12; m++) {
    const start = month(seed.year, m);
    if (start < earliest || !inRange(start, window.start)) continue;
    for (const [months, weight] of DURATIONS[seed.kind]) {
      if (inRange(start + months - 1, window.end)) options.push([{ start, months }, weight]);
    }
  }
  if (options.length === 0) return null;
  const dates = weighted(rng, options);
  return { stage, dates, reference: dates.start };
}

// ---------------------------------------------------------------------------------------------
// Tasks

interface Context {
  units: Units;
  themeIds: Map<string, number>;
  orgs: Map<string, SeededOrganisation>;
  people: People;
  historyRng: Rng;
  detours: ReadonlyMap<Plan, Detour>;
  planner: HistoryPlanner;
  contractRng: Rng;
  /** Every task's contract rows, inserted together once the tasks are in. */
  contracts: ContractRows;
}

/**
 * Some settled and closed tasks got there by a side exit: terminated, or failed at acceptance, then
 * settled. Pinned tasks are the demo accounts' stories and keep the plain path.
 */
function chooseDetours(rng: Rng, plans: readonly Plan[]): Map<Plan, Detour> {
  const detours = new Map<Plan, Detour>();
  const closed = shuffle(
    rng,
    plans.filter((p) => p.stage === "closed" && p.seed.stage === undefined),
  );
  const settling = shuffle(
    rng,
    plans.filter((p) => p.stage === "settlement" && p.seed.stage === undefined),
  );
  for (const plan of closed.slice(0, 2)) detours.set(plan, "terminated");
  for (const plan of closed.slice(2, 3)) detours.set(plan, "failed");
  for (const plan of settling.slice(0, 1)) detours.set(plan, "terminated");
  return detours;
}

/** Doctors and senior clinicians chair the councils; the demo accounts' people stay out of them. */
function councilChairs(people: People): Chair[] {
  return people.all
    .filter((p) => !p.reserved && p.title !== null && /TS\.|BSCKII\./.test(p.title))
    .map((p) => ({
      personId: p.id,
      name: p.name,
      title: p.title ?? "",
      org: p.org,
      themes: ORG_THEMES.get(p.org) ?? new Set<string>(),
    }));
}

async function insertTask(db: Kysely<Database>, rng: Rng, plan: Plan, ctx: Context): Promise<PlannedTaskHistory> {
  const { seed } = plan;
  const host = ctx.orgs.get(seed.host);
  if (!host) throw new Error(`Task "${seed.title}": unknown host ${seed.host}`);

  const regime: Regime =
    seed.kind === "nhiem_vu_dmst" || plan.reference >= LAW_93_IN_FORCE ? "law_93_2025" : "law_2013";
  // The new law favours lump sums to the final product; under the old one they were the exception.
  const fundingMode: FundingMode = chance(rng, regime === "law_93_2025" ? 0.75 : 0.25)
    ? "full_lump_sum"
    : "partial_lump_sum";
  // Before the merger a task belonged to one former province; after it, to the new province only.
  const formerProvince =
    plan.reference < MERGER ? (seed.province ?? host.seed.province ?? pick(rng, FORMER_PROVINCES).key) : null;
  const budget = drawBudget(rng, seed.kind);

  const pi = seed.pi ? ctx.people.byKey(seed.pi) : pickPi(rng, seed, ctx.people);
  const team = drawTeam(rng, seed, pi, ctx.people);

  const themeIds = seed.themes.map((code) => {
    const id = ctx.themeIds.get(code);
    if (id === undefined) throw new Error(`Task "${seed.title}": unknown theme ${code}`);
    return id;
  });

  const created = plan.dates ? plan.dates.start - randInt(rng, 4, 9) : plan.reference;
  const updated = Math.max(created, Math.min(TODAY, lastChange(plan)));
  // Drawn in the order the task's columns always were, so the portfolio stays what it was.
  const objectives = objectivesText(rng, seed);
  const createdOn = calendarDay(created, randInt(rng, 3, 27));
  const updatedOn = calendarDay(updated, updated === TODAY ? randInt(rng, 2, 19) : randInt(rng, 3, 27));
  const startDate = plan.dates ? firstDay(plan.dates.start) : null;
  const endDate = plan.dates ? lastDay(plan.dates.start + plan.dates.months - 1) : null;

  const history = ctx.planner.plan({
    code: plan.code,
    title: seed.title,
    kind: seed.kind,
    year: seed.year,
    stage: plan.stage,
    detour: ctx.detours.get(plan) ?? null,
    regime,
    fundingMode,
    startDate,
    endDate,
    totalBudget: budget.total,
    stateBudget: budget.state,
    host: host.seed,
    piName: [pi.title, pi.name].filter(Boolean).join(" "),
    teamPersonIds: new Set([pi.id, ...team.map((m) => m.personId)]),
    themes: seed.themes,
    mainTheme: rootTheme(seed.themes[0] ?? ""),
    // Whose bodies decided on it before the merger: the task's former province, else where it works.
    origin: formerProvince ?? seed.province ?? host.seed.province ?? pick(ctx.historyRng, FORMER_PROVINCES).key,
    createdOn,
  });
  // A task is registered when proposed, and changes at least as late as its last step.
  const proposedOn = history.proposedOn ?? createdOn;
  const lastStep = history.steps.at(-1);
  const changedOn = [updatedOn, proposedOn, ...(lastStep ? [isoDate(lastStep.day)] : [])].sort().at(-1);

  const task = await buildTask(db, {
    code: plan.code,
    title: seed.title,
    kind: seed.kind,
    field: seed.field,
    regime,
    managing_unit_id: ctx.units.departmentId,
    former_province_id: formerProvince ? ctx.units.provinceIds[formerProvince] : null,
    host_organisation_id: host.id,
    pi_person_id: pi.id,
    start_date: startDate,
    end_date: endDate,
    funding_mode: fundingMode,
    total_budget: budget.total,
    state_budget: budget.state,
    stage: plan.stage,
    objectives,
    selection_method: history.selectionMethod,
    acceptance_outcome: history.acceptanceOutcome,
    version: 1 + history.steps.length,
    created_at: officeHours(parseIsoDate(proposedOn)),
    updated_at: officeHours(parseIsoDate(changedOn ?? proposedOn)),
    themeIds,
    team,
  });
  planContract(
    ctx.contractRng,
    {
      taskId: task.id,
      code: plan.code,
      title: seed.title,
      kind: seed.kind,
      stage: plan.stage,
      themes: seed.themes,
      startDate,
      endDate,
      province: formerProvince ?? seed.province ?? host.seed.province,
      beforeMerger: plan.reference < MERGER,
    },
    ctx.contracts,
  );
  return { taskId: task.id, steps: history.steps };
}

/** Doctors and senior researchers lead more often than engineers and bachelors. */
function pickPi(rng: Rng, seed: TaskSeed, people: People): SeededPerson {
  const colleagues = people.all.filter((p) => p.org === seed.host && !p.reserved);
  if (colleagues.length === 0) throw new Error(`Host ${seed.host} has nobody to lead "${seed.title}"`);
  const seniority = (title: string | null) => (/TS\.|BSCKII\./.test(title ?? "") ? 4 : title === "ThS." ? 2 : 1);
  return weighted(
    rng,
    colleagues.map((p) => [p, seniority(p.title) / (1 + (people.load.get(p.id) ?? 0))] as const),
  );
}

const TEAM_SIZE: Record<TaskKind, Range> = {
  de_tai: [3, 6],
  du_an_sxtn: [3, 6],
  de_an: [2, 4],
  nhiem_vu_dmst: [3, 5],
};
const MAX_TEAMS_PER_PERSON = 6;

const rootTheme = (code: string) => THEMES.find((t) => t.code === code)?.parent ?? code;

/** What each organisation's people work on: the main themes of the tasks it hosts, and any it declares. */
const ORG_THEMES: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  for (const org of ORGANISATIONS) map.set(org.key, new Set((org.alsoWorksOn ?? []).map(rootTheme)));
  for (const task of TASKS) map.get(task.host)?.add(rootTheme(task.themes[0] ?? ""));
  return map;
})();

/**
 * A secretary and key members mostly from the host; partners from organisations working on the
 * same themes, nearby first. Someone already on many teams is passed over.
 */
function drawTeam(rng: Rng, seed: TaskSeed, pi: SeededPerson, people: People): TeamEntry[] {
  const fixed = (seed.members ?? []).map((key) => people.byKey(key));
  const main = rootTheme(seed.themes[0] ?? "");
  const hostProvince = people.all.find((p) => p.org === seed.host)?.province ?? null;
  const available = people.all.filter(
    (p) => !p.reserved && p.id !== pi.id && !fixed.includes(p) && (people.load.get(p.id) ?? 0) < MAX_TEAMS_PER_PERSON,
  );
  const relevant = (p: SeededPerson) => ORG_THEMES.get(p.org)?.has(main) ?? false;
  const sameOrg = shuffle(
    rng,
    available.filter((p) => p.org === seed.host),
  ).slice(0, 2);
  const others = available.filter((p) => p.org !== seed.host);
  const partners = [
    ...shuffle(
      rng,
      others.filter((p) => relevant(p) && p.province === hostProvince),
    ),
    ...shuffle(
      rng,
      others.filter((p) => relevant(p) && p.province !== hostProvince),
    ),
    ...shuffle(
      rng,
      others.filter((p) => !relevant(p) && p.province === hostProvince),
    ),
    ...shuffle(
      rng,
      others.filter((p) => !relevant(p) && p.province !== hostProvince),
    ),
  ];
  const [min, max] = TEAM_SIZE[seed.kind];
  const wanted = Math.max(randInt(rng, min, max) - fixed.length, 1);
  // Partners are interleaved so a team is not all from one organisation.
  const pool = [...sameOrg.slice(0, 1), ...partners.slice(0, 1), ...sameOrg.slice(1), ...partners.slice(1)];
  const chosen = pool.slice(0, wanted);
  const keyMembers = randInt(rng, 1, 3);
  const ordered = [...chosen.slice(0, 1), ...fixed, ...chosen.slice(1)];
  for (const person of [pi, ...ordered]) people.load.set(person.id, (people.load.get(person.id) ?? 0) + 1);
  return ordered.map((person, index) => {
    const role: TeamRole = index === 0 ? "secretary" : index <= keyMembers ? "key_member" : "member";
    return { personId: person.id, role };
  });
}

/** Whole đồng, drawn in thousands: approved budgets are written to the thousand. */
function drawBudget(rng: Rng, kind: TaskKind): { total: string; state: string } {
  const thousands = (n: number) => (BigInt(n) * 1000n).toString();
  switch (kind) {
    case "de_tai": {
      const total = randInt(rng, 450_000, 2_200_000);
      // Most đề tài are fully state-funded; some hosts add 5–20 % of their own.
      const state = chance(rng, 0.8) ? total : Math.round((total * randInt(rng, 80, 95)) / 100);
      return { total: thousands(total), state: thousands(state) };
    }
    case "du_an_sxtn": {
      // Trial production leans on counterpart funds: the state pays 30–45 %.
      const total = randInt(rng, 1_800_000, 6_500_000);
      const state = Math.round((total * randInt(rng, 30, 45)) / 100);
      return { total: thousands(total), state: thousands(state) };
    }
    case "de_an": {
      const total = randInt(rng, 300_000, 1_200_000);
      return { total: thousands(total), state: thousands(total) };
    }
    case "nhiem_vu_dmst": {
      const total = randInt(rng, 900_000, 4_500_000);
      const state = chance(rng, 0.5) ? total : Math.round((total * randInt(rng, 60, 90)) / 100);
      return { total: thousands(total), state: thousands(state) };
    }
  }
}

/** The month of the task's latest recorded step, before clamping to DEMO_AS_OF. */
function lastChange(plan: Plan): number {
  if (!plan.dates) {
    const steps: Partial<Record<Stage, number>> = { identified: 2, selection: 4, budget_appraisal: 6, rejected: 2 };
    return plan.reference + (steps[plan.stage] ?? 0);
  }
  const end = plan.dates.start + plan.dates.months - 1;
  switch (plan.stage) {
    case "closed":
      return end + 9;
    case "settlement":
      return end + 3;
    case "registration":
    case "failed":
      return end + 2;
    case "recognition":
    case "acceptance":
      return end + 1;
    case "terminated":
      return plan.dates.start + Math.floor(plan.dates.months / 2);
    case "in_progress":
      // The last periodic report, due 15 September.
      return Math.max(plan.dates.start, month(2026, 9));
    default:
      return TODAY;
  }
}

const GENERAL_AIM: Record<string, string> = {
  DTTM: "Góp phần xây dựng chính quyền số và đô thị thông minh, nâng cao hiệu lực, hiệu quả quản lý nhà nước và chất lượng phục vụ người dân, doanh nghiệp trên địa bàn tỉnh.",
  GDDT: "Nâng cao chất lượng giáo dục và đào tạo, phát triển nguồn nhân lực chất lượng cao đáp ứng yêu cầu chuyển đổi số và Cách mạng công nghiệp lần thứ tư.",
  NNCNC:
    "Ứng dụng công nghệ cao nâng cao năng suất, chất lượng và giá trị gia tăng của sản xuất nông nghiệp, góp phần tái cơ cấu ngành nông nghiệp của tỉnh.",
  "NNCNC-GIONG":
    "Nâng cao năng suất, chất lượng và giá trị sản xuất lúa gạo, chủ động nguồn giống tốt cho sản xuất, góp phần tái cơ cấu ngành trồng trọt theo hướng hiện đại, bền vững.",
  "NNCNC-CHANNUOI":
    "Phát triển chăn nuôi bò thịt theo hướng hàng hóa, nâng cao chất lượng đàn giống và thu nhập cho người chăn nuôi.",
  "NNCNC-THUYSAN":
    "Phát triển nuôi trồng thủy sản vùng ven biển theo hướng công nghệ cao, chủ động con giống và đa dạng hóa đối tượng nuôi có giá trị kinh tế.",
  "NNCNC-HUUCO":
    "Phát triển sản xuất nông nghiệp hữu cơ, sản xuất sạch, tạo sản phẩm an toàn có giá trị gia tăng cao, góp phần bảo vệ môi trường và sức khỏe cộng đồng.",
  YTE: "Nâng cao chất lượng khám, chữa bệnh và chăm sóc sức khỏe nhân dân, giảm tải cho tuyến trên.",
  CNDN: "Nâng cao năng lực công nghệ và năng lực cạnh tranh của doanh nghiệp, thúc đẩy đổi mới sáng tạo trong sản xuất, kinh doanh.",
  MTKH: "Bảo vệ môi trường, sử dụng hợp lý tài nguyên và chủ động thích ứng với biến đổi khí hậu.",
  VHXH: "Bảo tồn và phát huy giá trị di sản văn hóa, góp phần phát triển kinh tế – xã hội và du lịch bền vững của địa phương.",
  KNST: "Phát triển hệ sinh thái khởi nghiệp đổi mới sáng tạo, tạo môi trường thuận lợi để doanh nghiệp và nhà khoa học thương mại hóa kết quả nghiên cứu.",
};

const KIND_OUTPUTS: Record<TaskKind, readonly string[]> = {
  de_tai: [
    "Công bố ít nhất 02 bài báo khoa học trên tạp chí chuyên ngành trong nước; hỗ trợ đào tạo 01 thạc sĩ",
    "Công bố 01 bài báo quốc tế và 02 bài báo trong nước; tập huấn chuyển giao kết quả cho cán bộ kỹ thuật cơ sở",
    "Công bố 02 bài báo khoa học; tổ chức 02 lớp tập huấn cho người sử dụng kết quả",
  ],
  du_an_sxtn: [
    "Hoàn thiện quy trình công nghệ ở quy mô sản xuất thử nghiệm, ổn định chất lượng sản phẩm; xây dựng phương án chuyển giao, nhân rộng",
  ],
  de_an: ["Đề xuất hệ thống giải pháp, cơ chế, chính sách trình Ủy ban nhân dân tỉnh xem xét, ban hành"],
  nhiem_vu_dmst: [
    "Sản phẩm cuối cùng có địa chỉ ứng dụng cụ thể và phương án thương mại hóa, được đánh giá theo kết quả đầu ra",
  ],
};

function objectivesText(rng: Rng, seed: TaskSeed): string {
  const general = GENERAL_AIM[seed.themes[0] ?? ""] ?? GENERAL_AIM.NNCNC ?? "";
  const specific = [...seed.aim.split("; "), ...pick(rng, KIND_OUTPUTS[seed.kind]).split("; ")];
  const bullets = specific.map(
    (item, i) => `- ${item.charAt(0).toUpperCase()}${item.slice(1)}${i === specific.length - 1 ? "." : ";"}`,
  );
  return [`Mục tiêu chung: ${general}`, "Mục tiêu cụ thể:", ...bullets].join("\n");
}
