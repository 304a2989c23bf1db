import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { meanOverCasePositions } from "../policy/compute-inventory-policy";
import { demandQuantile, expectedShortfall, fitDemandDistribution, demandVariance } from "../policy/demand-distribution";
import { buildException } from "./build-exception";
import type { ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastUnits, type SeriesContext, unitMargin } from "./series-context";

/** Mean absolute deviation of a normal error is √(2/π) ≈ 0.8 of its standard deviation. */
const SD_PER_MAD = Math.sqrt(Math.PI / 2);

/**
 * One drift finding of a plan run, with the statistics it rests on: the run's monitoring record keeps
 * every finding, and only those whose money effect passes the value bar (keepWorthDeciding) are
 * raised as exceptions.
 */
export interface ForecastDriftFinding {
  seriesId: string;
  locationId: string;
  sku: string;
  /** The forecasting method of the series in this run. */
  method: string;
  /** Backtest bias, (forecast − actual) / actual: positive means over-forecast. */
  bias: number;
  /** The current forecast against the last backtest window of sales, same sign convention. */
  currentBias: number;
  trackingSignal: number;
  wape: number;
  backtestDays: number;
  /** What the bias costs the stock decision (the exception's money at risk). */
  moneyAtRisk: number;
  confidence: number;
  /** The exception the finding raises when it passes the value bar. */
  exception: PlanException;
}

/**
 * Forecast drift / bias: the backtest tracking signal or bias says the model has been off, and the
 * current forecast is still off the same way against recent sales; the smaller of the two biases
 * is the one acted on. Drift is model monitoring first; it enters the queue only when what the bias does to the stock
 * decision passes the same money threshold as every other exception. That money effect prices the
 * policy's order-up-to level S against demand at its de-biased mean over the forecast horizon:
 * under-forecasting loses the extra sales a replenishment cycle loses at the true rate (see cycleShortfall)
 * at margin; over-forecasting carries the stock S − S' that the true demand would not need.
 * Confidence is the probability that the tracking signal is not chance: with n backtest days of
 * unbiased errors, TS is roughly normal with sd √n · √(π/2).
 */
