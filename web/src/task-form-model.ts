import type { CreateTaskBody, TaskDetail, UpdateTaskBody } from "@khcn/api/tasks/schemas";
import type { FundingMode, ProductClass, Regime, SelectionMethod, TaskField, TaskKind, TeamRole } from "./api/types.ts";
import type { UserMessage } from "./errors.ts";
import type { FieldErrors } from "./field-errors.ts";
import type { Locale, MoneyUnit } from "./format.ts";
import { formatMoneyInput, parseMoneyInput } from "./money-input.ts";

/*
 * The task form's state and its two translations: from a task to what the inputs show (every
 * value a string, money in the unit the user types in), and from the inputs back to the API's
 * body, with the checks the browser can make first. Error keys follow the API's field paths
 * (`products.1.quantity`), with team rows counted without the PI, as the form lists them.
 */

export interface PersonRef {
  id: number;
  fullName: string;
  title: string | null;
  organisation?: string | null;
}

export type MemberRole = Exclude<TeamRole, "pi">;
export const MEMBER_ROLES: readonly MemberRole[] = ["secretary", "key_member", "member"];
export const PRODUCT_CLASSES: readonly ProductClass[] = ["I", "II", "III"];
export const SELECTION_METHODS: readonly SelectionMethod[] = ["open_call", "direct_assignment"];
export const REGIMES: readonly Regime[] = ["law_93_2025", "law_2013"];
export const FUNDING_MODES: readonly FundingMode[] = ["full_lump_sum", "partial_lump_sum"];

export interface MemberRow {
  key: number;
  person: PersonRef | null;
  role: MemberRole;
}
export interface ContentRow {
  key: number;
  id?: number;
  title: string;
  description: string;
  plannedStart: string;
  plannedEnd: string;
}
export interface ProductRow {
  key: number;
  id?: number;
  productClass: ProductClass;
  name: string;
  specification: string;
  quantity: string;
  unit: string;
  dueOn: string;
}
export interface SiteRow {
  key: number;
  id?: number;
  name: string;
  location: string;
  scale: string;
}

export interface Draft {
  code: string;
  title: string;
  kind: TaskKind | "";
  field: TaskField | "";
  regime: Regime;
  managingUnitId: string;
  formerProvinceId: string;
  hostOrganisationId: string;
  pi: PersonRef | null;
  team: MemberRow[];
  orderingAgency: string;
  selectionMethod: SelectionMethod | "";
  startDate: string;
  endDate: string;
  fundingMode: FundingMode;
  /** As typed, in the form's money unit. */
  totalBudget: string;
  stateBudget: string;
  objectives: string;
  themeIds: number[];
  contentItems: ContentRow[];
  products: ProductRow[];
  applicationSites: SiteRow[];
}

let lastKey = 0;
/** A key for a new repeatable row, so the list keeps each row's inputs when rows come and go. */
export const rowKey = () => ++lastKey;

export function emptyDraft(): Draft {
  return {
    code: "",
    title: "",
    kind: "",
    field: "",
    regime: "law_93_2025",
    managingUnitId: "",
    formerProvinceId: "",
    hostOrganisationId: "",
    pi: null,
    team: [],
    orderingAgency: "",
    selectionMethod: "",
    startDate: "",
    endDate: "",
    fundingMode: "full_lump_sum",
    totalBudget: "",
    stateBudget: "",
    objectives: "",
    themeIds: [],
    contentItems: [],
    products: [],
    applicationSites: [],
  };
}

const moneyText = (dong: string, unit: MoneyUnit, locale: Locale) =>
  dong === "0" ? "" : formatMoneyInput(dong, unit, locale);

