import "server-only";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { lookup as dnsLookupAll } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/**
 * Where a webhook may point. A subscriber chooses the URL and the server makes the request, so an
 * unchecked URL lets any signed-in user reach hosts only the server can (SSRF): the loopback
 * interface, the private network, cloud metadata at 169.254.169.254. Only public unicast addresses
 * pass — every address the name resolves to, checked when subscribing and again on every connection
 * (the check sits in the socket's own DNS lookup, so a name re-pointed after subscribing is caught).
 *
 * Loopback is allowed only when STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK=1 (tests and local development
 * with a receiver on the same machine); private and link-local ranges never are.
 *
 * Built on node:net's BlockList rather than a library: the list is the IANA special-purpose
 * registries (RFC 6890 and successors), and the one address library in the tree (ipaddr.js 1.9, via
 * proxy-addr) predates several of those ranges.
 */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv4");
}
/** IPv6 outside global unicast (2000::/3) is never public; inside it, these are not either. */
const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet("2000::", 3, "ipv6");
for (const [network, prefix] of [
  ["2001::", 23], // IETF protocol assignments (Teredo, benchmarking, ORCHID)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4: wraps any IPv4 address, private ones included
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, "ipv6");
}

export function loopbackWebhooksAllowed(): boolean {
  return process.env.STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK === "1";
}

/** A webhook target that may never be called: the delivery fails for good, it is not retried. */
export class RefusedWebhookTarget extends Error {}

/**
 * An IPv4-mapped IPv6 address is its IPv4 address ("::ffff:10.0.0.1", or "::ffff:a00:1" as URLs
 * write it, is 10.0.0.1); brackets of a URL's IPv6 host are dropped.
 */
function plainAddress(address: string): string {
  const unbracketed = address.replace(/^\[(.*)\]$/, "$1");
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(unbracketed);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(unbracketed);
  if (!hex) return unbracketed;
  const [high, low] = [Number.parseInt(hex[1]!, 16), Number.parseInt(hex[2]!, 16)];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** What kind of address may not receive webhooks ("a loopback address"), or null when it may. */
export function refusedAddressKind(address: string, allowLoopback = loopbackWebhooksAllowed()): string | null {
  const plain = plainAddress(address);
  const family = isIP(plain);
  if (family === 0) return "not an IP address";
  const type = family === 6 ? "ipv6" : "ipv4";
  if (LOOPBACK.check(plain, type)) return allowLoopback ? null : "a loopback address";
  if (type === "ipv6" && !GLOBAL_UNICAST_V6.check(plain, "ipv6")) return "not a public address";
  if (NOT_PUBLIC.check(plain, type)) return "a private or reserved address";
  return null;
}

/**
 * Checks a webhook URL before subscribing: its host, or every address its name resolves to, must be
 * public. Returns why it is refused (for a 422 naming the field), or null.
 */
export async function refusedWebhookUrlReason(url: string, allowLoopback = loopbackWebhooksAllowed()): Promise<string | null> {
  const host = plainAddress(new URL(url).hostname);
  if (isIP(host) !== 0) {
    const kind = refusedAddressKind(host, allowLoopback);
    return kind && `${host} is ${kind}`;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await dnsLookupAll(host, { all: true, verbatim: true });
  } catch {
    return `${host} does not resolve to an address`;
  }
  for (const { address } of addresses) {
    const kind = refusedAddressKind(address, allowLoopback);
    if (kind) return `${host} resolves to ${plainAddress(address)}, ${kind}`;
  }
  return null;
}

/**
 * A socket `lookup` that refuses non-public addresses at connection time: the address the socket
 * connects to is the one checked, so a name re-pointed after subscribing (DNS rebinding) cannot
 * slip a private host through.
 */
function publicOnlyLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const kind = refusedAddressKind(address, allowLoopback);
        if (kind) return callback(new RefusedWebhookTarget(`${hostname} resolves to ${plainAddress(address)}, ${kind}.`), []);
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} does not resolve to an address.`), { code: "ENOTFOUND" }), []);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a webhook body to a public address only (see above), without following redirects (a
 * redirect could point anywhere), and answers the receiver's status.
 */
export function postToPublicAddress(url: string, body: string, headers: Record<string, string>, timeoutMs: number, allowLoopback = loopbackWebhooksAllowed()): Promise<{ status: number }> {
  const target = new URL(url);
  const host = plainAddress(target.hostname);
  // A literal address is connected to without any lookup: check it here.
  const literalKind = isIP(host) !== 0 ? refusedAddressKind(host, allowLoopback) : null;
  if (literalKind) return Promise.reject(new RefusedWebhookTarget(`${host} is ${literalKind}.`));
  return new Promise((resolve, reject) => {
    const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, {
      method: "POST",
      headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      lookup: publicOnlyLookup(allowLoopback),
      agent: false,
      signal: AbortSignal.timeout(timeoutMs),
    });
    request.on("response", (response) => {
      response.destroy();
      resolve({ status: response.statusCode ?? 0 });
    });
    request.on("error", reject);
    request.end(body);
  });
}
