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
  /** What the last plan expected for the window's days, if known; otherwise a trailing baseline is used. */
  priorExpectation?: Float64Array;
  /** Promotions on this series, to name the likely cause. */
  promotions: readonly { promotionId: string; startDay: DayNumber; endDay: DayNumber }[];
}

/**
 * Demand deviation: the last window of actuals breaks from expectation persistently (on at least
 * `minPersistenceDays` days, same direction), by at least `minDeviationShare`, and beyond two
 * standard deviations of the forecast error model (the chance that is not noise is the confidence) —
 * and the current forecast has not caught up:
 * the window's sales still stand at least `minDeviationShare` off it, the same way. A forecast that
 * already follows the change plans with it, so there is nothing left to decide. Money at risk
 * prices what is still off over the coming lead time + review: lost margin upward, carrying cost
 * downward.
 */
export function detectDemandDeviation(
  context: SeriesContext,
  evidence: DeviationEvidence,
  options: ExceptionOptions,
  names: SubjectNames = codesAsNames,
): PlanException | undefined {
  const units = context.history.units;
  const window = options.deviationWindowDays;
  const baselineDays = 28;
  if (units.length < window + baselineDays) return undefined;
  const windowStart = units.length - window;
  const windowFirstDay = context.history.firstDay + windowStart;
  const prior = evidence.priorExpectation;
  const usesPrior = prior !== undefined && prior.length === window;
  let baseline = 0;
  if (!usesPrior) {
    for (let index = windowStart - baselineDays; index < windowStart; index += 1) baseline += units[index] ?? 0;
    baseline /= baselineDays;
  }
  const expectedOn = (offset: number) => (usesPrior ? (prior[offset] ?? 0) : baseline);
  let actual = 0;
  let expected = 0;
  let variance = 0;
  let daysAbove = 0;
  let daysBelow = 0;
  const size = context.forecast.nbSize;
  for (let offset = 0; offset < window; offset += 1) {
    const day = units[windowStart + offset] ?? 0;
    const expectation = expectedOn(offset);
    actual += day;
    expected += expectation;
    variance += dailyDemandVariance(expectation, size);
    if (day > expectation) daysAbove += 1;
    if (day < expectation) daysBelow += 1;
  }
  if (expected <= 0) return undefined;
  const share = (actual - expected) / expected;
  const upward = share > 0;
  const persistentDays = upward ? daysAbove : daysBelow;
  if (Math.abs(share) < options.minDeviationShare) return undefined;
  if (persistentDays < options.minPersistenceDays) return undefined;
  const zScore = Math.abs(actual - expected) / Math.sqrt(variance);
  if (zScore < 2) return undefined;

  const currentDaily = forecastUnits(context.forecast, 0, window) / window;
  const stillOff = currentDaily > 0 ? (actual / window - currentDaily) / currentDaily : Number.POSITIVE_INFINITY;
  if (Math.sign(stillOff) !== Math.sign(share) || Math.abs(stillOff) < options.minDeviationShare) return undefined;
  // What the forecast still misses, not what it missed before it adapted.
  const remainingShare = Number.isFinite(stillOff) ? Math.min(Math.abs(share), Math.abs(stillOff)) * Math.sign(share) : share;
  const protectionDays = Math.ceil(context.leadTimeDays + context.reviewPeriodDays);
  const deviationUnits = Math.abs(remainingShare) * forecastUnits(context.forecast, 0, protectionDays);
  const unitLoss = upward ? unitMargin(context) : context.unitCost * options.excessCarryingRate;
  const moneyAtRisk = deviationUnits * unitLoss;

  const drivers: Driver[] = [
    makeDriver("sales-vs-expected", usesPrior ? "sales vs forecast" : "sales vs trailing baseline", share * 100, "percent"),
    makeDriver("window-days", "over the last", window, "days"),
    makeDriver("persistent-days", upward ? "days above expectation" : "days below expectation", persistentDays, "days"),
    makeDriver("actual-units", "actual sales", actual, "units"),
    makeDriver("expected-units", "expected sales", expected, "units"),
    makeDriver("forecast-still-off", "sales vs the current forecast", remainingShare * 100, "percent"),
  ];
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
