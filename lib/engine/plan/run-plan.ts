import { allocateScarceStock, type AllocationCandidate } from "../allocation/allocate-scarce-stock";
import { planTransfers, type PlannedTransfer, type TransferLane, type TransferNode } from "../allocation/plan-transfers";
import { detectDemandDeviation } from "../exceptions/detect-demand-deviation";
import { detectExcessStock } from "../exceptions/detect-excess-stock";
import { detectForecastDrift } from "../exceptions/detect-forecast-drift";
import { detectInventoryInaccuracy } from "../exceptions/detect-inventory-inaccuracy";
import { detectProjectedStockout } from "../exceptions/detect-projected-stockout";
import { detectPromotionReadiness } from "../exceptions/detect-promotion-readiness";
import { detectSupplierDelay } from "../exceptions/detect-supplier-delay";
import { defaultExceptionOptions, type PlanException } from "../exceptions/exception-types";
import { rankExceptions } from "../exceptions/rank-exceptions";
import type { OpenPurchaseLine, SeriesContext } from "../exceptions/series-context";
import { forecastPanelParallel } from "../forecast/forecast-panel";
import { computeInventoryPolicy } from "../policy/compute-inventory-policy";
import { demandVariance, expectedShortfall, fitDemandDistribution } from "../policy/demand-distribution";
import { summarizeSupplierLeadTimes, type SupplierLeadTimeSummary } from "../policy/summarize-supplier-lead-times";
import { estimateReceiptDay } from "../projection/estimate-receipt-day";
import { projectInventory, type InventoryProjection, type ProjectedReceipt } from "../projection/project-inventory";
import type { DemandSeries, SeriesForecast } from "../types";
import { addDependentDemand } from "./add-dependent-demand";
import type {
  DcAllocation,
  ForecastStep,
  NetworkLocation,
  NetworkProduct,
  PlanOptions,
  PlanResult,
  PlanSnapshot,
  ProjectionSummary,
  SeriesPlan,
  SkuTransferPlan,
} from "./plan-types";

export const defaultPlanOptions: PlanOptions = {
  horizonDays: 28,
  serviceTarget: { kind: "cycle-service", level: 0.95 },
  reviewPeriodDays: 7,
  pessimisticLevel: 0.9,
  dcToStoreLeadTime: { meanDays: 2, sdDays: 0.5 },
  storeTransfer: { unitCost: 0.6, leadTimeDays: 2 },
  storeToDcReturn: { unitCost: 0.4, leadTimeDays: 3 },
  holdingRatePerYear: 0.25,
  dcLeftoverShare: 0.5,
  transferTimeLimitSeconds: 2,
  maxTransferProblems: 2000,
  transferSegmentsPerNode: 16,
  backtestDays: 28,
  exceptions: defaultExceptionOptions,
};

const defaultForecastStep: ForecastStep = (series, options) => forecastPanelParallel(series, options);

/**
 * One plan run: forecast → inventory policy → projected inventory → DC allocation and transfers →
 * exceptions with recommendations, ranked. Series are processed in id order, so the result does not
 * depend on the order of the snapshot's arrays. The forecast step is injectable for tests.
 */
