/*
 * Official document numbers: `number/TYPE-ISSUER`, e.g. `135/QĐ-SKHCN`, `89/TTr-SKHCN`, or with the
 * year for legal documents, `19/2024/QĐ-UBND`. Numbering restarts each year, so a number is
 * unique per issuer, type and year.
 */
export interface DocumentNumber {
  number: string;
  year: number | null;
  docType: string;
  issuer: string;
}

const PATTERN = /^(\d{1,6}[a-z]?)\/(?:(\d{4})\/)?([A-Za-zĐđ]{1,10})-([A-ZĐ0-9]{1,15}(?:-[A-ZĐ0-9]{1,15}){0,3})$/u;

export function parseDocumentNumber(text: string): DocumentNumber | null {
  const match = PATTERN.exec(text.normalize("NFC").trim());
  if (!match) return null;
  const [, number, year, docType, issuer] = match;
  if (!number || !docType || !issuer) return null;
  return { number, year: year ? Number(year) : null, docType, issuer };
}

export function formatDocumentNumber(d: { number: string; docType: string; issuer: string; year?: number | null }) {
  return d.year ? `${d.number}/${d.year}/${d.docType}-${d.issuer}` : `${d.number}/${d.docType}-${d.issuer}`;
}
