import {
  type DemandDistributionOptions,
  dailyDemandVariance,
  defaultDemandDistributionOptions,
  demandCdf,
  demandQuantile,
  expectedShortfall,
  fitDemandDistribution,
} from "../policy/demand-distribution";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import type { SeriesForecast } from "../types";

export interface ProjectedReceipt {
  /** Forecast day offset (0 = forecast.firstDay) the units become available. */
  dayOffset: number;
  quantity: number;
  reference: string;
  /** Chance it lands a day after `dayOffset` (a shipment between own locations that runs late); none when omitted. */
  lateProbability?: number;
}

/**
 * How the node is replenished without anyone deciding anything: every morning's plan checks it, and
 * once its projected position (on hand + what is on the way) is at or below `reorderPoint` it is
 * brought up to S in case packs, arriving a lead time later. A store fed by a DC is topped up to S
 * by each plan's allocation (its reorder point is S); a DC or direct node orders from its supplier
 * at its reorder point. The first check the projection simulates is tomorrow's plan: today's order
 * is a decision (an allocation already made, or an action).
 */
export interface RegularReplenishment {
  reorderPoint: number;
  orderUpToLevel: number;
  /** Days between plan runs that check the node. */
  checkEveryDays: number;
  leadTimeDays: number;
  /** Forecast day of the first check the projection simulates. */
  firstCheckOffset: number;
  casePack: number;
  /** Chance each routine shipment lands a day after its lead time (see lateArrivalProbability). */
  lateProbability?: number;
}

/** Days between the plan runs that replenish a node: plans run every morning. */
export const PLAN_CHECK_DAYS = 1;

/**
 * The node's routine replenishment from tomorrow's plan on: a store fed by a DC is topped up to S
 * every morning (the DC allocation), any other node orders up to S at its reorder point.
 */
export function regularReplenishment(
  policy: { reorderPoint: number; orderUpToLevel: number },
  leadTimeDays: number,
  casePack: number,
  feeder: "dc-allocation" | "supplier",
  lateProbability = 0,
): RegularReplenishment {
  return {
    reorderPoint: feeder === "dc-allocation" ? policy.orderUpToLevel : policy.reorderPoint,
    orderUpToLevel: policy.orderUpToLevel,
    checkEveryDays: PLAN_CHECK_DAYS,
    leadTimeDays,
    firstCheckOffset: PLAN_CHECK_DAYS,
    casePack,
    ...(lateProbability > 0 ? { lateProbability } : {}),
  };
}

/**
 * Chance a shipment between own locations lands after its whole-day promise (the mean lead time
 * rounded up): the lead time is normal(mean, sd), counted in whole days, so it is late once it
 * exceeds the promise by half a day. A DC-to-store lane of 2 ± 0.5 days runs late ≈ 16 % of the time.
 */
export function lateArrivalProbability(leadTime: { meanDays: number; sdDays: number }): number {
  if (!(leadTime.sdDays > 0)) return 0;
  const promise = Math.max(1, Math.ceil(leadTime.meanDays));
  return 1 - normalCdf(promise + 0.5, leadTime.meanDays, leadTime.sdDays);
}

export interface InventoryProjectionInput {
  onHand: number;
  forecast: Pick<SeriesForecast, "mean" | "nbSize">;
  receipts: readonly ProjectedReceipt[];
  safetyStock: number;
  replenishment?: RegularReplenishment;
}

export interface InventoryProjectionOptions extends DemandDistributionOptions {
  /** Quantile of cumulative demand used for the pessimistic path. */
  pessimisticLevel: number;
  /** Days from the forecast start over which the stock-out probability is measured. */
  riskWindowDays: number;
  /**
   * Lead time + review period: the days the current position must cover, since an order placed
   * at the next review arrives after them. Defaults to the risk window.
   */
  protectionDays?: number;
}

export const defaultInventoryProjectionOptions: InventoryProjectionOptions = {
  ...defaultDemandDistributionOptions,
  pessimisticLevel: 0.9,
  riskWindowDays: 14,
};

export interface InventoryProjection {
  status: "ok" | "empty-forecast";
  /**
   * End-of-day net inventory (on hand + receipts − cumulative demand, negative = unmet demand) when
   * cumulative demand is at its median and at the pessimistic quantile. Unmet demand is lost, not
   * back-ordered: after a receipt the path restarts from what arrived.
   */
  median: Float64Array;
  pessimistic: Float64Array;
  /** Regular replenishment orders the projection placed (see RegularReplenishment), by arrival day. */
  replenishments: ProjectedReceipt[];
  /** First forecast-day offset at which the path is below zero / below safety stock; −1 if never. */
  firstDayBelowZero: number;
  firstDayBelowZeroPessimistic: number;
  firstDayBelowSafetyStock: number;
  /** Expected unmet demand over the horizon under lost sales (shortfall does not carry over). */
  expectedLostUnits: number;
  /** Expected lost units within the risk window. */
  expectedLostUnitsInRiskWindow: number;
  /** Expected lost units within the protection period (what today's position can still prevent). */
  expectedLostUnitsInProtection: number;
  /** P(cumulative demand over the risk window exceeds on hand + receipts due in it). */
  stockoutProbability: number;
  /**
   * Chance the shelf runs empty within the protection period: the largest, over its days, of
   * P(cumulative demand exceeds on hand + receipts by then), receipts including the regular
   * replenishment. A lower bound of the union, and the figure a stock-out claim is judged on.
   */
  stockoutProbabilityInProtection: number;
}

