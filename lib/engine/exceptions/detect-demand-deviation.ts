import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import { dailyDemandVariance } from "../policy/demand-distribution";
import type { DayNumber } from "../types";
import { buildException } from "./build-exception";
import { type ActionProposal, codesAsNames, type Driver, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastConfidence, forecastUnits, type SeriesContext, unitMargin } from "./series-context";
import { transferPricing } from "./transfer-pricing";

export interface DeviationEvidence {
  /** Promotions on this series, to name the likely cause. */
  promotions: readonly { promotionId: string; startDay: DayNumber; endDay: DayNumber }[];
}

/**
 * Demand deviation: the last window of actuals breaks from the trailing 28-day mean before it
 * (days in stock only) persistently (on at least
 * `minPersistenceDays` days, same direction), by at least `minDeviationShare`, and beyond two
 * standard deviations of the forecast error model (the chance that is not noise is the confidence) —
 * and the current forecast has not caught up: what the window's sales credibly say about the rate
 * still stands at least `minDeviationShare` off it, the same way. A forecast that already follows
 * the change plans with it, so there is nothing left to decide.
 *
 * Days that ended out of stock are left out: their sales are what the shelf held, not what customers
 * wanted, and reading them as demand would lower the forecast of a store that is short, which orders
 * it less and keeps it short. A fall is weighted by its credibility against the forecast
 * (`deviationLevelSpread`): a week of a few units is mostly noise around a forecast fitted on two
 * years (in the simulator, 153 of 154 forecast cuts taken at face value moved the forecast away
 * from the true demand). Money at risk prices what is still off over the coming lead time + review: lost margin
 * upward, carrying cost downward.
 */
