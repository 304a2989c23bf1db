import "server-only";
import type { DbTransaction } from "../db";
import type { TEvent } from "../../contracts/events";

/** An event of the batch that was not seen before, with its place in the request (for error keys). */
export interface NewEvent<E extends TEvent = TEvent> {
  index: number;
  event: E;
  occurredAt: Date;
  payloadHash: string;
}

export type EventOutcome = "applied" | "stale";

/** What applying the batch produced, filled in by the apply-* steps. */
export interface EventBatchContext {
  tx: DbTransaction;
  locations: Map<string, { id: number; sourceDcCode: string | null }>;
  products: Map<string, number>;
  outcomes: Map<string, { outcome: EventOutcome; locationId?: number; productId?: number; quantity?: number }>;
  /** `${locationId}|${productId}` of series whose inputs changed. */
  dirty: Set<string>;
  /** The fieldErrors key of an event's field: "events.<index>.<field>" for a JSON batch, "line.<n>.<field>" for a stream. */
  errorKey: (index: number, field: string) => string;
}

/** Newest-first by business time; equal times keep the later event of the request. */
export function newestOf<E extends TEvent>(events: readonly NewEvent<E>[]): NewEvent<E> {
  return events.reduce((a, b) => (b.occurredAt.getTime() >= a.occurredAt.getTime() ? b : a));
}
