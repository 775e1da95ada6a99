/**
 * Folds Vietnamese text for accent-insensitive search: "Giống lúa ĐT.2024" → "giong lua dt.2024".
 * Stored beside each task and applied to the query, so both databases match the same way
 * without relying on the unaccent extension.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

export function taskSearchText(code: string, title: string): string {
  return foldVietnamese(`${code} ${title}`);
}
