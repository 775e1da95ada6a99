import { describe, expect, it } from "vitest";
import { DashboardCache } from "./cache.ts";

/** A computation that counts its calls and finishes when told to. */
function counter() {
  let calls = 0;
  const pending: ((value: number) => void)[] = [];
  return {
    get calls() {
      return calls;
    },
    compute: () => {
      calls++;
      return new Promise<number>((resolve) => pending.push(resolve));
    },
    finishAll: (value: number) => {
      for (const resolve of pending.splice(0)) resolve(value);
    },
  };
}

describe("the dashboard cache", () => {
  it("computes once per key within the time to live, and again after it", async () => {
    let now = 1_000;
    const cache = new DashboardCache<number>({ ttlMs: 5_000, now: () => now });
    const c = counter();
    const first = cache.get("unit:1", c.compute);
    const second = cache.get("unit:1", c.compute);
    c.finishAll(7);
    expect(await first).toBe(7);
    expect(await second).toBe(7);
    expect(c.calls).toBe(1);
    const other = cache.get("unit:2", c.compute);
    c.finishAll(3);
    expect(await other).toBe(3);
    expect(c.calls).toBe(2);

    now += 5_000;
    const later = cache.get("unit:1", c.compute);
    c.finishAll(8);
    expect(await later).toBe(8);
    expect(c.calls).toBe(3);
  });

  it("serves nothing computed before a change, even a computation still running", async () => {
    const cache = new DashboardCache<number>({ ttlMs: 60_000 });
    const c = counter();
    const before = cache.get("all", c.compute);
    cache.invalidate();
    const after = cache.get("all", c.compute);
    c.finishAll(1);
    await Promise.all([before, after]);
    expect(c.calls).toBe(2);
    expect(await cache.get("all", c.compute)).toBe(1);
    expect(c.calls).toBe(2);
  });

  it("does not keep a failure, and computes every time when off", async () => {
    const cache = new DashboardCache<number>({ ttlMs: 60_000 });
    await expect(cache.get("k", () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(await cache.get("k", () => Promise.resolve(2))).toBe(2);

    const off = new DashboardCache<number>({ ttlMs: 0 });
    const c = counter();
    const a = off.get("k", c.compute);
    const b = off.get("k", c.compute);
    c.finishAll(4);
    await Promise.all([a, b]);
    expect(c.calls).toBe(2);
  });
});
