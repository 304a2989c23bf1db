import "server-only";
import { z } from "zod";
import { AppError } from "../app-error";
import { EventBatchErrors, eventErrorKey } from "./event-batch-errors";
import { MAX_EVENTS_PER_BATCH } from "../../contracts/events";
import { ingestEvents, sha256, type EventSourceItem, type IngestEventBatchOutcome, type IngestEventsInput } from "./ingest-events";
import type { Db } from "../db";

export type { IngestEventBatchOutcome } from "./ingest-events";

export interface IngestEventBatchInput extends IngestEventsInput {
  /** The raw request body: hashed as sent, so a retry must be byte-identical to count as the same request. */
  bodyText: string;
}

/** A 10 000-event batch is one transaction; give it room under a concurrent plan run's writes. */
const BATCH_TRANSACTION = { maxWait: 30_000, timeout: 120_000 } as const;

/** The envelope only: each event is validated by ingestEvents with the same schema as a stream's lines. */
const ZBatchEnvelope = z.object({
  events: z.array(z.unknown()).min(1, "send at least one event").max(MAX_EVENTS_PER_BATCH, `send at most ${MAX_EVENTS_PER_BATCH} events per request`),
});

async function* itemsOf(events: readonly unknown[]): AsyncGenerator<EventSourceItem> {
  for (const [index, value] of events.entries()) yield { line: index + 1, value };
}

/**
 * A JSON batch (`{"events": [...]}`, at most MAX_EVENTS_PER_BATCH): one chunk, so an event may
 * refer to a location or product defined anywhere in the batch. Errors are keyed events.<index>.<field>.
 */
export async function ingestEventBatch(db: Db, input: IngestEventBatchInput): Promise<IngestEventBatchOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(input.bodyText);
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  const envelope = ZBatchEnvelope.safeParse(json);
  if (!envelope.success) {
    const errors = new EventBatchErrors();
    errors.addZodError(envelope.error, () => null);
    errors.throwIfAny();
  }
  const { bodyText, ...rest } = input;
  const requestHash = sha256(bodyText);
  return ingestEvents(db, itemsOf(envelope.data!.events), rest, {
    chunkSize: MAX_EVENTS_PER_BATCH,
    errorKey: eventErrorKey,
    requestHash: () => requestHash,
    transaction: BATCH_TRANSACTION,
  });
}
