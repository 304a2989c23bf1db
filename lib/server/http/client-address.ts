import "server-only";
import { BlockList, isIP } from "node:net";
import { PEER_ADDRESS_HEADER } from "./connection-guard";

/**
 * Who is calling, as far as the server can prove it. X-Forwarded-For is written by whoever sends
 * the request, so it is believed only when the connection comes from a proxy the operator listed
 * in STOCKPILOT_TRUSTED_PROXIES (addresses or CIDR ranges, comma-separated): then the client is
 * the right-most address in the header that is not itself a trusted proxy. Otherwise the client is
 * the TCP peer. Null when the peer is unknown (no connection guard, e.g. a handler called directly).
 */
export function clientAddress(headers: Pick<Headers, "get">, trusted: BlockList = trustedProxies()): string | null {
  const peer = normalize(headers.get(PEER_ADDRESS_HEADER) ?? "");
  if (!peer) return null;
  if (!isTrusted(trusted, peer)) return peer;
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => normalize(hop.trim()))
    .filter((hop) => hop !== "");
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!isTrusted(trusted, hops[i]!)) return hops[i]!;
  }
  return hops[0] ?? peer;
}

/** "::ffff:10.0.0.1" (IPv4 over an IPv6 socket) → "10.0.0.1"; anything that is not an address → "". */
function normalize(address: string): string {
  const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  return isIP(plain) ? plain : "";
}

function isTrusted(list: BlockList, address: string): boolean {
  return list.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
}

let cached: { spec: string; list: BlockList } | undefined;

/** The configured proxies; an invalid entry stops the server rather than trusting too much. */
export function trustedProxies(spec = process.env.STOCKPILOT_TRUSTED_PROXIES ?? ""): BlockList {
  if (cached?.spec === spec) return cached.list;
  const list = new BlockList();
  for (const entry of spec.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, prefix] = entry.split("/");
    const family = isIP(address ?? "");
    if (family === 0) throw new Error(`STOCKPILOT_TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  cached = { spec, list };
  return list;
}
