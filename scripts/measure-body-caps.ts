/**
 * `npm run bench:body-caps`: sends 300 MB bodies at the body caps and prints
 * the process's RSS before and after. A plain HTTP server stands in for Next.js with the same two
 * guards the app uses: the connection guard (declared Content-Length → 413 before reading) and the
 * route handlers' streamed reader (chunked body → 413 at the cap). Prints figures; asserts nothing.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { readBodyText } from "../lib/server/http/body-limits";
import { guardIncomingRequest } from "../lib/server/http/connection-guard";

const TOTAL = 300 * 1024 * 1024;
const CHUNK = 1024 * 1024;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;

const server = http.createServer(async (req, res) => {
  if (guardIncomingRequest(req, res)) return;
  const request = new Request(`http://localhost${req.url}`, {
    method: req.method,
    headers: req.headers as Record<string, string>,
    body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
    duplex: "half",
  } as RequestInit);
  try {
    await readBodyText(request, 1024 * 1024);
    res.end("read");
  } catch (error) {
    res.writeHead((error as { status?: number }).status ?? 500, { connection: "close" });
    res.end(String((error as Error).message), () => req.socket?.destroy());
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

function body(): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  return new ReadableStream({
    pull(controller) {
      if (sent >= TOTAL) return controller.close();
      sent += CHUNK;
      controller.enqueue(chunk);
    },
  });
}

async function send(label: string, headers: Record<string, string>) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  const started = performance.now();
  let status = 0;
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/recommendations/x/decisions`, { method: "POST", headers, body: body(), duplex: "half" } as RequestInit);
    status = res.status;
  } catch {
    status = -1; // the server closed the connection mid-upload, as intended
  }
  const after = process.memoryUsage().rss;
  console.log(`${label}: answer ${status === -1 ? "connection closed after 413" : status} in ${(performance.now() - started).toFixed(0)} ms; RSS ${mb(before)} → ${mb(after)} (${mb(after - before)} more) for a ${mb(TOTAL)} body`);
}

await send("declared Content-Length 300 MB", { "content-type": "application/json", "content-length": String(TOTAL) });
await send("chunked 300 MB (no Content-Length)", { "content-type": "application/json" });
server.close();
