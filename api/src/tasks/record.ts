import type {
  FundingMode,
  ProductClass,
  Regime,
  SelectionMethod,
  TaskField,
  TaskKind,
  TeamRole,
} from "@khcn/db/schema";
import { parseDong } from "../budget/money.ts";
import type { RecordField } from "./edit-rules.ts";

/*
 * A task's registry record as the API reads and writes it, and the pure steps of an edit:
 * apply a patch, see what changed, check that the result hangs together. The service adds
 * what needs the database (do the people, organisations and themes exist).
 */

export interface TeamEntry {
  personId: number;
  role: TeamRole;
}

export interface ContentItem {
  /** Present for a row that already exists: it is kept (and its id with it) rather than replaced. */
  id?: number | undefined;
  title: string;
  description: string | null;
  /** The milestone's planned period. */
  plannedStart: string | null;
  plannedEnd: string | null;
}

export interface Product {
  id?: number | undefined;
  productClass: ProductClass;
  name: string;
  specification: string | null;
  /** Decimal string, at most two decimals: "2.5" tấn, "120" con. */
  quantity: string;
  unit: string;
  /** When the contract says the product is due. */
  dueOn: string | null;
}

export interface ApplicationSite {
  id?: number | undefined;
  name: string;
  location: string | null;
  scale: string | null;
}

export interface TaskRecord {
  code: string;
  title: string;
  kind: TaskKind;
  field: TaskField;
  regime: Regime;
  managingUnitId: number;
  formerProvinceId: number | null;
  hostOrganisationId: number | null;
  piPersonId: number | null;
  /** The PI comes first with role `pi`; the others in display order. */
  team: TeamEntry[];
  orderingAgency: string | null;
  selectionMethod: SelectionMethod | null;
  startDate: string | null;
  endDate: string | null;
  fundingMode: FundingMode;
  totalBudget: string;
  stateBudget: string;
  objectives: string | null;
  /** Sorted, without repeats. */
  themeIds: number[];
  contentItems: ContentItem[];
  products: Product[];
  applicationSites: ApplicationSite[];
}

/** A patch as validated at the boundary: any field, list items with optional parts left out. */
export type RecordPatch = {
  [K in keyof TaskRecord]?: K extends "contentItems"
    ? {
        id?: number | undefined;
        title: string;
        description?: string | null | undefined;
        plannedStart?: string | null | undefined;
        plannedEnd?: string | null | undefined;
      }[]
    : K extends "products"
      ? Array<
          Omit<Product, "specification" | "dueOn"> & {
            specification?: string | null | undefined;
            dueOn?: string | null | undefined;
          }
        >
      : K extends "applicationSites"
        ? {
            id?: number | undefined;
            name: string;
            location?: string | null | undefined;
            scale?: string | null | undefined;
          }[]
        : TaskRecord[K];
};

/** The funding mode of a new task when none is given: the 2025 law favours lump sums to the final product. */
export const DEFAULT_FUNDING_MODE: Readonly<Record<Regime, FundingMode>> = {
  law_2013: "partial_lump_sum",
  law_93_2025: "full_lump_sum",
};

/** The regime of a new task when none is given: Law 93/2025 is in force since 1/10/2025. */
export const DEFAULT_REGIME: Regime = "law_93_2025";

/** "2.50" → "2.5", "3.00" → "3": one spelling per quantity, so unchanged lists compare equal. */
export function canonicalQuantity(value: string): string {
  if (!value.includes(".")) return value.replace(/^0+(?=\d)/, "");
  const [whole = "0", fraction = ""] = value.split(".");
  const w = whole.replace(/^0+(?=\d)/, "") || "0";
  const f = fraction.replace(/0+$/, "");
  return f ? `${w}.${f}` : w;
}

/**
 * The record after a patch. Changing only the PI moves the team's `pi` entry with it. Planned
 * dates left out of an existing list item keep their value (a form that does not show them
 * cannot erase them); `null` clears them.
 */
