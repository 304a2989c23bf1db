import "server-only";
import { AppError } from "../app-error";
import { newestOf, type EventBatchContext, type NewEvent } from "./event-batch-context";
import type { TEvent } from "../../contracts/events";

type VersionedEvent = Extract<TEvent, { type: "location" | "product" | "promotion" | "purchase_order" }>;

const entityKeyOf = (event: VersionedEvent) =>
  event.type === "location" ? event.code : event.type === "product" ? event.sku : event.type === "promotion" ? event.code : event.poNumber;

/**
 * Master data and purchase orders are whole-state events: the newest version by business time
 * wins, per entity, whatever order they arrive in. EventClock remembers the newest applied time,
 * so an older version arriving late is recorded as stale and changes nothing.
 */
export async function applyVersionedEvents(ctx: EventBatchContext, events: readonly NewEvent<VersionedEvent>[]): Promise<void> {
  const groups = new Map<string, NewEvent<VersionedEvent>[]>();
  for (const item of events) {
    const key = `${item.event.type}|${entityKeyOf(item.event)}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  // Locations before products before promotions and POs: later kinds refer to earlier ones.
  const order = ["location", "product", "promotion", "purchase_order"];
  const keys = [...groups.keys()].sort((a, b) => order.indexOf(a.split("|")[0]!) - order.indexOf(b.split("|")[0]!));
  for (const key of keys) {
    const group = groups.get(key)!;
    const newest = newestOf(group);
    const [entityType, entityKey] = [newest.event.type, entityKeyOf(newest.event)];
    const clock = await ctx.tx.eventClock.findUnique({ where: { entityType_entityKey: { entityType, entityKey } } });
    const fresh = !clock || newest.occurredAt.getTime() > clock.occurredAt.getTime();
    for (const item of group) ctx.outcomes.set(item.event.id, { outcome: fresh && item === newest ? "applied" : "stale" });
    if (!fresh) continue;
    await applyOne(ctx, newest);
    await ctx.tx.eventClock.upsert({
      where: { entityType_entityKey: { entityType, entityKey } },
      create: { entityType, entityKey, occurredAt: newest.occurredAt },
      update: { occurredAt: newest.occurredAt },
    });
  }
}

async function supplierId(ctx: EventBatchContext, code: string, index: number): Promise<number> {
  const supplier = await ctx.tx.supplier.findUnique({ where: { code }, select: { id: true } });
  if (!supplier) throw new AppError("VALIDATION_FAILED", "The batch was refused; nothing of it was written.", { fieldErrors: { [ctx.errorKey(index, "supplier")]: [`unknown supplier code "${code}"`] } });
  return supplier.id;
}

async function applyOne(ctx: EventBatchContext, { event, index }: NewEvent<VersionedEvent>): Promise<void> {
  const { tx } = ctx;
  switch (event.type) {
    case "location": {
      const data = { name: event.name, type: event.locationType, region: event.region, cluster: event.cluster, sourceDcCode: event.sourceDc ?? null };
      const row = await tx.location.upsert({ where: { code: event.code }, create: { code: event.code, ...data }, update: data });
      ctx.locations.set(row.code, { id: row.id, sourceDcCode: row.sourceDcCode });
      return;
    }
    case "product": {
      const data = {
        name: event.name,
        department: event.department,
        category: event.category,
        subcategory: event.subcategory,
        unitCost: event.unitCost,
        unitPrice: event.unitPrice,
        casePack: event.casePack,
        supplierId: await supplierId(ctx, event.supplier, index),
        referenceSku: event.referenceSku ?? null,
        referenceFactor: event.referenceSku === undefined ? null : (event.referenceFactor ?? 1),
      };
      const row = await tx.product.upsert({ where: { sku: event.sku }, create: { sku: event.sku, ...data }, update: data });
      ctx.products.set(row.sku, row.id);
      return;
    }
    case "promotion": {
      const data = {
        name: event.name,
        sku: event.sku ?? null,
        category: event.category ?? null,
        locationCode: event.location ?? null,
        region: event.region ?? null,
        startDate: new Date(`${event.startDate}T00:00:00Z`),
        endDate: new Date(`${event.endDate}T00:00:00Z`),
        expectedUplift: event.expectedUplift,
      };
      await tx.promotion.upsert({ where: { code: event.code }, create: { code: event.code, ...data }, update: data });
      // A single-SKU, single-location promotion names its series; wider ones wait for the next full run.
      const location = event.location ? ctx.locations.get(event.location) : undefined;
      const productId = event.sku ? ctx.products.get(event.sku) : undefined;
      if (location && productId !== undefined) ctx.dirty.add(`${location.id}|${productId}`);
      return;
    }
    case "purchase_order": {
      const destination = ctx.locations.get(event.destination)!;
      const data = {
        supplierId: await supplierId(ctx, event.supplier, index),
        destinationLocationId: destination.id,
        orderedAt: new Date(`${event.orderedAt}T00:00:00Z`),
        promisedAt: new Date(`${event.promisedAt}T00:00:00Z`),
        status: event.status,
      };
      const po = await tx.purchaseOrder.upsert({ where: { poNumber: event.poNumber }, create: { poNumber: event.poNumber, ...data }, update: data });
      // The event is the order as it now stands: lines it no longer lists are gone; receipts on kept lines stay.
      await tx.purchaseOrderLine.deleteMany({ where: { purchaseOrderId: po.id, lineNo: { notIn: event.lines.map((l) => l.lineNo) } } });
      for (const line of event.lines) {
        const productId = ctx.products.get(line.sku)!;
        await tx.purchaseOrderLine.upsert({
          where: { purchaseOrderId_lineNo: { purchaseOrderId: po.id, lineNo: line.lineNo } },
          create: { purchaseOrderId: po.id, lineNo: line.lineNo, productId, qtyOrdered: line.qtyOrdered },
          update: { productId, qtyOrdered: line.qtyOrdered },
        });
        ctx.dirty.add(`${destination.id}|${productId}`);
      }
      return;
    }
  }
}
