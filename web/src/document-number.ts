/*
 * Official document numbers, `number/TYPE-ISSUER` (`135/QĐ-SKHCN`, `19/2024/QĐ-UBND`), checked in the
 * browser so a slip is caught before sending. The server has the last word; this pattern mirrors
 * api/src/lifecycle/document-number.ts (the web may import only types from the API).
 */
const PATTERN = /^(\d{1,6}[a-z]?)\/(?:(\d{4})\/)?([A-Za-zĐđ]{1,10})-([A-ZĐ0-9]{1,15}(?:-[A-ZĐ0-9]{1,15}){0,3})$/u;

export interface DocumentNumberParts {
  /** The year written in the number (`19/2024/QĐ-UBND`), if any. */
  year: number | null;
}

/** The parts of a well-formed number, or null. */
export function parseDocumentNumber(text: string): DocumentNumberParts | null {
  const match = PATTERN.exec(text.normalize("NFC").trim());
  if (!match) return null;
  return { year: match[2] ? Number(match[2]) : null };
}

export type DocumentNumberProblem = "required" | "format" | "year";

/** What is wrong with a number for a document dated `issuedOn` (yyyy-mm-dd), or null when nothing is. */
export function checkDocumentNumber(text: string, issuedOn: string): DocumentNumberProblem | null {
  if (!text.trim()) return "required";
  const parts = parseDocumentNumber(text);
  if (!parts) return "format";
  if (parts.year !== null && /^\d{4}-/.test(issuedOn) && Number(issuedOn.slice(0, 4)) !== parts.year) return "year";
  return null;
}
