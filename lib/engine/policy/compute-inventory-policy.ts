import type { SeriesForecast } from "../types";
import {
  type DemandDistribution,
  type DemandDistributionOptions,
  dailyDemandVariance,
  defaultDemandDistributionOptions,
  demandCdf,
  demandQuantile,
  expectedShortfall,
  fitDemandDistribution,
  standardNormalLoss,
} from "./demand-distribution";

export type ServiceTarget =
  /** Type 1: probability of no stock-out in a replenishment cycle. */
  | { kind: "cycle-service"; level: number }
  /** Type 2: share of demand served from stock. */
  | { kind: "fill-rate"; level: number };

export interface LeadTimeEstimate {
  meanDays: number;
  sdDays: number;
}

export interface InventoryPolicyInput {
  forecast: Pick<SeriesForecast, "mean" | "nbSize">;
  leadTime: LeadTimeEstimate;
  /** Days between order opportunities (R of an (R, S) policy). */
  reviewPeriodDays: number;
  /**
   * For a node checked every `reviewPeriodDays` that orders only once its position reaches the
   * reorder point, the days of mean demand one order adds on top of it: an (s, S) policy with
   * s covering lead time + review at the service target and S = s + this cycle's demand. Without
   * it the policy is (R, S): order up to S at every review.
   */
  orderCycleDays?: number;
  serviceTarget: ServiceTarget;
}

export interface InventoryPolicyOptions extends DemandDistributionOptions {
  /** Forecast day the protection period starts on (0 = first forecast day). */
  startOffsetDays: number;
}

export const defaultInventoryPolicyOptions: InventoryPolicyOptions = {
  ...defaultDemandDistributionOptions,
  startOffsetDays: 0,
};

export interface InventoryPolicy {
  status: "ok" | "no-demand";
  /** Lead time + review period, in days. */
  protectionDays: number;
  /** Demand over the lead time and over the protection period, from forecast error and lead-time spread. */
  leadTimeDemand: DemandDistribution;
  protectionDemand: DemandDistribution;
  /** Mean demand over one review period: the denominator of the fill rate. */
  reviewPeriodMeanDemand: number;
  /** Days between replenishments: the review period, or the order cycle of an (s, S) policy. */
  replenishmentCycleDays: number;
  /**
   * Position at which an order is due: mean lead-time demand plus the safety stock, so the order
   * arrives as the shelf reaches its safety stock. Never below the safety stock, never above S.
   */
  reorderPoint: number;
  /** S of the (R, S) policy: order up to this position at every review. */
  orderUpToLevel: number;
  /** S − mean demand over lead time + review, at least 0: what protects against demand and lead-time error. */
  safetyStock: number;
  /** Service the chosen S actually achieves (discrete levels overshoot the target). */
  achievedCycleService: number;
  achievedFillRate: number;
  /** Forecast days missing from the protection period, filled with the last forecast day's mean. */
  extrapolatedDays: number;
}

/**
 * Periodic-review (R, S) policy. Demand uncertainty is the forecast error — daily variance
 * mean + mean²/nbSize from the backtest residuals — not the raw spread of history, plus
 * lead-time variability: Var = Σ daily error variance over L + R + (mean daily demand)² · sd(L)².
 */
