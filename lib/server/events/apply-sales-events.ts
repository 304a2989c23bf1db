import "server-only";
import { BatchedUpsert } from "../imports/batched-upsert";
import { startOfUtcDay } from "../../engine/calendar";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import { EventBatchErrors } from "./event-batch-errors";
import type { TEvent } from "../../contracts/events";

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
  const totals = new Map<string, { locationId: number; productId: number; date: Date; units: number; revenue: number; onPromo: boolean; lastReturn: NewEvent<SaleEvent> | null }>();
  for (const newEvent of events) {
    const { event, occurredAt } = newEvent;
    const locationId = ctx.locations.get(event.location)!.id;
    const productId = ctx.products.get(event.sku)!;
    const date = startOfUtcDay(occurredAt);
    const key = `${locationId}|${productId}|${date.getTime()}`;
    const total = totals.get(key) ?? { locationId, productId, date, units: 0, revenue: 0, onPromo: false, lastReturn: null };
    total.units += event.units;
    if (event.units < 0) total.lastReturn = newEvent;
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
  // A day cannot sell fewer than zero units (the CSV import refuses it too): a return larger than
  // what the day sold is refused, naming the return, and nothing of the batch is written.
  const errors = new EventBatchErrors(ctx.errorKey);
  for (const total of totals.values()) {
    if (total.units >= 0 || !total.lastReturn) continue;
    const { index, event } = total.lastReturn;
    errors.add(index, event.id, "units", `this return (${event.units}) would make ${event.location}/${event.sku} sell ${total.units} units on ${total.date.toISOString().slice(0, 10)}; a day's sales cannot be negative`);
  }
  errors.throwIfAny();
  const writer = new BatchedUpsert(ctx.tx, {
    table: "SalesDaily",
    columns: ["locationId", "productId", "date", "units", "revenue", "onPromo"],
    conflictColumns: ["locationId", "productId", "date"],
    comparedColumns: ["units", "revenue", "onPromo"],
  });
  for (const total of totals.values()) {
    const values = [total.locationId, total.productId, total.date, total.units, total.revenue, total.onPromo];
    if (writer.add(values)) await writer.flush();
  }
  await writer.flush();
}
