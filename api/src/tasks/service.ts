import { isUniqueViolation } from "@khcn/db/errors";
import { type Database, type FundingMode, STAGES, type Stage, type TaskTable, type TeamRole } from "@khcn/db/schema";
import { taskSearchText } from "@khcn/db/search-text";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import {
  type Actor,
  canAssignTaskToUnit,
  canCreateTask,
  canEditTask,
  canSeeTask,
  isPiOf,
  type TaskAccessFacts,
  taskCreatorRole,
  taskFieldsReservedFrom,
  taskScope,
} from "../auth/permissions.ts";
import { otherSources } from "../budget/money.ts";
import { DomainError, notFound } from "../http/errors.ts";
import { overdueDossiers, overdueReportTasks, upcomingDeadlines } from "../portfolio/signals.ts";
import { vietnamToday } from "../reports/schedule.ts";
import {
  type CodeTemplate,
  codeSeries,
  codeYear,
  DEFAULT_TASK_CODE_TEMPLATE,
  formatCode,
  nextSequence,
  parseCodeTemplate,
  TASK_CODE_TEMPLATE_SETTING,
} from "./code-template.ts";
import {
  type FreezeCode,
  frozenFieldCodes,
  frozenFields,
  RECORD_FIELDS,
  type RecordField,
  refusedChanges,
} from "./edit-rules.ts";
import {
  applyPatch,
  canonicalQuantity,
  checkRecord,
  DEFAULT_FUNDING_MODE,
  DEFAULT_REGIME,
  diffRecords,
  type TaskRecord,
} from "./record.ts";
import * as repo from "./repository.ts";
import type {
  CreateTaskBody,
  TaskDetail,
  TaskList,
  TaskListFilterQuery,
  TaskListQuery,
  TaskSummary,
  UpdateTaskBody,
} from "./schemas.ts";

/** The list's query as a repository filter; the sets that are rules rather than SQL are computed here. */
async function taskFilterOf(
  db: Kysely<Database>,
  actor: Actor,
  query: TaskListFilterQuery,
  now: Date,
): Promise<repo.TaskFilter> {
  const scope = taskScope(actor);
  const filter: repo.TaskFilter = {
    scope,
    ...(query.stage ? { stages: query.stage } : {}),
    ...(query.theme !== undefined ? { themeId: query.theme } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.field ? { field: query.field } : {}),
    ...(query.host !== undefined ? { hostId: query.host } : {}),
    ...(query.year !== undefined ? { year: query.year } : {}),
    ...(query.q ? { text: query.q } : {}),
    ...(query.mine ? { memberPersonId: actor.personId } : {}),
    ...(query.formerProvince !== undefined ? { formerProvinceId: query.formerProvince } : {}),
    ...(query.pendingAdjustment ? { pendingAdjustment: true } : {}),
    ...(query.budgetYear !== undefined ? { budgetYear: query.budgetYear } : {}),
  };
  const today = vietnamToday(now);
  const sets: Promise<number[]>[] = [];
  if (query.overdueReports) sets.push(overdueReportTasks(db, scope, today).then(ids));
  if (query.overdueDossier) sets.push(overdueDossiers(db, scope, today).then(ids));
  if (query.deadlineWithin !== undefined) {
    const kind = query.deadlineKind;
    sets.push(
      upcomingDeadlines(db, scope, today, query.deadlineWithin).then((list) =>
        ids(kind ? list.filter((d) => d.kind === kind) : list),
      ),
    );
  }
  if (sets.length) {
    const [firstSet = [], ...others] = await Promise.all(sets);
    filter.taskIds = firstSet.filter((id) => others.every((set) => set.includes(id)));
  }
  return filter;
}

const ids = (list: readonly { taskId: number }[]) => [...new Set(list.map((item) => item.taskId))];

/** The most rows one export carries; a portfolio is a few hundred tasks. */
export const MAX_EXPORT_ROWS = 10_000;

/** Every task the list's filters select, in its order, for a spreadsheet. */
export async function tasksForExport(
  db: Kysely<Database>,
  actor: Actor,
  query: TaskListFilterQuery & Pick<TaskListQuery, "sort" | "order">,
  now = new Date(),
): Promise<TaskSummary[]> {
  const filter = await taskFilterOf(db, actor, query, now);
  const rows = await repo.listTasks(db, filter, {
    sort: query.sort,
    order: query.order,
    limit: MAX_EXPORT_ROWS,
    offset: 0,
  });
  return rows.map(toSummary);
}

