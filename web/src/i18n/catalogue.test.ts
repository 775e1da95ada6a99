import { flatten } from "@solid-primitives/i18n";
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { vi } from "./vi.ts";

const flatVi = flatten(vi) as Record<string, unknown>;
const flatEn = flatten(en) as Record<string, unknown>;

function leaves(dict: Record<string, unknown>): Map<string, string> {
  return new Map(Object.entries(dict).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? "").sort();
}

describe("catalogues", () => {
  const viLeaves = leaves(flatVi);
  const enLeaves = leaves(flatEn);

  it("have the same keys (the typecheck enforces it; this guards against casts)", () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
  });

  it("have no empty messages", () => {
    for (const [key, text] of [...viLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe("");
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, text] of viLeaves) {
      expect(placeholders(enLeaves.get(key) ?? ""), key).toEqual(placeholders(text));
    }
  });
});