export async function runPlan(
  snapshot: PlanSnapshot,
  options: Partial<PlanOptions> = {},
  forecastStep: ForecastStep = defaultForecastStep,
): Promise<PlanResult> {
  const settings: PlanOptions = { ...defaultPlanOptions, ...options, exceptions: { ...defaultExceptionOptions, ...options.exceptions } };
  const started = performance.now();
  const timings: PlanResult["timings"] = { forecast: 0, policy: 0, allocation: 0, exceptions: 0, total: 0 };
  const { asOf } = snapshot;
  const horizon = settings.horizonDays;

  const locations = new Map(snapshot.locations.map((location) => [location.id, location]));
  const products = new Map(snapshot.products.map((product) => [product.sku, product]));
  const supplierSummaries = new Map<string, SupplierLeadTimeSummary>(
    snapshot.suppliers.map((supplier) => [supplier.id, summarizeSupplierLeadTimes(supplier.promisedLeadTimeDays, supplier.leadTimeHistory, asOf)]),
  );
  const onHandBySeries = new Map<string, number>();
  for (const record of snapshot.stock) {
    const key = seriesKey(record.locationId, record.sku);
    onHandBySeries.set(key, (onHandBySeries.get(key) ?? 0) + record.onHand);
  }
  const linesBySeries = groupBy(
    snapshot.purchaseOrders.filter((line) => line.quantity > 0),
    (line) => seriesKey(line.locationId, line.sku),
  );
  const promotionsBySeries = new Map<string, PlanSnapshot["promotions"][number][]>();
  for (const promotion of snapshot.promotions) {
    for (const locationId of promotion.locationIds) {
      const key = seriesKey(locationId, promotion.sku);
      promotionsBySeries.set(key, [...(promotionsBySeries.get(key) ?? []), promotion]);
    }
  }

  const skipped: PlanResult["skipped"] = [];
  const accepted: { series: DemandSeries; location: NetworkLocation; product: NetworkProduct; sku: string }[] = [];
  for (const series of [...snapshot.demand].sort((a, b) => compareIds(a.id, b.id))) {
    const separator = series.id.indexOf("|");
    const location = locations.get(series.id.slice(0, separator));
    const sku = series.id.slice(separator + 1);
    const product = products.get(sku);
    if (separator < 0 || !location || !product) {
      skipped.push({ seriesId: series.id, reason: separator < 0 ? "id is not location|sku" : !location ? "unknown location" : "unknown product" });
      continue;
    }
    if (series.firstDay + series.units.length - 1 !== asOf) {
      skipped.push({ seriesId: series.id, reason: "history does not end on asOf" });
      continue;
    }
    accepted.push({ series, location, product, sku });
  }
  if (accepted.length === 0) {
    timings.total = performance.now() - started;
    return { status: "no-series", asOf, series: [], exceptions: [], allocations: [], transfers: [], timings, skipped };
  }

  // Forecast.
  let stageStart = performance.now();
  const futurePromo = new Map<string, Uint8Array>();
  for (const { series } of accepted) {
    const promotions = promotionsBySeries.get(series.id);
    if (!promotions) continue;
    const flags = new Uint8Array(horizon);
    for (const promotion of promotions) {
      for (let day = Math.max(promotion.startDay, asOf + 1); day <= Math.min(promotion.endDay, asOf + horizon); day += 1) flags[day - asOf - 1] = 1;
    }
    futurePromo.set(series.id, flags);
  }
  const forecasts = await forecastStep(
    accepted.map((entry) => entry.series),
    { horizon, futurePromo, backtestDays: settings.backtestDays, ...(settings.forecastWorkers === undefined ? {} : { workers: settings.forecastWorkers }) },
  );
  timings.forecast = performance.now() - stageStart;

  // Policy and projection.
  stageStart = performance.now();
  const contexts: SeriesContext[] = [];
  const plans: SeriesPlan[] = [];
  const receiptsFor = (lines: readonly OpenPurchaseLine[]): ProjectedReceipt[] =>
    lines.map((line) => ({ dayOffset: line.expectedDay - asOf - 1, quantity: line.quantity, reference: line.purchaseOrderId }));
  // DCs plan against what their stores will draw, not only their own (usually nil) sales.
  const downstreamBySourceAndSku = new Map<string, SeriesForecast[]>();
  accepted.forEach(({ location, sku }, index) => {
    if (location.sourceDcId === undefined) return;
    const key = seriesKey(location.sourceDcId, sku);
    downstreamBySourceAndSku.set(key, [...(downstreamBySourceAndSku.get(key) ?? []), forecasts[index]!]);
  });
  /** Order-up-to level for a DC's own (independent) sales: stock it keeps back from allocation. */
  const dcOwnOrderUpTo = new Map<string, number>();
  accepted.forEach(({ series, location, product, sku }, index) => {
    const ownForecast = forecasts[index]!;
    const forecast = location.type === "dc" ? addDependentDemand(ownForecast, downstreamBySourceAndSku.get(series.id) ?? []) : ownForecast;
    const supplier = supplierSummaries.get(product.supplierId);
    const leadTime =
      location.sourceDcId !== undefined
        ? settings.dcToStoreLeadTime
        : { meanDays: supplier?.meanDays ?? 7, sdDays: supplier?.sdDays ?? 0 };
    const openLines: OpenPurchaseLine[] = (linesBySeries.get(series.id) ?? [])
      .map((line) => ({
        purchaseOrderId: line.purchaseOrderId,
        quantity: line.quantity,
        promisedDay: line.promisedDay,
        expectedDay: estimateReceiptDay(line.promisedDay, asOf, supplier),
      }))
      .sort((a, b) => a.expectedDay - b.expectedDay || compareIds(a.purchaseOrderId, b.purchaseOrderId));
    const onHand = onHandBySeries.get(series.id) ?? 0;
    const policy = computeInventoryPolicy({ forecast, leadTime, reviewPeriodDays: settings.reviewPeriodDays, serviceTarget: settings.serviceTarget });
    if (location.type === "dc") {
      const ownPolicy = computeInventoryPolicy({ forecast: ownForecast, leadTime, reviewPeriodDays: settings.reviewPeriodDays, serviceTarget: settings.serviceTarget });
      dcOwnOrderUpTo.set(series.id, ownPolicy.orderUpToLevel);
    }
    const projection = projectInventory(
      { onHand, forecast, receipts: receiptsFor(openLines), safetyStock: policy.safetyStock },
      {
        pessimisticLevel: settings.pessimisticLevel,
        riskWindowDays: Math.max(1, Math.ceil(leadTime.meanDays)),
        protectionDays: Math.ceil(leadTime.meanDays + settings.reviewPeriodDays),
      },
    );
    contexts.push({
      seriesId: series.id,
      locationId: location.id,
      sku,
      asOf,
      history: series,
      forecast,
      onHand,
      unitCost: product.unitCost,
      unitPrice: product.unitPrice,
      casePack: Math.max(1, product.casePack),
      leadTimeDays: leadTime.meanDays,
      reviewPeriodDays: settings.reviewPeriodDays,
      policy,
      projection,
      openLines,
      allocatedUnits: 0,
      transfersIn: [],
      transfersOut: [],
    });
    let horizonUnits = 0;
    for (const value of forecast.mean) horizonUnits += value;
    plans.push({
      seriesId: series.id,
      locationId: location.id,
      sku,
      forecast: {
        method: forecast.method,
        demandClass: forecast.demandClass,
        meanDaily: forecast.mean.length > 0 ? horizonUnits / forecast.mean.length : 0,
        horizonUnits,
        nbSize: forecast.nbSize,
        ...(forecast.accuracy ? { accuracy: forecast.accuracy } : {}),
      },
      policy: {
        status: policy.status,
        leadTimeMeanDays: leadTime.meanDays,
        leadTimeSdDays: leadTime.sdDays,
        protectionDays: policy.protectionDays,
        protectionDemand: policy.protectionDemand,
        safetyStock: policy.safetyStock,
        reorderPoint: policy.reorderPoint,
        orderUpToLevel: policy.orderUpToLevel,
        achievedCycleService: policy.achievedCycleService,
        achievedFillRate: policy.achievedFillRate,
      },
      projection: {
        onHand,
        onOrder: openLines.reduce((sum, line) => sum + line.quantity, 0),
        allocatedUnits: 0,
        ...summarizeProjection(projection),
      },
    });
  });
  timings.policy = performance.now() - stageStart;

  // Allocation of DC stock to stores, then transfers.
  stageStart = performance.now();
  const contextsBySku = groupBy(contexts, (context) => context.sku);
  const allocations: DcAllocation[] = [];
  const transfers: SkuTransferPlan[] = [];
  const allocatedTo = new Map<string, number>();
  const leftoverCost = (context: SeriesContext, share = 1) =>
    context.unitCost * settings.holdingRatePerYear * (context.policy.protectionDays / 365) * share;
  const inventoryPosition = (context: SeriesContext): number => context.onHand + context.openLines.reduce((sum, line) => sum + line.quantity, 0);

  const dcIds = snapshot.locations.filter((location) => location.type === "dc").map((location) => location.id).sort(compareIds);
  const contextBySeriesId = new Map(contexts.map((context, index) => [context.seriesId, index]));
  const transferCandidates: { sku: string; shortUnits: number; contexts: SeriesContext[] }[] = [];
  for (const [sku, skuContexts] of [...contextsBySku].sort((a, b) => compareIds(a[0], b[0]))) {
    const product = products.get(sku)!;
    const casePack = Math.max(1, product.casePack);
    for (const dcId of dcIds) {
      const stores = skuContexts.filter((context) => locations.get(context.locationId)?.sourceDcId === dcId);
      if (stores.length === 0) continue;
      // A DC with its own sales keeps their order-up-to level; the rest is free to allocate.
      const reserve = Math.max(0, dcOwnOrderUpTo.get(seriesKey(dcId, sku)) ?? 0);
      const available = Math.max(0, (onHandBySeries.get(seriesKey(dcId, sku)) ?? 0) - reserve);
      const candidates: AllocationCandidate[] = stores.map((store) => ({
        id: store.locationId,
        stock: Math.max(0, inventoryPosition(store)),
        maxUnits: Math.ceil(Math.max(0, store.policy.orderUpToLevel - inventoryPosition(store)) / casePack) * casePack,
        demand: store.policy.protectionDemand,
        unitMargin: Math.max(0, store.unitPrice - store.unitCost),
        unitLeftoverCost: leftoverCost(store),
      }));
      if (candidates.every((candidate) => candidate.maxUnits <= 0)) continue;
      const result = allocateScarceStock({ supply: available, step: casePack, candidates });
      const made = result.allocations.filter((allocation) => allocation.units > 0);
      allocations.push({ dcId, sku, availableUnits: available, allocatedUnits: result.allocatedUnits, allocations: made });
      for (const allocation of made) {
        const key = seriesKey(allocation.id, sku);
        allocatedTo.set(key, allocation.units);
        // The allocation is a receipt after the DC-to-store lead time; re-project so stock-out
        // exceptions only remain where the DC cannot cover the store.
        const index = contextBySeriesId.get(key);
        const store = index === undefined ? undefined : contexts[index];
        if (index === undefined || !store) continue;
        const projection = projectInventory(
          {
            onHand: store.onHand,
            forecast: store.forecast,
            receipts: [
              ...receiptsFor(store.openLines),
              { dayOffset: Math.ceil(settings.dcToStoreLeadTime.meanDays) - 1, quantity: allocation.units, reference: `ALLOC-${dcId}` },
            ],
            safetyStock: store.policy.safetyStock,
          },
          {
            pessimisticLevel: settings.pessimisticLevel,
            riskWindowDays: Math.max(1, Math.ceil(store.leadTimeDays)),
            protectionDays: Math.ceil(store.leadTimeDays + store.reviewPeriodDays),
          },
        );
        contexts[index] = { ...store, projection, allocatedUnits: allocation.units };
        const plan = plans[index]!;
        plans[index] = {
          ...plan,
          projection: {
            ...plan.projection,
            allocatedUnits: allocation.units,
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

  const transferOrder = [...transferCandidates].sort((a, b) => b.shortUnits - a.shortUnits || compareIds(a.sku, b.sku));
  for (const [rank, candidate] of transferOrder.entries()) {
    const first = candidate.contexts[0]!;
    const { nodes, lanes } = transferNetwork(candidate.contexts, dcIds, (dcId) => onHandBySeries.get(seriesKey(dcId, candidate.sku)) ?? 0, locations, allocatedTo, settings, leftoverCost);
    const plan = await planTransfers(
      { nodes, lanes, step: first.casePack, horizonDays: Math.ceil(first.reviewPeriodDays + settings.dcToStoreLeadTime.meanDays) + 7 },
      // Past the LP budget the solver is not called: a zero time limit makes HiGHS stop at once and
      // the greedy answer is returned with status "fallback" / "solver-timeout".
      {
        timeLimitSeconds: rank < settings.maxTransferProblems ? settings.transferTimeLimitSeconds : 0,
        maxSegmentsPerNode: settings.transferSegmentsPerNode,
      },
    );
    if (plan.transfers.length === 0) continue;
    transfers.push({
      sku: candidate.sku,
      status: plan.status,
      ...(plan.fallbackReason ? { fallbackReason: plan.fallbackReason } : {}),
      transfers: plan.transfers,
      totalGain: plan.totalGain,
    });
  }
  transfers.sort((a, b) => compareIds(a.sku, b.sku));
  const transfersIn = new Map<string, PlannedTransfer[]>();
  const transfersOut = new Map<string, PlannedTransfer[]>();
  for (const plan of transfers) {
    for (const transfer of plan.transfers) {
      const inKey = seriesKey(transfer.to, plan.sku);
      const outKey = seriesKey(transfer.from, plan.sku);
      transfersIn.set(inKey, [...(transfersIn.get(inKey) ?? []), transfer]);
      transfersOut.set(outKey, [...(transfersOut.get(outKey) ?? []), transfer]);
    }
  }
  timings.allocation = performance.now() - stageStart;

  // Exceptions.
  stageStart = performance.now();
  const exceptionOptions = settings.exceptions;
  const found: PlanException[] = [];
  const push = (exception: PlanException | undefined) => {
    if (exception) found.push(exception);
  };
  const contextBySeries = new Map<string, SeriesContext>();
  for (const base of contexts) {
    const context: SeriesContext = {
      ...base,
      transfersIn: transfersIn.get(base.seriesId) ?? [],
      transfersOut: transfersOut.get(base.seriesId) ?? [],
    };
    contextBySeries.set(context.seriesId, context);
    push(detectProjectedStockout(context, exceptionOptions));
    push(detectExcessStock(context, exceptionOptions));
    push(detectInventoryInaccuracy(context, exceptionOptions));
    push(detectForecastDrift(context, exceptionOptions));
    const prior = snapshot.priorForecasts?.get(context.seriesId);
    const windowFirstDay = asOf - exceptionOptions.deviationWindowDays + 1;
    const priorExpectation =
      prior && prior.firstDay <= windowFirstDay && prior.firstDay + prior.mean.length > asOf
        ? prior.mean.slice(windowFirstDay - prior.firstDay, asOf - prior.firstDay + 1)
        : undefined;
    push(
      detectDemandDeviation(
        context,
        {
          ...(priorExpectation ? { priorExpectation } : {}),
          promotions: (promotionsBySeries.get(context.seriesId) ?? []).map((promotion) => ({
            promotionId: promotion.id,
            startDay: promotion.startDay,
            endDay: promotion.endDay,
          })),
        },
        exceptionOptions,
      ),
    );
  }

  const linesByOrder = groupBy(snapshot.purchaseOrders.filter((line) => line.quantity > 0), (line) => line.purchaseOrderId);
  for (const [purchaseOrderId, lines] of [...linesByOrder].sort((a, b) => compareIds(a[0], b[0]))) {
    const firstLine = lines[0]!;
    const supplier = supplierSummaries.get(firstLine.supplierId);
    if (!supplier) continue;
    const expectedDay = estimateReceiptDay(firstLine.promisedDay, asOf, supplier);
    const delayLines = lines.flatMap((line) => {
      const context = contextBySeries.get(seriesKey(line.locationId, line.sku));
      if (!context) return [];
      const otherReceipts = receiptsFor(context.openLines.filter((open) => open.purchaseOrderId !== purchaseOrderId));
      const lostWith = (day: number) =>
        projectInventory(
          {
            onHand: context.onHand,
            forecast: context.forecast,
            receipts: [...otherReceipts, { dayOffset: day - asOf - 1, quantity: line.quantity, reference: purchaseOrderId }],
            safetyStock: context.policy.safetyStock,
          },
          // Lost sales up to the expected arrival: what the delay costs before the goods are there.
          { pessimisticLevel: settings.pessimisticLevel, riskWindowDays: expectedDay - asOf },
        ).expectedLostUnitsInRiskWindow;
      return [
        {
          seriesId: context.seriesId,
          quantity: line.quantity,
          unitCost: context.unitCost,
          unitMargin: Math.max(0, context.unitPrice - context.unitCost),
          lostUnitsIfOnTime: lostWith(Math.max(asOf + 1, line.promisedDay)),
          lostUnitsAsExpected: lostWith(expectedDay),
        },
      ];
    });
    push(
      detectSupplierDelay(
        { purchaseOrderId, supplierId: firstLine.supplierId, promisedDay: firstLine.promisedDay, expectedDay, asOf, lines: delayLines, supplier },
        exceptionOptions,
      ),
    );
  }

  for (const promotion of [...snapshot.promotions].sort((a, b) => compareIds(a.id, b.id))) {
    const targets = promotion.locationIds
      .map((locationId) => contextBySeries.get(seriesKey(locationId, promotion.sku)))
      .filter((context): context is SeriesContext => context !== undefined);
    push(
      detectPromotionReadiness(
        { promotionId: promotion.id, startDay: promotion.startDay, endDay: promotion.endDay, expectedUplift: promotion.expectedUplift },
        targets,
        exceptionOptions,
      ),
    );
  }
  const exceptions = rankExceptions(found);
  timings.exceptions = performance.now() - stageStart;
  timings.total = performance.now() - started;
  return { status: "ok", asOf, series: plans, exceptions, allocations, transfers, timings, skipped };
}

/** Below safety stock within lead time + review even after allocation. */
function isShort(store: SeriesContext): boolean {
  const breach = store.projection.firstDayBelowSafetyStock;
  return breach >= 0 && breach < store.leadTimeDays + store.reviewPeriodDays;
}

function effectiveStock(store: SeriesContext, allocatedTo: ReadonlyMap<string, number>): number {
  return Math.max(0, store.onHand + (allocatedTo.get(store.seriesId) ?? 0));
}

/** Holds more than its order-up-to level plus a case: stock it can give without creating a need. */
function isSurplus(store: SeriesContext, allocatedTo: ReadonlyMap<string, number>): boolean {
  return effectiveStock(store, allocatedTo) > store.policy.orderUpToLevel + store.casePack;
}

/**
 * The transfer network of one SKU: stores short or in surplus (the others would neither give nor
 * take), store-to-store lanes within a cluster and store-to-DC return lanes. A DC's value curve is
 * the demand its stores are expected to leave unserved after allocation (Σ store shortfall, with the
 * stores' pooled dispersion), with a lower leftover cost because DC stock can still go anywhere.
 */
function transferNetwork(
  skuStores: readonly SeriesContext[],
  dcIds: readonly string[],
  dcOnHand: (dcId: string) => number,
  locations: ReadonlyMap<string, NetworkLocation>,
  allocatedTo: ReadonlyMap<string, number>,
  settings: PlanOptions,
  leftoverCost: (context: SeriesContext, share?: number) => number,
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
      unitLeftoverCost: leftoverCost(store),
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
      unitLeftoverCost: leftoverCost(first, settings.dcLeftoverShare),
    });
    for (const store of served) {
      if (!isSurplus(store, allocatedTo)) continue;
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

function summarizeProjection(projection: InventoryProjection): ProjectionSummary {
  const { median, pessimistic, firstDayBelowZero, firstDayBelowZeroPessimistic, firstDayBelowSafetyStock, expectedLostUnits, stockoutProbability } = projection;
  return { median, pessimistic, firstDayBelowZero, firstDayBelowZeroPessimistic, firstDayBelowSafetyStock, expectedLostUnits, stockoutProbability };
}

function seriesKey(locationId: string, sku: string): string {
  return `${locationId}|${sku}`;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function groupBy<Item>(items: readonly Item[], key: (item: Item) => string): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
