import type { SeriesForecast } from "../types";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import type { ForecastStep, PlanOptions } from "./plan-types";

/** Stage 1: forecast every accepted series over the horizon, with known future promotion days flagged. */
export async function forecastPlanSeries(indexed: IndexedPlanSnapshot, settings: PlanOptions, forecastStep: ForecastStep): Promise<SeriesForecast[]> {
  const { asOf } = indexed;
  const horizon = settings.horizonDays;
  const futurePromo = new Map<string, Uint8Array>();
  for (const { series } of indexed.accepted) {
    const promotions = indexed.promotionsBySeries.get(series.id);
    if (!promotions) continue;
    const flags = new Uint8Array(horizon);
    for (const promotion of promotions) {
      for (let day = Math.max(promotion.startDay, asOf + 1); day <= Math.min(promotion.endDay, asOf + horizon); day += 1) flags[day - asOf - 1] = 1;
    }
    futurePromo.set(series.id, flags);
  }
  return forecastStep(
    indexed.accepted.map((entry) => entry.series),
    { horizon, futurePromo, backtestDays: settings.backtestDays, ...(settings.forecastWorkers === undefined ? {} : { workers: settings.forecastWorkers }) },
  );
}
