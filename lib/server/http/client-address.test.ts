import { describe, expect, it } from "vitest";
import { clientAddress, trustedProxies } from "./client-address";
import { PEER_ADDRESS_HEADER } from "./connection-guard";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddress", () => {
  it("ignores X-Forwarded-For from a client that is not a configured proxy", () => {
    const none = trustedProxies("");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "1.2.3.4" }), none)).toBe("203.0.113.7");
    // Rotating the header changes nothing.
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "5.6.7.8" }), none)).toBe("203.0.113.7");
  });

  it("behind a trusted proxy takes the right-most untrusted address, so a client cannot prepend one", () => {
    const proxies = trustedProxies("10.0.0.0/8, 192.168.1.5");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "6.6.6.6, 198.51.100.4" }), proxies)).toBe("198.51.100.4");
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "::ffff:192.168.1.5", "x-forwarded-for": "198.51.100.4, 10.0.0.3" }), proxies)).toBe("198.51.100.4");
  });

  it("is unknown without the connection guard's peer header (a client cannot supply one that counts)", () => {
    expect(clientAddress(headers({ "x-forwarded-for": "1.2.3.4" }), trustedProxies(""))).toBeNull();
    expect(clientAddress(headers({ [PEER_ADDRESS_HEADER]: "not-an-ip" }), trustedProxies(""))).toBeNull();
  });

  it("refuses a malformed proxy list instead of trusting too much", () => {
    expect(() => trustedProxies("everyone")).toThrow(/not an IP address/);
  });
});
