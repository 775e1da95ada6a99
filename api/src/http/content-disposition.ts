/**
 * `Content-Disposition: attachment` for a user-supplied file name (RFC 6266): an ASCII fallback in
 * `filename` (diacritics stripped, đ → d, quotes and separators replaced) and the exact name in
 * `filename*` (RFC 5987: UTF-8, every byte outside attr-char percent-encoded, including ' ( ) *
 * which encodeURIComponent leaves alone but which would end or break the parameter).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii =
    fileName
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^A-Za-z0-9._ -]+/g, "-")
      .trim() || "file";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