export async function listTasks(
  db: Kysely<Database>,
  actor: Actor,
  query: TaskListQuery,
  now = new Date(),
): Promise<TaskList> {
  const filter = await taskFilterOf(db, actor, query, now);
  const { stages: _stages, ...withoutStages } = filter;
  // The total is the stage counts of the filtered stages: one pass over the matching tasks, not two.
  const [rows, byStage] = await Promise.all([
    repo.listTasks(db, filter, {
      sort: query.sort,
      order: query.order,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    }),
    repo.countTasksByStage(db, withoutStages),
  ]);
  const stageCounts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
  for (const row of byStage) stageCounts[row.stage] = Number(row.n);
  const total = [...new Set(filter.stages ?? STAGES)].reduce((n, stage) => n + stageCounts[stage], 0);
  return {
    items: rows.map(toSummary),
    total,
    page: query.page,
    pageSize: query.pageSize,
    stageCounts,
  };
}

/** A task the actor may not see answers 404, as if absent: its existence is not disclosed. */
export async function getTask(db: Kysely<Database>, actor: Actor, id: number): Promise<TaskDetail> {
  const row = await repo.findTaskDetail(db, id, taskScope(actor));
  if (!row) throw notFound("Task");
  const { team, content_items: contentItems, products, application_sites: sites } = row;
  const facts: TaskAccessFacts = {
    managingUnitId: row.managing_unit_id,
    piPersonId: row.pi_person_id,
    teamPersonIds: team.map((m) => m.person_id),
    stage: row.stage,
  };
  return {
    ...toSummary(row),
    objectives: row.objectives,
    fundingMode: row.funding_mode,
    stateBudget: row.state_budget,
    otherBudget: otherSources(row.total_budget, row.state_budget),
    managingUnit: { id: row.managing_unit_id, name: row.managing_unit_name },
    orderingAgency: row.ordering_agency,
    selectionMethod: row.selection_method,
    team: team.map((m) => ({
      personId: m.person_id,
      fullName: m.full_name,
      title: m.title,
      position: m.position,
      organisation: m.organisation_name,
      role: m.role,
    })),
    ...recordLists(contentItems, products, sites),
    registration: row.registration_number
      ? { number: row.registration_number, registeredOn: row.registered_on ?? "" }
      : null,
    recovery: row.recovery_cause ? { cause: row.recovery_cause, amount: row.recovery_amount ?? "0" } : null,
    edit: editability(actor, facts, row.funding_mode),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const STAFF_ONLY_REASON = "Only the Department's staff set this";

/** What the signed-in user may change now: the UI locks the rest and shows why. */
function editability(actor: Actor, facts: TaskAccessFacts, fundingMode: FundingMode): TaskDetail["edit"] {
  if (!canEditTask(actor, facts)) return { allowed: false, locked: {}, lockCodes: {} };
  const locked: Record<string, string> = {};
  const lockCodes: Record<string, FreezeCode | "STAFF_ONLY"> = {};
  for (const field of taskFieldsReservedFrom(actor, facts)) {
    locked[field] = STAFF_ONLY_REASON;
    lockCodes[field] = "STAFF_ONLY";
  }
  Object.assign(locked, frozenFields({ stage: facts.stage, fundingMode }));
  Object.assign(lockCodes, frozenFieldCodes({ stage: facts.stage, fundingMode }));
  return { allowed: RECORD_FIELDS.some((f) => locked[f] === undefined), locked, lockCodes };
}

// ---- registering a task

const CODE_ATTEMPTS = 3;

/**
 * Registers a task in stage `proposed`. Staff register for their unit and choose everything; a
 * scientist submits their own proposal, which they lead and which goes to their unit (or the
 * only department). The code comes from the template unless staff give one.
 */
export async function createTask(db: Kysely<Database>, actor: Actor, input: CreateTaskBody): Promise<TaskDetail> {
  const role = taskCreatorRole(actor);
  if (!canCreateTask(actor) || role === null) throw new DomainError("FORBIDDEN", "You may not register tasks");

  const refused: Record<string, string> = {};
  for (const field of taskFieldsReservedFrom(actor)) {
    const value = input[field as keyof CreateTaskBody];
    if (value === undefined || (field === "piPersonId" && value === actor.personId)) continue;
    refused[field] = STAFF_ONLY_REASON;
  }
  if (Object.keys(refused).length > 0) {
    throw new DomainError("FORBIDDEN", "A proposal leaves some fields to the Department's staff", refused);
  }
  let piPersonId = input.piPersonId ?? null;
  if (role === "proposer") {
    if (actor.personId === null) {
      throw new DomainError(
        "FORBIDDEN",
        "Your account is not linked to a scientist's record, so it cannot lead a proposal: ask the Department to link it",
      );
    }
    piPersonId = actor.personId;
  }

  // A generated code can still meet a code someone typed in at the same moment: then take the next.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => insertNewTask(trx, actor, role, input, piPersonId));
    } catch (error) {
      if (!isUniqueViolation(error, "task_code_key")) throw error;
      if (input.code !== undefined || attempt >= CODE_ATTEMPTS) throw duplicateCode();
    }
  }
}

