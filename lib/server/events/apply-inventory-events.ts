import "server-only";
import { startOfUtcDay } from "../../engine/calendar";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import type { TEvent } from "../../contracts/events";

type InventoryEvent = Extract<TEvent, { type: "inventory_count" | "inventory_adjustment" }>;

/**
 * Counts and adjustments per series, in business-time order. The newest count wins; an
 * adjustment older than that count is already inside it (stale); newer adjustments apply on top,
 * including ones that arrived before a late count — so any arrival order ends at the same stock.
 * The current position is the InventoryPosition row with the latest as-of day.
 */
export async function applyInventoryEvents(ctx: EventBatchContext, events: readonly NewEvent<InventoryEvent>[]): Promise<void> {
  const { tx } = ctx;
  const sorted = [...events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.index - b.index);
  for (const { event, occurredAt } of sorted) {
    const locationId = ctx.locations.get(event.location)!.id;
    const productId = ctx.products.get(event.sku)!;
    const series = `${locationId}|${productId}`;
    const clockKey = { entityType: "inventory_count", entityKey: series };
    const clock = await tx.eventClock.findUnique({ where: { entityType_entityKey: clockKey } });
    if (clock && occurredAt.getTime() <= clock.occurredAt.getTime()) {
      ctx.outcomes.set(event.id, { outcome: "stale" });
      continue;
    }
    const latest = await tx.inventoryPosition.findFirst({ where: { locationId, productId }, orderBy: { asOf: "desc" } });
    const day = startOfUtcDay(occurredAt);
    const asOf = latest && latest.asOf > day ? latest.asOf : day;
    let onHand: number;
    if (event.type === "inventory_count") {
      // Adjustments after the count that were applied before it arrived still count.
      const later = await tx.ingestedEvent.aggregate({
        where: { type: "inventory_adjustment", outcome: "applied", locationId, productId, occurredAt: { gt: occurredAt } },
        _sum: { quantity: true },
      });
      const laterInBatch = [...ctx.outcomes.values()].filter((o) => o.outcome === "applied" && o.locationId === locationId && o.productId === productId);
      onHand = event.onHand + (later._sum.quantity ?? 0) + laterInBatch.reduce((sum, o) => sum + (o.quantity ?? 0), 0);
      await tx.eventClock.upsert({ where: { entityType_entityKey: clockKey }, create: { ...clockKey, occurredAt }, update: { occurredAt } });
      ctx.outcomes.set(event.id, { outcome: "applied" });
    } else {
      onHand = (latest?.onHand ?? 0) + event.quantity;
      ctx.outcomes.set(event.id, { outcome: "applied", locationId, productId, quantity: event.quantity });
    }
    await tx.inventoryPosition.upsert({
      where: { locationId_productId_asOf: { locationId, productId, asOf } },
      create: { locationId, productId, asOf, onHand },
      update: { onHand },
    });
    ctx.dirty.add(series);
  }
}
