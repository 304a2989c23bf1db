import "server-only";
import { BatchedUpsert } from "../imports/batched-upsert";
import { startOfUtcDay } from "../../engine/calendar";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import type { TEvent } from "../../contracts/events";

type ReturnEvent = Extract<TEvent, { type: "return.received" }>;
/** Keys per lookup query: well under SQLite's bound-parameter limit. */
const LOOKUP_CHUNK = 300;

/**
 * Customer returns arrive one by one but are stored per location × SKU × day (ReturnDaily, the
 * rows returns.csv writes), so each event adds its units to that day's row. Addition commutes and
 * each event id is applied once, so order and replays do not matter.
 */
export async function applyReturnEvents(ctx: EventBatchContext, events: readonly NewEvent<ReturnEvent>[]): Promise<void> {
  const totals = new Map<string, { locationId: number; productId: number; date: Date; units: number }>();
  for (const { event, occurredAt } of events) {
    const locationId = ctx.locations.get(event.location)!.id;
    const productId = ctx.products.get(event.sku)!;
    const date = startOfUtcDay(occurredAt);
    const key = `${locationId}|${productId}|${date.getTime()}`;
    const total = totals.get(key) ?? { locationId, productId, date, units: 0 };
    total.units += event.units;
    totals.set(key, total);
    ctx.outcomes.set(event.id, { outcome: "applied", locationId, productId, quantity: event.units });
    ctx.dirty.add(`${locationId}|${productId}`);
  }
  const keys = [...totals.values()];
  for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
    const chunk = keys.slice(i, i + LOOKUP_CHUNK);
    const existing = await ctx.tx.returnDaily.findMany({
      where: { OR: chunk.map(({ locationId, productId, date }) => ({ locationId, productId, date })) },
      select: { locationId: true, productId: true, date: true, units: true },
    });
    for (const row of existing) {
      const total = totals.get(`${row.locationId}|${row.productId}|${row.date.getTime()}`);
      if (total) total.units += row.units;
    }
  }
  const writer = new BatchedUpsert(ctx.tx, {
    table: "ReturnDaily",
    columns: ["locationId", "productId", "date", "units"],
    conflictColumns: ["locationId", "productId", "date"],
    comparedColumns: ["units"],
  });
  for (const total of totals.values()) if (writer.add([total.locationId, total.productId, total.date, total.units])) await writer.flush();
  await writer.flush();
}