async function insertNewTask(
  trx: Kysely<Database>,
  actor: Actor,
  role: "staff" | "proposer",
  input: CreateTaskBody,
  piPersonId: number | null,
): Promise<TaskDetail> {
  const managingUnitId = await managingUnitFor(trx, actor, role, input.managingUnitId);
  const regime = input.regime ?? DEFAULT_REGIME;
  const baseline: TaskRecord = {
    code: "",
    title: input.title,
    kind: input.kind,
    field: input.field,
    regime,
    managingUnitId,
    formerProvinceId: null,
    hostOrganisationId: null,
    piPersonId: null,
    team: [],
    orderingAgency: null,
    selectionMethod: null,
    startDate: null,
    endDate: null,
    fundingMode: input.fundingMode ?? DEFAULT_FUNDING_MODE[regime],
    totalBudget: "0",
    stateBudget: "0",
    objectives: null,
    themeIds: [],
    contentItems: [],
    products: [],
    applicationSites: [],
  };
  const { code: _code, managingUnitId: _unit, piPersonId: _pi, ...rest } = input;
  const record = applyPatch(baseline, { ...rest, regime, piPersonId });

  const errors = { ...checkRecord(record), ...(await checkReferences(trx, record, RECORD_FIELDS, null, [])) };
  if (Object.keys(errors).length > 0) throw invalid(errors);

  let code: string;
  if (input.code !== undefined) {
    if (await repo.codeTaken(trx, input.code)) throw duplicateCode();
    code = input.code;
  } else {
    code = await generateCode(trx, record);
  }
  record.code = code;

  const { id } = await repo.insertTask(trx, {
    ...columnsOf(record),
    stage: "proposed",
    created_by: actor.userId,
    search_text: taskSearchText(record.code, record.title),
  });
  await repo.replaceThemes(trx, id, record.themeIds);
  await repo.replaceTeam(trx, id, record.team);
  await repo.syncContentItems(trx, id, record.contentItems);
  await repo.syncProducts(trx, id, record.products);
  await repo.syncApplicationSites(trx, id, record.applicationSites);
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "task.created",
    entityType: "task",
    entityId: id,
    taskId: id,
    data: { stage: "proposed", changes: diffRecords(EMPTY_RECORD, record) },
  });
  return getTask(trx, actor, id);
}

/** The record before anything is known: what a creation's audit entry compares with. */
const EMPTY_RECORD = {
  code: null,
  title: null,
  kind: null,
  field: null,
  regime: null,
  managingUnitId: null,
  formerProvinceId: null,
  hostOrganisationId: null,
  piPersonId: null,
  team: [],
  orderingAgency: null,
  selectionMethod: null,
  startDate: null,
  endDate: null,
  fundingMode: null,
  totalBudget: "0",
  stateBudget: "0",
  objectives: null,
  themeIds: [],
  contentItems: [],
  products: [],
  applicationSites: [],
} as unknown as TaskRecord;

async function managingUnitFor(
  trx: Kysely<Database>,
  actor: Actor,
  role: "staff" | "proposer",
  requested: number | undefined,
): Promise<number> {
  if (role === "proposer") {
    if (actor.unitId !== null) return actor.unitId;
    const departments = await repo.departmentIds(trx);
    if (departments.length === 1 && departments[0] !== undefined) return departments[0];
    throw new DomainError(
      "CONFLICT",
      "It is not clear which department should receive this proposal: ask the Department to register it",
    );
  }
  const unitId = requested ?? actor.unitId;
  if (unitId === null) throw invalid({ managingUnitId: "Choose the managing unit" });
  if (!canAssignTaskToUnit(actor, unitId)) {
    throw new DomainError("FORBIDDEN", "You register tasks for your own unit only", {
      managingUnitId: "Not your unit",
    });
  }
  return unitId;
}

