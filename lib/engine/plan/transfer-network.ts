import { isStockSuspect } from "../exceptions/assess-stock-record";
import type { TransferLane, TransferNode } from "../allocation/plan-transfers";
import type { SeriesContext } from "../exceptions/series-context";
import { demandVariance, expectedShortfall, fitDemandDistribution } from "../policy/demand-distribution";
import type { NetworkLocation, PlanOptions } from "./plan-types";

/** Holding cost of a unit left over after the protection period; `share` discounts DC stock, which can still go anywhere. */
export function leftoverCost(context: SeriesContext, settings: PlanOptions, share = 1): number {
  return context.unitCost * settings.holdingRatePerYear * (context.policy.protectionDays / 365) * share;
}

/** Below safety stock within lead time + review even after allocation. */
export function isShort(store: SeriesContext): boolean {
  const breach = store.projection.firstDayBelowSafetyStock;
  return breach >= 0 && breach < store.leadTimeDays + store.reviewPeriodDays;
}

export function effectiveStock(store: SeriesContext, allocatedTo: ReadonlyMap<string, number>): number {
  return Math.max(0, store.onHand + (allocatedTo.get(store.seriesId) ?? 0));
}

/** Holds more than its order-up-to level plus a case: stock it can give without creating a need. */
export function isSurplus(store: SeriesContext, allocatedTo: ReadonlyMap<string, number>): boolean {
  // Stock that probably is not there (phantom, negative) is never given away.
  if (isStockSuspect(store.stockRecord)) return false;
  return effectiveStock(store, allocatedTo) > store.policy.orderUpToLevel + store.casePack;
}

/**
 * The transfer network of one SKU: stores short or in surplus (the others would neither give nor
 * take), store-to-store lanes within a cluster and store-to-DC return lanes. A DC's value curve is
 * the demand its stores are expected to leave unserved after allocation (Σ store shortfall, with the
 * stores' pooled dispersion), with a lower leftover cost because DC stock can still go anywhere.
 * A store sends stock back to its DC only when no store of its cluster is short: the DC's value
 * counts those stores' shortfall as if served at once, while returned stock reaches them only after
 * the return and a second shipment, so a short neighbour is served directly.
 */
export function transferNetwork(
  skuStores: readonly SeriesContext[],
  dcIds: readonly string[],
  dcOnHand: (dcId: string) => number,
  locations: ReadonlyMap<string, NetworkLocation>,
  allocatedTo: ReadonlyMap<string, number>,
  settings: PlanOptions,
): { nodes: TransferNode[]; lanes: TransferLane[] } {
  const nodes: TransferNode[] = [];
  const lanes: TransferLane[] = [];
  const stores = skuStores.filter((store) => isShort(store) || isSurplus(store, allocatedTo));
  for (const store of stores) {
    nodes.push({
      id: store.locationId,
      stock: effectiveStock(store, allocatedTo),
      demand: store.policy.protectionDemand,
      unitMargin: Math.max(0, store.unitPrice - store.unitCost),
      unitLeftoverCost: leftoverCost(store, settings),
    });
  }
  for (const dcId of dcIds) {
    const served = skuStores.filter((store) => locations.get(store.locationId)?.sourceDcId === dcId);
    const first = served[0];
    if (!first) continue;
    const uncovered = served.reduce((sum, store) => sum + expectedShortfall(store.policy.protectionDemand, effectiveStock(store, allocatedTo)), 0);
    const pooledMean = served.reduce((sum, store) => sum + store.policy.protectionDemand.mean, 0);
    const dispersion = pooledMean > 0 ? served.reduce((sum, store) => sum + demandVariance(store.policy.protectionDemand), 0) / pooledMean : 1;
    nodes.push({
      id: dcId,
      // Stock already allocated to stores is not the DC's to keep.
      stock: Math.max(0, dcOnHand(dcId) - served.reduce((sum, store) => sum + (allocatedTo.get(store.seriesId) ?? 0), 0)),
      demand: fitDemandDistribution(uncovered, uncovered * dispersion),
      unitMargin: Math.max(0, first.unitPrice - first.unitCost),
      unitLeftoverCost: leftoverCost(first, settings, settings.dcLeftoverShare),
    });
    for (const store of served) {
      if (!isSurplus(store, allocatedTo)) continue;
      const cluster = locations.get(store.locationId)?.cluster;
      if (stores.some((other) => other !== store && isShort(other) && locations.get(other.locationId)?.cluster === cluster)) continue;
      lanes.push({ from: store.locationId, to: dcId, unitCost: settings.storeToDcReturn.unitCost, leadTimeDays: settings.storeToDcReturn.leadTimeDays });
    }
  }
  for (const from of stores) {
    if (!isSurplus(from, allocatedTo)) continue;
    const fromCluster = locations.get(from.locationId)?.cluster;
    for (const to of stores) {
      if (from === to || !isShort(to) || locations.get(to.locationId)?.cluster !== fromCluster) continue;
      lanes.push({ from: from.locationId, to: to.locationId, unitCost: settings.storeTransfer.unitCost, leadTimeDays: settings.storeTransfer.leadTimeDays });
    }
  }
  return { nodes, lanes };
}
