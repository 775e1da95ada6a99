import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-faults.ts";

describe("isDatabaseUnavailable", () => {
  it("recognises a lost database however the driver reports it", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "CONNECTION_DESTROYED"]) {
      expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code })), code).toBe(true);
    }
    // SQLSTATEs: admin shutdown, cannot connect now, connection failure, too many connections.
    for (const code of ["57P01", "57P03", "08006", "08001", "53300", "57014", "25P03"]) {
      expect(isDatabaseUnavailable({ code, message: "server said" }), code).toBe(true);
    }
    const refused = new AggregateError([Object.assign(new Error("connect"), { code: "ECONNREFUSED" })]);
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: { code: "ECONNRESET" } }))).toBe(true);
  });

  it("leaves every other error alone: those are bugs or refusals, not outages", () => {
    for (const code of ["23505", "23503", "42P01", "22P02", "40001", "ENOENT"]) {
      expect(isDatabaseUnavailable({ code }), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError("undefined is not a function"))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });
});
