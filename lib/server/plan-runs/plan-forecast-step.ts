import "server-only";
import { forecastPanelParallel } from "../../engine/forecast/forecast-panel";
import type { ForecastStep } from "../../engine/plan/plan-types";
import type { SeriesForecast } from "../../engine/types";
import type { SeriesOverride } from "./load-plan-inputs";

export interface PlanForecastStep {
  step: ForecastStep;
  /** Every series' forecast after overrides, by series id, for the chart series. */
  forecasts: Map<string, SeriesForecast>;
}

/**
 * Overrides are per day; the newest one covering a day wins (the list is newest first), whether a
 * planner made it or an approval wrote it: a later manual override or a newer approved change
 * replaces an earlier one on the days they share, and the earlier one still holds on its other days.
 */
function applyOverrides(forecast: SeriesForecast, overrides: readonly SeriesOverride[]): void {
  for (let h = 0; h < forecast.mean.length; h += 1) {
    const day = forecast.firstDay + h;
    const override = overrides.find((o) => o.firstDay <= day && day <= o.lastDay);
    if (!override) continue;
    const statistical = forecast.mean[h]!;
    // Keep the band's shape around the planner's level; with no statistical demand there is no shape to keep.
    const ratio = statistical > 0 ? override.dailyUnits / statistical : null;
    for (const quantile of forecast.quantiles) quantile.values[h] = ratio === null ? override.dailyUnits : quantile.values[h]! * ratio;
    forecast.mean[h] = override.dailyUnits;
  }
}

/**
 * The engine's forecast step (worker threads on every core), with the forecast overrides (planners'
 * and approved recommendations') laid over the statistical forecast before policy and projection
 * see it, and a hook that reports the end of the forecast stage for live progress.
 */
export function createPlanForecastStep(overrides: ReadonlyMap<string, readonly SeriesOverride[]>, onForecasted: () => Promise<void>): PlanForecastStep {
  const forecasts = new Map<string, SeriesForecast>();
  const step: ForecastStep = async (series, options) => {
    const results = await forecastPanelParallel(series, options);
    for (const forecast of results) {
      const seriesOverrides = overrides.get(forecast.id);
      if (seriesOverrides) applyOverrides(forecast, seriesOverrides);
      forecasts.set(forecast.id, forecast);
    }
    await onForecasted();
    return results;
  };
  return { step, forecasts };
}
