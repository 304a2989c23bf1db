/**
 * Webhook targets: a subscriber picks the URL and the server calls it, so only public addresses
 * pass — literal or resolved, when subscribing and again when connecting.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postToPublicAddress, RefusedWebhookTarget, refusedAddressKind, refusedWebhookUrlReason } from "./webhook-target";

describe("refusedAddressKind", () => {
  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.10.0.1", "a loopback address"],
    ["::1", "a loopback address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["10.0.0.5", "a private or reserved address"],
    ["172.16.4.4", "a private or reserved address"],
    ["192.168.1.1", "a private or reserved address"],
    ["169.254.169.254", "a private or reserved address"], // cloud metadata
    ["::ffff:169.254.169.254", "a private or reserved address"],
    ["100.64.0.1", "a private or reserved address"],
    ["0.0.0.0", "a private or reserved address"],
    ["255.255.255.255", "a private or reserved address"],
    ["224.0.0.1", "a private or reserved address"],
    ["::", "not a public address"],
    ["fe80::1", "not a public address"],
    ["fc00::1", "not a public address"],
    ["fd12:3456::1", "not a public address"],
    ["2002:0a00:0001::1", "a private or reserved address"], // 6to4 around 10.0.0.1
    ["2001:db8::1", "a private or reserved address"],
    ["example.com", "not an IP address"],
  ])("refuses %s as %s", (address, kind) => {
    expect(refusedAddressKind(address, false)).toBe(kind);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])("lets public %s through", (address) => {
    expect(refusedAddressKind(address, false)).toBeNull();
  });

  it("allows loopback only when the explicit setting asks for it, and never the private network", () => {
    expect(refusedAddressKind("127.0.0.1", true)).toBeNull();
    expect(refusedAddressKind("::1", true)).toBeNull();
    expect(refusedAddressKind("10.0.0.5", true)).toBe("a private or reserved address");
    expect(refusedAddressKind("169.254.169.254", true)).toBe("a private or reserved address");
  });
});

describe("refusedWebhookUrlReason", () => {
  it("names the host and why", async () => {
    expect(await refusedWebhookUrlReason("http://10.1.2.3:8080/hook", false)).toBe("10.1.2.3 is a private or reserved address");
    expect(await refusedWebhookUrlReason("http://[::1]/hook", false)).toBe("::1 is a loopback address");
    expect(await refusedWebhookUrlReason("http://[::ffff:a9fe:a9fe]/latest/meta-data", false)).toBe("169.254.169.254 is a private or reserved address");
    expect(await refusedWebhookUrlReason("http://localhost:9/hook", false)).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/);
    expect(await refusedWebhookUrlReason("https://93.184.215.14/hook", false)).toBeNull();
  });
});

describe("postToPublicAddress", () => {
  const hits: string[] = [];
  let receiver: Server;
  let port: number;
  beforeAll(async () => {
    receiver = createServer((request, response) => {
      hits.push(request.url ?? "");
      request.resume();
      request.on("end", () => response.writeHead(204).end());
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    port = (receiver.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  it("refuses a loopback receiver, by literal address and by a name resolved at connection time, sending nothing", async () => {
    await expect(postToPublicAddress(`http://127.0.0.1:${port}/literal`, "{}", {}, 5_000, false)).rejects.toBeInstanceOf(RefusedWebhookTarget);
    // "localhost" is looked up by the socket itself: the check sits in that lookup (DNS rebinding).
    await expect(postToPublicAddress(`http://localhost:${port}/by-name`, "{}", {}, 5_000, false)).rejects.toThrow(/localhost resolves to .*a loopback address/);
    expect(hits).toEqual([]);
  });

  it("delivers to loopback when the test/dev setting allows it", async () => {
    expect(await postToPublicAddress(`http://127.0.0.1:${port}/allowed`, "{}", {}, 5_000, true)).toEqual({ status: 204 });
    expect(hits).toEqual(["/allowed"]);
  });
});