/**
 * Projects inventory per day. Daily forecast quantiles do not add up, so both paths use quantiles
 * of cumulative demand built from the forecast's error model (daily mean, NB size), which is the
 * model the forecast quantiles come from.
 */
export function projectInventory(
  input: InventoryProjectionInput,
  options: Partial<InventoryProjectionOptions> = {},
): InventoryProjection {
  const settings = { ...defaultInventoryProjectionOptions, ...options };
  const { forecast, onHand, safetyStock } = input;
  const horizon = forecast.mean.length;
  const median = new Float64Array(horizon);
  const pessimistic = new Float64Array(horizon);
  if (horizon === 0) {
    return {
      status: "empty-forecast",
      median,
      pessimistic,
      firstDayBelowZero: -1,
      firstDayBelowZeroPessimistic: -1,
      firstDayBelowSafetyStock: -1,
      expectedLostUnits: 0,
      expectedLostUnitsInRiskWindow: 0,
      expectedLostUnitsInProtection: 0,
      stockoutProbability: 0,
      stockoutProbabilityInProtection: 0,
      replenishments: [],
    };
  }
  const receiptsByDay = new Float64Array(horizon);
  // Receipts that may land a day late, by the day they are due: their units may be missing that day.
  const mayBeLate = new Map<number, { quantity: number; probability: number }[]>();
  const addReceipt = (day: number, quantity: number, lateProbability: number | undefined) => {
    receiptsByDay[day] = (receiptsByDay[day] ?? 0) + quantity;
    if (lateProbability !== undefined && lateProbability > 0) mayBeLate.set(day, [...(mayBeLate.get(day) ?? []), { quantity, probability: lateProbability }]);
  };
  for (const receipt of input.receipts) {
    const day = Math.max(0, Math.round(receipt.dayOffset));
    if (day < horizon) addReceipt(day, receipt.quantity, receipt.lateProbability);
  }
  const dailyVariance = (mean: number) => dailyDemandVariance(mean, forecast.nbSize);

  let cumulativeMean = 0;
  let cumulativeVariance = 0;
  let cumulativeReceipts = 0;
  let firstDayBelowZero = -1;
  let firstDayBelowZeroPessimistic = -1;
  let firstDayBelowSafetyStock = -1;
  let riskProbability = 0;
  let protectionProbability = 0;
  // Deepest unmet demand so far on each path: lost, so later stock does not pay it back.
  let medianLost = 0;
  let pessimisticLost = 0;
  const replenishment = input.replenishment;
  const replenishments: ProjectedReceipt[] = [];
  const riskWindow = Math.min(horizon, Math.max(1, Math.round(settings.riskWindowDays)));
  const protectionWindow = Math.min(horizon, Math.max(riskWindow, Math.round(settings.protectionDays ?? riskWindow)));
  for (let day = 0; day < horizon; day += 1) {
    const dayMean = Math.max(0, forecast.mean[day] ?? 0);
    cumulativeMean += dayMean;
    cumulativeVariance += dailyVariance(dayMean);
    cumulativeReceipts += receiptsByDay[day] ?? 0;
    const cumulativeDemand = fitDemandDistribution(cumulativeMean, cumulativeVariance, settings);
    const supply = onHand + cumulativeReceipts;
    const medianNet = supply - demandQuantile(cumulativeDemand, 0.5);
    const pessimisticNet = supply - demandQuantile(cumulativeDemand, settings.pessimisticLevel);
    const medianLevel = medianNet + medianLost;
    const pessimisticLevel = pessimisticNet + pessimisticLost;
    median[day] = medianLevel;
    pessimistic[day] = pessimisticLevel;
    if (firstDayBelowZero < 0 && medianLevel < 0) firstDayBelowZero = day;
    if (firstDayBelowZeroPessimistic < 0 && pessimisticLevel < 0) firstDayBelowZeroPessimistic = day;
    if (firstDayBelowSafetyStock < 0 && medianLevel < safetyStock) firstDayBelowSafetyStock = day;
    if (day === riskWindow - 1) riskProbability = supply < 0 ? 1 : 1 - demandCdf(cumulativeDemand, supply);
    if (day < protectionWindow) protectionProbability = emptyShelfByNow(protectionProbability, cumulativeDemand, supply, mayBeLate.get(day));
    // A shortfall shows on the day it happens; the next day starts from an empty shelf.
    medianLost = Math.max(medianLost, -medianNet);
    pessimisticLost = Math.max(pessimisticLost, -pessimisticNet);
    if (replenishment && isCheckDay(day, replenishment)) {
      const arrival = day + Math.max(1, Math.round(replenishment.leadTimeDays));
      let pipeline = 0;
      for (let later = day + 1; later < horizon; later += 1) pipeline += receiptsByDay[later] ?? 0;
      const position = Math.max(0, medianLevel) + pipeline;
      const pack = Math.max(1, replenishment.casePack);
      const quantity = position <= replenishment.reorderPoint ? Math.ceil(Math.max(0, replenishment.orderUpToLevel - position) / pack) * pack : 0;
      if (quantity > 0 && arrival < horizon) {
        addReceipt(arrival, quantity, replenishment.lateProbability);
        replenishments.push({ dayOffset: arrival, quantity, reference: "regular replenishment" });
      }
    }
  }

  const lost = expectedLostSales(onHand, receiptsByDay, forecast.mean, dailyVariance, [riskWindow, protectionWindow], settings);
  return {
    status: "ok",
    median,
    pessimistic,
    firstDayBelowZero,
    firstDayBelowZeroPessimistic,
    firstDayBelowSafetyStock,
    expectedLostUnits: lost.total,
    expectedLostUnitsInRiskWindow: lost.within[0]!,
    expectedLostUnitsInProtection: lost.within[1]!,
    stockoutProbability: riskProbability,
    stockoutProbabilityInProtection: protectionProbability,
    replenishments,
  };
}