/** The next code of the template's series, taken under a lock on that series. */
async function generateCode(trx: Kysely<Database>, record: TaskRecord): Promise<string> {
  const setting = await repo.readSetting(trx, TASK_CODE_TEMPLATE_SETTING, record.regime);
  let template: CodeTemplate;
  try {
    template = parseCodeTemplate(setting ?? DEFAULT_TASK_CODE_TEMPLATE);
  } catch (error) {
    throw new DomainError(
      "SETTING_INVALID",
      `The task code template (setting ${TASK_CODE_TEMPLATE_SETTING}) is not valid: ${(error as Error).message}`,
    );
  }
  const series = codeSeries(template, { kind: record.kind, year: codeYear(record.startDate, new Date()) });
  await repo.lockCodeSeries(trx, `${series.prefix}#${series.suffix}`);
  const codes = await repo.codesStartingWith(trx, series.prefix);
  return formatCode(series, nextSequence(series, codes));
}

// ---- editing the record

/**
 * Applies a partial edit under optimistic concurrency: the row is locked, the client's version
 * must be the current one, and the change lands with one audit entry naming each field's value
 * before and after. Unchanged fields are ignored, so a form may send back everything it shows.
 */
export async function updateTask(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  body: UpdateTaskBody,
  ifMatch: string | undefined,
): Promise<TaskDetail> {
  const { version: bodyVersion, ...patch } = body;
  const version = expectedVersion(bodyVersion, ifMatch);
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await repo.lockTaskRow(trx, id);
      if (!row) throw notFound("Task");
      const team = await repo.teamEntriesOfTask(trx, id);
      const facts: TaskAccessFacts = {
        managingUnitId: row.managing_unit_id,
        piPersonId: row.pi_person_id,
        teamPersonIds: team.map((m) => m.person_id),
        stage: row.stage,
      };
      if (!canSeeTask(actor, facts)) throw notFound("Task");
      if (!canEditTask(actor, facts)) {
        throw new DomainError(
          "FORBIDDEN",
          isPiOf(actor, facts)
            ? "Your proposal has been taken forward: only the Department's staff edit it now"
            : "You may not edit this task",
        );
      }
      if (row.version !== version) {
        throw new DomainError(
          "STALE_VERSION",
          `The task was changed by someone else since you opened it (version ${version}, now ${row.version}): reload it`,
          { version: `The current version is ${row.version}` },
        );
      }

      const current = await loadRecord(trx, row, team);
      const next = applyPatch(current, patch);
      const changes = diffRecords(current, next);
      const changed = Object.keys(changes) as RecordField[];
      if (changed.length === 0) return getTask(trx, actor, id);

      const reserved = taskFieldsReservedFrom(actor, facts);
      const refused = Object.fromEntries(
        changed.filter((f) => reserved.includes(f)).map((f) => [f, STAFF_ONLY_REASON] as const),
      );
      if (Object.keys(refused).length > 0) {
        throw new DomainError("FORBIDDEN", "Some of these fields are set by the Department's staff", refused);
      }
      // As at registration: staff keep tasks in their own unit; one handed elsewhere would leave their sight.
      if (changes.managingUnitId && !canAssignTaskToUnit(actor, next.managingUnitId)) {
        throw new DomainError("FORBIDDEN", "You register tasks for your own unit only", {
          managingUnitId: "Not your unit",
        });
      }
      const frozen = refusedChanges({ stage: row.stage, fundingMode: row.funding_mode }, changed);
      if (Object.keys(frozen).length > 0) {
        throw new DomainError("FROZEN_FIELD", `In stage ${row.stage} some of these fields cannot change`, frozen);
      }
      const errors = { ...checkRecord(next), ...(await checkReferences(trx, next, changed, id, current.themeIds)) };
      if (Object.keys(errors).length > 0) throw invalid(errors);
      if (changes.code && (await repo.codeTaken(trx, next.code, id))) throw duplicateCode();

      const columns = columnsOf(next);
      const set: Partial<typeof columns> = {};
      for (const field of changed) {
        if (field in COLUMN_OF) {
          const column = COLUMN_OF[field as keyof typeof COLUMN_OF];
          Object.assign(set, { [column]: columns[column] });
        }
      }
      const updated = await repo.updateTaskRow(trx, id, {
        ...set,
        search_text: taskSearchText(next.code, next.title),
      });
      if (changes.themeIds) await repo.replaceThemes(trx, id, next.themeIds);
      if (changes.team) await repo.replaceTeam(trx, id, next.team);
      if (changes.contentItems) await repo.syncContentItems(trx, id, next.contentItems);
      if (changes.products) await repo.syncProducts(trx, id, next.products);
      if (changes.applicationSites) await repo.syncApplicationSites(trx, id, next.applicationSites);
      await appendAudit(trx, {
        actorUserId: actor.userId,
        action: "task.updated",
        entityType: "task",
        entityId: id,
        taskId: id,
        data: { version: updated.version, changes },
      });
      return getTask(trx, actor, id);
    });
  } catch (error) {
    if (isUniqueViolation(error, "task_code_key")) throw duplicateCode();
    throw error;
  }
}

