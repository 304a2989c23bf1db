import { assessStockRecord } from "../exceptions/assess-stock-record";
import type { OpenPurchaseLine, SeriesContext } from "../exceptions/series-context";
import { computeInventoryPolicy, type InventoryPolicy, type InventoryPolicyInput, levelWorthItsCost, type ServiceTarget } from "../policy/compute-inventory-policy";
import { dayWithDemandProbability, demandCdf, demandQuantile } from "../policy/demand-distribution";
import { estimateReceiptDay } from "../projection/estimate-receipt-day";
import { lateArrivalProbability, PLAN_CHECK_DAYS, projectInventory, regularReplenishment } from "../projection/project-inventory";
import type { SeriesForecast } from "../types";
import { addDependentDemand } from "./add-dependent-demand";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import { planReturnReceipts } from "./plan-return-receipts";
import { compareIds, seriesKey } from "./plan-keys";
import type { PlanOptions, SeriesPlan } from "./plan-types";
import { summarizeProjection } from "./summarize-projection";
import { toProjectedReceipts } from "./to-projected-receipts";

export interface PolicyStageResult {
  /** One per accepted series, in the same order. */
  contexts: SeriesContext[];
  /** One per accepted series, in the same order. */
  plans: SeriesPlan[];
  /** Order-up-to level for a DC's own (independent) sales: stock it keeps back from allocation. */
  dcOwnOrderUpTo: ReadonlyMap<string, number>;
}

/**
 * Stage 2: inventory policy and projected inventory per series. DCs plan against what their stores
 * will draw (dependent demand), not only their own (usually nil) sales.
 */
export function planSeriesPolicies(indexed: IndexedPlanSnapshot, forecasts: readonly SeriesForecast[], settings: PlanOptions): PolicyStageResult {
  const { asOf } = indexed;
  const contexts: SeriesContext[] = [];
  const plans: SeriesPlan[] = [];
  const downstreamBySourceAndSku = new Map<string, SeriesForecast[]>();
  indexed.accepted.forEach(({ location, sku }, index) => {
    if (location.sourceDcId === undefined) return;
    const key = seriesKey(location.sourceDcId, sku);
    const downstream = downstreamBySourceAndSku.get(key);
    if (downstream) downstream.push(forecasts[index]!);
    else downstreamBySourceAndSku.set(key, [forecasts[index]!]);
  });
  const dcOwnOrderUpTo = new Map<string, number>();
  const returnsBySeries = planReturnReceipts(indexed, forecasts, settings);
  indexed.accepted.forEach(({ series, location, product, sku }, index) => {
    const ownForecast = forecasts[index]!;
    const downstream = location.type === "dc" ? (downstreamBySourceAndSku.get(series.id) ?? []) : [];
    const forecast = addDependentDemand(ownForecast, downstream);
    const supplier = indexed.supplierSummaries.get(product.supplierId);
    const leadTime =
      location.sourceDcId !== undefined
        ? settings.dcToStoreLeadTime
        : { meanDays: supplier?.meanDays ?? 7, sdDays: supplier?.sdDays ?? 0 };
    const shipmentLateProbability = location.sourceDcId !== undefined ? lateArrivalProbability(leadTime) : 0;
    const openLines: OpenPurchaseLine[] = (indexed.linesBySeries.get(series.id) ?? [])
      .map((line) => {
        // A store's open lines are its DC's shipments: on their promise, at the lane's chance of running late, not the product supplier's lateness.
        const fromOwnDc = line.supplierId === location.sourceDcId;
        return {
          purchaseOrderId: line.purchaseOrderId,
          quantity: line.quantity,
          promisedDay: line.promisedDay,
          expectedDay: estimateReceiptDay(line.promisedDay, asOf, fromOwnDc ? undefined : supplier),
          ...(fromOwnDc && shipmentLateProbability > 0 ? { lateProbability: shipmentLateProbability } : {}),
        };
      })
      .sort((a, b) => a.expectedDay - b.expectedDay || compareIds(a.purchaseOrderId, b.purchaseOrderId));
    const onHand = indexed.onHandBySeries.get(series.id) ?? 0;
    const returns = returnsBySeries.get(series.id);
    const returnReceipts = returns?.receipts ?? [];
    const feeder = location.sourceDcId !== undefined ? "dc-allocation" : "supplier";
    const policyInput = replenishmentPolicyInput(forecast, leadTime, feeder, settings, location.type === "dc" ? "stores" : "customers");
    const servicePolicy = computeInventoryPolicy(policyInput);
    const policy = feeder === "dc-allocation" ? keepLevelWorthItsCost(servicePolicy, policyInput, product, settings) : servicePolicy;
    if (location.type === "dc") {
      const ownPolicy = computeInventoryPolicy(replenishmentPolicyInput(ownForecast, leadTime, feeder, settings, "customers"));
      dcOwnOrderUpTo.set(series.id, ownPolicy.orderUpToLevel);
    }
    const replenishment = regularReplenishment(policy, leadTime.meanDays, product.casePack, feeder, shipmentLateProbability);
    const projection = projectInventory(
      {
        onHand,
        forecast,
        receipts: [...toProjectedReceipts(openLines, asOf), ...returnReceipts],
        safetyStock: policy.safetyStock,
        replenishment,
      },
      {
        pessimisticLevel: settings.pessimisticLevel,
        riskWindowDays: Math.max(1, Math.ceil(leadTime.meanDays)),
        protectionDays: Math.ceil(leadTime.meanDays + settings.reviewPeriodDays),
      },
    );
    contexts.push({
      seriesId: series.id,
      locationId: location.id,
      locationType: location.type,
      sku,
      asOf,
      history: series,
      forecast,
      onHand,
      stockRecord: assessStockRecord(series, onHand, ownForecast.nbSize, settings.exceptions, indexed.lastCountDayBySeries.get(series.id)),
      unitCost: product.unitCost,
      unitPrice: product.unitPrice,
      casePack: Math.max(1, product.casePack),
      leadTimeDays: leadTime.meanDays,
      reviewPeriodDays: settings.reviewPeriodDays,
      backtestDays: settings.backtestDays,
      policy,
      projection,
      openLines,
      returnReceipts,
      allocatedUnits: 0,
      ...(policy.orderUpToLevel < servicePolicy.orderUpToLevel ? { levelUnderBudget: true } : {}),
      replenishment,
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
      ...(forecast === ownForecast ? {} : { dependentDemand: { forecast, downstreamSeriesIds: downstream.map((store) => store.id) } }),
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
        ...(returns
          ? {
              returns: {
                rate: returns.profile.rate,
                lagDays: returns.profile.lagDays,
                receipts: returns.receipts.map(({ dayOffset, quantity }) => ({ dayOffset, quantity })),
              },
            }
          : {}),
        ...summarizeProjection(projection),
      },
    });
  });
  return { contexts, plans, dcOwnOrderUpTo };
}

