import "server-only";
import type { PlanRunForecast, Prisma } from "@prisma/client";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { forecastErrorTotals, type ForecastErrorTotals } from "../../engine/kpis/forecast-accuracy";
import type { SeriesForecast } from "../../engine/types";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import type { SeriesKey } from "./build-run-forecasts";
import type { KpiProduct } from "./build-kpi-daily";
import type { SalesWindow, WindowSeries } from "./load-sales-window";

type AccuracyRow = Prisma.KpiForecastAccuracyCreateManyInput;

function addTo(cells: Map<string, AccuracyRow>, base: Omit<AccuracyRow, "series" | keyof ForecastErrorTotals>, totals: ForecastErrorTotals) {
  const key = `${base.source}|${(base.weekStart as Date).getTime()}|${base.locationId}|${base.category}|${base.method}`;
  let cell = cells.get(key);
  if (!cell) {
    cell = { ...base, series: 0, absError: 0, actual: 0, forecast: 0, naiveAbsError: 0 };
    cells.set(key, cell);
  }
  cell.series += 1;
  cell.absError += totals.absError;
  cell.actual += totals.actual;
  cell.forecast += totals.forecast;
  cell.naiveAbsError += totals.naiveAbsError;
}

function weekUnits(s: WindowSeries, window: SalesWindow, weekStartDay: number): number | null {
  const from = weekStartDay - window.firstDay;
  if (from < 0 || from + 7 > window.days) return null;
  let units = 0;
  for (let i = from; i < from + 7; i++) units += s.units[i]!;
  return units;
}

/**
 * Realized accuracy: each complete week in the window is judged on the freshest stored forecast made
 * for it (fewest weeks ahead) against the week's actual units; the naive forecast is the week before's
 * actual. Backtest accuracy: the engine's per-series backtest, turned back into totals weighted by the
 * series' units over the last 28 days, so segments pool the same way.
 */
export function buildForecastAccuracy(input: {
  planRunId: string;
  asOfDay: number;
  window: SalesWindow;
  stored: readonly PlanRunForecast[];
  forecasts: ReadonlyMap<string, Pick<SeriesForecast, "method" | "accuracy">>;
  resolveSeries: (seriesId: string) => SeriesKey | null;
  products: ReadonlyMap<number, KpiProduct>;
}): AccuracyRow[] {
  const { planRunId, window, products } = input;
  const cells = new Map<string, AccuracyRow>();
  const seriesByKey = new Map(window.series.map((s) => [`${s.locationId}|${s.productId}`, s]));

  const freshest = new Map<string, PlanRunForecast>();
  for (const row of input.stored) {
    const key = `${row.locationId}|${row.productId}|${row.weekStart.getTime()}`;
    const seen = freshest.get(key);
    if (!seen || row.week < seen.week) freshest.set(key, row);
  }
  for (const row of freshest.values()) {
    const s = seriesByKey.get(`${row.locationId}|${row.productId}`);
    const category = products.get(row.productId)?.category;
    if (!s || !category) continue;
    const startDay = toDayNumber(row.weekStart);
    const actual = weekUnits(s, window, startDay);
    const naive = weekUnits(s, window, startDay - 7);
    if (actual === null || naive === null) continue;
    addTo(cells, { planRunId, source: "realized", weekStart: row.weekStart, locationId: row.locationId, category, method: canonicalMethod(row.method) }, forecastErrorTotals([actual], [row.mean], [naive]));
  }

  const asOf = fromDayNumber(input.asOfDay);
  for (const [seriesId, forecast] of input.forecasts) {
    const accuracy = forecast.accuracy;
    const key = input.resolveSeries(seriesId);
    if (!accuracy || !key || !Number.isFinite(accuracy.wape) || !Number.isFinite(accuracy.bias)) continue;
    const s = seriesByKey.get(`${key.locationId}|${key.productId}`);
    const category = products.get(key.productId)?.category;
    if (!s || !category) continue;
    let actual = 0;
    for (let i = Math.max(0, window.days - 28); i < window.days; i++) actual += s.units[i]!;
    if (actual <= 0) continue;
    const absError = accuracy.wape * actual;
    addTo(cells, { planRunId, source: "backtest", weekStart: asOf, locationId: key.locationId, category, method: canonicalMethod(forecast.method) }, {
      absError,
      actual,
      forecast: actual * (1 + accuracy.bias),
      naiveAbsError: accuracy.mase > 0 && Number.isFinite(accuracy.mase) ? absError / accuracy.mase : 0,
    });
  }
  return [...cells.values()];
}
