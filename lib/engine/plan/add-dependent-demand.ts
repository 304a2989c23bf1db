import { countQuantile } from "../forecast/count-quantile";
import { dailyDemandVariance } from "../policy/demand-distribution";
import type { SeriesForecast } from "../types";

/**
 * A DC's demand is mostly dependent: what the stores it replenishes will draw from it. Returns the
 * DC's forecast with the downstream forecasts added day by day. Means add, and so do variances
 * (store errors taken as independent); the negative-binomial size is chosen so that the summed daily
 * variances — what safety stock and projections use — are reproduced exactly. The result carries no
 * backtest accuracy: nothing was fitted to it, so drift and confidence rules must not read one.
 */
export function addDependentDemand(own: SeriesForecast, downstream: readonly SeriesForecast[]): SeriesForecast {
  if (downstream.length === 0) return own;
  const horizon = own.mean.length;
  const mean = new Float64Array(horizon);
  let sumSquaredMeans = 0;
  let sumExcessVariance = 0;
  for (let day = 0; day < horizon; day += 1) {
    let dayMean = Math.max(0, own.mean[day] ?? 0);
    let dayVariance = dailyDemandVariance(dayMean, own.nbSize);
    for (const store of downstream) {
      const storeMean = Math.max(0, store.mean[day] ?? 0);
      dayMean += storeMean;
      dayVariance += dailyDemandVariance(storeMean, store.nbSize);
    }
    mean[day] = dayMean;
    sumSquaredMeans += dayMean * dayMean;
    sumExcessVariance += dayVariance - dayMean;
  }
  const nbSize = sumExcessVariance > 1e-9 ? sumSquaredMeans / sumExcessVariance : Number.POSITIVE_INFINITY;
  const levels = (own.quantiles.length > 0 ? own.quantiles : downstream[0]!.quantiles).map((quantile) => quantile.level);
  return {
    id: own.id,
    method: `${own.method} + downstream of ${downstream.length}`,
    demandClass: own.demandClass,
    firstDay: own.firstDay,
    mean,
    nbSize,
    quantiles: levels.map((level) => ({ level, values: mean.map((dayMean) => countQuantile(level, dayMean, nbSize, true)) })),
  };
}
