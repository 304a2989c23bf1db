import "server-only";
import type { Db } from "../db";
import { forbidden } from "../app-error";
import { can, type ScopedActor } from "../../contracts/permissions";
import { APPROVED_STATUSES } from "../../contracts/governance";
import { ACTIVE_EXCEPTION_STATUSES, CLOSED_REASONS } from "../../contracts/exceptions";
import { storeLocationsOf } from "./store-locations";
import type { TStoreCountTask, TStoreReceiptTask, TStoreTasks, TStoreTransferTask } from "../../contracts/store-tasks";
import { MS_PER_DAY } from "../../engine/calendar";

/** Purchase orders show up as "to receive" this many days before their promised date. */
const RECEIPT_HORIZON_DAYS = 7;
const MAX_ROWS = 100;
/** Transfer states in which the goods are expected to move. */
/** The inaccuracy is still to be counted: open, or its cycle count was approved but nobody counted yet. */

export function canDoStoreTasks(role: string): boolean {
  return can(role, "transfers.confirm") || can(role, "inventory.flag_count");
}

/**
 * The store manager's day, scoped to their stores: approved transfers to ship or receive, stock
 * records to count, purchase orders due to arrive. Every list is read with the actor's location
 * scope in the query; a role without store-task rights is refused.
 */
export async function listStoreTasks(db: Db, actor: ScopedActor & { role: string }, today = new Date()): Promise<TStoreTasks> {
  if (!canDoStoreTasks(actor.role)) throw forbidden("Store tasks are for store managers.");
  const stores = await storeLocationsOf(db, actor);
  const ids = stores.map((s) => s.id);
  const [transfers, transfersAwaitingApproval, counts, receipts] = await Promise.all([
    listTransfers(db, ids),
    db.recommendation.count({
      where: { actionType: "transfer", status: { in: ["proposed", "pending"] }, OR: [{ sourceLocationId: { in: ids } }, { destLocationId: { in: ids } }] },
    }),
    listCounts(db, ids),
    listReceipts(db, ids, today),
  ]);
  return {
    stores: stores.map(({ code, name }) => ({ code, name })),
    transfers,
    transfersAwaitingApproval,
    counts,
    receipts,
    can: { confirmTransfers: can(actor.role, "transfers.confirm"), count: can(actor.role, "inventory.flag_count"), receive: can(actor.role, "transfers.confirm") },
  };
}

async function namesOf(db: Db, locationIds: number[], productIds: number[]) {
  const [locations, products] = await Promise.all([
    db.location.findMany({ where: { id: { in: [...new Set(locationIds)] } }, select: { id: true, code: true, name: true } }),
    db.product.findMany({ where: { id: { in: [...new Set(productIds)] } }, select: { id: true, sku: true, name: true } }),
  ]);
  return {
    location: (id: number) => {
      const l = locations.find((x) => x.id === id);
      return { code: l?.code ?? "", name: l?.name ?? "" };
    },
    product: (id: number) => {
      const p = products.find((x) => x.id === id);
      return { sku: p?.sku ?? "", name: p?.name ?? "" };
    },
  };
}

