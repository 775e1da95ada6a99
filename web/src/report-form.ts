import type { ProductProgress, ReportDocument, ReportInput } from "./api/reports.ts";
import type { UserMessage } from "./errors.ts";
import type { Locale, MoneyUnit } from "./format.ts";
import { formatMoneyInput, parseMoneyInput } from "./money-input.ts";
import { readStored } from "./storage.ts";

/*
 * The periodic report form as the PI edits it: text in the inputs, read into the API's ReportInput
 * exactly (percentages as whole numbers, money through BigInt). Error keys use the server's paths
 * (`content.contentItems.0.percentComplete`), so the server's refusals land on the same fields.
 */

export interface ReportForm {
  contentItems: { contentItemId: number; workDone: string; percent: string }[];
  products: { productId: number; status: ProductProgress; quantity: string; note: string }[];
  spending: { category: string; source: "state" | "other"; amount: string }[];
  problems: string;
  proposals: { extension: string; adjustment: string; staffChange: string };
}

export type FormErrors = Record<string, UserMessage>;

/** The form as the document (draft, prefill or a merge) fills it, money in the unit given. */
export function formFromDocument(doc: ReportDocument, unit: MoneyUnit, locale: Locale): ReportForm {
  return {
    contentItems: doc.contentItems.map((item) => ({
      contentItemId: item.contentItemId,
      workDone: item.workDone,
      percent: String(item.percentComplete),
    })),
    products: doc.products.map((p) => ({
      productId: p.productId,
      status: p.status,
      quantity: p.quantityAchieved ?? "",
      note: p.note,
    })),
    spending: doc.budget.lines.map((line) => ({
      category: line.category,
      source: line.source,
      amount: line.amount === "0" ? "" : formatMoneyInput(line.amount, unit, locale),
    })),
    problems: doc.problems,
    proposals: { ...doc.proposals },
  };
}

const PERCENT = /^\d{1,3}$/;
const QUANTITY = /^\d{1,12}(\.\d{1,2})?$/;

/** The form read into what the API takes, with what is wrong per field (then `input` leaves those out). */
export function readForm(
  form: ReportForm,
  unit: MoneyUnit,
  locale: Locale,
): { input: ReportInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const contentItems = form.contentItems.map((item, i) => {
    const text = item.percent.trim();
    const value = PERCENT.test(text) ? Number(text) : Number.NaN;
    const ok = Number.isInteger(value) && value >= 0 && value <= 100;
    if (!ok) errors[`content.contentItems.${i}.percentComplete`] = { key: "reports.form.percentInvalid" };
    return {
      contentItemId: item.contentItemId,
      workDone: item.workDone,
      ...(ok ? { percentComplete: value } : {}),
    };
  });
  const products = form.products.map((p, i) => {
    const text = p.quantity.trim().replace(",", ".");
    if (text !== "" && !QUANTITY.test(text)) {
      errors[`content.products.${i}.quantityAchieved`] = { key: "reports.form.quantityInvalid" };
    }
    return {
      productId: p.productId,
      status: p.status,
      quantityAchieved: text === "" ? null : QUANTITY.test(text) ? text : null,
      note: p.note,
    };
  });
  const spending = form.spending.flatMap((line, i) => {
    const parsed = parseMoneyInput(line.amount, unit, locale);
    if (parsed && !parsed.ok) {
      errors[`content.spending.${i}.amount`] = {
        key:
          parsed.problem === "tooLarge"
            ? "errors.moneyTooLarge"
            : parsed.problem === "whole"
              ? "errors.moneyWhole"
              : "errors.moneyFormat",
      };
      return [];
    }
    return [{ category: line.category, source: line.source, amount: parsed ? parsed.dong.toString() : "0" }];
  });
  return {
    input: { contentItems, products, spending, problems: form.problems, proposals: { ...form.proposals } },
    errors,
  };
}

// ---- merging with a draft saved elsewhere

type Flat = Map<string, unknown>;

