import { describe, expect, it } from "vitest";

/*
 * Rendered user text never becomes HTML: the web app writes text through Solid's JSX (text nodes
 * and attributes), never through an HTML sink. This fails as soon as one appears in web/src, so a
 * new sink has to be argued for and added to the allowlist with its reason.
 */
const SINKS =
  /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\bsrcdoc\b|createContextualFragment|DOMParser|\beval\s*\(|new Function\s*\(/;

/** path → why the sink there never receives user text. Empty: there is none. */
const ALLOWED: Record<string, string> = {};

const sources = import.meta.glob(["./**/*.ts", "./**/*.tsx", "!./**/*.test.ts"], {
  query: "?raw",
  import: "default",
  eager: true,
}) as Record<string, string>;

describe("HTML sinks in the web app", () => {
  it("reads the whole source tree", () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    expect(Object.keys(sources)).toContain("./index.tsx");
  });

  it("has none outside the allowlist", () => {
    const offending = Object.entries(sources)
      .filter(([file, text]) => SINKS.test(text) && !(file in ALLOWED))
      .map(([file, text]) => `${file}: ${SINKS.exec(text)?.[0]}`);
    expect(offending).toEqual([]);
  });
});
