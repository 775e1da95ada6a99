import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DatabaseHandle } from "../src/connect.ts";
import { migrateToLatest } from "../src/migrate.ts";
import type { Database } from "../src/schema.ts";
import { taskSearchText } from "../src/search-text.ts";
import { buildOrganisation, buildPerson, buildTask, buildTheme, buildUnit, buildUser } from "./builders.ts";

describe("builders", () => {
  let handle: DatabaseHandle;
  let db: Kysely<Database>;

  beforeAll(async () => {
    handle = await connect({ memory: true });
    db = handle.db;
    await migrateToLatest(db as Kysely<unknown>);
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it("gives unique defaults, so repeated calls never collide", async () => {
    const [a, b] = [await buildUnit(db), await buildUnit(db)];
    expect(a.code).not.toBe(b.code);
    const [o1, o2] = [await buildOrganisation(db), await buildOrganisation(db)];
    expect(o1.name).not.toBe(o2.name);
    const [t1, t2] = [await buildTheme(db), await buildTheme(db)];
    expect(t1.code).not.toBe(t2.code);
    const [k1, k2] = [await buildTask(db), await buildTask(db)];
    expect(k1.code).not.toBe(k2.code);
  });

  it("builds a task with its search text, themes and team, the PI first", async () => {
    const unit = await buildUnit(db);
    const [pi, secretary, member] = [await buildPerson(db), await buildPerson(db), await buildPerson(db)];
    const theme = await buildTheme(db);
    const task = await buildTask(db, {
      code: "ĐT.2024.07",
      title: "Nghiên cứu chọn tạo giống lúa chịu mặn",
      managing_unit_id: unit.id,
      pi_person_id: pi.id,
      total_budget: 1_250_500_000n,
      state_budget: "1000000000",
      themeIds: [theme.id],
      team: [
        { personId: secretary.id, role: "secretary" },
        { personId: member.id, role: "member" },
      ],
    });
    expect(task.search_text).toBe(taskSearchText("ĐT.2024.07", "Nghiên cứu chọn tạo giống lúa chịu mặn"));
    expect(task.search_text).toContain("giong lua");
    expect(task.total_budget).toBe("1250500000");
    expect(task.managing_unit_id).toBe(unit.id);
    const team = await db
      .selectFrom("task_member")
      .select(["person_id", "role", "sort_order"])
      .where("task_id", "=", task.id)
      .orderBy("sort_order")
      .execute();
    expect(team).toEqual([
      { person_id: pi.id, role: "pi", sort_order: 0 },
      { person_id: secretary.id, role: "secretary", sort_order: 1 },
      { person_id: member.id, role: "member", sort_order: 2 },
    ]);
    const themes = await db.selectFrom("task_theme").select("theme_id").where("task_id", "=", task.id).execute();
    expect(themes).toEqual([{ theme_id: theme.id }]);
  });

  it("takes the PI from a 'pi' team entry and refuses a second PI", async () => {
    const person = await buildPerson(db);
    const task = await buildTask(db, { team: [{ personId: person.id, role: "pi" }] });
    expect(task.pi_person_id).toBe(person.id);
    const other = await buildPerson(db);
    await expect(
      buildTask(db, { pi_person_id: other.id, team: [{ personId: person.id, role: "pi" }] }),
    ).rejects.toThrow(/pi/);
  });

  it("inserts a user with roles and links the person", async () => {
    const unit = await buildUnit(db);
    const person = await buildPerson(db);
    const user = await buildUser(db, {
      email: "Chu.Nhiem@Example.org",
      passwordHash: "hash:x",
      fullName: "Phạm Văn Hùng",
      roles: ["pi", "council"],
      unitId: unit.id,
      personId: person.id,
    });
    expect(user.roles).toEqual(["pi", "council"]);
    const roles = await db
      .selectFrom("user_role")
      .select("role")
      .where("user_id", "=", user.id)
      .orderBy("role")
      .execute();
    expect(roles.map((r) => r.role)).toEqual(["council", "pi"]);
    const linked = await db
      .selectFrom("person")
      .select("user_id")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(linked.user_id).toBe(user.id);
    await expect(buildUser(db, { passwordHash: "h", personId: 999_999 })).rejects.toThrow(/does not exist/);
  });
});
