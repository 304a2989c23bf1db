import "server-only";
import { BatchedUpsert } from "../imports/batched-upsert";
import { utcDay, type EventBatchContext, type NewEvent } from "./event-batch-context";
import type { TEvent } from "./events.types";

type SaleEvent = Extract<TEvent, { type: "sale" }>;
/** Keys per lookup query: well under SQLite's bound-parameter limit. */
const LOOKUP_CHUNK = 300;

/**
 * Sales arrive per transaction but are stored per location × SKU × day, so each event adds its
 * units and revenue to that day's row. Addition commutes, so arrival order does not matter, and
 * each event id is applied once (the caller skips known ids), so replays do not double-count.
 * The new totals are written with the CSV import's batched upsert.
 */
export async function applySalesEvents(ctx: EventBatchContext, events: readonly NewEvent<SaleEvent>[]): Promise<void> {
  const totals = new Map<string, { locationId: number; productId: number; date: Date; units: number; revenue: number; onPromo: boolean }>();
  for (const { event, occurredAt } of events) {
    const locationId = ctx.locations.get(event.location)!.id;
    const productId = ctx.products.get(event.sku)!;
    const date = utcDay(occurredAt);
    const key = `${locationId}|${productId}|${date.getTime()}`;
    const total = totals.get(key) ?? { locationId, productId, date, units: 0, revenue: 0, onPromo: false };
    total.units += event.units;
    total.revenue += event.units * event.price;
    total.onPromo ||= event.onPromo;
    totals.set(key, total);
    ctx.outcomes.set(event.id, { outcome: "applied" });
    ctx.dirty.add(`${locationId}|${productId}`);
  }
  const keys = [...totals.values()];
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const chunk = keys.slice(i, i + LOOKUP_CHUNK);
    const existing = await ctx.tx.salesDaily.findMany({
      where: { OR: chunk.map(({ locationId, productId, date }) => ({ locationId, productId, date })) },
      select: { locationId: true, productId: true, date: true, units: true, revenue: true, onPromo: true },
    });
    for (const row of existing) {
      const total = totals.get(`${row.locationId}|${row.productId}|${row.date.getTime()}`);
      if (!total) continue;
      total.units += row.units;
      total.revenue += row.revenue;
      total.onPromo ||= row.onPromo;
    }
  }
  const writer = new BatchedUpsert(ctx.tx, {
    table: "SalesDaily",
    columns: ["locationId", "productId", "date", "units", "revenue", "onPromo"],
    conflictColumns: ["locationId", "productId", "date"],
    comparedColumns: ["units", "revenue", "onPromo"],
  });
  for (const total of totals.values()) {
    // Not clamped at zero: a return may arrive before the sale it reverses, and the day's net must not depend on that order.
    const values = [total.locationId, total.productId, total.date, total.units, total.revenue, total.onPromo];
    if (writer.add(values)) await writer.flush();
  }
  await writer.flush();
}
