import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyLimitFor, readBodyText, withLimitedBody } from "./body-limits";
import { guardIncomingRequest, LINGER_MS, PEER_ADDRESS_HEADER } from "./connection-guard";

/** A chunked body of `total` bytes, counting how much of it was ever pulled. */
function countingStream(total: number, chunk = 64 * 1024) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const size = Math.min(chunk, total - state.pulled);
      state.pulled += size;
      controller.enqueue(new Uint8Array(size).fill(0x20));
    },
  });
  return { stream, state };
}

function chunkedPost(path: string, body: ReadableStream<Uint8Array>, contentType = "application/json") {
  return new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": contentType }, body, duplex: "half" } as RequestInit);
}

describe("body limits", () => {
  it("assigns 1 MB to JSON routes, small to auth callbacks, the configured max to uploads and event streams", () => {
    expect(bodyLimitFor("/api/v1/recommendations/x/decisions", "application/json")).toBe(1024 * 1024);
    expect(bodyLimitFor("/api/auth/callback/credentials", "application/x-www-form-urlencoded")).toBe(16 * 1024);
    expect(bodyLimitFor("/api/v1/imports", "multipart/form-data")).toBe(2 * 1024 ** 3);
    expect(bodyLimitFor("/api/v1/events", "application/x-ndjson")).toBeGreaterThan(bodyLimitFor("/api/v1/events", "application/json"));
  });

  it("stops a chunked 300 MB body at the limit: 413, and only about the limit is ever read", async () => {
    const { stream, state } = countingStream(300 * 1024 * 1024);
    await expect(readBodyText(chunkedPost("/api/v1/recommendations/x/decisions", stream), 1024 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(state.pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { stream, state } = countingStream(10 * 1024 * 1024);
    const request = new Request("http://localhost/api/v1/x", { method: "POST", headers: { "content-length": String(10 * 1024 * 1024) }, body: stream, duplex: "half" } as RequestInit);
    await expect(readBodyText(request, 1024 * 1024)).rejects.toMatchObject({ status: 413 });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("cuts a multipart upload at the limit the same way", async () => {
    const { stream, state } = countingStream(50 * 1024 * 1024);
    const limited = withLimitedBody(chunkedPost("/api/v1/imports", stream, "multipart/form-data; boundary=x"), 1024 * 1024);
    await expect(limited.request.formData()).rejects.toBeDefined();
    expect(limited.exceeded()).toBe(true);
    expect(state.pulled).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses latin-1 bytes posing as UTF-8 with 422 instead of storing U+FFFD", async () => {
    const request = new Request("http://localhost/api/v1/x", { method: "POST", body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]) });
    await expect(readBodyText(request, 1024)).rejects.toMatchObject({ status: 422 });
  });
});

describe("connection guard", () => {
  let server: http.Server;
  let port = 0;
  let handled = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (guardIncomingRequest(req, res)) return;
      handled++;
      res.end(JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER] }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("answers 413 to an oversized declared body before the client sends any of it, then closes", async () => {
    const socket = net.connect(port, "127.0.0.1");
    socket.write(`POST /api/v1/recommendations/x/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`);
    const response = await new Promise<string>((resolve) => {
      let text = "";
      socket.on("data", (d) => (text += d.toString()));
      socket.on("close", () => resolve(text));
    });
    expect(response).toMatch(/^HTTP\/1\.1 413/);
    expect(response).toMatch(/PAYLOAD_TOO_LARGE/);
    expect(handled).toBe(0);
  });

  it("lets a client still sending its body read the 413 instead of a reset", async () => {
    const socket = net.connect(port, "127.0.0.1");
    socket.write(`POST /api/v1/recommendations/x/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`);
    // 4 MB of body already sent and not yet read by the server when it answers; the client reads late.
    socket.write(Buffer.alloc(4 * 1024 * 1024, 0x20));
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const outcome = await new Promise<{ text: string; error: string | null }>((resolve) => {
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString()));
      socket.on("error", (error: NodeJS.ErrnoException) => resolve({ text, error: error.code ?? error.message }));
      socket.on("end", () => resolve({ text, error: null }));
      socket.resume();
    });
    socket.destroy();
    expect(outcome.error).toBeNull();
    expect(outcome.text).toMatch(/^HTTP\/1\.1 413/);
    expect(handled).toBe(0);
  });

  it("closes the connection once the linger is over, however much the client still pushes", async () => {
    const socket = net.connect(port, "127.0.0.1");
    socket.on("error", () => {});
    socket.on("data", () => {});
    socket.write(`POST /api/v1/recommendations/x/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${300 * 1024 * 1024}\r\n\r\n`);
    const started = performance.now();
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (!socket.destroyed) if (!socket.write(chunk)) return void socket.once("drain", pump);
    };
    pump();
    await closed;
    expect(performance.now() - started).toBeLessThan(LINGER_MS + 5_000);
    expect(handled).toBe(0);
  });

  it("stamps the TCP peer over any client-sent peer header", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/x`, { headers: { [PEER_ADDRESS_HEADER]: "6.6.6.6" } });
    expect(await res.json()).toEqual({ peer: "127.0.0.1" });
  });
});