/** Every field of an input keyed by what it is about (item, product, budget line), not by position. */
export function flattenInput(input: ReportInput): Flat {
  const flat: Flat = new Map();
  for (const item of input.contentItems ?? []) {
    if (item.workDone !== undefined) flat.set(`c.${item.contentItemId}.workDone`, item.workDone);
    if (item.percentComplete !== undefined) flat.set(`c.${item.contentItemId}.percentComplete`, item.percentComplete);
  }
  for (const p of input.products ?? []) {
    if (p.status !== undefined) flat.set(`p.${p.productId}.status`, p.status);
    if (p.quantityAchieved !== undefined) flat.set(`p.${p.productId}.quantityAchieved`, p.quantityAchieved);
    if (p.note !== undefined) flat.set(`p.${p.productId}.note`, p.note);
  }
  for (const line of input.spending ?? []) flat.set(`s.${line.category}.${line.source}`, line.amount);
  if (input.problems !== undefined) flat.set("problems", input.problems);
  for (const [k, v] of Object.entries(input.proposals ?? {})) if (v !== undefined) flat.set(`proposals.${k}`, v);
  return flat;
}

/**
 * Three-way merge: the fields the user changed since `base` (what the client last had from the
 * server) laid over the server's current draft; everything else as the server has it.
 */
export function mergeInputs(base: ReportInput, local: ReportInput, server: ReportInput): Flat {
  const before = flattenInput(base);
  const merged = flattenInput(server);
  for (const [key, value] of flattenInput(local)) {
    if (before.get(key) !== value) merged.set(key, value);
  }
  return merged;
}

/** A document with the values of a flat input laid over it (for filling the form). */
export function applyFlat(doc: ReportDocument, flat: Flat): ReportDocument {
  const get = <T>(key: string, fallback: T): T => (flat.has(key) ? (flat.get(key) as T) : fallback);
  return {
    ...doc,
    contentItems: doc.contentItems.map((item) => ({
      ...item,
      workDone: get(`c.${item.contentItemId}.workDone`, item.workDone),
      percentComplete: get(`c.${item.contentItemId}.percentComplete`, item.percentComplete),
    })),
    products: doc.products.map((p) => ({
      ...p,
      status: get(`p.${p.productId}.status`, p.status),
      quantityAchieved: get(`p.${p.productId}.quantityAchieved`, p.quantityAchieved),
      note: get(`p.${p.productId}.note`, p.note),
    })),
    budget: {
      ...doc.budget,
      lines: doc.budget.lines.map((line) => ({
        ...line,
        amount: get(`s.${line.category}.${line.source}`, line.amount),
      })),
    },
    problems: get("problems", doc.problems),
    proposals: {
      extension: get("proposals.extension", doc.proposals.extension),
      adjustment: get("proposals.adjustment", doc.proposals.adjustment),
      staffChange: get("proposals.staffChange", doc.proposals.staffChange),
    },
  };
}

/** Whether two inputs say the same thing, field by field. */
export function sameInput(a: ReportInput, b: ReportInput): boolean {
  const fa = flattenInput(a);
  const fb = flattenInput(b);
  if (fa.size !== fb.size) return false;
  for (const [key, value] of fa) if (fb.get(key) !== value) return false;
  return true;
}

/** The document's own values as an input (what the server has, to compare edits against). */
export function inputFromDocument(doc: ReportDocument): ReportInput {
  return {
    contentItems: doc.contentItems.map((i) => ({
      contentItemId: i.contentItemId,
      workDone: i.workDone,
      percentComplete: i.percentComplete,
    })),
    products: doc.products.map((p) => ({
      productId: p.productId,
      status: p.status,
      quantityAchieved: p.quantityAchieved,
      note: p.note,
    })),
    spending: doc.budget.lines.map((l) => ({ category: l.category, source: l.source, amount: l.amount })),
    problems: doc.problems,
    proposals: { ...doc.proposals },
  };
}

// ---- the copy kept on this device while the server cannot be reached

export interface LocalCopy {
  /** The draft revision the copy was edited from. */
  revision: number;
  savedAt: string;
  content: ReportInput;
}

export const localCopyKey = (periodId: number) => `khcn.reportDraft.${periodId}`;

export function readLocalCopy(periodId: number): LocalCopy | null {
  const raw = readStored(localCopyKey(periodId));
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<LocalCopy>;
    if (typeof value.revision !== "number" || typeof value.savedAt !== "string" || typeof value.content !== "object") {
      return null;
    }
    return value as LocalCopy;
  } catch {
    return null;
  }
}

export function writeLocalCopy(periodId: number, copy: LocalCopy): void {
  try {
    window.localStorage.setItem(localCopyKey(periodId), JSON.stringify(copy));
  } catch {
    // Storage unavailable: the server copy is all there is.
  }
}

export function clearLocalCopy(periodId: number): void {
  try {
    window.localStorage.removeItem(localCopyKey(periodId));
  } catch {
    // Nothing to clear.
  }
}
