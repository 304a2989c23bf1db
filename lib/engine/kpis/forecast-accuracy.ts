import { bias } from "../metrics";

/** Sums over (series × period) cells from which pooled forecast accuracy is computed for any segment. */
export interface ForecastErrorTotals {
  /** Σ |actual − forecast|. */
  absError: number;
  /** Σ actual. */
  actual: number;
  /** Σ forecast. */
  forecast: number;
  /** Σ |actual − naive forecast| over the same cells (the naive forecast is last period's actual). */
  naiveAbsError: number;
}

export const WAPE_DEFINITION =
  "Weighted absolute percentage error: the sum of |actual − forecast| over every series and week, divided by the sum of actual units. Lower is better; 0% is a perfect forecast.";
export const MASE_DEFINITION =
  "Mean absolute scaled error: the forecast's absolute error divided by the absolute error a naive forecast (last week's actual) would have made on the same series and weeks. Below 1 beats the naive forecast.";
export const BIAS_DEFINITION =
  "Forecast bias: (Σ forecast − Σ actual) / Σ actual. Positive means the forecast ran above demand (over-forecast, excess risk); negative means under-forecast (stock-out risk).";

/** Error totals of one series: actual and forecast per period, plus the naive (previous-period) actuals. */
export function forecastErrorTotals(actual: readonly number[], forecast: readonly number[], naive: readonly number[]): ForecastErrorTotals {
  const totals: ForecastErrorTotals = { absError: 0, actual: 0, forecast: 0, naiveAbsError: 0 };
  for (let i = 0; i < actual.length; i++) {
    totals.absError += Math.abs(actual[i]! - forecast[i]!);
    totals.actual += actual[i]!;
    totals.forecast += forecast[i]!;
    totals.naiveAbsError += Math.abs(actual[i]! - naive[i]!);
  }
  return totals;
}

export function sumForecastErrorTotals(rows: readonly ForecastErrorTotals[]): ForecastErrorTotals {
  const out: ForecastErrorTotals = { absError: 0, actual: 0, forecast: 0, naiveAbsError: 0 };
  for (const r of rows) {
    out.absError += r.absError;
    out.actual += r.actual;
    out.forecast += r.forecast;
    out.naiveAbsError += r.naiveAbsError;
  }
  return out;
}

/**
 * Pooled WAPE from totals; null when there were no actuals. Same formula as metrics/wape over the
 * cell arrays (the tests check that) — totals let any segment's figure be summed from stored aggregates.
 */
export function pooledWape(t: ForecastErrorTotals): number | null {
  return t.actual > 0 ? t.absError / t.actual : null;
}

/** Pooled MASE: the forecast's absolute error relative to the naive forecast's; null when the naive made no error. */
export function pooledMase(t: ForecastErrorTotals): number | null {
  return t.naiveAbsError > 0 ? t.absError / t.naiveAbsError : null;
}

/** Pooled bias from totals (metrics/bias on the summed figures); null when there were no actuals. */
export function pooledBias(t: ForecastErrorTotals): number | null {
  if (t.actual <= 0) return null;
  return bias(Float64Array.of(t.actual), Float64Array.of(t.forecast));
}
