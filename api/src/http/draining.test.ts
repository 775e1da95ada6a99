import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { drainGuard, RequestTracker } from "./draining.ts";

describe("drainGuard", () => {
  it("refuses new requests with 503 SERVICE_UNAVAILABLE and Connection: close while draining, health excepted", async () => {
    let draining = false;
    const app = new Hono();
    app.use(
      "*",
      drainGuard(() => draining),
    );
    app.get("/api/tasks", (c) => c.json({ ok: true }));
    app.get("/api/health", (c) => c.json({ draining }, draining ? 503 : 200));

    expect((await app.request("/api/tasks")).status).toBe(200);
    draining = true;
    const refused = await app.request("/api/tasks");
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Connection")).toBe("close");
    expect(refused.headers.get("Retry-After")).toBe("5");
    expect(await refused.json()).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    const health = await app.request("/api/health");
    expect([health.status, await health.json()]).toEqual([503, { draining: true }]);
  });
});

describe("RequestTracker", () => {
  it("is idle only once every request in flight has finished, failed ones included", async () => {
    const tracker = new RequestTracker();
    let finish = () => {};
    const slow = tracker.track(() => new Promise<string>((resolve) => (finish = () => resolve("done"))));
    const failing = tracker.track(async () => {
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(tracker.active).toBe(1);
    let idle = false;
    const waiting = tracker.idle(60_000).then(() => {
      idle = true;
    });
    await Promise.resolve();
    expect(idle).toBe(false);
    finish();
    expect(await slow).toBe("done");
    await waiting;
    expect(idle).toBe(true);
    expect(tracker.active).toBe(0);
  });
});
