import { buildException } from "./build-exception";
import type { ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastUnits, type SeriesContext, unitMargin } from "./series-context";

/**
 * Forecast drift / bias: the backtest tracking signal or bias says the model is persistently off.
 * Money at risk prices the bias over the protection period: lost margin when under-forecasting,
 * carrying cost when over-forecasting.
 */
export function detectForecastDrift(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  const accuracy = context.forecast.accuracy;
  // No sales in the backtest window makes relative bias undefined (±Infinity/NaN); such series are
  // the excess and phantom-stock detectors' business, not a model-drift question.
  if (!accuracy || !Number.isFinite(accuracy.bias) || !Number.isFinite(accuracy.trackingSignal)) return undefined;
  // A tracking signal past its limit with a negligible bias is a tiny but steady error: not worth a planner.
  const drifting = Math.abs(accuracy.trackingSignal) > options.driftTrackingSignal && Math.abs(accuracy.bias) >= options.driftMinBiasWithSignal;
  // On intermittent and lumpy series a few sales swing the backtest bias: only a persistent
  // tracking signal counts there, or planners drown in slow-mover noise.
  const sparse = context.forecast.demandClass === "intermittent" || context.forecast.demandClass === "lumpy";
  const biased = !sparse && Math.abs(accuracy.bias) > options.driftMaxBias;
  if (!drifting && !biased) return undefined;
  const protectionUnits = forecastUnits(context.forecast, 0, Math.ceil(context.leadTimeDays + context.reviewPeriodDays));
  const biasUnits = Math.abs(accuracy.bias) * protectionUnits;
  const unitLoss = accuracy.bias < 0 ? unitMargin(context) : context.unitCost * options.excessCarryingRate;
  const moneyAtRisk = biasUnits * unitLoss;
  return buildException(
    {
      type: "forecast-drift",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      daysUntilImpact: context.leadTimeDays,
      confidence: Math.min(1, Math.max(Math.abs(accuracy.trackingSignal) / (2 * options.driftTrackingSignal), Math.abs(accuracy.bias))),
      drivers: [
        makeDriver("bias", "backtest bias (forecast vs actual)", accuracy.bias * 100, "percent"),
        makeDriver("tracking-signal", "tracking signal", accuracy.trackingSignal, "ratio"),
        makeDriver("wape", "WAPE", accuracy.wape * 100, "percent"),
        makeDriver("bias-units", "units misplanned over lead time and review", biasUnits, "units"),
        makeDriver("money-at-risk", "cost of the bias", moneyAtRisk, "money"),
      ],
      actions: [
        proposeAction("review-model", 0, { model: "fixed", cost: 0, expectedBenefit: moneyAtRisk, governanceValue: moneyAtRisk }),
        proposeAction("adjust-forecast", -accuracy.bias * protectionUnits, {
          model: "fixed",
          cost: 0,
          expectedBenefit: moneyAtRisk * 0.5,
          governanceValue: moneyAtRisk,
        }),
      ],
    },
    options,
  );
}
