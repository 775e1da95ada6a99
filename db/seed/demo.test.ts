import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DatabaseHandle } from "../src/connect.ts";
import { migrateToLatest } from "../src/migrate.ts";
import { type Database, STAGES, TASK_KINDS } from "../src/schema.ts";
import { foldVietnamese, taskSearchText } from "../src/search-text.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type SeedDemoResult, seedDemo } from "./demo.ts";

const fakeHash = async (password: string) => `hash:${password}`;

async function freshDatabase(): Promise<DatabaseHandle> {
  const handle = await connect({ memory: true });
  await migrateToLatest(handle.db as Kysely<unknown>);
  return handle;
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function counts(db: Kysely<Database>) {
  const tables = [
    "unit",
    "organisation",
    "person",
    "app_user",
    "user_role",
    "theme",
    "task",
    "task_theme",
    "task_member",
  ] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(db, t)] as const)));
}

/** Whole months from start to end inclusive: 2024-01-01 → 2025-12-31 is 24. */
function months(start: string, end: string): number {
  const [sy, sm] = start.split("-").map(Number) as [number, number];
  const [ey, em] = end.split("-").map(Number) as [number, number];
  return (ey - sy) * 12 + (em - sm) + 1;
}

describe("seedDemo", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;
  let result: SeedDemoResult;

  beforeAll(async () => {
    handle = await freshDatabase();
    db = handle.db;
    result = await seedDemo(db, { hashPassword: fakeHash, includeDemoAccounts: true });
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("loads a portfolio of 100 tasks", async () => {
    expect(result.tasks).toBe(100);
    expect(await count(db, "task")).toBe(100);
  });

  it("uses only known stages and every kind of task", async () => {
    const tasks = await db.selectFrom("task").select(["stage", "kind"]).execute();
    for (const { stage } of tasks) expect(STAGES).toContain(stage);
    expect(new Set(tasks.map((t) => t.kind))).toEqual(new Set(TASK_KINDS));
    // The portfolio spans the lifecycle, side exits included.
    const stages = new Set(tasks.map((t) => t.stage));
    for (const stage of ["proposed", "in_progress", "acceptance", "closed", "rejected", "terminated", "failed"]) {
      expect(stages).toContain(stage);
    }
  });

  it("keeps budgets in whole thousand đồng with the state share within the total", async () => {
    const tasks = await db.selectFrom("task").select(["kind", "total_budget", "state_budget"]).execute();
    for (const task of tasks) {
      const total = BigInt(task.total_budget);
      const state = BigInt(task.state_budget);
      expect(state).toBeLessThanOrEqual(total);
      expect(total % 1000n).toBe(0n);
      expect(total).toBeGreaterThanOrEqual(300_000_000n);
      expect(total).toBeLessThanOrEqual(7_000_000_000n);
      // Trial production needs substantial counterpart funds.
      if (task.kind === "du_an_sxtn") expect(state * 2n).toBeLessThan(total);
    }
  });

  it("stores the folded search text of every task", async () => {
    const tasks = await db.selectFrom("task").select(["code", "title", "search_text"]).execute();
    for (const task of tasks) expect(task.search_text).toBe(taskSearchText(task.code, task.title));
  });

  it("finds rice-variety tasks without diacritics", async () => {
    const hits = await db
      .selectFrom("task")
      .select("code")
      .where("search_text", "like", `%${foldVietnamese("giong lua")}%`)
      .execute();
    expect(hits.length).toBeGreaterThanOrEqual(3);
  });

  it("has at least 30 host organisations and 60 people", async () => {
    expect(await count(db, "organisation")).toBeGreaterThanOrEqual(30);
    expect(await count(db, "person")).toBeGreaterThanOrEqual(60);
  });

  it("gives codes the {kind}.{year}.{seq} shape and regimes that fit the dates", async () => {
    const tasks = await db
      .selectFrom("task")
      .select(["code", "kind", "regime", "start_date", "end_date", "stage", "former_province_id"])
      .execute();
    const prefix = { de_tai: "ĐT", du_an_sxtn: "DA", de_an: "ĐA", nhiem_vu_dmst: "NV" } as const;
    for (const task of tasks) {
      const match = /^(ĐT|DA|ĐA|NV)\.(\d{4})\.(\d{2})$/.exec(task.code);
      expect(match, task.code).not.toBeNull();
      expect(match?.[1]).toBe(prefix[task.kind]);
      const year = Number(match?.[2]);
      expect(year).toBeGreaterThanOrEqual(2021);
      expect(year).toBeLessThanOrEqual(2026);
      if (task.kind === "nhiem_vu_dmst") {
        expect(task.regime).toBe("law_93_2025");
        expect(year).toBeGreaterThanOrEqual(2025);
      }
      if (task.start_date && task.end_date) {
        expect(task.start_date.slice(0, 4)).toBe(String(year));
        const length = months(task.start_date, task.end_date);
        expect(length).toBeGreaterThanOrEqual(12);
        expect(length).toBeLessThanOrEqual(36);
        expect(task.regime).toBe(
          task.start_date >= "2025-10-01" || task.kind === "nhiem_vu_dmst" ? "law_93_2025" : "law_2013",
        );
        // Before the merger a task belongs to one former province; after it, to none.
        if (task.start_date < "2025-07-01") expect(task.former_province_id).not.toBeNull();
        else expect(task.former_province_id).toBeNull();
      } else {
        expect(["proposed", "identified", "selection", "budget_appraisal", "rejected"]).toContain(task.stage);
      }
      // Stages agree with DEMO_AS_OF (2026-11-20): settled work ended long ago, running work has not.
      const end = task.end_date ?? "";
      if (task.stage === "closed" || task.stage === "settlement") expect(end < "2026-08-01").toBe(true);
      if (task.stage === "in_progress") expect(end >= "2026-10-01").toBe(true);
    }
  });

  it("manages every task from the department, with its former provinces beneath it", async () => {
    const units = await db.selectFrom("unit").selectAll().orderBy("id").execute();
    const department = units.find((u) => u.kind === "department");
    expect(department?.name).toBe("Sở Khoa học và Công nghệ tỉnh Ninh Bình");
    const provinces = units.filter((u) => u.kind === "former_province");
    expect(provinces).toHaveLength(3);
    for (const p of provinces) expect(p.parent_id).toBe(department?.id);
    const managers = await db.selectFrom("task").select("managing_unit_id").distinct().execute();
    expect(managers).toEqual([{ managing_unit_id: department?.id }]);
  });

  it("gives every task 1–3 themes, a PI on its team and 2–6 other members", async () => {
    const tasks = await db.selectFrom("task").select(["id", "pi_person_id"]).execute();
    const themes = await db.selectFrom("task_theme").selectAll().execute();
    const members = await db.selectFrom("task_member").selectAll().execute();
    for (const task of tasks) {
      const themeCount = themes.filter((t) => t.task_id === task.id).length;
      expect(themeCount).toBeGreaterThanOrEqual(1);
      expect(themeCount).toBeLessThanOrEqual(3);
      const team = members.filter((m) => m.task_id === task.id);
      expect(team.filter((m) => m.role === "pi")).toEqual([
        expect.objectContaining({ person_id: task.pi_person_id, role: "pi" }),
      ]);
      expect(team.length - 1).toBeGreaterThanOrEqual(2);
      expect(team.length - 1).toBeLessThanOrEqual(6);
      expect(team.filter((m) => m.role === "secretary")).toHaveLength(1);
    }
  });

  it("creates the demo accounts, hashed through the caller's function", async () => {
    expect(result.accounts.map((a) => a.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
    const users = await db.selectFrom("app_user").selectAll().where("email", "like", "%@demo.khcn.vn").execute();
    expect(users).toHaveLength(5);
    const department = await db
      .selectFrom("unit")
      .select("id")
      .where("kind", "=", "department")
      .executeTakeFirstOrThrow();
    for (const user of users) {
      expect(user.password_hash).toBe(`hash:${DEMO_PASSWORD}`);
      expect(user.unit_id).toBe(department.id);
    }
    const roles = await db
      .selectFrom("user_role")
      .innerJoin("app_user", "app_user.id", "user_role.user_id")
      .select(["app_user.email", "user_role.role"])
      .execute();
    for (const account of DEMO_ACCOUNTS) {
      expect(roles.filter((r) => r.email === account.email).map((r) => r.role)).toEqual(account.roles);
    }
  });

  it("links the PI account to a person who leads at least 3 tasks and serves on another", async () => {
    const person = await db
      .selectFrom("person")
      .innerJoin("app_user", "app_user.id", "person.user_id")
      .select("person.id")
      .where("app_user.email", "=", "pi@demo.khcn.vn")
      .executeTakeFirstOrThrow();
    const led = await db.selectFrom("task").select("id").where("pi_person_id", "=", person.id).execute();
    expect(led.length).toBeGreaterThanOrEqual(3);
    const servedOn = await db
      .selectFrom("task_member")
      .select("task_id")
      .where("person_id", "=", person.id)
      .where("role", "!=", "pi")
      .execute();
    expect(servedOn.length).toBeGreaterThanOrEqual(1);
  });

  it("links the council account to a person on no task team", async () => {
    const person = await db
      .selectFrom("person")
      .innerJoin("app_user", "app_user.id", "person.user_id")
      .select("person.id")
      .where("app_user.email", "=", "council@demo.khcn.vn")
      .executeTakeFirstOrThrow();
    expect(await db.selectFrom("task_member").select("task_id").where("person_id", "=", person.id).execute()).toEqual(
      [],
    );
  });

  it("does nothing when the database already has tasks", async () => {
    const before = await counts(db);
    let hashed = 0;
    const countingHash = async (password: string) => {
      hashed += 1;
      return fakeHash(password);
    };
    const again = await seedDemo(db, { hashPassword: countingHash, includeDemoAccounts: true });
    expect(again).toEqual({ tasks: 0, accounts: [] });
    // The server seeds on every start: an already seeded database costs no password hashing.
    expect(hashed).toBe(0);
    expect(await counts(db)).toEqual(before);
  });
});

describe("seedDemo determinism and options", () => {
  const handles: DatabaseHandle[] = [];

  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
  });

  async function seededPortfolio() {
    const handle = await freshDatabase();
    handles.push(handle);
    const result = await seedDemo(handle.db, { hashPassword: fakeHash, includeDemoAccounts: false });
    const tasks = await handle.db
      .selectFrom("task")
      .select([
        "code",
        "title",
        "stage",
        "total_budget",
        "state_budget",
        "start_date",
        "end_date",
        "regime",
        "funding_mode",
        "pi_person_id",
        "objectives",
      ])
      .orderBy("code")
      .execute();
    const members = await handle.db
      .selectFrom("task_member")
      .select(["task_id", "person_id", "role"])
      .orderBy("task_id")
      .orderBy("person_id")
      .execute();
    return { handle, result, tasks, members };
  }

  it("gives identical portfolios on two fresh databases, without demo accounts", async () => {
    const first = await seededPortfolio();
    const second = await seededPortfolio();
    expect(first.result).toEqual({ tasks: 100, accounts: [] });
    expect(first.tasks).toHaveLength(100);
    expect(second.tasks).toEqual(first.tasks);
    expect(second.members).toEqual(first.members);
    for (const { handle } of [first, second]) {
      const demoUsers = await handle.db
        .selectFrom("app_user")
        .select("email")
        .where("email", "like", "%@demo.khcn.vn")
        .execute();
      expect(demoUsers).toEqual([]);
    }
  }, 120_000);
});
