import type { ThemeItem } from "@khcn/api/catalog/schemas";
import { describe, expect, it } from "vitest";
import { themeOptions } from "./theme-tree.ts";

function theme(id: number, parentId: number | null, nameVi: string, nameEn = ""): ThemeItem {
  return { id, code: `T${id}`, nameVi, nameEn, parentId, r57Target: null, sortOrder: id, archived: false };
}

describe("themeOptions", () => {
  it("lists each theme after its parent, one level deeper", () => {
    const items = [
      theme(1, null, "Nông nghiệp công nghệ cao"),
      theme(2, null, "Đô thị thông minh"),
      theme(3, 1, "Giống cây trồng"),
      theme(4, 1, "Chăn nuôi"),
      theme(5, 3, "Giống lúa"),
    ];
    expect(themeOptions(items, "vi").map((o) => [o.id, o.depth])).toEqual([
      [1, 0],
      [3, 1],
      [5, 2],
      [4, 1],
      [2, 0],
    ]);
  });

  it("uses English names when present, Vietnamese otherwise", () => {
    const items = [theme(1, null, "Y tế", "Health"), theme(2, null, "Văn hóa")];
    expect(themeOptions(items, "en").map((o) => o.name)).toEqual(["Health", "Văn hóa"]);
  });

  it("keeps orphans and survives cycles", () => {
    const items = [theme(1, 99, "Mồ côi"), theme(2, 3, "A"), theme(3, 2, "B")];
    expect(themeOptions(items, "vi").map((o) => o.id)).toEqual([1]);
  });
});