export function computeInventoryPolicy(
  input: InventoryPolicyInput,
  options: Partial<InventoryPolicyOptions> = {},
): InventoryPolicy {
  const settings = { ...defaultInventoryPolicyOptions, ...options };
  const { forecast, leadTime, reviewPeriodDays, serviceTarget } = input;
  const leadDays = Math.max(0, leadTime.meanDays);
  const protectionDays = leadDays + Math.max(0, reviewPeriodDays);
  const lead = sumForecastError(forecast, settings.startOffsetDays, leadDays);
  const protection = sumForecastError(forecast, settings.startOffsetDays, protectionDays);
  const leadTimeSpread = (mean: number, days: number): number =>
    days > 0 ? (mean / days) ** 2 * leadTime.sdDays ** 2 : 0;
  const leadTimeDemand = fitDemandDistribution(
    lead.mean,
    lead.variance + leadTimeSpread(lead.mean, leadDays),
    settings,
  );
  const protectionDemand = fitDemandDistribution(
    protection.mean,
    protection.variance + leadTimeSpread(protection.mean, protectionDays),
    settings,
  );
  const reviewPeriodMeanDemand = Math.max(0, protection.mean - lead.mean);
  const orderCycleDays = input.orderCycleDays !== undefined && input.orderCycleDays > 0 ? input.orderCycleDays : undefined;
  const replenishmentCycleDays = orderCycleDays ?? Math.max(0, reviewPeriodDays);

  const common = {
    protectionDays,
    leadTimeDemand,
    protectionDemand,
    reviewPeriodMeanDemand,
    replenishmentCycleDays,
    extrapolatedDays: protection.extrapolatedDays,
  };
  /** Share of a cycle's demand met from a position of `level` at the start of protection. */
  const fillRateAt = (level: number, cycleMeanDemand: number): number =>
    cycleMeanDemand > 0 ? Math.max(0, 1 - expectedShortfall(protectionDemand, level) / cycleMeanDemand) : 1;

  if (protection.mean <= 0) {
    return { ...common, status: "no-demand", reorderPoint: 0, orderUpToLevel: 0, safetyStock: 0, achievedCycleService: 1, achievedFillRate: 1 };
  }

  if (orderCycleDays !== undefined) {
    // (s, S): the reorder point alone protects lead time + review; an order brings one cycle's demand.
    const cycleMeanDemand = sumForecastError(forecast, settings.startOffsetDays + protectionDays, orderCycleDays).mean;
    const reorderPoint =
      serviceTarget.kind === "cycle-service"
        ? demandQuantile(protectionDemand, serviceTarget.level)
        : stockForFillRate(protectionDemand, cycleMeanDemand, serviceTarget.level);
    return {
      ...common,
      status: "ok",
      reorderPoint,
      orderUpToLevel: reorderPoint + cycleMeanDemand,
      safetyStock: Math.max(0, reorderPoint - protectionDemand.mean),
      achievedCycleService: demandCdf(protectionDemand, reorderPoint),
      achievedFillRate: fillRateAt(reorderPoint, cycleMeanDemand),
    };
  }

  const orderUpToLevel =
    serviceTarget.kind === "cycle-service"
      ? demandQuantile(protectionDemand, serviceTarget.level)
      : stockForFillRate(protectionDemand, reviewPeriodMeanDemand, serviceTarget.level);
  const safetyStock = Math.max(0, orderUpToLevel - protectionDemand.mean);
  // The same safety stock on top of lead-time demand: one buffer, so safety stock ≤ reorder point ≤ S.
  const reorderPoint = Math.min(orderUpToLevel, leadTimeDemand.mean + safetyStock);

  return {
    ...common,
    status: "ok",
    reorderPoint,
    orderUpToLevel,
    safetyStock,
    achievedCycleService: demandCdf(protectionDemand, orderUpToLevel),
    achievedFillRate: fillRateAt(orderUpToLevel, reviewPeriodMeanDemand),
  };
}

/** Mean and forecast-error variance of demand summed over [start, start + days), fractional last day. */
function sumForecastError(
  forecast: Pick<SeriesForecast, "mean" | "nbSize">,
  start: number,
  days: number,
): { mean: number; variance: number; extrapolatedDays: number } {
  const horizon = forecast.mean.length;
  const lastMean = horizon > 0 ? (forecast.mean[horizon - 1] ?? 0) : 0;
  let mean = 0;
  let variance = 0;
  let extrapolatedDays = 0;
  const end = start + days;
  for (let day = Math.floor(start); day < end; day += 1) {
    const weight = Math.min(1, end - day);
    const inForecast = day < horizon;
    if (!inForecast) extrapolatedDays += weight;
    const dayMean = Math.max(0, inForecast ? (forecast.mean[day] ?? 0) : lastMean);
    const dayVariance = dailyDemandVariance(dayMean, forecast.nbSize);
    mean += weight * dayMean;
    variance += weight * dayVariance;
  }
  return { mean, variance, extrapolatedDays };
}

/**
 * Smallest S whose expected shortage per cycle, E[(D − S)⁺], is at most (1 − β) × review-period
 * demand (the standard type-2 approximation that ignores shortage carried in from the last cycle).
 */
