import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "../app-error";
import { ingestEvents, type EventSourceItem, type IngestEventBatchOutcome, type IngestEventsInput } from "./ingest-events";
import type { Db } from "../db";

export interface IngestEventStreamInput extends IngestEventsInput {
  /** The NDJSON request body, read incrementally: one event per line, blank lines ignored. */
  body: ReadableStream<Uint8Array>;
}

/** Events per chunk of a stream: validated and applied together; the only events held in memory. */
export const STREAM_CHUNK_EVENTS = 2_000;
/** Longest line accepted: one event, so a line without a newline cannot grow without bound. */
export const MAX_STREAM_LINE_BYTES = 1_048_576;
/**
 * The whole stream is one transaction (all-or-nothing), so the database's write lock is held
 * while the client sends; the bound stops a stalled client from holding it forever.
 */
const STREAM_TRANSACTION = { maxWait: 30_000, timeout: 600_000 } as const;

export const streamErrorKey = (index: number, field: string) => `line.${index + 1}.${field}`;

/** Lines of a byte stream, decoded as UTF-8, with sha256 over exactly the bytes read. */
async function* ndjsonLines(body: ReadableStream<Uint8Array>, hash: ReturnType<typeof createHash>): AsyncGenerator<EventSourceItem> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const reader = body.getReader();
  let pending = "";
  let line = 0;
  const parse = (text: string): EventSourceItem | null => {
    line += 1;
    const trimmed = text.trim();
    if (trimmed === "") return null;
    try {
      return { line, value: JSON.parse(trimmed) as unknown };
    } catch {
      throw new AppError("VALIDATION_FAILED", "The stream was refused; nothing of it was written.", { fieldErrors: { [streamErrorKey(line - 1, "_")]: ["is not valid JSON"] } });
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      hash.update(value);
      pending += decoder.decode(value, { stream: true });
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        const item = parse(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        if (item) yield item;
        newline = pending.indexOf("\n");
      }
      if (pending.length > MAX_STREAM_LINE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `Line ${line + 1} is longer than ${MAX_STREAM_LINE_BYTES} bytes.`);
    }
    pending += decoder.decode();
    const last = parse(pending);
    if (last) yield last;
  } catch (error) {
    if (error instanceof TypeError) throw new AppError("BAD_REQUEST", `The stream is not valid UTF-8 (near line ${line + 1}).`);
    throw error;
  } finally {
    reader.releaseLock();
  }
}

/**
 * An NDJSON stream of any length: read, validated and applied in chunks of STREAM_CHUNK_EVENTS
 * inside one transaction, so it stays all-or-nothing with memory flat. Events may refer to
 * locations and products defined on earlier lines (or in the same chunk). The body is hashed as it
 * streams, for the Idempotency-Key. Errors are keyed line.<n>.<field>; the first bad chunk stops the stream.
 */
export async function ingestEventStream(db: Db, input: IngestEventStreamInput): Promise<IngestEventBatchOutcome> {
  const { body, ...rest } = input;
  const hash = createHash("sha256");
  let digest: string | undefined;
  return ingestEvents(db, ndjsonLines(body, hash), rest, {
    chunkSize: STREAM_CHUNK_EVENTS,
    errorKey: streamErrorKey,
    requestHash: () => (digest ??= hash.digest("hex")),
    transaction: STREAM_TRANSACTION,
  });
}
