import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DatabaseHandle } from "../src/connect.ts";
import { migrateToLatest } from "../src/migrate.ts";
import { type Database, STAGES, TASK_KINDS } from "../src/schema.ts";
import { foldVietnamese, taskSearchText } from "../src/search-text.ts";
import { DEMO_ACCOUNTS, DEMO_AS_OF, DEMO_PASSWORD, type SeedDemoResult, seedDemo } from "./demo.ts";

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
    "document",
    "task_transition",
    "audit_log",
    "task_content_item",
    "task_product",
    "task_application_site",
  ] as const;
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(db, t)] as const)));
}

/**
 * The stage machine of api/src/lifecycle/rules.ts (ACTIONS), written out again: the seed must walk
 * it exactly, and db/ does not import api/.
 */
const MACHINE: Record<string, { from: readonly string[]; to: string }> = {
  identify: { from: ["proposed"], to: "identified" },
  reject_proposal: { from: ["proposed"], to: "rejected" },
  open_selection: { from: ["identified"], to: "selection" },
  select_host: { from: ["selection"], to: "budget_appraisal" },
  reject_at_selection: { from: ["selection"], to: "rejected" },
  reopen_selection: { from: ["budget_appraisal"], to: "selection" },
  approve: { from: ["budget_appraisal"], to: "approved" },
  return_to_appraisal: { from: ["approved"], to: "budget_appraisal" },
  sign_contract: { from: ["approved"], to: "in_progress" },
  terminate: { from: ["in_progress"], to: "terminated" },
  receive_acceptance_dossier: { from: ["in_progress"], to: "acceptance" },
  return_dossier: { from: ["acceptance"], to: "in_progress" },
  record_acceptance_pass: { from: ["acceptance"], to: "recognition" },
  record_acceptance_fail: { from: ["acceptance"], to: "failed" },
  reopen_acceptance: { from: ["recognition"], to: "acceptance" },
  recognise_results: { from: ["recognition"], to: "registration" },
  register_results: { from: ["registration"], to: "settlement" },
  settle: { from: ["terminated", "failed"], to: "settlement" },
  liquidate: { from: ["settlement"], to: "closed" },
};
const NEEDS_COMMENT = new Set(["reject_proposal", "reject_at_selection", "terminate"]);
/** The API's document number pattern (api/src/lifecycle/document-number.ts), type and issuer parts. */
const DOC_TYPE = /^[A-Za-zĐđ]{1,10}$/u;
const ISSUER = /^[A-ZĐ0-9]{1,15}(?:-[A-ZĐ0-9]{1,15}){0,3}$/u;

/** Every transition with its task and document, in each task's order. */
async function transitions(db: Kysely<Database>) {
  return db
    .selectFrom("task_transition as t")
    .innerJoin("task", "task.id", "t.task_id")
    .innerJoin("app_user as u", "u.id", "t.actor_user_id")
    .leftJoin("document as d", "d.id", "t.document_id")
    .select([
      "t.id",
      "t.task_id",
      "task.code",
      "t.action",
      "t.from_stage",
      "t.to_stage",
      "t.outcome",
      "t.comment",
      "t.at",
      "u.email as actor",
      "t.document_id",
      "d.number",
      "d.doc_type",
      "d.issuer",
      "d.issued_on",
      "d.signer",
    ])
    .orderBy("t.task_id")
    .orderBy("t.id")
    .execute();
}

type Step = Awaited<ReturnType<typeof transitions>>[number];

