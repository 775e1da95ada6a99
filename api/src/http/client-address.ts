import { BlockList, isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/*
 * The address of the client behind a request, for throttling and logs. Without a trusted proxy it
 * is the TCP peer, which a client cannot forge. `X-Forwarded-For` is believed only when the peer
 * is one of the configured proxies (TRUST_PROXY), and then only as far as the chain runs through
 * trusted proxies: the right-most hop that is not one of ours is the client. Everything to the
 * left of it was written by the client and could say anything.
 */

/** The proxies whose `X-Forwarded-For` is believed: addresses and CIDR ranges, IPv4 or IPv6. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries;
    for (const entry of entries) {
      const [address = "", bits] = entry.split("/");
      const family = isIP(address);
      if (family === 0) throw new Error(`not an IP address or CIDR range: ${entry}`);
      const type = family === 4 ? "ipv4" : "ipv6";
      if (bits === undefined) {
        this.list.addAddress(address, type);
      } else {
        const prefix = Number(bits);
        if (!/^\d{1,3}$/.test(bits) || prefix > (family === 4 ? 32 : 128)) {
          throw new Error(`bad prefix length in ${entry}`);
        }
        this.list.addSubnet(address, prefix, type);
      }
    }
  }

  includes(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? "ipv4" : "ipv6");
  }
}

/** `TRUST_PROXY`: empty or "false" is off; otherwise a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): TrustedProxies | null {
  const v = (value ?? "").trim();
  if (v === "" || v === "false") return null;
  return new TrustedProxies(
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** An IPv4 address seen through an IPv6 socket (`::ffff:1.2.3.4`) is the IPv4 address. */
export function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/** The TCP peer's address, or null where there is no socket (requests made in-process, as in tests). */
export function socketAddress(c: Context): string | null {
  try {
    const address = getConnInfo(c).remote.address;
    return address ? normaliseAddress(address) : null;
  } catch {
    return null;
  }
}

/**
 * The client's address: the socket peer, or, when the peer is a trusted proxy, the right-most
 * address in `X-Forwarded-For` that is not itself a trusted proxy.
 */
export function resolveClientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  proxies: TrustedProxies | null,
): string | null {
  if (peer === null || proxies === null || !proxies.includes(peer)) return peer;
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i] ?? "");
    // A hop that is not an address was not written by a proxy of ours: stop at the last one we trust.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!proxies.includes(hop)) return hop;
  }
  return client;
}

export function clientAddress(c: Context, proxies: TrustedProxies | null): string | null {
  return resolveClientAddress(socketAddress(c), c.req.header("X-Forwarded-For"), proxies);
}
