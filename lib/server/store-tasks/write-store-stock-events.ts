import "server-only";
import type { DbTransaction } from "../db";
import { sha256 } from "../events/ingest-events";
import { applyInventoryEvents } from "../events/apply-inventory-events";
import { applyReceiptEvents } from "../events/apply-receipt-events";
import type { EventBatchContext, NewEvent } from "../events/event-batch-context";
import type { TEvent } from "../../contracts/events";

type StoreStockEvent = Extract<TEvent, { type: "inventory_count" | "inventory_adjustment" | "purchase_order_receipt" }>;

/**
 * Writes what a store did (a count, a receipt, a shipped or received transfer) through the same
 * appliers as the events API, inside the caller's transaction: stock follows the same rules (the
 * newest count wins, later adjustments apply on top), the event ledger records each one, and the
 * touched series are marked for the incremental replan the caller requests after commit.
 */
export async function writeStoreStockEvents(
  tx: DbTransaction,
  places: { locations: Map<string, { id: number; sourceDcCode: string | null }>; products: Map<string, number> },
  events: StoreStockEvent[],
): Promise<Set<string>> {
  const ctx: EventBatchContext = { tx, ...places, outcomes: new Map(), dirty: new Set(), errorKey: (_index, field) => field };
  const fresh: NewEvent<StoreStockEvent>[] = events.map((event, index) => ({ index, event, occurredAt: new Date(event.occurredAt), payloadHash: sha256(JSON.stringify(event)) }));
  const receipts = fresh.filter((e): e is NewEvent<Extract<StoreStockEvent, { type: "purchase_order_receipt" }>> => e.event.type === "purchase_order_receipt");
  const stock = fresh.filter((e): e is NewEvent<Extract<StoreStockEvent, { type: "inventory_count" | "inventory_adjustment" }>> => e.event.type !== "purchase_order_receipt");
  await applyReceiptEvents(ctx, receipts);
  await applyInventoryEvents(ctx, stock);
  const receivedAt = new Date();
  for (const { event, occurredAt, payloadHash } of fresh) {
    const outcome = ctx.outcomes.get(event.id) ?? { outcome: "applied" as const };
    await tx.ingestedEvent.create({
      data: {
        id: event.id,
        type: event.type,
        payloadHash,
        occurredAt,
        receivedAt,
        outcome: outcome.outcome,
        locationId: outcome.locationId ?? null,
        productId: outcome.productId ?? null,
        quantity: outcome.quantity ?? null,
      },
    });
  }
  const markedAt = new Date();
  for (const series of ctx.dirty) {
    const [locationId, productId] = series.split("|").map(Number) as [number, number];
    await tx.dirtySeries.upsert({ where: { locationId_productId: { locationId, productId } }, create: { locationId, productId, markedAt }, update: { markedAt } });
  }
  return ctx.dirty;
}