/**
 * P(the shelf has run empty by the end of a day), given `before`, that chance by the day before:
 * the larger of `before` and P(cumulative demand reaches the supply landed by then). A receipt due
 * that day may be missing, at its chance of running late (each independently): the chance is that
 * bound in each case, weighted by how likely the case is.
 */
function emptyShelfByNow(
  before: number,
  cumulativeDemand: ReturnType<typeof fitDemandDistribution>,
  supply: number,
  dueToday: readonly { quantity: number; probability: number }[] | undefined,
): number {
  const byNow = (stock: number) => Math.max(before, stock <= 0 ? 1 : 1 - demandCdf(cumulativeDemand, stock - 1));
  if (!dueToday) return byNow(supply);
  let missing = [{ units: 0, chance: 1 }];
  for (const receipt of dueToday) {
    missing = missing.flatMap((outcome) => [
      { units: outcome.units, chance: outcome.chance * (1 - receipt.probability) },
      { units: outcome.units + receipt.quantity, chance: outcome.chance * receipt.probability },
    ]);
  }
  return missing.reduce((sum, outcome) => sum + outcome.chance * byNow(supply - outcome.units), 0);
}

function isCheckDay(day: number, replenishment: RegularReplenishment): boolean {
  const period = Math.max(1, Math.round(replenishment.checkEveryDays));
  return day >= replenishment.firstCheckOffset && (day - replenishment.firstCheckOffset) % period === 0;
}

/**
 * Lost sales, one segment between receipts at a time: a segment loses E[(D − stock)⁺] and hands
 * E[(stock − D)⁺] on to the next segment. Segments also end at each window's end, so each window's
 * share is exact under the same approximation.
 */
function expectedLostSales(
  onHand: number,
  receiptsByDay: Float64Array,
  dailyMean: Float64Array,
  dailyVariance: (mean: number) => number,
  windows: readonly number[],
  options: DemandDistributionOptions,
): { total: number; within: number[] } {
  let stock = Math.max(0, onHand);
  let total = 0;
  const within = windows.map(() => 0);
  let segmentMean = 0;
  let segmentVariance = 0;
  const horizon = dailyMean.length;
  for (let day = 0; day < horizon; day += 1) {
    stock += receiptsByDay[day] ?? 0;
    const mean = Math.max(0, dailyMean[day] ?? 0);
    segmentMean += mean;
    segmentVariance += dailyVariance(mean);
    const segmentEnds = day === horizon - 1 || windows.includes(day + 1) || (receiptsByDay[day + 1] ?? 0) > 0;
    if (!segmentEnds) continue;
    const demand = fitDemandDistribution(segmentMean, segmentVariance, options);
    const shortfall = expectedShortfall(demand, stock);
    total += shortfall;
    windows.forEach((window, index) => {
      if (day < window) within[index] = (within[index] ?? 0) + shortfall;
    });
    stock = Math.max(0, stock - segmentMean + shortfall);
    segmentMean = 0;
    segmentVariance = 0;
  }
  return { total, within };
}
