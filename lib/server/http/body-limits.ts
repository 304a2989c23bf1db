import "server-only";
import { z } from "zod";
import { AppError } from "../app-error";

/**
 * How many request-body bytes each route may send. One table, read twice: by the connection guard
 * (instrumentation), which answers 413 from the declared Content-Length before any byte of the
 * body is read, and by the handlers' body readers, which stop a chunked body at the same limit.
 * No "server-only" marker: the guard installs from instrumentation.ts.
 */
const ZBodyLimitEnv = z.object({
  STOCKPILOT_MAX_JSON_BYTES: z.coerce.number().int().positive().default(1024 * 1024),
  STOCKPILOT_MAX_AUTH_BYTES: z.coerce.number().int().positive().default(16 * 1024),
  STOCKPILOT_MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(2 * 1024 ** 3),
  /** A JSON batch of events (up to 10 000 events) is held in memory while validated. */
  STOCKPILOT_MAX_EVENT_BATCH_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
  /** An NDJSON event stream is read piece by piece, so it may be much larger. */
  STOCKPILOT_MAX_EVENT_STREAM_BYTES: z.coerce.number().int().positive().default(1024 ** 3),
});

export type BodyLimitKind = "json" | "auth" | "upload" | "event_batch" | "event_stream";

export function bodyLimits(): Record<BodyLimitKind, number> {
  const e = ZBodyLimitEnv.parse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  return {
    json: e.STOCKPILOT_MAX_JSON_BYTES,
    auth: e.STOCKPILOT_MAX_AUTH_BYTES,
    upload: e.STOCKPILOT_MAX_UPLOAD_BYTES,
    event_batch: e.STOCKPILOT_MAX_EVENT_BATCH_BYTES,
    event_stream: e.STOCKPILOT_MAX_EVENT_STREAM_BYTES,
  };
}

/** Which limit a request falls under, from its path and content type. Everything else: 1 MB of JSON. */
export function bodyLimitKindFor(pathname: string, contentType: string | null | undefined): BodyLimitKind {
  if (pathname.startsWith("/api/auth/")) return "auth";
  if (pathname === "/api/v1/imports") return "upload";
  if (pathname === "/api/v1/events") return (contentType ?? "").includes("ndjson") ? "event_stream" : "event_batch";
  return "json";
}

export function bodyLimitFor(pathname: string, contentType: string | null | undefined): number {
  return bodyLimits()[bodyLimitKindFor(pathname, contentType)];
}

function describeBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${+(bytes / 1024).toFixed(1)} KB`;
}

export function payloadTooLarge(limit: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than the ${describeBytes(limit)} this endpoint accepts.`);
}

/** Refuses a declared Content-Length over the limit before reading anything. */
export function assertDeclaredLength(request: Request, limit: number): void {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > limit) throw payloadTooLarge(limit);
}

/**
 * The body as a stream that errors (413) once more than `limit` bytes have passed, so a chunked
 * body without Content-Length is cut off at the limit instead of read whole. Cancelling the source
 * stops reading from the connection.
 */
export function limitedBody(request: Request, limit: number, onExceeded?: () => void): ReadableStream<Uint8Array> {
  assertDeclaredLength(request, limit);
  const source = request.body;
  if (!source) return new ReadableStream({ start: (controller) => controller.close() });
  const reader = source.getReader();
  let seen = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > limit) {
        onExceeded?.();
        await reader.cancel().catch(() => undefined);
        controller.error(payloadTooLarge(limit));
        return;
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * The whole body as text, refused with 413 past `limit` bytes (declared or streamed) and with 422
 * when it is not valid UTF-8 (rather than silently turning bad bytes into U+FFFD).
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  const reader = limitedBody(request, limit).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid UTF-8.");
  }
}

/**
 * A copy of the request whose body stops at `limit` bytes, for readers such as formData() that
 * report a broken stream in their own words; `exceeded()` says whether the limit was the cause.
 */
export function withLimitedBody(request: Request, limit: number): { request: Request; exceeded: () => boolean } {
  let exceeded = false;
  const body = limitedBody(request, limit, () => (exceeded = true));
  return { request: new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit), exceeded: () => exceeded };
}
