import { describe, expect, it } from "vitest";
import { normaliseAddress, parseTrustProxy, resolveClientAddress } from "./client-address.ts";

describe("resolveClientAddress", () => {
  it("uses the socket address and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", null)).toBe("203.0.113.9");
    expect(resolveClientAddress(null, "1.2.3.4", null)).toBeNull();
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy", () => {
    const proxies = parseTrustProxy("10.0.0.1");
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", proxies)).toBe("203.0.113.9");
  });

  it("takes the right-most hop that is not a trusted proxy", () => {
    const proxies = parseTrustProxy("10.0.0.0/8, 192.168.1.1");
    // The client forged 6.6.6.6; our proxies appended the real 198.51.100.7 and then themselves.
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 198.51.100.7, 192.168.1.1", proxies)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.1", "198.51.100.7", proxies)).toBe("198.51.100.7");
    // Nothing but our proxies: the left-most of them.
    expect(resolveClientAddress("10.0.0.1", "10.1.1.1", proxies)).toBe("10.1.1.1");
    expect(resolveClientAddress("10.0.0.1", undefined, proxies)).toBe("10.0.0.1");
    // Garbage where an address should be: stop at the last hop we trust.
    expect(resolveClientAddress("10.0.0.1", "evil, 10.2.2.2", proxies)).toBe("10.2.2.2");
  });

  it("handles IPv6 and IPv4 seen through IPv6 sockets", () => {
    const proxies = parseTrustProxy("::1,127.0.0.1");
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(resolveClientAddress("::1", "2001:db8::5", proxies)).toBe("2001:db8::5");
    expect(resolveClientAddress("127.0.0.1", "::ffff:198.51.100.7", proxies)).toBe("198.51.100.7");
  });

  it("reads TRUST_PROXY: off when empty or false, refusing what is not an address", () => {
    expect(parseTrustProxy(undefined)).toBeNull();
    expect(parseTrustProxy("false")).toBeNull();
    expect(parseTrustProxy("10.0.0.0/8")?.includes("10.9.9.9")).toBe(true);
    expect(() => parseTrustProxy("true")).toThrow(/not an IP/);
    expect(() => parseTrustProxy("10.0.0.0/33")).toThrow(/prefix/);
  });
});
