import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import type { DemandSeries } from "../types";
import { etsName, runEts, SEASON_PERIOD, type EtsSpec } from "./ets-model";
import { fitEts, type FittedEts } from "./fit-ets";
import { prepareHistory } from "./prepare-history";

export interface PlainEtsForecast {
  method: string;
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

const FIT_WINDOW = 365;
const ADDITIVE_SPECS: EtsSpec[] = [
  { error: "A", trend: "N", season: "N" },
  { error: "A", trend: "Ad", season: "N" },
  { error: "A", trend: "N", season: "A" },
  { error: "A", trend: "Ad", season: "A" },
];
const MULTIPLICATIVE_SPECS: EtsSpec[] = [
  { error: "M", trend: "N", season: "N" },
  { error: "M", trend: "Ad", season: "N" },
  { error: "M", trend: "N", season: "M" },
  { error: "M", trend: "Ad", season: "M" },
];

/**
 * The benchmark's reference model: a per-series ETS chosen by AICc from the whole family (multiplicative
 * members only for positive data), with no pooling and no combination, and the usual symmetric normal
 * interval at `coverage` — what a plain statistical package would produce. Not used in production.
 */
export function forecastPlainEts(series: DemandSeries, horizon: number, coverage = 0.8): PlainEtsForecast {
  const history = prepareHistory(series);
  const y = history.units;
  const n = y.length;
  const mean = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  if (n < 2 * SEASON_PERIOD) {
    let sum = 0;
    for (let t = 0; t < n; t++) sum += y[t]!;
    mean.fill(n > 0 ? sum / n : 0);
    upper.set(mean);
    return { method: "mean", mean, lower, upper };
  }
  const start = Math.max(0, n - FIT_WINDOW);
  let positive = true;
  for (let t = start; t < n; t++) if (!(y[t]! > 0)) positive = false;
  let best: FittedEts | undefined;
  for (const spec of positive ? [...ADDITIVE_SPECS, ...MULTIPLICATIVE_SPECS] : ADDITIVE_SPECS) {
    const fitted = fitEts(spec, y, start, n);
    if (!best || fitted.aicc < best.aicc) best = fitted;
  }
  const fitted = best!;
  const run = runEts(fitted.spec, fitted.params, y, start, n, n, Int32Array.of(n), horizon, mean);
  const alpha = fitted.params[0]!;
  const z = normalQuantile(0.5 + coverage / 2, 0, 1);
  for (let h = 0; h < horizon; h++) {
    // Class-1 variance approximation σ²(1 + (h−1)α²); relative σ for multiplicative error.
    const spread = Math.sqrt(run.variance * (1 + h * alpha * alpha));
    const sd = fitted.spec.error === "M" ? spread * Math.max(0, mean[h]!) : spread;
    mean[h] = Math.max(0, mean[h]!);
    lower[h] = Math.max(0, mean[h]! - z * sd);
    upper[h] = Math.max(0, mean[h]! + z * sd);
  }
  return { method: etsName(fitted.spec), mean, lower, upper };
}
