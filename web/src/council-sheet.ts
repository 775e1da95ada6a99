import type { CouncilProduct, Grade, Score, ScoreBody, SheetTask } from "./api/councils.ts";

/*
 * A member's acceptance score sheet as the form keeps it: per contracted product a quantity and a
 * quality grade, the final report's grade, comments and the reviewer's written review. The overall
 * grade is the server's (api/src/councils/grading.ts); the form only says what is still unchosen.
 */

export interface ProductDraft {
  productId: number;
  quantity: Grade | null;
  quality: Grade | null;
}

export interface SheetDraft {
  products: ProductDraft[];
  report: Grade | null;
  comments: string;
  /** The written review; `name` is known only for a file chosen in this visit. */
  reviewFile: { id: number; name: string | null } | null;
}

/** The member's acceptance score for the task (selection scores name an applicant). */
export function acceptanceScore(task: Pick<SheetTask, "scores">): Score | null {
  return task.scores.find((s) => s.applicantId === null) ?? task.scores[0] ?? null;
}

/** The draft a form starts from: what the member saved, else every grade unchosen, one row per product. */
export function initialDraft(products: readonly Pick<CouncilProduct, "id">[], score: Score | null): SheetDraft {
  const saved = score?.sheet;
  return {
    products: products.map((product) => {
      const grade = saved?.products.find((p) => p.productId === product.id);
      return { productId: product.id, quantity: grade?.quantity ?? null, quality: grade?.quality ?? null };
    }),
    report: saved?.report ?? null,
    comments: saved?.comments ?? "",
    reviewFile: saved?.reviewFileId ? { id: saved.reviewFileId, name: null } : null,
  };
}

export type Criterion = `${number}.quantity` | `${number}.quality` | "report";

/** The grades still unchosen, as `<productId>.quantity`, `<productId>.quality` or `report`. */
export function missingGrades(draft: SheetDraft): Criterion[] {
  const missing: Criterion[] = [];
  for (const p of draft.products) {
    if (!p.quantity) missing.push(`${p.productId}.quantity`);
    if (!p.quality) missing.push(`${p.productId}.quality`);
  }
  if (!draft.report) missing.push("report");
  return missing;
}

/**
 * What PUT /councils/:id/scores/:taskId takes (the server keeps whole sheets only: the form sends
 * one when nothing is missing). Rows with a grade unchosen are left out rather than sent empty.
 */
export function sheetBody(draft: SheetDraft): ScoreBody {
  const products = draft.products.flatMap((p) =>
    p.quantity && p.quality ? [{ productId: p.productId, quantity: p.quantity, quality: p.quality }] : [],
  );
  return {
    products,
    ...(draft.report ? { report: draft.report } : {}),
    comments: draft.comments.trim(),
    reviewFileId: draft.reviewFile?.id ?? null,
  };
}

/** Whether the draft says something the server does not hold yet (then it is saved before signing off). */
export function draftChanged(draft: SheetDraft, saved: Score | null): boolean {
  const body = sheetBody(draft);
  const sheet = saved?.sheet;
  if (!sheet)
    return (
      (body.products?.length ?? 0) > 0 ||
      body.report !== undefined ||
      body.comments !== "" ||
      body.reviewFileId !== null
    );
  const same =
    (body.report ?? null) === sheet.report &&
    body.comments === (sheet.comments ?? "").trim() &&
    (body.reviewFileId ?? null) === sheet.reviewFileId &&
    (body.products ?? []).length === sheet.products.length &&
    (body.products ?? []).every((p) => {
      const s = sheet.products.find((x) => x.productId === p.productId);
      return s?.quantity === p.quantity && s?.quality === p.quality;
    });
  return !same;
}

/** A product's contracted amount as people say it: "2 giống", or the quantity alone. */
export function contractedAmount(product: Pick<CouncilProduct, "quantity" | "unit">): string {
  return product.unit ? `${product.quantity} ${product.unit}` : product.quantity;
}
