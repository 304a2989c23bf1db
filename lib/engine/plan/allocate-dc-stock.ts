import { allocateScarceStock, type AllocationCandidate } from "../allocation/allocate-scarce-stock";
import type { SeriesContext } from "../exceptions/series-context";
import { lateArrivalProbability, type ProjectedReceipt, projectInventory } from "../projection/project-inventory";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import { compareIds, groupBy, seriesKey } from "./plan-keys";
import type { DcAllocation, PlanOptions, SeriesPlan } from "./plan-types";
import type { PolicyStageResult } from "./plan-series-policies";
import { summarizeProjection } from "./summarize-projection";
import { projectionReceipts } from "./to-projected-receipts";
import { effectiveStock, isShort, isSurplus, leftoverCost } from "./transfer-network";

/** A SKU whose stores are still short after allocation while others hold surplus. */
export interface TransferCandidate {
  sku: string;
  shortUnits: number;
  /** The SKU's non-DC series after allocation. */
  contexts: SeriesContext[];
}

export interface AllocationStageResult {
  /** The policy stage's contexts and plans with allocations applied (new arrays; the inputs are not changed). */
  contexts: SeriesContext[];
  plans: SeriesPlan[];
  allocations: DcAllocation[];
  /** Units allocated to each store series. */
  allocatedTo: ReadonlyMap<string, number>;
  transferCandidates: TransferCandidate[];
}

/**
 * Stage 3a: allocate each DC's free stock (what its own sales do not keep back) to its stores by
 * marginal value, re-project the stores that receive some, and list the SKUs worth a transfer plan.
 */
