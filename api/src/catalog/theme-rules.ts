/*
 * The Industry 4.0 taxonomy is a shallow tree: themes and their sub-themes ("high-tech
 * agriculture" → "crop varieties"). These pure checks keep it so whatever the edit.
 */

/** Top-level themes and one level of sub-themes. */
export const MAX_THEME_DEPTH = 2;

export interface ThemeNode {
  id: number;
  parentId: number | null;
  archived: boolean;
}

/** A theme as it would be after the change; `id` is absent for a new theme. */
export interface ThemePlacement {
  id?: number;
  parentId: number | null;
  archived: boolean;
}

/** What is wrong with the placement, per field (`parentId`, `archived`); empty when it fits. */
export function checkThemePlacement(all: readonly ThemeNode[], theme: ThemePlacement): Record<string, string> {
  const byId = new Map(all.map((t) => [t.id, t]));
  const children = all.filter((t) => theme.id !== undefined && t.parentId === theme.id);
  const fields: Record<string, string> = {};

  if (theme.parentId !== null) {
    const parent = byId.get(theme.parentId);
    if (theme.parentId === theme.id) fields.parentId = "A theme cannot be its own parent";
    else if (!parent) fields.parentId = "No such theme";
    else {
      const above = ancestors(byId, parent, theme.id);
      if (above === null) fields.parentId = "A theme cannot sit under its own sub-theme";
      else if (above + height(all, theme.id) > MAX_THEME_DEPTH) {
        fields.parentId =
          children.length > 0
            ? "This theme has sub-themes, so it stays at the top level"
            : "Themes nest two levels deep at most: choose a top-level theme";
      } else if (parent.archived && !theme.archived) fields.parentId = "The parent theme is archived";
    }
  }
  if (theme.archived && children.some((c) => !c.archived)) {
    fields.archived = "Archive its sub-themes first";
  }
  return fields;
}

/** How many themes sit above and including `start`; null when the chain reaches `self` (a cycle). */
function ancestors(byId: Map<number, ThemeNode>, start: ThemeNode, self: number | undefined): number | null {
  let count = 0;
  const seen = new Set<number>();
  for (
    let node: ThemeNode | undefined = start;
    node;
    node = node.parentId === null ? undefined : byId.get(node.parentId)
  ) {
    if (node.id === self || seen.has(node.id)) return null;
    seen.add(node.id);
    count += 1;
  }
  return count;
}

/** Levels in the subtree under the theme, the theme itself counting one. */
function height(all: readonly ThemeNode[], id: number | undefined, seen = new Set<number>()): number {
  if (id === undefined || seen.has(id)) return 1;
  seen.add(id);
  const below = all.filter((t) => t.parentId === id).map((t) => height(all, t.id, seen));
  return 1 + Math.max(0, ...below);
}
