import { jsonb } from "@khcn/db/jsonb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PARAMETER_KEYS } from "../src/rules/parameters.ts";
import { buildPortfolio, PASSWORD } from "./fixtures.ts";
import { startTestApi, type TestApi } from "./support.ts";

/*
 * The administrators' screen for the rule parameters: reading them per unit and regime, storing
 * and removing values, and the rest of the application following the change.
 */

let api: TestApi;
let portfolio: Awaited<ReturnType<typeof buildPortfolio>>;
const cookie: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApi();
  portfolio = await buildPortfolio(api.db);
  for (const who of ["admin", "staff", "head", "pi", "council"]) {
    cookie[who] = await api.signIn(`${who}@test.vn`, PASSWORD);
  }
});
afterAll(() => api.close());

interface Item {
  key: string;
  group: string;
  description: string;
  schema: Record<string, unknown>;
  regimes: {
    regime: string;
    default: unknown;
    value: unknown;
    source: { kind: string; unitId?: number | null; regime?: string };
    error: string | null;
  }[];
  atScope: { unitId: number | null; regime: string; value: unknown; valid: boolean } | null;
  overrides: { unitId: number | null; unitName: string | null; regime: string; value: unknown; valid: boolean }[];
}

const get = (path: string, who = "admin") => api.request(path, { cookie: cookie[who] ?? null });
const put = (key: string, body: unknown, who = "admin") =>
  api.request(`/api/rule-parameters/${key}`, { method: "PUT", cookie: cookie[who] ?? null, json: body });
const del = (key: string, query: string, who = "admin") =>
  api.request(`/api/rule-parameters/${key}?${query}`, { method: "DELETE", cookie: cookie[who] ?? null });

async function ok<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json() as Promise<T>;
}

async function list(query = "", who = "admin") {
  return ok<{ scope: { unitId: number | null; regime: string | null }; canEdit: boolean; items: Item[] }>(
    await get(`/api/rule-parameters${query ? `?${query}` : ""}`, who),
  );
}

async function itemOf(key: string, query = "", who = "admin"): Promise<Item> {
  const item = (await list(query, who)).items.find((i) => i.key === key);
  if (!item) throw new Error(`no ${key}`);
  return item;
}