async function listTransfers(db: Db, storeIds: number[]): Promise<TStoreTransferTask[]> {
  const recs = await db.recommendation.findMany({
    where: {
      actionType: "transfer",
      status: { in: [...APPROVED_STATUSES] },
      OR: [{ sourceLocationId: { in: storeIds } }, { destLocationId: { in: storeIds } }],
    },
    include: { exception: { select: { productId: true } } },
    orderBy: [{ decidedAt: "asc" }, { createdAt: "asc" }],
    take: MAX_ROWS * 2,
  });
  const confirmations = await db.transferConfirmation.findMany({ where: { recommendationId: { in: recs.map((r) => r.id) } } });
  const confirmedAt = (id: string, step: string) => confirmations.find((c) => c.recommendationId === id && c.step === step)?.confirmedAt ?? null;
  const names = await namesOf(
    db,
    recs.flatMap((r) => [r.sourceLocationId, r.destLocationId].filter((x): x is number => x !== null)),
    recs.map((r) => r.exception.productId),
  );
  // A transfer out of a store reaches the destination's list once that store has shipped it.
  const storeSources = new Set(
    (await db.location.findMany({ where: { id: { in: recs.flatMap((r) => (r.sourceLocationId === null ? [] : [r.sourceLocationId])) }, type: "STORE" }, select: { id: true } })).map((l) => l.id),
  );
  const tasks: TStoreTransferTask[] = [];
  for (const rec of recs) {
    if (rec.sourceLocationId === null || rec.destLocationId === null) continue;
    const base = {
      recommendationId: rec.id,
      exceptionId: rec.exceptionId,
      product: names.product(rec.exception.productId),
      from: names.location(rec.sourceLocationId),
      to: names.location(rec.destLocationId),
      quantity: Math.round(rec.quantity),
      approvedAt: rec.decidedAt?.toISOString() ?? rec.updatedAt.toISOString(),
      shippedAt: confirmedAt(rec.id, "shipped")?.toISOString() ?? null,
    };
    if (storeIds.includes(rec.sourceLocationId) && !confirmedAt(rec.id, "shipped")) tasks.push({ ...base, step: "shipped" });
    const arriving = base.shippedAt !== null || !storeSources.has(rec.sourceLocationId);
    if (storeIds.includes(rec.destLocationId) && arriving && !confirmedAt(rec.id, "received")) tasks.push({ ...base, step: "received" });
  }
  return tasks.slice(0, MAX_ROWS);
}

async function listCounts(db: Db, storeIds: number[]): Promise<TStoreCountTask[]> {
  const exceptions = await db.exception.findMany({
    where: {
      type: "inventory_inaccuracy",
      locationId: { in: storeIds },
      OR: [{ status: { in: [...ACTIVE_EXCEPTION_STATUSES] } }, { status: "resolved", closedReason: { not: CLOSED_REASONS.cycleCounted } }],
    },
    include: { recommendations: { where: { actionType: "cycle_count", status: { in: [...APPROVED_STATUSES] } }, select: { id: true } } },
    orderBy: [{ score: "desc" }, { id: "asc" }],
    take: MAX_ROWS,
  });
  // A resolved inaccuracy is a count to do only when its resolution was an approved count.
  const toCount = exceptions.filter((e) => e.status !== "resolved" || e.recommendations.length > 0);
  const names = await namesOf(db, toCount.map((e) => e.locationId), toCount.map((e) => e.productId));
  const positions = await Promise.all(
    toCount.map((e) => db.inventoryPosition.findFirst({ where: { locationId: e.locationId, productId: e.productId }, orderBy: { asOf: "desc" }, select: { onHand: true } })),
  );
  return toCount.map((e, i) => ({
    exceptionId: e.id,
    version: e.version,
    product: names.product(e.productId),
    location: names.location(e.locationId),
    summary: e.summary,
    recordedOnHand: positions[i]?.onHand ?? null,
    raisedAt: e.raisedAt.toISOString(),
    countRequested: e.recommendations.length > 0,
  }));
}

async function listReceipts(db: Db, storeIds: number[], today: Date): Promise<TStoreReceiptTask[]> {
  const horizon = new Date(today.getTime() + RECEIPT_HORIZON_DAYS * MS_PER_DAY);
  const orders = await db.purchaseOrder.findMany({
    where: { destinationLocationId: { in: storeIds }, status: { in: ["OPEN", "PARTIAL"] }, promisedAt: { lte: horizon } },
    include: { supplier: { select: { code: true, name: true } }, destination: { select: { code: true, name: true } }, lines: { include: { product: { select: { sku: true, name: true } } }, orderBy: { lineNo: "asc" } } },
    orderBy: [{ promisedAt: "asc" }, { poNumber: "asc" }],
    take: MAX_ROWS,
  });
  return orders.map((po) => ({
    poNumber: po.poNumber,
    supplier: po.supplier,
    location: po.destination,
    promisedAt: po.promisedAt.toISOString(),
    daysLate: Math.floor((today.getTime() - po.promisedAt.getTime()) / MS_PER_DAY),
    status: po.status,
    lines: po.lines.map((l) => ({
      lineNo: l.lineNo,
      product: l.product,
      qtyOrdered: l.qtyOrdered,
      qtyReceived: l.qtyReceived,
      qtyOutstanding: Math.max(0, l.qtyOrdered - l.qtyReceived),
    })),
  }));
}
