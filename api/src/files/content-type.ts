import { fileTypeFromBuffer } from "file-type";

/** What the product accepts as attachments, judged by content, never by the name or header. */
const ALLOWED: Record<string, string> = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  jpg: "image/jpeg",
  png: "image/png",
  zip: "application/zip",
  // Legacy .doc/.xls share the OLE container; file-type reports it as "cfb".
  cfb: "application/x-cfb",
};

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export async function sniffAllowedType(content: Uint8Array): Promise<{ ext: string; mime: string } | null> {
  const detected = await fileTypeFromBuffer(content);
  if (!detected) return null;
  const mime = ALLOWED[detected.ext];
  return mime ? { ext: detected.ext, mime } : null;
}
