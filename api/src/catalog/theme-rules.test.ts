import { describe, expect, it } from "vitest";
import { checkThemePlacement, type ThemeNode } from "./theme-rules.ts";

// 1 agriculture > 2 crops, 3 livestock (archived); 4 smart city; 5 old (archived)
const themes: ThemeNode[] = [
  { id: 1, parentId: null, archived: false },
  { id: 2, parentId: 1, archived: false },
  { id: 3, parentId: 1, archived: true },
  { id: 4, parentId: null, archived: false },
  { id: 5, parentId: null, archived: true },
];

describe("theme placement", () => {
  it("accepts top-level themes and sub-themes of a top-level theme", () => {
    expect(checkThemePlacement(themes, { parentId: null, archived: false })).toEqual({});
    expect(checkThemePlacement(themes, { parentId: 1, archived: false })).toEqual({});
    expect(checkThemePlacement(themes, { id: 2, parentId: 4, archived: false })).toEqual({});
    expect(checkThemePlacement(themes, { id: 4, parentId: 1, archived: false })).toEqual({});
  });

  it("refuses a third level, a theme with sub-themes under another, itself and cycles", () => {
    expect(checkThemePlacement(themes, { parentId: 2, archived: false }).parentId).toMatch(/two levels/);
    expect(checkThemePlacement(themes, { id: 1, parentId: 4, archived: false }).parentId).toMatch(/sub-themes/);
    expect(checkThemePlacement(themes, { id: 4, parentId: 4, archived: false }).parentId).toMatch(/own parent/);
    expect(checkThemePlacement(themes, { id: 1, parentId: 2, archived: false }).parentId).toMatch(/own sub-theme/);
    expect(checkThemePlacement(themes, { parentId: 99, archived: false }).parentId).toBe("No such theme");
  });

  it("keeps archived parents from new sub-themes and archives sub-themes first", () => {
    expect(checkThemePlacement(themes, { parentId: 5, archived: false }).parentId).toMatch(/archived/);
    expect(checkThemePlacement(themes, { id: 2, parentId: 5, archived: true })).toEqual({});
    expect(checkThemePlacement(themes, { id: 1, parentId: null, archived: true }).archived).toMatch(/sub-themes/);
    expect(checkThemePlacement(themes, { id: 3, parentId: 1, archived: true })).toEqual({});
  });
});
