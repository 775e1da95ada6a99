import type { ProductClass } from "@khcn/db/schema";
import { formatDong, parseDong } from "../budget/money.ts";
import type { ExpenseCategory } from "../rules/parameters.ts";
import { canonicalQuantity } from "../tasks/record.ts";

/*
 * A periodic report as pure data. The PI edits only the `ReportInput` (what changed this period);
 * the `ReportContext` comes from the task's record and the earlier reports; the `ReportDocument`
 * is the two together, which the form shows and a submitted version freezes.
 */

export const PRODUCT_PROGRESS = ["not_started", "in_progress", "completed"] as const;
export type ProductProgress = (typeof PRODUCT_PROGRESS)[number];

/** Where money comes from: the state S&T budget, or the host's and others' funds. */
export const FUNDING_SOURCES = ["state", "other"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** The parts of a report a reviewer may comment on. */
export const REPORT_SECTIONS = [
  "general",
  "contentItems",
  "products",
  "spending",
  "problems",
  "proposals",
  "hostConfirmation",
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

export interface ReportInput {
  contentItems: { contentItemId: number; workDone: string; percentComplete: number }[];
  products: { productId: number; status: ProductProgress; quantityAchieved: string | null; note: string }[];
  /** Spending this period, per expense category and source, in whole đồng. */
  spending: { category: string; source: FundingSource; amount: string }[];
  problems: string;
  proposals: { extension: string; adjustment: string; staffChange: string };
}

/** A draft as sent: any part may be left out, and is then what the report opens with. */
export interface ReportInputPatch {
  contentItems?: { contentItemId: number; workDone?: string | undefined; percentComplete?: number | undefined }[];
  products?: {
    productId: number;
    status?: ProductProgress | undefined;
    quantityAchieved?: string | null | undefined;
    note?: string | undefined;
  }[];
  spending?: { category: string; source: FundingSource; amount: string }[];
  problems?: string | undefined;
  proposals?:
    | { extension?: string | undefined; adjustment?: string | undefined; staffChange?: string | undefined }
    | undefined;
}

export interface ReportContext {
  contentItems: { id: number; title: string; plannedWork: string | null; previousPercent: number | null }[];
  products: {
    id: number;
    productClass: ProductClass;
    name: string;
    unit: string;
    contractedQuantity: string;
    previousStatus: ProductProgress | null;
    previousQuantity: string | null;
  }[];
  budget: { totalBudget: string; stateBudget: string; otherBudget: string };
  categories: readonly ExpenseCategory[];
  /** Spent in earlier periods, by `category.source`. */
  spentBefore: Readonly<Record<string, string>>;
  /**
   * The approved plan over all years by `category.source` (a line the plan leaves out is 0); null
   * or absent while the task's budget plan is not split by category.
   */
  approved?: Readonly<Record<string, string>> | null;
}

export interface BudgetLine {
  category: string;
  nameVi: string;
  nameEn: string;
  source: FundingSource;
  /** The approved amount for the line: null until the task's budget plan is recorded by category. */
  approved: string | null;
  spentBefore: string;
  amount: string;
}

export interface ReportDocument {
  contentItems: {
    contentItemId: number;
    title: string;
    plannedWork: string | null;
    previousPercent: number | null;
    workDone: string;
    percentComplete: number;
  }[];
  products: {
    productId: number;
    productClass: ProductClass;
    name: string;
    unit: string;
    contractedQuantity: string;
    previousStatus: ProductProgress | null;
    previousQuantity: string | null;
    status: ProductProgress;
    quantityAchieved: string | null;
    note: string;
  }[];
  budget: {
    totalBudget: string;
    stateBudget: string;
    otherBudget: string;
    lines: BudgetLine[];
    thisPeriod: { state: string; other: string; total: string };
    toDate: { state: string; other: string; total: string };
  };
  problems: string;
  proposals: { extension: string; adjustment: string; staffChange: string };
}

const lineKey = (category: string, source: string) => `${category}.${source}`;

/** What a new report opens with: the previous report's progress, nothing spent yet, nothing to say yet. */
export function prefillInput(context: ReportContext): ReportInput {
  return {
    contentItems: context.contentItems.map((c) => ({
      contentItemId: c.id,
      workDone: "",
      percentComplete: c.previousPercent ?? 0,
    })),
    products: context.products.map((p) => ({
      productId: p.id,
      status: p.previousStatus ?? "not_started",
      quantityAchieved: p.previousQuantity,
      note: "",
    })),
    spending: context.categories.flatMap((c) =>
      FUNDING_SOURCES.map((source) => ({ category: c.code, source, amount: "0" })),
    ),
    problems: "",
    proposals: { extension: "", adjustment: "", staffChange: "" },
  };
}

/**
 * The whole input: what was sent over what the report opens with. Items of the record that were
 * not sent keep their prefilled values; items no longer on the record are dropped.
 */
export function completeInput(context: ReportContext, patch: ReportInputPatch): ReportInput {
  const base = prefillInput(context);
  const items = new Map((patch.contentItems ?? []).map((c) => [c.contentItemId, c]));
  const products = new Map((patch.products ?? []).map((p) => [p.productId, p]));
  const spending = new Map((patch.spending ?? []).map((s) => [lineKey(s.category, s.source), s.amount]));
  return {
    contentItems: base.contentItems.map((c) => {
      const sent = items.get(c.contentItemId);
      return {
        contentItemId: c.contentItemId,
        workDone: sent?.workDone ?? c.workDone,
        percentComplete: sent?.percentComplete ?? c.percentComplete,
      };
    }),
    products: base.products.map((p) => {
      const sent = products.get(p.productId);
      const quantity = sent?.quantityAchieved === undefined ? p.quantityAchieved : sent.quantityAchieved;
      return {
        productId: p.productId,
        status: sent?.status ?? p.status,
        quantityAchieved: quantity === null ? null : canonicalQuantity(quantity),
        note: sent?.note ?? p.note,
      };
    }),
    spending: base.spending.map((s) => ({
      ...s,
      amount: formatDong(parseDong(spending.get(lineKey(s.category, s.source)) ?? s.amount)),
    })),
    problems: patch.problems ?? base.problems,
    proposals: {
      extension: patch.proposals?.extension ?? base.proposals.extension,
      adjustment: patch.proposals?.adjustment ?? base.proposals.adjustment,
      staffChange: patch.proposals?.staffChange ?? base.proposals.staffChange,
    },
  };
}

/**
 * What in a sent draft does not fit the task: content items, products or categories it does not
 * have, or the same one twice. Keys are the field paths of the request body.
 */
export function checkInput(
  context: ReportContext,
  patch: ReportInputPatch,
  prefix = "content",
): Record<string, string> {
  const fields: Record<string, string> = {};
  const known = {
    contentItems: new Set(context.contentItems.map((c) => c.id)),
    products: new Set(context.products.map((p) => p.id)),
    categories: new Set(context.categories.map((c) => c.code)),
  };
  const seen = new Set<string>();
  const once = (key: string, path: string) => {
    if (seen.has(key)) fields[path] ??= "Listed twice";
    seen.add(key);
  };
  patch.contentItems?.forEach((c, i) => {
    const path = `${prefix}.contentItems.${i}.contentItemId`;
    if (!known.contentItems.has(c.contentItemId)) fields[path] = "No such content item on this task";
    once(`c${c.contentItemId}`, path);
  });
  patch.products?.forEach((p, i) => {
    const path = `${prefix}.products.${i}.productId`;
    if (!known.products.has(p.productId)) fields[path] = "No such product on this task";
    once(`p${p.productId}`, path);
  });
  patch.spending?.forEach((s, i) => {
    const path = `${prefix}.spending.${i}.category`;
    if (!known.categories.has(s.category)) fields[path] = "No such expense category";
    once(`s${lineKey(s.category, s.source)}`, path);
  });
  return fields;
}

const sum = (amounts: readonly string[]) => formatDong(amounts.reduce((total, a) => total + parseDong(a), 0n));

/** The report as shown and as frozen on submission: the context with the PI's input. */
export function buildDocument(context: ReportContext, input: ReportInput): ReportDocument {
  const full = completeInput(context, input);
  const items = new Map(full.contentItems.map((c) => [c.contentItemId, c]));
  const products = new Map(full.products.map((p) => [p.productId, p]));
  const amounts = new Map(full.spending.map((s) => [lineKey(s.category, s.source), s.amount]));
  const lines: BudgetLine[] = context.categories.flatMap((c) =>
    FUNDING_SOURCES.map((source) => ({
      category: c.code,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      source,
      approved: context.approved ? (context.approved[lineKey(c.code, source)] ?? "0") : null,
      spentBefore: context.spentBefore[lineKey(c.code, source)] ?? "0",
      amount: amounts.get(lineKey(c.code, source)) ?? "0",
    })),
  );
  const bySource = (source: FundingSource, part: "amount" | "spentBefore") =>
    sum(lines.filter((l) => l.source === source).map((l) => l[part]));
  const thisPeriod = { state: bySource("state", "amount"), other: bySource("other", "amount") };
  const before = { state: bySource("state", "spentBefore"), other: bySource("other", "spentBefore") };
  return {
    contentItems: context.contentItems.map((c) => {
      const entered = items.get(c.id);
      return {
        contentItemId: c.id,
        title: c.title,
        plannedWork: c.plannedWork,
        previousPercent: c.previousPercent,
        workDone: entered?.workDone ?? "",
        percentComplete: entered?.percentComplete ?? 0,
      };
    }),
    products: context.products.map((p) => {
      const entered = products.get(p.id);
      return {
        productId: p.id,
        productClass: p.productClass,
        name: p.name,
        unit: p.unit,
        contractedQuantity: p.contractedQuantity,
        previousStatus: p.previousStatus,
        previousQuantity: p.previousQuantity,
        status: entered?.status ?? "not_started",
        quantityAchieved: entered?.quantityAchieved ?? null,
        note: entered?.note ?? "",
      };
    }),
    budget: {
      ...context.budget,
      lines,
      thisPeriod: { ...thisPeriod, total: sum([thisPeriod.state, thisPeriod.other]) },
      toDate: {
        state: sum([before.state, thisPeriod.state]),
        other: sum([before.other, thisPeriod.other]),
        total: sum([before.state, before.other, thisPeriod.state, thisPeriod.other]),
      },
    },
    problems: full.problems,
    proposals: full.proposals,
  };
}

// ---- comparing two submissions

export interface HostConfirmation {
  confirmedBy: string;
  position: string | null;
  confirmedOn: string;
  fileId: number | null;
}

export interface Submission {
  document: ReportDocument;
  hostConfirmation: HostConfirmation;
}

export interface FieldChange {
  section: Exclude<ReportSection, "general">;
  /** The content item's or product's id, the budget line's `category.source`, or null for a single field. */
  key: string | null;
  /** What the UI names the row by: the item's title, the product's name, the category's name. */
  label: string | null;
  field: string;
  /** `section.key.field` (or `section.field`): stable across versions. */
  path: string;
  before: unknown;
  after: unknown;
}

type Row = {
  section: FieldChange["section"];
  key: string | null;
  label: string | null;
  fields: Record<string, unknown>;
};

/** Every field the PI writes (and the host confirms), as rows keyed stably across versions. */
function rowsOf(s: Submission | null): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (!s) return rows;
  const add = (row: Row) => rows.set(`${row.section}.${row.key ?? ""}`, row);
  for (const c of s.document.contentItems) {
    add({
      section: "contentItems",
      key: String(c.contentItemId),
      label: c.title,
      fields: { workDone: c.workDone, percentComplete: c.percentComplete },
    });
  }
  for (const p of s.document.products) {
    add({
      section: "products",
      key: String(p.productId),
      label: p.name,
      fields: { status: p.status, quantityAchieved: p.quantityAchieved, note: p.note },
    });
  }
  for (const l of s.document.budget.lines) {
    add({ section: "spending", key: lineKey(l.category, l.source), label: l.nameVi, fields: { amount: l.amount } });
  }
  add({ section: "problems", key: null, label: null, fields: { problems: s.document.problems } });
  add({ section: "proposals", key: null, label: null, fields: { ...s.document.proposals } });
  add({ section: "hostConfirmation", key: null, label: null, fields: { ...s.hostConfirmation } });
  return rows;
}

/** Each field whose value differs between two submissions (the first may be null: nothing before). */
export function compareSubmissions(before: Submission | null, after: Submission): FieldChange[] {
  const was = rowsOf(before);
  const now = rowsOf(after);
  const changes: FieldChange[] = [];
  for (const id of new Set([...now.keys(), ...was.keys()])) {
    const a = was.get(id);
    const b = now.get(id);
    const row = (b ?? a) as Row;
    for (const field of new Set([...Object.keys(b?.fields ?? {}), ...Object.keys(a?.fields ?? {})])) {
      const x = a?.fields[field] ?? null;
      const y = b?.fields[field] ?? null;
      if (JSON.stringify(x) === JSON.stringify(y)) continue;
      changes.push({
        section: row.section,
        key: row.key,
        label: row.label,
        field,
        path: row.key === null ? `${row.section}.${field}` : `${row.section}.${row.key}.${field}`,
        before: x,
        after: y,
      });
    }
  }
  return changes;
}