export function applyPatch(current: TaskRecord, patch: RecordPatch): TaskRecord {
  const next: TaskRecord = { ...current };
  for (const [key, value] of Object.entries(patch) as [keyof TaskRecord, unknown][]) {
    if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (patch.team === undefined && patch.piPersonId !== undefined && patch.piPersonId !== current.piPersonId) {
    next.team = reassignPi(current.team, patch.piPersonId);
  }
  next.themeIds = [...new Set(next.themeIds)].sort((a, b) => a - b);
  next.team = next.team.map((m) => ({ personId: m.personId, role: m.role }));
  const currentItem = new Map(current.contentItems.map((c) => [c.id, c]));
  next.contentItems = (patch.contentItems ?? current.contentItems).map((c) => {
    const was = c.id !== undefined ? currentItem.get(c.id) : undefined;
    return {
      ...(c.id !== undefined ? { id: c.id } : {}),
      title: c.title,
      description: c.description ?? null,
      plannedStart: c.plannedStart !== undefined ? c.plannedStart : (was?.plannedStart ?? null),
      plannedEnd: c.plannedEnd !== undefined ? c.plannedEnd : (was?.plannedEnd ?? null),
    };
  });
  const currentProduct = new Map(current.products.map((p) => [p.id, p]));
  next.products = (patch.products ?? current.products).map((p) => ({
    ...(p.id !== undefined ? { id: p.id } : {}),
    productClass: p.productClass,
    name: p.name,
    specification: p.specification ?? null,
    quantity: canonicalQuantity(p.quantity),
    unit: p.unit,
    dueOn: p.dueOn !== undefined ? p.dueOn : ((p.id !== undefined ? currentProduct.get(p.id)?.dueOn : null) ?? null),
  }));
  next.applicationSites = (patch.applicationSites ?? current.applicationSites).map((s) => ({
    ...(s.id !== undefined ? { id: s.id } : {}),
    name: s.name,
    location: s.location ?? null,
    scale: s.scale ?? null,
  }));
  return next;
}

/** The team with a new PI in front; the former PI leaves the team, as an adjustment of PI means. */
export function reassignPi(team: readonly TeamEntry[], piPersonId: number | null): TeamEntry[] {
  const others = team.filter((m) => m.role !== "pi" && m.personId !== piPersonId);
  return piPersonId === null ? others : [{ personId: piPersonId, role: "pi" }, ...others];
}

export type Changes = Partial<Record<RecordField, { before: unknown; after: unknown }>>;

/** What the audit trail and the comparison see of a field: lists as whole, without row ids. */
function comparable(field: RecordField, value: TaskRecord[RecordField]): unknown {
  if (field === "contentItems" || field === "products" || field === "applicationSites") {
    return (value as { id?: number }[]).map(({ id: _id, ...rest }) => rest);
  }
  return value;
}

/** Each field whose value differs, with its value before and after. */
export function diffRecords(before: TaskRecord, after: TaskRecord): Changes {
  const changes: Changes = {};
  for (const field of Object.keys(after) as RecordField[]) {
    const was = comparable(field, before[field]);
    const now = comparable(field, after[field]);
    if (JSON.stringify(was) !== JSON.stringify(now)) changes[field] = { before: was, after: now };
  }
  return changes;
}

/** Rules across fields: dates in order, the state share within the total, the team and its PI. */
export function checkRecord(r: TaskRecord): Record<string, string> {
  const fields: Record<string, string> = {};
  if (r.startDate !== null && r.endDate !== null && r.endDate < r.startDate) {
    fields.endDate = "The end date is before the start date";
  }
  if (parseDong(r.stateBudget) > parseDong(r.totalBudget)) {
    fields.stateBudget = "The state budget cannot exceed the total budget";
  }
  if (r.kind === "nhiem_vu_dmst" && r.regime !== "law_93_2025") {
    fields.regime = "A science, technology and innovation task (nhiệm vụ KH,CN&ĐMST) exists only under Law 93/2025";
  }

  const seen = new Set<number>();
  r.team.forEach((m, i) => {
    if (seen.has(m.personId)) fields[`team.${i}.personId`] ??= "This person is already on the team";
    seen.add(m.personId);
  });
  const pis = r.team.filter((m) => m.role === "pi");
  if (r.piPersonId === null) {
    if (pis.length > 0) fields.team ??= "The team lists a PI but the task has none: set piPersonId";
  } else if (pis.length !== 1 || pis[0]?.personId !== r.piPersonId) {
    fields.team ??= "The team must list the task's PI (piPersonId) exactly once, with role pi";
  }

  r.contentItems.forEach((c, i) => {
    if (c.plannedStart !== null && c.plannedEnd !== null && c.plannedEnd < c.plannedStart) {
      fields[`contentItems.${i}.plannedEnd`] ??= "The planned end is before the planned start";
    }
  });

  for (const list of ["contentItems", "products", "applicationSites"] as const) {
    const ids = new Set<number>();
    r[list].forEach((item, i) => {
      if (item.id === undefined) return;
      if (ids.has(item.id)) fields[`${list}.${i}.id`] ??= "This item is listed twice";
      ids.add(item.id);
    });
  }
  return fields;
}
