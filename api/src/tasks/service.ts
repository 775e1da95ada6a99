import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { type Actor, taskScope } from "../auth/permissions.ts";
import { otherSources } from "../budget/money.ts";
import { notFound } from "../http/errors.ts";
import * as repo from "./repository.ts";
import type { TaskDetail, TaskList, TaskListQuery, TaskSummary } from "./schemas.ts";

export async function listTasks(db: Kysely<Database>, actor: Actor, query: TaskListQuery): Promise<TaskList> {
  const filter: repo.TaskFilter = {
    scope: taskScope(actor),
    ...(query.stage ? { stages: query.stage } : {}),
    ...(query.theme !== undefined ? { themeId: query.theme } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.field ? { field: query.field } : {}),
    ...(query.host !== undefined ? { hostId: query.host } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.q ? { text: query.q } : {}),
  };
  const [total, rows] = await Promise.all([
    repo.countTasks(db, filter),
    repo.listTasks(db, filter, {
      sort: query.sort,
      order: query.order,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
  ]);
  const themes = await repo.themesOfTasks(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => toSummary(row, themes)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A task the actor may not see answers 404, as if absent: its existence is not disclosed. */
export async function getTask(db: Kysely<Database>, actor: Actor, id: number): Promise<TaskDetail> {
  const row = await repo.findTask(db, id, taskScope(actor));
  if (!row) throw notFound("Task");
  const [themes, team] = await Promise.all([repo.themesOfTasks(db, [id]), repo.teamOfTask(db, id)]);
  return {
    ...toSummary(row, themes),
    objectives: row.objectives,
    fundingMode: row.funding_mode,
    stateBudget: row.state_budget,
    otherBudget: otherSources(row.total_budget, row.state_budget),
    managingUnit: { id: row.managing_unit_id, name: row.managing_unit_name },
    team: team.map((m) => ({
      personId: m.person_id,
      fullName: m.full_name,
      title: m.title,
      position: m.position,
      organisation: m.organisation_name,
      role: m.role,
    })),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toSummary(row: repo.TaskSummaryRow, themes: Awaited<ReturnType<typeof repo.themesOfTasks>>): TaskSummary {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    kind: row.kind,
    field: row.field,
    regime: row.regime,
    stage: row.stage,
    startDate: row.start_date,
    endDate: row.end_date,
    totalBudget: row.total_budget,
    host:
      row.host_organisation_id !== null && row.host_name !== null
        ? { id: row.host_organisation_id, name: row.host_name, shortName: row.host_short_name }
        : null,
    pi:
      row.pi_person_id !== null && row.pi_name !== null
        ? { id: row.pi_person_id, fullName: row.pi_name, title: row.pi_title }
        : null,
    formerProvince:
      row.former_province_id !== null && row.former_province_name !== null
        ? { id: row.former_province_id, name: row.former_province_name }
        : null,
    themes: themes
      .filter((t) => t.task_id === row.id)
      .map((t) => ({ id: t.id, code: t.code, nameVi: t.name_vi, nameEn: t.name_en })),
  };
}