const counts = async () => ({
  stored: Number(
    (
      await api.db
        .selectFrom("rule_parameter")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  audited: Number(
    (
      await api.db
        .selectFrom("audit_log")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("entity_type", "=", "rule_parameter")
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

async function dossierDeadline(taskId: number) {
  const body = await ok<{ items: { step: string; days: number; dueOn: string | null }[] }>(
    await get(`/api/tasks/${taskId}/deadlines`, "staff"),
  );
  return body.items.find((i) => i.step === "dossier");
}

describe("reading the parameters", () => {
  it("lists every parameter with its default, the value in force and the JSON Schema of its value", async () => {
    const body = await list();
    expect(body.scope).toEqual({ unitId: null, regime: null });
    expect(body.canEdit).toBe(true);
    expect(body.items.map((i) => i.key).sort()).toEqual([...PARAMETER_KEYS].sort());
    const dossier = body.items.find((i) => i.key === "acceptance_dossier_days");
    expect(dossier).toMatchObject({
      group: "deadlines",
      schema: { type: "integer", minimum: 1, maximum: 366 },
      regimes: [
        { regime: "law_2013", default: 30, value: 30, source: { kind: "default" }, error: null },
        { regime: "law_93_2025", default: 30, value: 30, source: { kind: "default" }, error: null },
      ],
      atScope: null,
      overrides: [],
    });
    for (const item of body.items) {
      expect(item.description.length, item.key).toBeGreaterThan(0);
      expect(item.group, item.key).not.toBe("other");
      expect(Object.keys(item.schema).length, item.key).toBeGreaterThan(0);
    }
    // A regime asked for alone: its own default where the regimes differ.
    const regulation = await itemOf("council_regulation", "regime=law_93_2025");
    expect(regulation.regimes).toHaveLength(1);
    expect(JSON.stringify(regulation.regimes[0]?.value)).toContain("93/2025/QH15");
  });

  it("lets staff and heads read their own unit's values, and nobody else", async () => {
    const staff = await list("", "staff");
    expect(staff.scope.unitId).toBe(portfolio.department.id);
    expect(staff.canEdit).toBe(false);
    await ok(await get(`/api/rule-parameters?unitId=${portfolio.department.id}`, "head"));
    expect((await get(`/api/rule-parameters?unitId=${portfolio.namDinh.id}`, "staff")).status).toBe(403);
    expect((await get("/api/rule-parameters", "pi")).status).toBe(403);
    expect((await get("/api/rule-parameters", "council")).status).toBe(403);
    expect((await get("/api/rule-parameters?unitId=999999")).status).toBe(400);
  });
});

describe("changing a parameter", () => {
  it("refuses a value the parameter's rules reject, saying why, and writes nothing", async () => {
    const before = await counts();
    const scope = { unitId: portfolio.department.id, regime: "*" };
    for (const value of [0, 367, 2.5, "30", null]) {
      const res = await put("acceptance_dossier_days", { ...scope, value });
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.fields.value).toBeTruthy();
      expect(body.message).toContain("acceptance_dossier_days");
    }
    const missing = await (await put("acceptance_dossier_days", scope)).json();
    expect(missing.fields.value).toBeTruthy();

    // A nested problem names its place in the value too.
    const composition = (await itemOf("council_composition")).regimes[0]?.value as Record<
      string,
      { size: number; roles: Record<string, number> }
    >;
    const bad = structuredClone(composition);
    if (bad.acceptance) bad.acceptance.size = 0;
    const nested = await (await put("council_composition", { unitId: null, regime: "*", value: bad })).json();
    expect(nested.fields["value.acceptance.size"]).toBeTruthy();
    expect(nested.fields.value).toMatch(/^acceptance\.size: /);
    // A refinement (no JSON Schema form) is checked too.
    const dup = await (await put("report_due_days", { unitId: null, regime: "*", value: ["03-15", "03-15"] })).json();
    expect(dup.fields.value).toBe("A day is listed twice");
    const notADay = await (
      await put("report_due_days", { unitId: null, regime: "*", value: ["03-15", "02-30"] })
    ).json();
    expect(notADay.fields["value.1"]).toBe("Not a day of the year");

    expect((await put("no_such_parameter", { ...scope, value: 1 })).status).toBe(404);
    expect((await put("acceptance_dossier_days", { unitId: 999999, regime: "*", value: 40 })).status).toBe(400);
    expect((await put("acceptance_dossier_days", { ...scope, regime: "law_2050", value: 40 })).status).toBe(400);
    expect((await put("acceptance_dossier_days", { ...scope, value: 40, extra: true })).status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("refuses everyone but administrators, and writes nothing", async () => {
    const before = await counts();
    for (const who of ["staff", "head", "pi", "council"]) {
      const res = await put("acceptance_dossier_days", { unitId: null, regime: "*", value: 40 }, who);
      expect(res.status, who).toBe(403);
      expect((await del("acceptance_dossier_days", "regime=*", who)).status, who).toBe(403);
    }
    expect((await put("acceptance_dossier_days", { unitId: null, regime: "*", value: 40 }, "nobody")).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it("uses the unit's own value before the one for all units, and falls back when it is removed", async () => {
    const rice = portfolio.tasks.rice.id; // law_2013, managed by the department, contract ends 2025-12-31
    expect(await dossierDeadline(rice)).toMatchObject({ days: 30, dueOn: "2026-01-30" });
    const dept = portfolio.department.id;

    const all = await ok<Item>(await put("acceptance_dossier_days", { unitId: null, regime: "*", value: 40 }));
    expect(all.atScope).toMatchObject({ unitId: null, regime: "*", value: 40, valid: true });
    expect(all.regimes.map((r) => r.value)).toEqual([40, 40]);
    expect(await dossierDeadline(rice)).toMatchObject({ days: 40, dueOn: "2026-02-09" });

    const own = await ok<Item>(await put("acceptance_dossier_days", { unitId: dept, regime: "*", value: 45 }));
    expect(own.regimes[0]).toMatchObject({ value: 45, source: { kind: "override", unitId: dept, regime: "*" } });
    expect(await dossierDeadline(rice)).toMatchObject({ days: 45, dueOn: "2026-02-14" });

    // All units' value for the regime does not outrank the unit's own for every regime.
    await ok(await put("acceptance_dossier_days", { unitId: null, regime: "law_2013", value: 50 }));
    const forUnit = await itemOf("acceptance_dossier_days", `unitId=${dept}`);
    expect(forUnit.regimes.map((r) => [r.regime, r.value, r.source])).toEqual([
      ["law_2013", 45, { kind: "override", unitId: dept, regime: "*" }],
      ["law_93_2025", 45, { kind: "override", unitId: dept, regime: "*" }],
    ]);
    expect(forUnit.overrides.map((o) => [o.unitId, o.regime, o.value])).toEqual([
      [null, "*", 40],
      [null, "law_2013", 50],
      [dept, "*", 45],
    ]);
    // Another unit inherits the values for all units.
    const other = await itemOf("acceptance_dossier_days", `unitId=${portfolio.namDinh.id}`);
    expect(other.regimes.map((r) => r.value)).toEqual([50, 40]);
    expect(other.overrides.map((o) => o.unitId)).toEqual([null, null]);
    // Staff see what applies to their unit.
    expect((await itemOf("acceptance_dossier_days", "", "staff")).regimes[0]?.value).toBe(45);

    const reset = await ok<Item>(await del("acceptance_dossier_days", `unitId=${dept}&regime=*`));
    expect(reset.atScope).toBeNull();
    expect(reset.regimes.map((r) => [r.value, r.source])).toEqual([
      [50, { kind: "override", unitId: null, regime: "law_2013" }],
      [40, { kind: "override", unitId: null, regime: "*" }],
    ]);
    expect(await dossierDeadline(rice)).toMatchObject({ days: 50, dueOn: "2026-02-19" });
    expect((await del("acceptance_dossier_days", `unitId=${dept}&regime=*`)).status).toBe(404);

    await ok(await del("acceptance_dossier_days", "regime=law_2013"));
    await ok(await del("acceptance_dossier_days", "regime=*"));
    expect(await dossierDeadline(rice)).toMatchObject({ days: 30, dueOn: "2026-01-30" });
    expect((await itemOf("acceptance_dossier_days")).overrides).toEqual([]);
  });

  it("records each change with the old and new value, and none for a value stored again unchanged", async () => {
    const dept = portfolio.department.id;
    const start = (await counts()).audited;
    await ok(await put("report_due_days", { unitId: dept, regime: "law_93_2025", value: ["03-31", "09-30"] }));
    await ok(await put("report_due_days", { unitId: dept, regime: "law_93_2025", value: ["06-30", "12-15"] }));
    await ok(await put("report_due_days", { unitId: dept, regime: "law_93_2025", value: ["06-30", "12-15"] }));
    await ok(await del("report_due_days", `unitId=${dept}&regime=law_93_2025`));
    const rows = await api.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "entity_id", "data"])
      .where("entity_type", "=", "rule_parameter")
      .orderBy("id")
      .execute();
    expect(rows.length - start).toBe(3);
    expect(rows.slice(start)).toEqual([
      {
        action: "rule_parameter.set",
        actor_user_id: portfolio.users.admin.id,
        entity_id: "report_due_days",
        data: { key: "report_due_days", unitId: dept, regime: "law_93_2025", before: null, after: ["03-31", "09-30"] },
      },
      {
        action: "rule_parameter.set",
        actor_user_id: portfolio.users.admin.id,
        entity_id: "report_due_days",
        data: {
          key: "report_due_days",
          unitId: dept,
          regime: "law_93_2025",
          before: ["03-31", "09-30"],
          after: ["06-30", "12-15"],
        },
      },
      {
        action: "rule_parameter.reset",
        actor_user_id: portfolio.users.admin.id,
        entity_id: "report_due_days",
        data: { key: "report_due_days", unitId: dept, regime: "law_93_2025", before: ["06-30", "12-15"], after: null },
      },
    ]);
  });

  it("stores composite values whole and shows a stored value that no longer fits instead of failing", async () => {
    const scheme = {
      kind: "points",
      max: 100,
      bands: [
        { min: 85, grade: "excellent", label: "excellent" },
        { min: 50, grade: "pass", label: "pass" },
        { min: 0, grade: "fail", label: "fail" },
      ],
    };
    const stored = await ok<Item>(await put("grading_scheme", { unitId: null, regime: "law_93_2025", value: scheme }));
    expect(stored.regimes).toEqual([
      expect.objectContaining({
        regime: "law_93_2025",
        value: scheme,
        source: { kind: "override", unitId: null, regime: "law_93_2025" },
      }),
    ]);
    await ok(await del("grading_scheme", "regime=law_93_2025"));

    // Written behind the screen's back (or by an older version of the rules).
    await api.db
      .insertInto("rule_parameter")
      .values({ unit_id: null, regime: "*", key: "report_overdue_grace_days", value: jsonb(-3) })
      .execute();
    const broken = await itemOf("report_overdue_grace_days");
    expect(broken.regimes[0]).toMatchObject({ value: -3, source: { kind: "override" } });
    expect(broken.regimes[0]?.error).toBeTruthy();
    expect(broken.overrides[0]?.valid).toBe(false);
    const fixed = await ok<Item>(await put("report_overdue_grace_days", { unitId: null, regime: "*", value: 3 }));
    expect(fixed.regimes.map((r) => [r.value, r.error])).toEqual([
      [3, null],
      [3, null],
    ]);
    await ok(await del("report_overdue_grace_days", "regime=*"));
  });
});
