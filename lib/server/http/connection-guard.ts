import "server-only";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { bodyLimitFor, payloadTooLarge } from "./body-limits";

/**
 * Header the guard sets on every incoming request to the TCP peer's address, replacing anything a
 * client sent under that name: the one address a client cannot choose. Route handlers only see
 * headers (Next.js gives them no socket), so this is how they learn who connected.
 */
export const PEER_ADDRESS_HEADER = "x-stockpilot-peer-address";

/**
 * Runs before Next.js sees a request: stamps the peer address, and answers 413 at once when the
 * declared Content-Length is over the route's limit — closing the connection after a short linger
 * instead of reading the body, so an oversized upload costs neither memory nor the time to receive
 * it. Returns true when it answered the request itself.
 */
export function guardIncomingRequest(req: IncomingMessage, res: ServerResponse): boolean {
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  const declared = Number(req.headers["content-length"] ?? "0");
  if (!Number.isFinite(declared) || declared <= 0) return false;
  const pathname = (req.url ?? "/").split("?")[0]!;
  const limit = bodyLimitFor(pathname, req.headers["content-type"]);
  if (declared <= limit) return false;
  const body = JSON.stringify({ error: { code: "PAYLOAD_TOO_LARGE", message: payloadTooLarge(limit).message } });
  res.writeHead(413, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close", "cache-control": "no-store" });
  lingerBeforeClosing(req.socket);
  res.end(body);
  return true;
}

/** After a 413, how long the socket stays open (half-closed) before it is closed. */
export const LINGER_MS = 2_000;

/**
 * Closing a socket while the client's unread body sits in the server's receive buffer makes the
 * kernel send a reset, and a reset can destroy the 413 before the client reads it (measured on
 * `next start`: the client saw ECONNRESET instead of the answer). So, as web servers do ("lingering
 * close"): send the answer, half-close, keep the socket for LINGER_MS, then close. Nothing more of
 * the body is read meanwhile (what the client sends waits in the kernel's buffers, bounded by TCP's
 * window), so memory stays flat. Node's HTTP server closes a `connection: close` socket through
 * `destroySoon` once the answer is written; this socket's `destroySoon` lingers instead.
 */
function lingerBeforeClosing(socket: Socket): void {
  Object.assign(socket, {
    destroySoon: () => {
      const timer = setTimeout(() => socket.destroy(), LINGER_MS);
      timer.unref();
      socket.once("close", () => clearTimeout(timer));
      socket.end();
    },
  });
}

const INSTALLED = Symbol.for("stockpilot.connectionGuard");

/**
 * Puts the guard in front of every HTTP server of this process (Next.js creates its own), once.
 * Patching `emit` for the "request" event is the one hook Next.js leaves before its handler.
 */
export function installConnectionGuard(): void {
  const proto = http.Server.prototype as http.Server & { [INSTALLED]?: boolean };
  if (proto[INSTALLED]) return;
  proto[INSTALLED] = true;
  const emit = proto.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  proto.emit = function guardedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && guardIncomingRequest(args[0] as IncomingMessage, args[1] as ServerResponse)) return true;
    return emit.call(this, event, ...args);
  } as typeof proto.emit;
}
