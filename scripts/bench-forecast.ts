/**
 * Forecast benchmark: a seeded synthetic panel (730 days; smooth, seasonal, trending, intermittent,
 * lumpy and launched series with promotions and stock-outs), the last 28 days held out.
 * Prints throughput (single thread and worker threads), peak RSS, and holdout accuracy of the
 * production forecast against weekly seasonal naive and a plain per-series AICc ETS.
 *
 *   npm run bench:forecast -- --series 10000 [--seed 42] [--compare 10000]
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { forecastPanel, forecastPanelParallel } from "../lib/engine/forecast/forecast-panel";
import { forecastPlainEts } from "../lib/engine/forecast/forecast-plain-ets";
import { generateSyntheticPanel } from "../lib/engine/forecast/generate-synthetic-panel";
import { prepareHistory } from "../lib/engine/forecast/prepare-history";
import { classifyDemand } from "../lib/engine/forecast/classify-demand";
import { intervalCoverage, naiveScale, pinballLoss, wape } from "../lib/engine/metrics";
import type { DemandClass, SeriesForecast } from "../lib/engine/types";

const HOLDOUT = 28;
const { values } = parseArgs({
  options: {
    series: { type: "string", default: "10000" },
    seed: { type: "string", default: "42" },
    compare: { type: "string", default: "10000" },
  },
});
const seriesCount = Number(values.series);
const compareCount = Math.min(seriesCount, Number(values.compare));

interface MethodForecast {
  mean: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** p50; the mean stands in for methods without one. */
  median?: Float64Array;
}

function seasonalNaive(history: Float64Array): MethodForecast {
  const n = history.length;
  const mean = new Float64Array(HOLDOUT);
  for (let h = 0; h < HOLDOUT; h++) mean[h] = n >= 7 ? history[n - 7 + (h % 7)]! : 0;
  // Interval from the empirical 10th/90th percentiles of the last year's weekly differences.
  const diffs: number[] = [];
  for (let t = Math.max(7, n - 365); t < n; t++) diffs.push(history[t]! - history[t - 7]!);
  diffs.sort((a, b) => a - b);
  const pick = (q: number) => (diffs.length ? diffs[Math.min(diffs.length - 1, Math.floor(q * diffs.length))]! : 0);
  const lower = mean.map((m) => Math.max(0, m + pick(0.1)));
  const upper = mean.map((m) => Math.max(0, m + pick(0.9)));
  const median = mean.map((m) => Math.max(0, m + pick(0.5)));
  return { mean, lower, upper, median };
}

interface Score {
  rmsse: number[];
  mase: number[];
  /** Scaled pinball loss averaged over p10, p50, p90 (the M5 uncertainty measure, unweighted). */
  spl: number[];
  absError: number;
  error: number;
  actual: number;
  inside: number;
  points: number;
  byClass: Map<DemandClass, number[]>;
}

const newScore = (): Score => ({ rmsse: [], mase: [], spl: [], absError: 0, error: 0, actual: 0, inside: 0, points: 0, byClass: new Map() });

function score(target: Score, forecast: MethodForecast, actual: Float64Array, training: Float64Array, demandClass: DemandClass) {
  const squaredScale = naiveScale(training, 2);
  const absoluteScale = naiveScale(training, 1);
  let squared = 0;
  let absolute = 0;
  for (let h = 0; h < HOLDOUT; h++) {
    const e = actual[h]! - forecast.mean[h]!;
    squared += e * e;
    absolute += Math.abs(e);
    target.error += -e;
    target.actual += actual[h]!;
  }
  target.absError += absolute;
  target.inside += intervalCoverage(actual, forecast.lower, forecast.upper) * HOLDOUT;
  target.points += HOLDOUT;
  if (squaredScale > 0) {
    const value = Math.sqrt(squared / HOLDOUT / squaredScale);
    target.rmsse.push(value);
    const list = target.byClass.get(demandClass) ?? [];
    list.push(value);
    target.byClass.set(demandClass, list);
  }
  if (absoluteScale > 0) {
    target.mase.push(absolute / HOLDOUT / absoluteScale);
    const quantileLoss =
      pinballLoss(actual, forecast.lower, 0.1) + pinballLoss(actual, forecast.median ?? forecast.mean, 0.5) + pinballLoss(actual, forecast.upper, 0.9);
    target.spl.push(quantileLoss / 3 / absoluteScale);
  }
}

const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