export function allocateDcStock(indexed: IndexedPlanSnapshot, policies: PolicyStageResult, settings: PlanOptions): AllocationStageResult {
  const { locations, products, onHandBySeries, dcIds, asOf } = indexed;
  const contexts = [...policies.contexts];
  const plans = [...policies.plans];
  const contextsBySku = groupBy(contexts, (context) => context.sku);
  const allocations: DcAllocation[] = [];
  const allocatedTo = new Map<string, number>();
  const inventoryPosition = (context: SeriesContext): number => context.onHand + context.openLines.reduce((sum, line) => sum + line.quantity, 0);
  const contextBySeriesId = new Map(contexts.map((context, index) => [context.seriesId, index]));
  const transferCandidates: TransferCandidate[] = [];
  for (const [sku, skuContexts] of [...contextsBySku].sort((a, b) => compareIds(a[0], b[0]))) {
    const product = products.get(sku)!;
    const casePack = Math.max(1, product.casePack);
    for (const dcId of dcIds) {
      const stores = skuContexts.filter((context) => locations.get(context.locationId)?.sourceDcId === dcId);
      if (stores.length === 0) continue;
      // A DC with its own sales keeps their order-up-to level; the rest is free to allocate.
      const reserve = Math.max(0, policies.dcOwnOrderUpTo.get(seriesKey(dcId, sku)) ?? 0);
      const available = Math.max(0, (onHandBySeries.get(seriesKey(dcId, sku)) ?? 0) - reserve);
      const candidates: AllocationCandidate[] = stores.map((store) => ({
        id: store.locationId,
        stock: Math.max(0, inventoryPosition(store)),
        maxUnits: Math.ceil(Math.max(0, store.policy.orderUpToLevel - inventoryPosition(store)) / casePack) * casePack,
        demand: store.policy.protectionDemand,
        unitMargin: Math.max(0, store.unitPrice - store.unitCost),
        unitLeftoverCost: leftoverCost(store, settings),
      }));
      if (candidates.every((candidate) => candidate.maxUnits <= 0)) continue;
      const result = allocateScarceStock({ supply: available, step: casePack, candidates });
      const made = result.allocations.filter((allocation) => allocation.units > 0);
      allocations.push({ dcId, sku, availableUnits: available, allocatedUnits: result.allocatedUnits, allocations: made });
      // A DC that cannot top up all its stores today cannot be counted on tomorrow either: its
      // stores' projections resume routine replenishment only once the DC's next receipt lands.
      const wanted = candidates.reduce((sum, candidate) => sum + candidate.maxUnits, 0);
      const dcNextReceipt = nextReceiptOffset(contexts[contextBySeriesId.get(seriesKey(dcId, sku)) ?? -1], asOf);
      const resumeOffset = available >= wanted ? undefined : dcNextReceipt;
      const sourceDc = {
        dcId,
        unitsLeft: Math.max(0, (onHandBySeries.get(seriesKey(dcId, sku)) ?? 0) - result.allocatedUnits),
        nextReceiptOffset: dcNextReceipt,
      };
      for (const store of stores) {
        const units = made.find((allocation) => allocation.id === store.locationId)?.units ?? 0;
        if (units > 0) allocatedTo.set(seriesKey(store.locationId, sku), units);
        const index = contextBySeriesId.get(store.seriesId)!;
        if (units === 0 && resumeOffset === undefined) {
          contexts[index] = { ...store, sourceDc };
          continue;
        }
        // The allocation is a receipt after the DC-to-store lead time; re-project so stock-out
        // exceptions only remain where the DC cannot cover the store.
        const replenishment =
          store.replenishment && resumeOffset !== undefined
            ? { ...store.replenishment, firstCheckOffset: Math.max(store.replenishment.firstCheckOffset, resumeOffset) }
            : store.replenishment;
        const allocated = units > 0 ? { allocatedUnits: units, allocationReceipt: allocationReceipt(units, dcId, settings) } : { allocatedUnits: 0 };
        const projection = projectInventory(
          {
            onHand: store.onHand,
            forecast: store.forecast,
            receipts: projectionReceipts({ ...store, ...allocated }),
            safetyStock: store.policy.safetyStock,
            ...(replenishment ? { replenishment } : {}),
          },
          {
            pessimisticLevel: settings.pessimisticLevel,
            riskWindowDays: Math.max(1, Math.ceil(store.leadTimeDays)),
            protectionDays: Math.ceil(store.leadTimeDays + store.reviewPeriodDays),
          },
        );
        contexts[index] = { ...store, projection, ...allocated, sourceDc, ...(replenishment ? { replenishment } : {}) };
        const plan = plans[index]!;
        plans[index] = {
          ...plan,
          projection: {
            ...plan.projection,
            allocatedUnits: units,
            ...summarizeProjection(projection),
          },
        };
      }
    }
    const current = skuContexts.map((context) => contexts[contextBySeriesId.get(context.seriesId)!]!);
    const stores = current.filter((context) => locations.get(context.locationId)?.type !== "dc");
    let shortUnits = 0;
    let surplusNodes = 0;
    for (const store of stores) {
      if (isShort(store)) shortUnits += Math.max(0, store.policy.orderUpToLevel - effectiveStock(store, allocatedTo));
      if (isSurplus(store, allocatedTo)) surplusNodes += 1;
    }
    if (shortUnits > 0 && surplusNodes > 0) transferCandidates.push({ sku, shortUnits, contexts: stores });
  }
  return { contexts, plans, allocations, allocatedTo, transferCandidates };
}

/**
 * Forecast day the DC's next stock lands — an open PO line or its own projected regular order — or
 * past the horizon when nothing is coming.
 */
function nextReceiptOffset(dc: SeriesContext | undefined, asOf: number): number {
  if (!dc) return Number.POSITIVE_INFINITY;
  const offsets = [...dc.openLines.map((line) => line.expectedDay - asOf - 1), ...dc.projection.replenishments.map((receipt) => receipt.dayOffset)];
  return offsets.length === 0 ? Number.POSITIVE_INFINITY : Math.max(0, Math.min(...offsets));
}

/**
 * Today's allocation as the store's receipt: shipped this morning (day 0), it lands on the lane's
 * whole-day promise, or a day later at the lane's chance of running late.
 */
function allocationReceipt(units: number, dcId: string, settings: PlanOptions): ProjectedReceipt {
  const lateProbability = lateArrivalProbability(settings.dcToStoreLeadTime);
  return {
    dayOffset: Math.max(1, Math.ceil(settings.dcToStoreLeadTime.meanDays)),
    quantity: units,
    reference: `ALLOC-${dcId}`,
    ...(lateProbability > 0 ? { lateProbability } : {}),
  };
}
