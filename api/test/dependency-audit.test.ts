import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * The offline half of scripts/audit-dependencies.mjs (the half that runs where the registry's
 * advisory endpoint is unavailable) really fails on an advisory or a security deprecation of a
 * shipped package, and passes on the project as it is.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));
const script = path.join(root, "scripts", "audit-dependencies.mjs");
const scratch = mkdtempSync(path.join(tmpdir(), "khcn-audit-"));

function audit(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script],
      { cwd: root, env: { ...process.env, AUDIT_SKIP_ONLINE: "1", ...env }, timeout: 90_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, output: stdout + stderr }),
    );
  });
}

const installedHono = () => {
  const lock = readFileSync(path.join(root, "pnpm-lock.yaml"), "utf8");
  return /^ {2}hono@(\d+\.\d+\.\d+):/m.exec(lock)?.[1] ?? "";
};

describe.skipIf(process.env.TEST_DB === "postgres")("the dependency audit's offline check", () => {
  it("passes on the shipped dependencies and says which mode ran", async () => {
    const { code, output } = await audit({});
    expect(output).toMatch(/mode: OFFLINE/);
    expect(output).toMatch(/\d{2,} production packages checked/);
    expect(code, output).toBe(0);
  }, 120_000);

  it("fails on a high-severity advisory matching an installed version, not on a moderate one", async () => {
    const version = installedHono();
    expect(version).not.toBe("");
    const advisories = (severity: string) => {
      const file = path.join(scratch, `advisories-${severity}.json`);
      writeFileSync(
        file,
        JSON.stringify({
          advisories: [{ id: "TEST-1", package: "hono", vulnerable: `<=${version}`, severity, title: "test advisory" }],
        }),
      );
      return file;
    };
    const high = await audit({ AUDIT_ADVISORIES: advisories("high") });
    expect(high.code).toBe(1);
    expect(high.output).toContain(`hono@${version}: TEST-1 (high)`);
    const moderate = await audit({ AUDIT_ADVISORIES: advisories("moderate") });
    expect(moderate.code, moderate.output).toBe(0);
    expect(moderate.output).toContain("note: hono@");
  }, 120_000);

  it("fails on a shipped package the lockfile marks deprecated for security", async () => {
    const lock = readFileSync(path.join(root, "pnpm-lock.yaml"), "utf8");
    const version = installedHono();
    const marked = lock.replace(
      new RegExp(`^( {2}hono@${version.replace(/\./g, "\\.")}:\\n(?: {4}.*\\n)*)`, "m"),
      "$1    deprecated: This version has a security vulnerability, upgrade to the next release\n",
    );
    expect(marked).not.toBe(lock);
    const file = path.join(scratch, "pnpm-lock.yaml");
    writeFileSync(file, marked);
    const result = await audit({ AUDIT_LOCKFILE: file });
    expect(result.code).toBe(1);
    expect(result.output).toContain(`hono@${version} is deprecated`);
  }, 120_000);
});