function report(name: string, s: Score) {
  const classes = (["smooth", "erratic", "intermittent", "lumpy"] as const)
    .map((c) => `${c} ${average(s.byClass.get(c) ?? []).toFixed(3)}`)
    .join("  ");
  console.log(
    `${name.padEnd(22)} RMSSE ${average(s.rmsse).toFixed(4)}  MASE ${average(s.mase).toFixed(4)}  WAPE ${(s.absError / s.actual).toFixed(4)}  bias ${(s.error / s.actual).toFixed(4)}  cover80 ${(s.inside / s.points).toFixed(3)}  SPL ${average(s.spl).toFixed(4)}   RMSSE by class: ${classes}`,
  );
}

const generated = performance.now();
const panel = generateSyntheticPanel({ seriesCount, seed: Number(values.seed), holdoutDays: HOLDOUT });
console.log(`generated ${seriesCount} series × 730 days in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
const options = { horizon: HOLDOUT, futurePromo: panel.futurePromo };

/** CPU seconds of every thread of this process: on a shared machine, throughput per busy core is the stable figure. */
const cpuSeconds = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};
const throughput = (label: string, wallSeconds: number, cpu: number) =>
  console.log(
    `${label} ${(seriesCount / wallSeconds).toFixed(0)} series/s wall (${wallSeconds.toFixed(1)} s), ${(seriesCount / cpu).toFixed(0)} series per CPU-second`,
  );
console.log(`load average at start: ${loadavg().map((value) => value.toFixed(1)).join(" ")} on ${availableParallelism()} cores`);

/**
 * Exact fingerprint of a run (bits of every mean and quantile, methods, sizes): lets the benchmark prove
 * the parallel result equals the single-thread one without keeping both in memory at once.
 */
function fingerprint(forecasts: SeriesForecast[]): string {
  const bits = new Uint32Array(2);
  const view = new Float64Array(bits.buffer);
  let hash = 0x811c9dc5;
  const mix = (value: number) => {
    hash = Math.imul(hash ^ value, 0x01000193) >>> 0;
  };
  for (const forecast of forecasts) {
    for (const values of [forecast.mean, ...forecast.quantiles.map((q) => q.values)]) {
      for (let h = 0; h < values.length; h++) {
        view[0] = values[h]!;
        mix(bits[0]!);
        mix(bits[1]!);
      }
    }
    view[0] = forecast.nbSize;
    mix(bits[0]!);
    mix(bits[1]!);
    for (let i = 0; i < forecast.method.length; i++) mix(forecast.method.charCodeAt(i));
  }
  return `${forecasts.length}:${hash.toString(16)}`;
}

const singleStart = performance.now();
const singleCpu = cpuSeconds();
const singleFingerprint = fingerprint(forecastPanel(panel.series, options));
throughput("single thread:", (performance.now() - singleStart) / 1000, cpuSeconds() - singleCpu);

const parallelStart = performance.now();
const parallelCpu = cpuSeconds();
const parallel = await forecastPanelParallel(panel.series, options);
throughput("parallel:     ", (performance.now() - parallelStart) / 1000, cpuSeconds() - parallelCpu);
console.log(`parallel result identical to single thread: ${fingerprint(parallel) === singleFingerprint}`);

const ours = newScore();
const oursOnCompared = newScore();
const naive = newScore();
const plain = newScore();
const plainStart = performance.now();
for (let i = 0; i < seriesCount; i++) {
  const series = panel.series[i]!;
  const actual = panel.holdout[i]!;
  const training = prepareHistory(series).units;
  const demandClass = classifyDemand(training.subarray(Math.max(0, training.length - 365)));
  const f = parallel[i]!;
  const level = (q: number) => f.quantiles.find((x) => x.level === q)!.values;
  const mine = { mean: f.mean, lower: level(0.1), upper: level(0.9), median: level(0.5) };
  score(ours, mine, actual, training, demandClass);
  if (i < compareCount) {
    score(oursOnCompared, mine, actual, training, demandClass);
    score(naive, seasonalNaive(series.units), actual, training, demandClass);
    score(plain, forecastPlainEts(series, HOLDOUT), actual, training, demandClass);
  }
}
console.log(`(plain ETS + seasonal naive on ${compareCount} series took ${((performance.now() - plainStart) / 1000).toFixed(1)} s)`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`\nholdout accuracy (last ${HOLDOUT} days; RMSSE/MASE/SPL = mean over series, WAPE/bias pooled, cover80 = share inside p10–p90):`);
if (compareCount < seriesCount) report(`stockpilot (all ${seriesCount})`, ours);
report(`stockpilot`, oursOnCompared);
report("plain ETS (AICc)", plain);
report("seasonal naive", naive);
console.log(`\nheld-out wape check: ${wape(panel.holdout[0]!, parallel[0]!.mean).toFixed(3)} on series 0 (${parallel[0]!.method})`);