export function detectDemandDeviation(
  context: SeriesContext,
  evidence: DeviationEvidence,
  options: ExceptionOptions,
  names: SubjectNames = codesAsNames,
): PlanException | undefined {
  const units = context.history.units;
  const stockout = context.history.stockout;
  const censored = (index: number) => stockout !== undefined && stockout[index] === 1;
  const window = options.deviationWindowDays;
  const baselineDays = 28;
  if (units.length < window + baselineDays) return undefined;
  const windowStart = units.length - window;
  const windowFirstDay = context.history.firstDay + windowStart;
  let baselineSales = 0;
  let baselineDaysInStock = 0;
  for (let index = windowStart - baselineDays; index < windowStart; index += 1) {
    if (censored(index)) continue;
    baselineSales += units[index] ?? 0;
    baselineDaysInStock += 1;
  }
  if (baselineDaysInStock === 0) return undefined;
  const baseline = baselineSales / baselineDaysInStock;
  let actual = 0;
  let expected = 0;
  let variance = 0;
  let daysAbove = 0;
  let daysBelow = 0;
  let censoredDays = 0;
  const size = context.forecast.nbSize;
  for (let offset = 0; offset < window; offset += 1) {
    if (censored(windowStart + offset)) {
      censoredDays += 1;
      continue;
    }
    const day = units[windowStart + offset] ?? 0;
    actual += day;
    expected += baseline;
    variance += dailyDemandVariance(baseline, size);
    if (day > baseline) daysAbove += 1;
    if (day < baseline) daysBelow += 1;
  }
  const daysInStock = window - censoredDays;
  if (expected <= 0 || daysInStock < options.minPersistenceDays) return undefined;
  const share = (actual - expected) / expected;
  const upward = share > 0;
  const persistentDays = upward ? daysAbove : daysBelow;
  if (Math.abs(share) < options.minDeviationShare) return undefined;
  if (persistentDays < options.minPersistenceDays) return undefined;
  const zScore = Math.abs(actual - expected) / Math.sqrt(variance);
  if (zScore < 2) return undefined;

  const currentDaily = forecastUnits(context.forecast, 0, window) / window;
  const stillOff = currentDaily > 0 ? (actual / daysInStock - currentDaily) / currentDaily : Number.POSITIVE_INFINITY;
  if (Math.sign(stillOff) !== Math.sign(share)) return undefined;
  // What the forecast still misses, not what it missed before it adapted. A fall counts only as far
  // as the window's sales are credible against the forecast (the sampling variance of window rate ÷
  // forecast is the window's demand variance over its expected units squared): a forecast lowered on
  // a noisy week stocks the store short and loses margin, while one raised on a noisy week costs a
  // few days' carrying of the extra units — so a rise is taken as the week shows it.
  const forecastUnitsInWindow = currentDaily * daysInStock;
  const samplingVariance = forecastUnitsInWindow > 0 ? (dailyDemandVariance(currentDaily, size) * daysInStock) / forecastUnitsInWindow ** 2 : 0;
  const spread = options.deviationLevelSpread ** 2;
  const credibility = upward || forecastUnitsInWindow <= 0 ? 1 : spread / (spread + samplingVariance);
  const gap = Number.isFinite(stillOff) ? Math.min(Math.abs(share), Math.abs(stillOff)) : Math.abs(share);
  const remainingShare = Math.sign(share) * gap * credibility;
  if (Math.abs(remainingShare) < options.minDeviationShare) return undefined;
  const protectionDays = Math.ceil(context.leadTimeDays + context.reviewPeriodDays);
  const deviationUnits = Math.abs(remainingShare) * forecastUnits(context.forecast, 0, protectionDays);
  const unitLoss = upward ? unitMargin(context) : context.unitCost * options.excessCarryingRate;
  const moneyAtRisk = deviationUnits * unitLoss;

  const drivers: Driver[] = [
    makeDriver("sales-vs-expected", "sales vs trailing baseline", share * 100, "percent"),
    makeDriver("window-days", "over the last", window, "days"),
    makeDriver("persistent-days", upward ? "days above expectation" : "days below expectation", persistentDays, "days"),
    makeDriver("actual-units", "actual sales", actual, "units"),
    makeDriver("expected-units", "expected sales", expected, "units"),
    makeDriver("forecast-still-off", "sales vs the current forecast", (Number.isFinite(stillOff) ? stillOff : share) * 100, "percent"),
    makeDriver("forecast-change", "forecast change the evidence supports", remainingShare * 100, "percent"),
  ];
  if (!upward) drivers.push(makeDriver("credibility", "weight of the week against the forecast", credibility, "ratio"));
  if (censoredDays > 0) drivers.push(makeDriver("censored-days", "days out of stock left out", censoredDays, "days"));
  const promotion = [...evidence.promotions]
    .filter((candidate) => candidate.startDay <= context.asOf && candidate.endDay >= windowFirstDay)
    .sort((a, b) => b.startDay - a.startDay || (a.promotionId < b.promotionId ? -1 : 1))[0];
  if (promotion) {
    drivers.push(
      makeDriver("days-since-promotion", `since promotion ${names.promotion(promotion.promotionId)} started`, context.asOf - promotion.startDay + 1, "days", promotion.promotionId),
    );
  }
  drivers.push(makeDriver("money-at-risk", upward ? "margin at risk if not acted on" : "carrying cost at risk", moneyAtRisk, "money"));

  const protectionForecast = forecastUnits(context.forecast, 0, protectionDays);
  const actions: ActionProposal[] = [
    // Stated per day, the unit a forecast is read in; priced over lead time and review.
    proposeAction("adjust-forecast", Math.round((remainingShare * protectionForecast * 10) / protectionDays) / 10, {
      model: "capped-cover",
      unitActionCost: 0,
      // A forecast change only pays off as far as the forecast is trusted.
      unitBenefit: unitLoss * forecastConfidence(context.forecast, context.backtestDays),
      coverableUnits: deviationUnits,
      unitGovernanceValue: context.unitCost,
      quantityDays: protectionDays,
    }),
  ];
  for (const transfer of upward ? context.transfersIn : []) {
    actions.push(
      proposeAction("transfer-in", transfer.units, transferPricing(transfer, context.unitCost), {
        sourceId: transfer.from,
        destinationId: context.locationId,
      }),
    );
  }
  return buildException(
    {
      type: "demand-deviation",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku, ...(promotion ? { promotionId: promotion.promotionId } : {}) },
      moneyAtRisk,
      daysUntilImpact: 0,
      // The claim is that demand really moved: the chance the window's gap is not noise under the
      // forecast's error model. (How far the forecast can be trusted prices the action, above.)
      confidence: 2 * normalCdf(zScore, 0, 1) - 1,
      drivers,
      actions,
    },
    options,
  );
}