/** What the inputs show for a task. */
export function draftFromTask(task: TaskDetail, unit: MoneyUnit, locale: Locale): Draft {
  const quantity = (value: string) => (locale === "vi" ? value.replace(".", ",") : value);
  return {
    code: task.code,
    title: task.title,
    kind: task.kind,
    field: task.field,
    regime: task.regime,
    managingUnitId: String(task.managingUnit.id),
    formerProvinceId: task.formerProvince ? String(task.formerProvince.id) : "",
    hostOrganisationId: task.host ? String(task.host.id) : "",
    pi: task.pi ? { id: task.pi.id, fullName: task.pi.fullName, title: task.pi.title } : null,
    team: task.team
      .filter((m): m is typeof m & { role: MemberRole } => m.role !== "pi" && m.personId !== task.pi?.id)
      .map((m) => ({
        key: rowKey(),
        person: { id: m.personId, fullName: m.fullName, title: m.title, organisation: m.organisation },
        role: m.role,
      })),
    orderingAgency: task.orderingAgency ?? "",
    selectionMethod: task.selectionMethod ?? "",
    startDate: task.startDate ?? "",
    endDate: task.endDate ?? "",
    fundingMode: task.fundingMode,
    totalBudget: moneyText(task.totalBudget, unit, locale),
    stateBudget: moneyText(task.stateBudget, unit, locale),
    objectives: task.objectives ?? "",
    themeIds: task.themes.map((th) => th.id),
    contentItems: task.contentItems.map((c) => ({
      key: rowKey(),
      id: c.id,
      title: c.title,
      description: c.description ?? "",
      plannedStart: c.plannedStart ?? "",
      plannedEnd: c.plannedEnd ?? "",
    })),
    products: task.products.map((p) => ({
      key: rowKey(),
      id: p.id,
      productClass: p.productClass,
      name: p.name,
      specification: p.specification ?? "",
      quantity: quantity(p.quantity),
      unit: p.unit,
      dueOn: p.dueOn ?? "",
    })),
    applicationSites: task.applicationSites.map((a) => ({
      key: rowKey(),
      id: a.id,
      name: a.name,
      location: a.location ?? "",
      scale: a.scale ?? "",
    })),
  };
}

/** Money typed in one unit, shown again in another (left as typed when it does not parse). */
export function convertMoneyText(text: string, from: MoneyUnit, to: MoneyUnit, locale: Locale): string {
  const parsed = parseMoneyInput(text, from, locale);
  return parsed?.ok ? formatMoneyInput(parsed.dong, to, locale) : text;
}

/** A contracted quantity as the API takes it ("2.5"), from "2,5" or "2.5"; null if it is not one. */
export function parseQuantity(text: string): string | null {
  const value = text.trim().replace(",", ".");
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(value) || !/[1-9]/.test(value)) return null;
  return value;
}

/** The whole record as the API names it: what a creation sends, and what an edit compares. */
export type RecordBody = Required<Omit<CreateTaskBody, "code" | "managingUnitId" | "piPersonId">> & {
  code: string;
  managingUnitId: number | null;
  piPersonId: number | null;
};

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());
const idOrNull = (text: string) => (text === "" ? null : Number(text));