/**
 * The inventory policy each node really runs. Plans run every morning, so every node is checked
 * daily. A store fed by a DC is topped up to S by each plan's allocation: S covers lead time + one
 * day. A node that orders from a supplier orders at its reorder point, which covers lead time + one
 * day, and each order brings `reviewPeriodDays` of demand ((s, S)); a DC that serves stores orders
 * `dcOrderCycleDays` of demand instead. The service target is set per `reviewPeriodDays`: a node
 * that can run short every day (a store) or every order cycle (a DC) instead of once per period gets
 * the same number of stock-out chances a year, 1 − (1 − level) × cycle / reviewPeriodDays per cycle.
 * A DC that serves stores holds its buffer at `dcServiceTarget` (multi-echelon: the stores' own
 * safety stock covers the delay a DC shortage causes).
 */
export function replenishmentPolicyInput(
  forecast: SeriesForecast,
  leadTime: { meanDays: number; sdDays: number },
  feeder: "dc-allocation" | "supplier",
  settings: Pick<PlanOptions, "reviewPeriodDays" | "serviceTarget" | "dcServiceTarget" | "dcOrderCycleDays">,
  serves: "customers" | "stores" = "customers",
): InventoryPolicyInput {
  if (feeder === "supplier") {
    if (serves === "customers") return { forecast, leadTime, reviewPeriodDays: PLAN_CHECK_DAYS, orderCycleDays: settings.reviewPeriodDays, serviceTarget: settings.serviceTarget };
    return { forecast, leadTime, reviewPeriodDays: PLAN_CHECK_DAYS, orderCycleDays: settings.dcOrderCycleDays, serviceTarget: perCycle(settings.dcServiceTarget, settings.dcOrderCycleDays / settings.reviewPeriodDays) };
  }
  return { forecast, leadTime, reviewPeriodDays: PLAN_CHECK_DAYS, serviceTarget: perCycle(settings.serviceTarget, PLAN_CHECK_DAYS / settings.reviewPeriodDays) };
}

/**
 * A cycle-service target for a cycle `share` times as long as the review period: as many stock-out
 * chances a year, 1 − (1 − level) × share (a fill rate is per unit, not per cycle, and stays).
 */
function perCycle(target: ServiceTarget, share: number): ServiceTarget {
  if (target.kind !== "cycle-service" || !(share > 0) || share >= 1) return target;
  return { kind: "cycle-service", level: 1 - (1 - target.level) * share };
}

/**
 * A store's policy under the stores' one inventory budget: its order-up-to level lowered to the last
 * unit worth its cost in in-stock days (levelWorthItsCost), the service it then achieves recomputed.
 * Never to a level the plan would itself flag: at S the chance of running empty over the protection
 * period, P(demand ≥ S), stays below the projected stock-out gate, so a store resting at its level
 * raises no stock-out (on small, lower levels made more claims than came true: precision 0.80 → 0.69).
 */
function keepLevelWorthItsCost(
  policy: InventoryPolicy,
  input: InventoryPolicyInput,
  product: { unitCost: number; casePack: number },
  settings: Pick<PlanOptions, "storeInStockPerDollar" | "exceptions">,
): InventoryPolicy {
  const inStockPerDollar = settings.storeInStockPerDollar;
  if (policy.status !== "ok" || !(inStockPerDollar > 0)) return policy;
  const { forecast } = input;
  const days = Math.max(1, Math.ceil(policy.protectionDays));
  let demandDays = 0;
  for (let day = 0; day < days; day += 1) {
    demandDays += dayWithDemandProbability(forecast.mean[Math.min(day, forecast.mean.length - 1)] ?? 0, forecast.nbSize);
  }
  const level = levelWorthItsCost({
    leadTimeDemand: policy.leadTimeDemand,
    protectionDemand: policy.protectionDemand,
    orderUpToLevel: policy.orderUpToLevel,
    lowestLevel: demandQuantile(policy.protectionDemand, 1 - settings.exceptions.minStockoutProbability) + 1,
    casePack: product.casePack,
    unitCost: product.unitCost,
    demandDayShare: demandDays / days,
    inStockPerDollar,
  });
  if (level >= policy.orderUpToLevel) return policy;
  return computeInventoryPolicy({ ...input, serviceTarget: { kind: "cycle-service", level: demandCdf(policy.protectionDemand, level) } });
}
