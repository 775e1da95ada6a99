import type { ThemeItem } from "@khcn/api/catalog/schemas";
import type { Locale } from "./format.ts";

export interface ThemeOption {
  id: number;
  name: string;
  depth: number;
}

/** The theme name in the reader's language, falling back to Vietnamese. */
export function themeName(theme: Pick<ThemeItem, "nameVi" | "nameEn">, locale: Locale): string {
  return locale === "en" && theme.nameEn ? theme.nameEn : theme.nameVi;
}

/**
 * Flattens the theme tree (linked by parentId) depth-first, keeping the API's order among
 * siblings. Themes whose parent is missing are treated as roots; themes caught in a cycle are left out.
 */
export function themeOptions(items: readonly ThemeItem[], locale: Locale): ThemeOption[] {
  const ids = new Set(items.map((item) => item.id));
  const children = new Map<number | null, ThemeItem[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(item);
    children.set(parent, siblings);
  }

  const result: ThemeOption[] = [];
  const seen = new Set<number>();
  const visit = (parent: number | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      result.push({ id: item.id, name: themeName(item, locale), depth });
      visit(item.id, depth + 1);
    }
  };
  visit(null, 0);
  return result;
}