export function findForecastDrift(context: SeriesContext, options: ExceptionOptions): ForecastDriftFinding | undefined {
  const accuracy = context.forecast.accuracy;
  // No sales in the backtest window makes relative bias undefined (±Infinity/NaN); such series are
  // the excess and phantom-stock detectors' business, not a model-drift question.
  if (!accuracy || !Number.isFinite(accuracy.bias) || !Number.isFinite(accuracy.trackingSignal) || accuracy.bias <= -1) return undefined;
  if (context.policy.status !== "ok") return undefined;
  // A tracking signal past its limit with a negligible bias is a tiny but steady error: not worth a planner.
  const drifting = Math.abs(accuracy.trackingSignal) > options.driftTrackingSignal && Math.abs(accuracy.bias) >= options.driftMinBiasWithSignal;
  // On intermittent and lumpy series a few sales swing the backtest bias: only a persistent
  // tracking signal counts there, or planners drown in slow-mover noise.
  const sparse = context.forecast.demandClass === "intermittent" || context.forecast.demandClass === "lumpy";
  const biased = !sparse && Math.abs(accuracy.bias) > options.driftMaxBias;
  if (!drifting && !biased) return undefined;

  // Persistent means the current forecast is still off the same way: a model that has since caught
  // up with recent sales (same window as the backtest) is not drifting any more.
  const window = Math.max(1, context.backtestDays);
  const recent = context.history.units.subarray(Math.max(0, context.history.units.length - window));
  const recentRate = recent.reduce((sum, value) => sum + value, 0) / Math.max(1, recent.length);
  const forecastRate = forecastUnits(context.forecast, 0, window) / Math.max(1, Math.min(window, context.forecast.mean.length));
  if (recentRate <= 0) return undefined;
  const currentBias = (forecastRate - recentRate) / recentRate;
  if (Math.sign(currentBias) !== Math.sign(accuracy.bias) || Math.abs(currentBias) < options.driftMinBiasWithSignal) return undefined;
  const bias = Math.sign(accuracy.bias) * Math.min(Math.abs(accuracy.bias), Math.abs(currentBias));

  const { protectionDemand, leadTimeDemand, orderUpToLevel, protectionDays } = context.policy;
  // bias = (forecast − actual) / actual, so actual demand runs at forecast / (1 + bias).
  const scale = 1 / (1 + bias);
  const atTrueRate = (demand: typeof protectionDemand) => {
    const dispersion = demand.mean > 0 ? demandVariance(demand) / demand.mean : 1;
    return fitDemandDistribution(demand.mean * scale, demand.mean * scale * dispersion);
  };
  const trueDemand = atTrueRate(protectionDemand);
  // Sales lost in one replenishment cycle with stock up to S: E[(D(L+R) − S)⁺] − E[(D(L) − S)⁺]
  // (the shortage already there before the cycle's order lands is the previous cycle's). A store
  // topped up to S in whole cases sits evenly on S … S + case − 1 (as its level assumes, see
  // meanOverCasePositions), so its cycle loses the mean of those positions' shortfalls.
  const positions = isToppedUpInCases(context) ? context.casePack : 1;
  const cycleShortfall = (protection: typeof protectionDemand, lead: typeof leadTimeDemand) =>
    meanOverCasePositions(orderUpToLevel, positions, (position) => Math.max(0, expectedShortfall(protection, position) - expectedShortfall(lead, position)));
  const cycles = context.forecast.mean.length / Math.max(1, context.policy.replenishmentCycleDays);
  const underForecast = bias < 0;
  const misplannedUnits = underForecast
    ? Math.max(0, cycleShortfall(trueDemand, atTrueRate(leadTimeDemand)) - cycleShortfall(protectionDemand, leadTimeDemand)) * cycles
    : Math.max(0, orderUpToLevel - demandQuantile(trueDemand, 0.95));
  const moneyAtRisk = underForecast
    ? misplannedUnits * unitMargin(context)
    : misplannedUnits * context.unitCost * options.excessCarryingRate * (context.forecast.mean.length / 365);
  const sampleDays = Math.max(1, context.backtestDays);
  const z = Math.abs(accuracy.trackingSignal) / (Math.sqrt(sampleDays) * SD_PER_MAD);
  const confidence = 2 * normalCdf(z, 0, 1) - 1;
  const dailyCorrection = (context.forecast.mean.reduce((sum, value) => sum + value, 0) / Math.max(1, context.forecast.mean.length)) * (scale - 1);
  const exception = buildException(
    {
      type: "forecast-drift",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      daysUntilImpact: context.leadTimeDays,
      confidence,
      drivers: [
        makeDriver("bias", "backtest bias (forecast vs actual)", accuracy.bias * 100, "percent"),
        makeDriver("current-bias", `forecast vs the last ${window} days of sales`, currentBias * 100, "percent"),
        makeDriver("tracking-signal", `tracking signal over ${sampleDays} backtest days`, accuracy.trackingSignal, "ratio"),
        makeDriver("wape", "WAPE", accuracy.wape * 100, "percent"),
        makeDriver(
          "bias-units",
          underForecast ? `extra lost sales over the next ${context.forecast.mean.length} days` : `stock held beyond need (${Math.round(protectionDays)}-day protection)`,
          misplannedUnits,
          "units",
        ),
        makeDriver("money-at-risk", "cost of the bias", moneyAtRisk, "money"),
      ],
      actions: [
        proposeAction("review-model", 0, { model: "fixed", cost: 0, expectedBenefit: moneyAtRisk, governanceValue: moneyAtRisk }),
        // A forecast change is stated per day: the one unit a forecast is read in.
        proposeAction("adjust-forecast", Math.round(dailyCorrection * 10) / 10, {
          model: "fixed",
          cost: 0,
          expectedBenefit: moneyAtRisk * 0.5,
          governanceValue: moneyAtRisk,
        }),
      ],
    },
    options,
  );
  if (!exception) return undefined;
  return {
    seriesId: context.seriesId,
    locationId: context.locationId,
    sku: context.sku,
    method: context.forecast.method,
    bias: accuracy.bias,
    currentBias,
    trackingSignal: accuracy.trackingSignal,
    wape: accuracy.wape,
    backtestDays: sampleDays,
    moneyAtRisk: exception.score.moneyAtRisk,
    confidence: exception.score.confidence,
    exception,
  };
}

/** A node its plan tops up to S whenever it is below S (a store fed by its DC), in whole cases. */
function isToppedUpInCases(context: SeriesContext): boolean {
  const replenishment = context.replenishment;
  return replenishment !== undefined && replenishment.reorderPoint >= replenishment.orderUpToLevel && context.casePack > 1;
}