/** The record the inputs describe, and what is wrong with them. */
export function draftToRecord(
  draft: Draft,
  unit: MoneyUnit,
  locale: Locale,
): { record: RecordBody; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const need = (key: string, value: string, message: UserMessage = { key: "errors.fieldRequired" }) => {
    if (value.trim() === "") errors[key] = message;
  };
  need("title", draft.title);
  need("kind", draft.kind, { key: "errors.choiceRequired" });
  need("field", draft.field, { key: "errors.choiceRequired" });

  const money = (key: "totalBudget" | "stateBudget"): string => {
    const parsed = parseMoneyInput(draft[key], unit, locale);
    if (parsed === null) return "0";
    if (parsed.ok) return parsed.dong.toString();
    errors[key] = {
      key:
        parsed.problem === "format"
          ? "errors.moneyFormat"
          : parsed.problem === "whole"
            ? "errors.moneyWhole"
            : "errors.moneyTooLarge",
    };
    return "0";
  };
  const totalBudget = money("totalBudget");
  const stateBudget = money("stateBudget");
  if (!errors.totalBudget && !errors.stateBudget && BigInt(stateBudget) > BigInt(totalBudget)) {
    errors.stateBudget = { key: "errors.stateOverTotal" };
  }
  if (draft.startDate && draft.endDate && draft.endDate < draft.startDate) {
    errors.endDate = { key: "errors.endBeforeStart" };
  }

  const seen = new Set<number>(draft.pi ? [draft.pi.id] : []);
  draft.team.forEach((row, i) => {
    if (!row.person) errors[`team.${i}.personId`] = { key: "errors.choiceRequired" };
    else if (seen.has(row.person.id)) errors[`team.${i}.personId`] = { key: "errors.duplicatePerson" };
    else seen.add(row.person.id);
  });
  draft.contentItems.forEach((row, i) => {
    need(`contentItems.${i}.title`, row.title);
    if (row.plannedStart && row.plannedEnd && row.plannedEnd < row.plannedStart) {
      errors[`contentItems.${i}.plannedEnd`] = { key: "errors.endBeforeStart" };
    }
  });
  const products = draft.products.map((row, i) => {
    need(`products.${i}.name`, row.name);
    need(`products.${i}.unit`, row.unit);
    const quantity = parseQuantity(row.quantity);
    if (quantity === null) errors[`products.${i}.quantity`] = { key: "errors.quantityFormat" };
    return {
      ...(row.id !== undefined ? { id: row.id } : {}),
      productClass: row.productClass,
      name: row.name.trim(),
      specification: orNull(row.specification),
      quantity: quantity ?? row.quantity.trim(),
      unit: row.unit.trim(),
      dueOn: row.dueOn || null,
    };
  });
  draft.applicationSites.forEach((row, i) => {
    need(`applicationSites.${i}.name`, row.name);
  });

  const record: RecordBody = {
    code: draft.code.trim(),
    title: draft.title.trim(),
    kind: draft.kind as TaskKind,
    field: draft.field as TaskField,
    regime: draft.regime,
    managingUnitId: idOrNull(draft.managingUnitId),
    formerProvinceId: idOrNull(draft.formerProvinceId),
    hostOrganisationId: idOrNull(draft.hostOrganisationId),
    piPersonId: draft.pi?.id ?? null,
    team: [
      ...(draft.pi ? [{ personId: draft.pi.id, role: "pi" as const }] : []),
      ...draft.team.flatMap((row) => (row.person ? [{ personId: row.person.id, role: row.role }] : [])),
    ],
    orderingAgency: orNull(draft.orderingAgency),
    selectionMethod: draft.selectionMethod === "" ? null : draft.selectionMethod,
    startDate: draft.startDate || null,
    endDate: draft.endDate || null,
    fundingMode: draft.fundingMode,
    totalBudget,
    stateBudget,
    objectives: orNull(draft.objectives),
    themeIds: [...new Set(draft.themeIds)].sort((a, b) => a - b),
    contentItems: draft.contentItems.map((row) => ({
      ...(row.id !== undefined ? { id: row.id } : {}),
      title: row.title.trim(),
      description: orNull(row.description),
      plannedStart: row.plannedStart || null,
      plannedEnd: row.plannedEnd || null,
    })),
    products,
    applicationSites: draft.applicationSites.map((row) => ({
      ...(row.id !== undefined ? { id: row.id } : {}),
      name: row.name.trim(),
      location: orNull(row.location),
      scale: orNull(row.scale),
    })),
  };
  return { record, errors };
}

/**
 * The body of a new task: what was filled in. `asStaff` adds what only staff set (code, unit,
 * PI); a scientist's proposal is led by themselves, so the server fills in the PI and team.
 */
export function createBody(record: RecordBody, asStaff: boolean, selfPersonId: number | null = null): CreateTaskBody {
  const { code, managingUnitId, piPersonId, team, totalBudget, stateBudget, ...rest } = record;
  // A scientist leading their own proposal may name its team: they are its PI, as the server makes them.
  const ownTeam = !asStaff && selfPersonId !== null && piPersonId === selfPersonId && team.length > 1;
  return {
    ...rest,
    ...(totalBudget !== "0" ? { totalBudget } : {}),
    ...(stateBudget !== "0" ? { stateBudget } : {}),
    ...(asStaff && code ? { code } : {}),
    ...(asStaff && managingUnitId !== null ? { managingUnitId } : {}),
    ...(asStaff && piPersonId !== null ? { piPersonId } : {}),
    ...(asStaff ? { team } : {}),
    ...(ownTeam ? { piPersonId, team } : {}),
  };
}

/** An edit: only the fields that differ from the record the form was filled from, with its version. */
export function updateBody(before: RecordBody, after: RecordBody, version: number): UpdateTaskBody | null {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof RecordBody)[]) {
    if (JSON.stringify(after[key]) !== JSON.stringify(before[key])) changed[key] = after[key];
  }
  if (Object.keys(changed).length === 0) return null;
  // The team lists the PI: a new PI changes the team too, and the server checks them together.
  if ("piPersonId" in changed) changed.team = after.team;
  return { ...(changed as UpdateTaskBody), version };
}

/** A server field path in the form's terms: team rows are counted after the PI, who is not a row. */
export function formErrorKey(path: string, hasPi: boolean): string {
  const team = /^team\.(\d+)(\..*)?$/.exec(path);
  if (!team || !hasPi) return path;
  const index = Number(team[1]);
  return index === 0 ? "piPersonId" : `team.${index - 1}${team[2] ?? ""}`;
}