function stockForFillRate(demand: DemandDistribution, cycleDemand: number, fillRate: number): number {
  const allowedShortfall = (1 - fillRate) * cycleDemand;
  if (demand.kind === "normal") {
    if (demand.sd === 0) return demand.mean;
    // G(z) is decreasing: bisect for G(z) = allowed / σ.
    const target = allowedShortfall / demand.sd;
    let low = -6;
    let high = 8;
    for (let iteration = 0; iteration < 60; iteration += 1) {
      const middle = (low + high) / 2;
      if (standardNormalLoss(middle) > target) low = middle;
      else high = middle;
    }
    return demand.mean + high * demand.sd;
  }
  let stock = Math.max(0, Math.floor(demand.mean));
  while (stock > 0 && expectedShortfall(demand, stock - 1) <= allowedShortfall) stock -= 1;
  while (expectedShortfall(demand, stock) > allowedShortfall) stock += 1;
  return stock;
}

/**
 * Mean of `valueAt` over the positions level … level + casePack − 1: a node topped up whenever its
 * position is below `level`, in whole cases of `casePack`, sits evenly on those positions (the
 * (R, s, nQ) position is uniform for integer demand). A case of 1 is the level alone.
 */
export function meanOverCasePositions(level: number, casePack: number, valueAt: (position: number) => number): number {
  const pack = Math.max(1, Math.floor(casePack));
  let sum = 0;
  for (let step = 0; step < pack; step += 1) sum += valueAt(level + step);
  return sum / pack;
}

/**
 * Chance that a store topped up daily in whole cases opens a day with stock: an allocation placed at
 * position p arrives a lead time later, so the shelf opens with p − (lead-time demand) units, and the
 * store sits evenly on level … level + casePack − 1 (meanOverCasePositions). In-stock is "at least one
 * unit at opening", so the chance is the mean over those positions of P(lead-time demand ≤ position − 1).
 */
export function openingInStockChance(leadTimeDemand: DemandDistribution, level: number, casePack: number): number {
  return meanOverCasePositions(level, casePack, (position) => (position >= 1 ? demandCdf(leadTimeDemand, position - 1) : 0));
}

/**
 * The level a store keeps when each unit of stock must buy in-stock days worth its cost: raising the
 * level from s − 1 to s adds openingInStockChance(s) − openingInStockChance(s − 1), which counts on
 * the days the series has demand (`demandDayShare` of them); the unit is kept while that gain per
 * dollar of its cost is at least `inStockPerDollar`, the price of one inventory budget shared by
 * every store. It applies only where one case covers the protection period's mean demand: such a
 * store is topped up a case at a time and mostly sits well above its level, so its last units rarely
 * decide a day's sale. A series that sells more than a case per protection period is topped up to
 * near its level every day, loses sales within the day and runs short when a shipment is late (on
 * small seed 1 lowering those cost 0.46 points of in-stock for $18 k), and keeps the service
 * target's level. Never below `lowestLevel` (the caller's floor), nor below one unit.
 */
export function levelWorthItsCost(input: {
  leadTimeDemand: DemandDistribution;
  protectionDemand: DemandDistribution;
  orderUpToLevel: number;
  lowestLevel: number;
  casePack: number;
  unitCost: number;
  demandDayShare: number;
  inStockPerDollar: number;
}): number {
  const { leadTimeDemand, protectionDemand, orderUpToLevel, lowestLevel, casePack, unitCost, demandDayShare, inStockPerDollar } = input;
  if (!(inStockPerDollar > 0) || !(unitCost > 0) || !(casePack >= protectionDemand.mean) || protectionDemand.kind === "normal" || leadTimeDemand.kind === "normal") return orderUpToLevel;
  const floor = Math.max(1, lowestLevel);
  const threshold = inStockPerDollar * unitCost;
  let level = Math.floor(orderUpToLevel);
  let chanceAtLevel = openingInStockChance(leadTimeDemand, level, casePack);
  while (level > floor) {
    const chanceBelow = openingInStockChance(leadTimeDemand, level - 1, casePack);
    if (demandDayShare * (chanceAtLevel - chanceBelow) >= threshold) break;
    level -= 1;
    chanceAtLevel = chanceBelow;
  }
  return level;
}