/** The version an edit is based on: the body's `version` or the If-Match ETag (`"3"`), which must agree. */
export function expectedVersion(bodyVersion: number | undefined, ifMatch: string | undefined): number {
  let headerVersion: number | undefined;
  if (ifMatch !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(ifMatch);
    if (!match) throw invalid({ version: 'If-Match must be the ETag of the task, e.g. "3"' });
    headerVersion = Number(match[1]);
  }
  if (bodyVersion !== undefined && headerVersion !== undefined && bodyVersion !== headerVersion) {
    throw invalid({ version: "The If-Match header and the body's version differ" });
  }
  const version = bodyVersion ?? headerVersion;
  if (version === undefined) {
    throw invalid({ version: "Send the version you edited (body version or If-Match header)" });
  }
  return version;
}

type TaskRow = NonNullable<Awaited<ReturnType<typeof repo.lockTaskRow>>>;

async function loadRecord(
  trx: Kysely<Database>,
  row: TaskRow,
  team: { person_id: number; role: TeamRole }[],
): Promise<TaskRecord> {
  const [themeIds, contentItems, products, sites] = await Promise.all([
    repo.themeIdsOfTask(trx, row.id),
    repo.contentItemsOfTask(trx, row.id),
    repo.productsOfTask(trx, row.id),
    repo.applicationSitesOfTask(trx, row.id),
  ]);
  return {
    code: row.code,
    title: row.title,
    kind: row.kind,
    field: row.field,
    regime: row.regime,
    managingUnitId: row.managing_unit_id,
    formerProvinceId: row.former_province_id,
    hostOrganisationId: row.host_organisation_id,
    piPersonId: row.pi_person_id,
    team: team.map((m) => ({ personId: m.person_id, role: m.role })),
    orderingAgency: row.ordering_agency,
    selectionMethod: row.selection_method,
    startDate: row.start_date,
    endDate: row.end_date,
    fundingMode: row.funding_mode,
    totalBudget: row.total_budget,
    stateBudget: row.state_budget,
    objectives: row.objectives,
    themeIds,
    ...recordLists(contentItems, products, sites),
  };
}

/** The task columns each scalar field of the record is stored in. */
const COLUMN_OF = {
  code: "code",
  title: "title",
  kind: "kind",
  field: "field",
  regime: "regime",
  managingUnitId: "managing_unit_id",
  formerProvinceId: "former_province_id",
  hostOrganisationId: "host_organisation_id",
  piPersonId: "pi_person_id",
  orderingAgency: "ordering_agency",
  selectionMethod: "selection_method",
  startDate: "start_date",
  endDate: "end_date",
  fundingMode: "funding_mode",
  totalBudget: "total_budget",
  stateBudget: "state_budget",
  objectives: "objectives",
} as const satisfies Partial<Record<RecordField, keyof TaskTable>>;

function columnsOf(r: TaskRecord) {
  return {
    code: r.code,
    title: r.title,
    kind: r.kind,
    field: r.field,
    regime: r.regime,
    managing_unit_id: r.managingUnitId,
    former_province_id: r.formerProvinceId,
    host_organisation_id: r.hostOrganisationId,
    pi_person_id: r.piPersonId,
    ordering_agency: r.orderingAgency,
    selection_method: r.selectionMethod,
    start_date: r.startDate,
    end_date: r.endDate,
    funding_mode: r.fundingMode,
    total_budget: r.totalBudget,
    state_budget: r.stateBudget,
    objectives: r.objectives,
  } satisfies Record<(typeof COLUMN_OF)[keyof typeof COLUMN_OF], unknown>;
}

