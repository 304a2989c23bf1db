import "server-only";
import type { Prisma } from "@prisma/client";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import type { SeriesForecast } from "../../engine/types";
import { fromDayNumber } from "../../engine/calendar";

/** Weeks of each run's forecast kept for monitoring: enough for one- to four-week-ahead accuracy. */
export const STORED_FORECAST_WEEKS = 4;

export interface SeriesKey {
  locationId: number;
  productId: number;
}

/** The run's forecast per series and week (weekly sums of the daily mean, p10 and p90) for its first four weeks. */
export function buildRunForecasts(
  planRunId: string,
  forecasts: ReadonlyMap<string, Pick<SeriesForecast, "firstDay" | "method" | "mean" | "quantiles">>,
  resolveSeries: (seriesId: string) => SeriesKey | null,
): Prisma.PlanRunForecastCreateManyInput[] {
  const rows: Prisma.PlanRunForecastCreateManyInput[] = [];
  for (const [seriesId, forecast] of forecasts) {
    const key = resolveSeries(seriesId);
    if (!key) continue;
    const p10 = forecast.quantiles.find((q) => q.level === 0.1)?.values;
    const p90 = forecast.quantiles.find((q) => q.level === 0.9)?.values;
    for (let week = 0; week < STORED_FORECAST_WEEKS; week++) {
      const from = week * 7;
      if (from + 7 > forecast.mean.length) break;
      let mean = 0;
      let low = 0;
      let high = 0;
      for (let h = from; h < from + 7; h++) {
        mean += forecast.mean[h]!;
        low += p10?.[h] ?? forecast.mean[h]!;
        high += p90?.[h] ?? forecast.mean[h]!;
      }
      rows.push({
        planRunId,
        ...key,
        week,
        weekStart: fromDayNumber(forecast.firstDay + from),
        mean: round2(mean),
        p10: round2(low),
        p90: round2(high),
        method: canonicalMethod(forecast.method),
      });
    }
  }
  return rows;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
