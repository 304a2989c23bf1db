import { describe, expect, it } from "vitest";
import type { DemandSeries } from "../../engine/types";
import { backfillForecastHistory, FORECAST_HISTORY_WEEKS } from "./backfill-kpi-history";

const ASOF_DAY = 20_000;

function steadySeries(index: number): DemandSeries {
  const units = new Float64Array(120).fill(2 + (index % 3));
  return { id: `S${String(index).padStart(3, "0")}|SKU`, firstDay: ASOF_DAY - units.length, units };
}

describe("back-filled forecast history", () => {
  const history = Array.from({ length: 10 }, (_, index) => steadySeries(index));
  const resolveSeries = (seriesId: string) => ({ locationId: Number(seriesId.slice(1, 4)), productId: 1 });

  it("forecasts every series of a network no larger than the cap, once per past week", () => {
    const rows = backfillForecastHistory({ asOfDay: ASOF_DAY, history, stored: [], resolveSeries, backtestDays: 14 });
    expect(rows).toHaveLength(history.length * FORECAST_HISTORY_WEEKS);
  });

  it("forecasts an evenly spaced sample, the same one every week, when the network is larger than the cap", () => {
    const rows = backfillForecastHistory({ asOfDay: ASOF_DAY, history: [...history].reverse(), stored: [], resolveSeries, backtestDays: 14, maxSeries: 5 });
    expect(rows).toHaveLength(5 * FORECAST_HISTORY_WEEKS);
    const locationsPerWeek = new Map<number, number[]>();
    for (const row of rows) locationsPerWeek.set(row.weekStart.getTime(), [...(locationsPerWeek.get(row.weekStart.getTime()) ?? []), row.locationId]);
    for (const locations of locationsPerWeek.values()) expect(locations.sort((a, b) => a - b)).toEqual([0, 2, 4, 6, 8]);
  });
});
