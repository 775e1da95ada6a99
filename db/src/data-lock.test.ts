import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DataFolderLockedError, lockDataFolder } from "./data-lock.ts";

const fresh = () => mkdtempSync(path.join(tmpdir(), "khcn-lock-"));

describe("lockDataFolder", () => {
  it("refuses a second holder and names the first", () => {
    const dir = fresh();
    const release = lockDataFolder(dir);
    expect(() => lockDataFolder(dir)).toThrow(DataFolderLockedError);
    expect(() => lockDataFolder(dir)).toThrow(new RegExp(`in use by process ${process.pid}`));
    release();
    const again = lockDataFolder(dir);
    again();
  });

  it("takes over a lock left by a process that no longer runs", () => {
    const dir = fresh();
    // Beyond the kernel's pid range: no such process can exist.
    writeFileSync(path.join(dir, "khcn.lock"), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: "x" }));
    const release = lockDataFolder(dir);
    release();
    expect(existsSync(path.join(dir, "khcn.lock"))).toBe(false);
  });

  it("honours a lock held from another host, which it cannot check", () => {
    const dir = fresh();
    writeFileSync(path.join(dir, "khcn.lock"), JSON.stringify({ pid: 1, host: "other-host", since: "x" }));
    expect(() => lockDataFolder(dir)).toThrow(/other-host/);
  });

  it("creates the data folder when it does not exist", () => {
    const dir = path.join(fresh(), "nested", "data");
    lockDataFolder(dir)();
    expect(existsSync(dir)).toBe(true);
  });
});