/**
 * That what the record points at exists and fits: units of the right kind, people,
 * organisations, themes not archived (a theme already linked may stay), list rows of this task.
 */
async function checkReferences(
  trx: Kysely<Database>,
  r: TaskRecord,
  changed: readonly RecordField[],
  taskId: number | null,
  linkedThemeIds: readonly number[],
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const has = (f: RecordField) => changed.includes(f);

  if (has("managingUnitId")) {
    const unit = await repo.findUnit(trx, r.managingUnitId);
    if (unit?.kind !== "department") fields.managingUnitId = "No such department";
  }
  if (has("formerProvinceId") && r.formerProvinceId !== null) {
    const unit = await repo.findUnit(trx, r.formerProvinceId);
    if (unit?.kind !== "former_province") fields.formerProvinceId = "No such former province";
  }
  if (has("hostOrganisationId") && r.hostOrganisationId !== null) {
    if (!(await repo.organisationExists(trx, r.hostOrganisationId))) fields.hostOrganisationId = "No such organisation";
  }
  if (has("piPersonId") || has("team")) {
    const wanted = [...new Set([...(r.piPersonId !== null ? [r.piPersonId] : []), ...r.team.map((m) => m.personId)])];
    const found = await repo.existingPersonIds(trx, wanted);
    if (r.piPersonId !== null && !found.has(r.piPersonId)) fields.piPersonId = "No such person";
    r.team.forEach((m, i) => {
      if (!found.has(m.personId)) fields[`team.${i}.personId`] ??= "No such person";
    });
  }
  if (has("themeIds")) {
    const themes = new Map((await repo.themesByIds(trx, r.themeIds)).map((t) => [t.id, t]));
    r.themeIds.forEach((themeId, i) => {
      const theme = themes.get(themeId);
      if (!theme) fields[`themeIds.${i}`] = "No such theme";
      else if (theme.archived && !linkedThemeIds.includes(themeId)) fields[`themeIds.${i}`] = "This theme is archived";
    });
  }
  const lists = [
    ["contentItems", "task_content_item"],
    ["products", "task_product"],
    ["applicationSites", "task_application_site"],
  ] as const;
  for (const [list, table] of lists) {
    if (!has(list) || r[list].every((item) => item.id === undefined)) continue;
    const own = taskId === null ? new Set<number>() : await repo.listItemIds(trx, table, taskId);
    r[list].forEach((item, i) => {
      if (item.id !== undefined && !own.has(item.id)) fields[`${list}.${i}.id`] ??= "No such item on this task";
    });
  }
  return fields;
}

const invalid = (fields: Record<string, string>) =>
  new DomainError("VALIDATION_FAILED", "The request is not valid", fields);

const duplicateCode = () =>
  new DomainError("DUPLICATE_CODE", "Another task already has this code", { code: "This code is already in use" });

function toSummary(row: repo.TaskSummaryRow): TaskSummary {
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
    themes: row.themes,
  };
}

/** The record's repeatable parts as the API shows them, shared by the detail and the edit diff. */
function recordLists(
  contentItems: {
    id: number;
    title: string;
    description: string | null;
    planned_start: string | null;
    planned_end: string | null;
  }[],
  products: {
    id: number;
    product_class: "I" | "II" | "III";
    name: string;
    specification: string | null;
    quantity: string;
    unit: string;
    due_on: string | null;
  }[],
  sites: { id: number; name: string; location: string | null; scale: string | null }[],
) {
  return {
    contentItems: contentItems.map((c) => ({
      id: c.id,
      title: c.title,
      description: c.description,
      plannedStart: c.planned_start,
      plannedEnd: c.planned_end,
    })),
    products: products.map((p) => ({
      id: p.id,
      productClass: p.product_class,
      name: p.name,
      specification: p.specification,
      quantity: canonicalQuantity(p.quantity),
      unit: p.unit,
      dueOn: p.due_on,
    })),
    applicationSites: sites.map((a) => ({ id: a.id, name: a.name, location: a.location, scale: a.scale })),
  };
}
