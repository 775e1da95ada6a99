import { isUniqueViolation } from "@khcn/db/errors";
import type { Database } from "@khcn/db/schema";
import type { Kysely } from "kysely";
import { appendAudit } from "../audit/repository.ts";
import { type Actor, canCiteRecordedDocument } from "../auth/permissions.ts";
import { findFile } from "../files/repository.ts";
import { DomainError } from "../http/errors.ts";
import { formatDocumentNumber, parseDocumentNumber } from "./document-number.ts";
import * as repo from "./repository.ts";
import type { DocumentView } from "./schemas.ts";

/*
 * Recording an official document (decision, minutes, contract) the same way wherever one is
 * cited: a stage transition, an inspection's minutes, an adjustment decision. Documents are
 * unique per issuer, type, number and year; the same number with the same date and signer is
 * the same document (one decision may cover several tasks).
 */

/** A document as the request gives it (see `DocumentInput` in ./schemas.ts). */
export interface DocumentRequest {
  number: string;
  issuedOn: string;
  signer: string;
  summary?: string | undefined;
  fileId?: number | undefined;
}

/** A document checked and split into its parts, ready to record. */
export interface ParsedDocument {
  number: string;
  docType: string;
  issuer: string;
  year: number;
  yearInNumber: boolean;
  issuedOn: string;
  signer: string;
  summary: string | null;
  fileId: number | null;
}

/** Today's date in Vietnam (UTC+7, one time zone), where documents are dated. */
export const vietnamToday = (now: Date): string => new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * Parses and checks a document before anything is locked, so bad input costs no lock.
 * `field` is the request field it came in (for the per-field messages).
 */
export function parseDocument(doc: DocumentRequest, today: string, field = "document"): ParsedDocument {
  const parsed = parseDocumentNumber(doc.number);
  if (!parsed) {
    throw new DomainError("VALIDATION_FAILED", "The document number is not in the form number/TYPE-ISSUER", {
      [`${field}.number`]: "Write it as number/TYPE-ISSUER, e.g. 135/QĐ-SKHCN",
    });
  }
  const year = Number(doc.issuedOn.slice(0, 4));
  if (parsed.year !== null && parsed.year !== year) {
    throw new DomainError("VALIDATION_FAILED", "The year in the number differs from the date", {
      [`${field}.number`]: `The number says ${parsed.year} but the document is dated ${year}`,
    });
  }
  if (doc.issuedOn > today) {
    throw new DomainError("VALIDATION_FAILED", "The document date is in the future", {
      [`${field}.issuedOn`]: "A document cannot be dated after today",
    });
  }
  return {
    ...parsed,
    year,
    yearInNumber: parsed.year !== null,
    issuedOn: doc.issuedOn,
    signer: doc.signer,
    summary: doc.summary ?? null,
    fileId: doc.fileId ?? null,
  };
}

/**
 * Records the document inside the caller's transaction, or finds the one already recorded under
 * its number, and returns its id. A new document is audited against the task it was cited for.
 */
export async function recordDocument(
  trx: Kysely<Database>,
  actor: Actor,
  taskId: number,
  document: ParsedDocument,
  field = "document",
): Promise<number> {
  if (document.fileId !== null) {
    // Only a file this person uploaded can be attached: ids of others' files lead nowhere.
    const file = await findFile(trx, document.fileId);
    if (!file || file.uploaded_by !== actor.userId) {
      throw new DomainError("VALIDATION_FAILED", "The attached file does not exist", {
        [`${field}.fileId`]: "No such file",
      });
    }
  }
  const fullNumber = formatDocumentNumber({ ...document, year: document.yearInNumber ? document.year : null });
  const existing = await repo.findDocumentByNumber(trx, document);
  if (existing) {
    if (!(await mayCite(trx, actor, existing))) {
      // Someone else's record (another unit's decision): neither its details nor its file are told or taken over.
      throw new DomainError("DUPLICATE_DOCUMENT_NUMBER", "Another document already has this number this year", {
        [`${field}.number`]: `${fullNumber} of ${document.year} is already recorded`,
      });
    }
    // One decision may cover several tasks: the same number with the same date and signer is that decision.
    if (existing.issued_on !== document.issuedOn || existing.signer.trim() !== document.signer.trim()) {
      throw new DomainError("DUPLICATE_DOCUMENT_NUMBER", "Another document already has this number this year", {
        [`${field}.number`]: `${fullNumber} of ${document.year} is already recorded, dated ${existing.issued_on}, signed by ${existing.signer}`,
      });
    }
    return existing.id;
  }
  const created = await repo.insertDocument(trx, { ...document, createdBy: actor.userId });
  await appendAudit(trx, {
    actorUserId: actor.userId,
    action: "document.recorded",
    entityType: "document",
    entityId: created.id,
    taskId,
    data: { number: fullNumber, issuedOn: document.issuedOn, signer: document.signer, fileId: document.fileId },
  });
  return created.id;
}

async function mayCite(trx: Kysely<Database>, actor: Actor, document: { id: number; created_by: number | null }) {
  if (document.created_by === actor.userId) return true;
  const citing = [];
  for (const taskId of await repo.tasksCitingDocument(trx, document.id)) {
    const loaded = await repo.loadTaskFacts(trx, taskId);
    if (loaded) citing.push(loaded.access);
  }
  return canCiteRecordedDocument(actor, { createdBy: document.created_by }, citing);
}

/**
 * Two requests recording the same new number at once: the loser's transaction fails on the
 * unique index. Call with any error from such a transaction; it rethrows it, translated if so.
 */
export function rethrowDocumentConflict(error: unknown, field = "document"): never {
  if (isUniqueViolation(error, "document_number_key")) {
    throw new DomainError("DUPLICATE_DOCUMENT_NUMBER", "Another document was just recorded with this number", {
      [`${field}.number`]: "This number was recorded a moment ago; check it and try again",
    });
  }
  throw error;
}

/** The documents with these ids as the API shows them, by id. */
export async function documentViews(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, DocumentView>> {
  const rows = await repo.documentsWithFiles(db, [...new Set(ids)]);
  return new Map(
    rows.map((d) => [
      d.id,
      {
        id: d.id,
        number: formatDocumentNumber({
          number: d.number,
          docType: d.doc_type,
          issuer: d.issuer,
          year: d.year_in_number ? d.issued_year : null,
        }),
        docType: d.doc_type,
        issuer: d.issuer,
        issuedOn: d.issued_on,
        signer: d.signer,
        summary: d.summary,
        file: d.file_id !== null && d.file_name !== null ? { id: d.file_id, name: d.file_name } : null,
      },
    ]),
  );
}