function byTask(steps: readonly Step[]): Map<number, Step[]> {
  const map = new Map<number, Step[]>();
  for (const step of steps) map.set(step.task_id, [...(map.get(step.task_id) ?? []), step]);
  return map;
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
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
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

  it("seats seven council accounts, all in the expert registry, none on a team, at most one from the host of the PI's acceptance task", async () => {
    const seats = await db
      .selectFrom("person")
      .innerJoin("app_user", "app_user.id", "person.user_id")
      .innerJoin("expert", "expert.person_id", "person.id")
      .select(["person.id", "person.organisation_id", "app_user.email"])
      .where("app_user.email", "like", "council%@demo.khcn.vn")
      .execute();
    expect(seats.map((s) => s.email).sort()).toEqual(
      ["council", "council2", "council3", "council4", "council5", "council6", "council7"]
        .map((n) => `${n}@demo.khcn.vn`)
        .sort(),
    );
    const ids = seats.map((s) => s.id);
    expect(await db.selectFrom("task_member").select("task_id").where("person_id", "in", ids).execute()).toEqual([]);
    const pi = await db
      .selectFrom("person")
      .innerJoin("app_user", "app_user.id", "person.user_id")
      .select("person.id")
      .where("app_user.email", "=", "pi@demo.khcn.vn")
      .executeTakeFirstOrThrow();
    const acceptance = await db
      .selectFrom("task")
      .select(["id", "host_organisation_id"])
      .where("pi_person_id", "=", pi.id)
      .where("stage", "=", "acceptance")
      .execute();
    expect(acceptance).toHaveLength(1);
    const task = acceptance[0];
    expect(seats.filter((s) => s.organisation_id === task?.host_organisation_id)).toHaveLength(1);
    const dossier = await db
      .selectFrom("task_transition")
      .select("id")
      .where("task_id", "=", task?.id ?? 0)
      .where("action", "=", "receive_acceptance_dossier")
      .execute();
    expect(dossier).toHaveLength(1);
    expect(
      await db
        .selectFrom("council_task")
        .select("council_id")
        .where("task_id", "=", task?.id ?? 0)
        .execute(),
    ).toEqual([]);
    expect(await count(db, "expert")).toBeGreaterThan(30);
  });

  it("gives every task the path from 'proposed' to its stage, one action of the stage machine at a time", async () => {
    const tasks = await db.selectFrom("task").select(["id", "code", "stage", "version"]).execute();
    const paths = byTask(await transitions(db));
    for (const task of tasks) {
      const path = paths.get(task.id) ?? [];
      expect(path.length === 0, task.code).toBe(task.stage === "proposed");
      let stage = "proposed";
      for (const step of path) {
        const rule = MACHINE[step.action];
        expect(rule, `${task.code}: ${step.action}`).toBeDefined();
        expect(step.from_stage, `${task.code}: ${step.action}`).toBe(stage);
        expect(rule?.from).toContain(step.from_stage);
        expect(step.to_stage).toBe(rule?.to);
        expect(step.document_id, `${task.code}: ${step.action} has its document`).not.toBeNull();
        if (NEEDS_COMMENT.has(step.action)) expect(step.comment?.trim(), `${task.code}: ${step.action}`).toBeTruthy();
        if (step.action === "record_acceptance_pass") expect(["excellent", "pass"]).toContain(step.outcome);
        else if (step.action === "record_acceptance_fail") expect(step.outcome).toBe("fail");
        else expect(step.outcome).toBeNull();
        stage = step.to_stage;
      }
      expect(stage, task.code).toBe(task.stage);
      expect(task.version, task.code).toBe(1 + path.length);
    }
    // The side exits are there, and some closed tasks took them.
    const actions = [...paths.values()].flat().map((s) => s.action);
    for (const action of ["reject_proposal", "reject_at_selection", "terminate", "record_acceptance_fail", "settle"]) {
      expect(actions).toContain(action);
    }
    const closed = tasks.filter((t) => t.stage === "closed").map((t) => (paths.get(t.id) ?? []).map((s) => s.action));
    expect(closed.some((path) => path.includes("terminate"))).toBe(true);
    expect(closed.some((path) => path.includes("record_acceptance_fail"))).toBe(true);
  });

  it("dates every step by its document, in order, by DEMO_AS_OF and in line with the task's dates", async () => {
    const tasks = await db
      .selectFrom("task")
      .select(["id", "code", "start_date", "end_date", "created_at", "updated_at"])
      .execute();
    const paths = byTask(await transitions(db));
    for (const task of tasks) {
      const path = paths.get(task.id) ?? [];
      let previous = "";
      for (const step of path) {
        const date = step.issued_on ?? "";
        const label = `${task.code}: ${step.action} on ${date}`;
        // 09:00 in Vietnam is 02:00 UTC.
        expect(step.at.toISOString(), label).toBe(`${date}T02:00:00.000Z`);
        expect(date >= previous, label).toBe(true);
        expect(date <= DEMO_AS_OF, label).toBe(true);
        previous = date;
        const { start_date: start, end_date: end } = task;
        if (start && ["identify", "open_selection", "select_host", "approve"].includes(step.action)) {
          expect(date < start, label).toBe(true);
        }
        if (start && step.action === "sign_contract") expect(date <= start, label).toBe(true);
        if (end && step.action === "receive_acceptance_dossier") expect(date > end, label).toBe(true);
        if (start && end && step.action === "terminate") expect(date > start && date <= end, label).toBe(true);
      }
      const first = path[0];
      const last = path[path.length - 1];
      if (first) expect(task.created_at.getTime(), task.code).toBeLessThan(first.at.getTime());
      if (last) expect(task.updated_at.getTime(), task.code).toBeGreaterThanOrEqual(last.at.getTime());
      expect(task.updated_at.getTime(), task.code).toBeGreaterThanOrEqual(task.created_at.getTime());
    }
  });

  it("numbers documents as offices do: unique per issuer, type and year, rising through the year", async () => {
    const documents = await db.selectFrom("document").selectAll().orderBy("issued_on").orderBy("id").execute();
    const keys = documents.map(
      (d) => `${d.issuer.toUpperCase()}|${d.doc_type.toUpperCase()}|${d.number}|${d.issued_year}`,
    );
    expect(new Set(keys).size).toBe(documents.length);
    const last = new Map<string, number>();
    for (const doc of documents) {
      const label = `${doc.number}/${doc.doc_type}-${doc.issuer} of ${doc.issued_on}`;
      expect(doc.number, label).toMatch(/^[1-9]\d{0,5}$/);
      expect(doc.doc_type, label).toMatch(DOC_TYPE);
      expect(doc.issuer, label).toMatch(ISSUER);
      expect(doc.issued_year, label).toBe(Number(doc.issued_on.slice(0, 4)));
      expect(doc.issued_on <= DEMO_AS_OF, label).toBe(true);
      expect(doc.year_in_number, label).toBe(false);
      expect(doc.file_id, label).toBeNull();
      expect(doc.signer.trim(), label).not.toBe("");
      expect(doc.summary?.trim(), label).toBeTruthy();
      const group = `${doc.issuer}|${doc.doc_type}|${doc.issued_year}`;
      expect(Number(doc.number), label).toBeGreaterThan(last.get(group) ?? 0);
      last.set(group, Number(doc.number));
    }
    // No document stands alone: each one justifies a step.
    const used = await db.selectFrom("task_transition").select("document_id").distinct().execute();
    expect(used).toHaveLength(documents.length);
  });

  it("puts the tasks a People's Committee ordered in one year on one decision", async () => {
    const steps = (await transitions(db)).filter((s) => s.action === "identify");
    const tasks = await db.selectFrom("task").select(["id", "code", "kind", "former_province_id"]).execute();
    const decisions = new Map<number, Step[]>();
    for (const step of steps) {
      expect(`${step.doc_type}-${step.issuer}`, step.code).toBe("QĐ-UBND");
      const id = step.document_id as number;
      decisions.set(id, [...(decisions.get(id) ?? []), step]);
    }
    // One decision per committee (signer) and year; after the merger, one province and one decision a year.
    const perCommitteeYear = new Map<string, number>();
    for (const [id, covered] of decisions) {
      const head = covered[0] as Step;
      const key = `${head.signer}|${head.issued_on?.slice(0, 4)}`;
      expect(perCommitteeYear.has(key), key).toBe(false);
      perCommitteeYear.set(key, id);
      expect(covered.length, `decision ${head.number} covers several tasks`).toBeGreaterThanOrEqual(2);
    }
    const merged = [...decisions.values()].filter((covered) => (covered[0]?.issued_on ?? "") >= "2025-07-01");
    expect(new Set(merged.map((covered) => covered[0]?.issued_on?.slice(0, 4))).size).toBe(merged.length);
    // Tasks of one former province and one year (the new kind of task waits for the new law) share theirs.
    const decisionOf = new Map(steps.map((s) => [s.task_id, s.document_id]));
    const groups = new Map<string, Set<number | null | undefined>>();
    for (const task of tasks) {
      if (!decisionOf.has(task.id) || task.former_province_id === null || task.kind === "nhiem_vu_dmst") continue;
      const key = `${task.code.split(".")[1]}|${task.former_province_id}`;
      groups.set(key, (groups.get(key) ?? new Set()).add(decisionOf.get(task.id)));
    }
    expect(groups.size).toBeGreaterThan(5);
    for (const [key, ids] of groups) expect(ids.size, key).toBe(1);
  });

  it("records the acceptance outcome and the selection method the history implies", async () => {
    const tasks = await db
      .selectFrom("task")
      .select(["id", "code", "acceptance_outcome", "selection_method"])
      .execute();
    const paths = byTask(await transitions(db));
    for (const task of tasks) {
      const path = paths.get(task.id) ?? [];
      const verdict = path.find((s) => s.action.startsWith("record_acceptance_"));
      expect(task.acceptance_outcome, task.code).toBe(verdict?.outcome ?? null);
      const opened = path.some((s) => s.action === "open_selection");
      if (opened) expect(["open_call", "direct_assignment"], task.code).toContain(task.selection_method);
      else expect(task.selection_method, task.code).toBeNull();
    }
    const methods = tasks.map((t) => t.selection_method).filter((m) => m !== null);
    const direct = methods.filter((m) => m === "direct_assignment").length;
    expect(direct).toBeGreaterThan(0);
    expect(direct * 3).toBeLessThan(methods.length);
    const outcomes = new Set(tasks.map((t) => t.acceptance_outcome));
    expect(outcomes).toEqual(new Set([null, "excellent", "pass", "fail"]));
  });

  it("gives every task from selection on a contract record: content items, products and, when applied, sites", async () => {
    const tasks = await db
      .selectFrom("task")
      .select(["id", "code", "kind", "stage", "start_date", "end_date"])
      .execute();
    const items = await db
      .selectFrom("task_content_item")
      .selectAll()
      .orderBy("task_id")
      .orderBy("sort_order")
      .execute();
    const products = await db.selectFrom("task_product").selectAll().orderBy("task_id").orderBy("sort_order").execute();
    const sites = await db.selectFrom("task_application_site").selectAll().execute();
    const classes = new Set<string>();
    let applied = 0;
    let [atEnd, dated] = [0, 0];
    for (const task of tasks) {
      const own = items.filter((i) => i.task_id === task.id);
      const made = products.filter((p) => p.task_id === task.id);
      const where = sites.filter((s) => s.task_id === task.id);
      if (["proposed", "identified", "rejected"].includes(task.stage)) {
        expect([own.length, made.length, where.length], task.code).toEqual([0, 0, 0]);
        continue;
      }
      expect(own.length, task.code).toBeGreaterThanOrEqual(3);
      expect(own.length, task.code).toBeLessThanOrEqual(6);
      expect(made.length, task.code).toBeGreaterThanOrEqual(2);
      expect(made.length, task.code).toBeLessThanOrEqual(5);
      expect(where.length, task.code).toBeLessThanOrEqual(3);
      if (where.length > 0) applied += 1;
      if (task.kind === "de_an") expect(where, task.code).toEqual([]);
      if (task.kind === "du_an_sxtn") expect(where.length, task.code).toBeGreaterThanOrEqual(1);
      for (const p of made) {
        classes.add(p.product_class);
        expect(Number(p.quantity), task.code).toBeGreaterThan(0);
        expect(p.unit.length, task.code).toBeGreaterThan(0);
      }
      const { start_date: start, end_date: end } = task;
      if (start === null || end === null) {
        // Still in selection or appraisal: the thuyết minh is on file, the contract's dates are not.
        expect(["selection", "budget_appraisal"], task.code).toContain(task.stage);
        for (const i of own) expect([i.planned_start, i.planned_end], task.code).toEqual([null, null]);
        for (const p of made) expect(p.due_on, task.code).toBeNull();
        continue;
      }
      let previous = start;
      for (const i of own) {
        expect(i.planned_start, task.code).not.toBeNull();
        expect(i.planned_end, task.code).not.toBeNull();
        const [from, to] = [i.planned_start ?? "", i.planned_end ?? ""];
        expect(from >= start && to <= end && from <= to, `${task.code} ${from}..${to}`).toBe(true);
        expect(from >= previous, task.code).toBe(true);
        previous = from;
      }
      expect(own[0]?.planned_start, task.code).toBe(start);
      expect(own.at(-1)?.planned_end, task.code).toBe(end);
      for (const p of made) {
        const due = p.due_on ?? "";
        expect(due >= start && due <= end, `${task.code} ${due}`).toBe(true);
      }
      atEnd += made.filter((p) => p.due_on === end).length;
      dated += made.length;
    }
    expect(classes).toEqual(new Set(["I", "II", "III"]));
    expect(applied).toBeGreaterThanOrEqual(30);
    // Most products are due when the contract ends; reports and models come earlier.
    expect(atEnd * 2).toBeGreaterThan(dated);
  });

  it("fits the contract to the task's subject", async () => {
    const rows = await db
      .selectFrom("task_product as p")
      .innerJoin("task", "task.id", "p.task_id")
      .select(["task.title", "p.name"])
      .execute();
    const names = (subject: string) => rows.filter((r) => r.title.includes(subject)).map((r) => r.name);
    expect(names("cá hồng Mỹ").some((n) => n.includes("cá hồng Mỹ"))).toBe(true);
    expect(names("đông trùng hạ thảo").some((n) => n.includes("đông trùng hạ thảo"))).toBe(true);
    expect(names("giống lúa").some((n) => n.includes("lúa"))).toBe(true);
  });

  it("has the department's staff record the steps, each step and document in the audit trail once", async () => {
    const paper = await db
      .selectFrom("app_user")
      .selectAll()
      .where("email", "=", "ho-so-giay@khcn.invalid")
      .executeTakeFirstOrThrow();
    expect(paper).toMatchObject({ full_name: "Dữ liệu chuyển từ hồ sơ giấy", active: false, password_hash: "!" });
    const department = await db
      .selectFrom("unit")
      .select("id")
      .where("kind", "=", "department")
      .executeTakeFirstOrThrow();
    expect(paper.unit_id).toBe(department.id);
    const roles = await db.selectFrom("user_role").select("role").where("user_id", "=", paper.id).execute();
    expect(roles).toEqual([{ role: "staff" }]);

    const steps = await transitions(db);
    for (const step of steps) {
      // Paper files before the merger; the demo staff member since.
      const expected = (step.issued_on ?? "") < "2025-07-01" ? "ho-so-giay@khcn.invalid" : "staff@demo.khcn.vn";
      expect(step.actor, `${step.code}: ${step.action}`).toBe(expected);
    }

    const audit = await db.selectFrom("audit_log").selectAll().orderBy("id").execute();
    const moves = audit.filter((a) => a.action === "task.transition");
    expect(moves).toHaveLength(steps.length);
    const users = new Map(
      (await db.selectFrom("app_user").select(["id", "email"]).execute()).map((u) => [u.email, u.id]),
    );
    const byStep = new Map(steps.map((s) => [`${s.task_id}|${s.at.toISOString()}|${s.action}`, s]));
    for (const entry of moves) {
      const data = entry.data as Record<string, unknown>;
      const step = byStep.get(`${entry.task_id}|${entry.at.toISOString()}|${data.action}`);
      expect(step, JSON.stringify(data)).toBeDefined();
      if (!step) continue;
      expect(entry).toMatchObject({ entity_type: "task", entity_id: String(step.task_id) });
      expect(entry.actor_user_id).toBe(users.get(step.actor));
      expect(data).toEqual({
        action: step.action,
        from: step.from_stage,
        to: step.to_stage,
        documentId: step.document_id,
        outcome: step.outcome,
        comment: step.comment,
      });
    }
    const recorded = audit.filter((a) => a.action === "document.recorded");
    const documents = await db.selectFrom("document").selectAll().execute();
    expect(recorded).toHaveLength(documents.length);
    expect(new Set(recorded.map((a) => a.entity_id)).size).toBe(documents.length);
    const documentsById = new Map(documents.map((d) => [String(d.id), d]));
    for (const entry of recorded) {
      const doc = documentsById.get(entry.entity_id ?? "");
      expect(doc).toBeDefined();
      expect(entry.data).toEqual({
        number: `${doc?.number}/${doc?.doc_type}-${doc?.issuer}`,
        issuedOn: doc?.issued_on,
        signer: doc?.signer,
        fileId: null,
      });
      expect(entry.at.toISOString()).toBe(`${doc?.issued_on}T02:00:00.000Z`);
    }
    // Read newest first, as the history tab does, a task's trail is its path backwards.
    expect(audit.map((a) => a.at.getTime())).toEqual([...audit.map((a) => a.at.getTime())].sort((a, b) => a - b));
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
    const history = (await transitions(handle.db)).map(({ id: _, ...step }) => step);
    const documents = await handle.db
      .selectFrom("document")
      .select(["id", "number", "doc_type", "issuer", "issued_on", "signer", "summary"])
      .orderBy("id")
      .execute();
    const timestamps = await handle.db
      .selectFrom("task")
      .select(["code", "created_at", "updated_at", "version", "selection_method", "acceptance_outcome"])
      .orderBy("code")
      .execute();
    const contract = {
      items: await handle.db
        .selectFrom("task_content_item")
        .select(["task_id", "sort_order", "title", "planned_start", "planned_end"])
        .orderBy("id")
        .execute(),
      products: await handle.db
        .selectFrom("task_product")
        .select(["task_id", "sort_order", "product_class", "name", "specification", "quantity", "unit", "due_on"])
        .orderBy("id")
        .execute(),
      sites: await handle.db
        .selectFrom("task_application_site")
        .select(["task_id", "sort_order", "name", "location", "scale"])
        .orderBy("id")
        .execute(),
    };
    return { handle, result, tasks, members, history, documents, timestamps, contract };
  }

  it("gives identical portfolios on two fresh databases, without demo accounts", async () => {
    const first = await seededPortfolio();
    const second = await seededPortfolio();
    expect(first.result).toEqual({ tasks: 100, accounts: [] });
    expect(first.tasks).toHaveLength(100);
    expect(second.tasks).toEqual(first.tasks);
    expect(second.members).toEqual(first.members);
    expect(first.history.length).toBeGreaterThan(500);
    expect(second.history).toEqual(first.history);
    expect(second.documents).toEqual(first.documents);
    expect(second.timestamps).toEqual(first.timestamps);
    expect(first.contract.items.length).toBeGreaterThan(200);
    expect(second.contract).toEqual(first.contract);
    // Without demo accounts the paper-records account stands for every step.
    expect(new Set(first.history.map((s) => s.actor))).toEqual(new Set(["ho-so-giay@khcn.invalid"]));
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
