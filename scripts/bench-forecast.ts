/**
 * Forecast benchmark. Throughput (single thread and worker threads, 730-day series) on the mixed
 * synthetic panel; then, on each requested panel with the last 28 days held out, accuracy of the
 * production forecast against the reference — a plain per-series ETS chosen by AICc from the whole
 * family (R is not available here, so this stands in for `forecast::ets`) — and weekly seasonal
 * naive: RMSSE, MASE, WAPE, bias, scaled pinball, ratios to ETS with a bootstrap interval, and per
 * demand class p10–p90 coverage, shares below p10 / above p90, pinball loss, the share of series using
 * the global level model and the share of days whose p10 is 0 (nothing can fall below it), and the
 * randomized PIT for counts (Czado, Gneiting & Held 2009) of our forecasts: the shares of PIT values
 * below 0.1, between 0.1 and 0.9, and above 0.9 — 0.1 / 0.8 / 0.1 when calibrated, even where p10 is 0.
 *
 *   npm run bench:forecast -- [--series 10000] [--seed 42] [--compare 10000]
 *                             [--panels mixed,m5,intermittent] [--superstore "Sample - Superstore.csv"]
 *                             [--superstore-origins 1] [--no-throughput] [--global-model]
 *
 * Panels: `mixed` (generate-synthetic-panel.ts), `m5` (generate-m5-like-panel.ts), `intermittent`
 * (generate-intermittent-panel.ts). `--superstore` adds a real-data check on Tableau's public
 * "Sample - Superstore" order lines: daily units per region × sub-category (68 series, grouped by region);
 * `--superstore-origins N` scores it at N forecast origins 28 days apart (the last one the plain
 * run's), each forecast from its own history only, pooled, with the bootstrap resampling series.
 */
import { availableParallelism, loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import { forecastPanel, forecastPanelParallel, preparePanel, type PanelContext } from "../lib/engine/forecast/forecast-panel";
import { pitBelow } from "../lib/engine/forecast/randomized-pit";
import { forecastPlainEts } from "../lib/engine/forecast/forecast-plain-ets";
import { generateSyntheticPanel, type SyntheticPanel } from "../lib/engine/forecast/generate-synthetic-panel";
import { generateM5LikePanel } from "../lib/engine/forecast/generate-m5-like-panel";
import { generateIntermittentPanel } from "../lib/engine/forecast/generate-intermittent-panel";
import { prepareHistory } from "../lib/engine/forecast/prepare-history";
import { classifyDemand } from "../lib/engine/forecast/classify-demand";
import { naiveScale } from "../lib/engine/metrics";
import { MS_PER_DAY } from "../lib/engine/calendar";
import { seededRandom } from "../lib/engine/seeded-random";
import type { DemandClass, DemandSeries, SeriesForecast } from "../lib/engine/types";

const HOLDOUT = 28;
const CLASSES: DemandClass[] = ["smooth", "erratic", "intermittent", "lumpy"];
const { values } = parseArgs({
  options: {
    series: { type: "string", default: "10000" },
    seed: { type: "string", default: "42" },
    compare: { type: "string", default: "10000" },
    panels: { type: "string", default: "mixed,m5,intermittent" },
    superstore: { type: "string" },
    "superstore-origins": { type: "string", default: "1" },
    "no-throughput": { type: "boolean", default: false },
    "global-model": { type: "boolean", default: false },
  },
});
const seriesCount = Number(values.series);
const compareCount = Math.min(seriesCount, Number(values.compare));
const seed = Number(values.seed);

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

/** Per-series holdout figures; pooled and averaged per panel and per class afterwards. */
interface SeriesScore {
  demandClass: DemandClass;
  rmsse: number;
  mase: number;
  /** Scaled pinball loss averaged over p10, p50, p90 (the M5 uncertainty measure, unweighted). */
  spl: number;
  absError: number;
  error: number;
  actual: number;
  inside: number;
  below: number;
  above: number;
  /** Days whose p10 is 0: nothing can fall below it, so such a day is inside unless above p90. */
  lowerZero: number;
  /** Expected number of days whose randomized PIT is below 0.1 / above 0.9 (our forecasts only). */
  pitLow: number;
  pitHigh: number;
}

/** A forecast's predictive distribution for the randomized PIT: per-day mean and NB size, read through the panel's calibration. */
interface PitInput {
  forecast: SeriesForecast;
  context: PanelContext;
  integerValued: boolean;
}

function scoreSeries(forecast: MethodForecast, actual: Float64Array, training: Float64Array, demandClass: DemandClass, pit?: PitInput): SeriesScore {
  const squaredScale = naiveScale(training, 2);
  const absoluteScale = naiveScale(training, 1);
  let squared = 0, absolute = 0, error = 0, total = 0, inside = 0, below = 0, above = 0, pinball = 0, lowerZero = 0, pitLow = 0, pitHigh = 0;
  const median = forecast.median ?? forecast.mean;
  for (let h = 0; h < HOLDOUT; h++) {
    const y = actual[h]!;
    const e = y - forecast.mean[h]!;
    squared += e * e;
    absolute += Math.abs(e);
    error -= e;
    total += y;
    if (forecast.lower[h]! <= 0) lowerZero++;
    if (y < forecast.lower[h]!) below++;
    else if (y > forecast.upper[h]!) above++;
    else inside++;
    const loss = (q: number, level: number) => (y >= q ? level * (y - q) : (1 - level) * (q - y));
    pinball += loss(forecast.lower[h]!, 0.1) + loss(median[h]!, 0.5) + loss(forecast.upper[h]!, 0.9);
    if (pit) {
      const { forecast: f, context, integerValued } = pit;
      const below = (level: number) => pitBelow(level, y, f.mean[h]!, f.nbSize, integerValued, context.calibration, f.demandClass);
      pitLow += below(0.1);
      pitHigh += 1 - below(0.9);
    }
  }
  return {
    demandClass,
    rmsse: squaredScale > 0 ? Math.sqrt(squared / HOLDOUT / squaredScale) : NaN,
    mase: absoluteScale > 0 ? absolute / HOLDOUT / absoluteScale : NaN,
    spl: absoluteScale > 0 ? pinball / 3 / HOLDOUT / absoluteScale : NaN,
    absError: absolute,
    error,
    actual: total,
    inside,
    below,
    above,
    lowerZero,
    pitLow,
    pitHigh,
  };
}

interface Summary {
  series: number;
  rmsse: number;
  mase: number;
  wape: number;
  bias: number;
  spl: number;
  coverage: number;
  below: number;
  above: number;
  lowerZero: number;
  pitLow: number;
  pitHigh: number;
}

function summarize(scores: SeriesScore[]): Summary {
  const meanOf = (pick: (s: SeriesScore) => number) => {
    let sum = 0, count = 0;
    for (const s of scores) { const v = pick(s); if (Number.isFinite(v)) { sum += v; count++; } }
    return count ? sum / count : NaN;
  };
  const sum = (pick: (s: SeriesScore) => number) => scores.reduce((a, s) => a + pick(s), 0);
  const points = sum((s) => s.inside + s.below + s.above);
  return {
    series: scores.length,
    rmsse: meanOf((s) => s.rmsse),
    mase: meanOf((s) => s.mase),
    wape: sum((s) => s.absError) / sum((s) => s.actual),
    bias: sum((s) => s.error) / sum((s) => s.actual),
    spl: meanOf((s) => s.spl),
    coverage: sum((s) => s.inside) / points,
    below: sum((s) => s.below) / points,
    above: sum((s) => s.above) / points,
    lowerZero: sum((s) => s.lowerZero) / points,
    pitLow: sum((s) => s.pitLow) / points,
    pitHigh: sum((s) => s.pitHigh) / points,
  };
}

/**
 * 90 % bootstrap interval (series resampled, seeded) of mean RMSSE(ours) / mean RMSSE(reference). A series
 * scored at several origins is one draw (`seriesOf` maps a score to its series): its windows are not independent.
 */
function bootstrapRatio(ours: SeriesScore[], reference: SeriesScore[], seriesOf: number[]): [number, number] {
  const sums = new Map<number, [number, number]>();
  ours.forEach((s, i) => {
    const r = reference[i]!.rmsse;
    if (!Number.isFinite(s.rmsse) || !Number.isFinite(r)) return;
    const pair = sums.get(seriesOf[i]!) ?? [0, 0];
    sums.set(seriesOf[i]!, [pair[0] + s.rmsse, pair[1] + r]);
  });
  const pairs = [...sums.values()];
  const random = seededRandom(7);
  const ratios: number[] = [];
  for (let r = 0; r < 400; r++) {
    let a = 0, b = 0;
    for (let i = 0; i < pairs.length; i++) {
      const [x, y] = pairs[Math.floor(random() * pairs.length)]!;
      a += x; b += y;
    }
    ratios.push(a / b);
  }
  ratios.sort((x, y) => x - y);
  return [ratios[Math.floor(0.05 * ratios.length)]!, ratios[Math.floor(0.95 * ratios.length)]!];
}

const f3 = (value: number) => (Number.isFinite(value) ? value.toFixed(3) : "  –  ");
function reportLine(name: string, s: Summary) {
  console.log(
    `  ${name.padEnd(18)} RMSSE ${f3(s.rmsse)}  MASE ${f3(s.mase)}  WAPE ${f3(s.wape)}  bias ${f3(s.bias)}  SPL ${f3(s.spl)}  p10–p90 coverage ${f3(s.coverage)} (below ${f3(s.below)}, above ${f3(s.above)})`,
  );
}

/** Series that sold in the last 8 weeks of history yet got mean, p50 and p90 all zero over the horizon. */
function countZeroForecastsOfRecentSellers(series: DemandSeries[], forecasts: SeriesForecast[]): number {
  let count = 0;
  for (let i = 0; i < series.length; i++) {
    const units = series[i]!.units;
    let recent = 0;
    for (let t = Math.max(0, units.length - 56); t < units.length; t++) recent += units[t]! > 0 ? units[t]! : 0;
    if (recent === 0) continue;
    const f = forecasts[i]!;
    const zero = (values: Float64Array) => values.every((v) => v === 0);
    if (zero(f.mean) && f.quantiles.filter((q) => q.level === 0.5 || q.level === 0.9).every((q) => zero(q.values))) count++;
  }
  return count;
}

/**
 * Forecasts and scores a panel; several panels are the same series at different forecast origins, each
 * forecast from its own history, scored together.
 */
async function evaluatePanel(name: string, origins: SyntheticPanel[], limit: number) {
  const started = performance.now();
  const ours: SeriesScore[] = [], plain: SeriesScore[] = [], naive: SeriesScore[] = [], oracle: SeriesScore[] = [];
  const seriesOf: number[] = [];
  const methods = new Map<string, number>();
  const classCounts = new Map<DemandClass, number>();
  /** Series per class whose forecast uses the global level model (alone, blended or selected). */
  const globalCounts = new Map<DemandClass, number>();
  let zeroForecasts = 0;
  let forecastSeconds = 0;
  const count = Math.min(limit, origins[0]!.series.length);
  for (const panel of origins) {
    const options = { horizon: HOLDOUT, futurePromo: panel.futurePromo, globalModel: values["global-model"] };
    const forecastStarted = performance.now();
    // Prepared here so the PIT reads the same per-class calibration the quantiles were served with.
    const context = preparePanel(panel.series, options);
    const forecasts = await forecastPanelParallel(panel.series, { ...options, context });
    forecastSeconds += (performance.now() - forecastStarted) / 1000;
    zeroForecasts += countZeroForecastsOfRecentSellers(panel.series, forecasts);
    for (let i = 0; i < count; i++) {
      const series = panel.series[i]!;
      const actual = panel.holdout[i]!;
      const training = prepareHistory(series).units;
      const demandClass = classifyDemand(training.subarray(Math.max(0, training.length - 365)));
      classCounts.set(demandClass, (classCounts.get(demandClass) ?? 0) + 1);
      const f = forecasts[i]!;
      methods.set(f.method, (methods.get(f.method) ?? 0) + 1);
      if (f.method.includes("global")) globalCounts.set(demandClass, (globalCounts.get(demandClass) ?? 0) + 1);
      const level = (q: number) => f.quantiles.find((x) => x.level === q)!.values;
      const integerValued = series.units.every((value) => !(value > 0) || Number.isInteger(value));
      ours.push(scoreSeries({ mean: f.mean, lower: level(0.1), upper: level(0.9), median: level(0.5) }, actual, training, demandClass, { forecast: f, context, integerValued }));
      plain.push(scoreSeries(forecastPlainEts(series, HOLDOUT), actual, training, demandClass));
      naive.push(scoreSeries(seasonalNaive(series.units), actual, training, demandClass));
      seriesOf.push(i);
      const expected = panel.expected?.[i];
      if (expected) oracle.push(scoreSeries({ mean: expected, lower: expected, upper: expected }, actual, training, demandClass));
    }
  }
  const wall = (performance.now() - started) / 1000;
  const mine = summarize(ours), reference = summarize(plain);
  const [low, high] = bootstrapRatio(ours, plain, seriesOf);
  const scope = origins.length > 1 ? ` at ${origins.length} origins 28 days apart (${ours.length} series-windows; bootstrap over series)` : "";
  console.log(`\n== ${name}: ${origins[0]!.series.length} series${scope} (forecast ${forecastSeconds.toFixed(1)} s, ${wall.toFixed(1)} s with scoring), scored on ${count}; classes ${CLASSES.map((c) => `${c} ${classCounts.get(c) ?? 0}`).join(", ")}`);
  reportLine("stockpilot", mine);
  reportLine("plain ETS (AICc)", reference);
  reportLine("seasonal naive", summarize(naive));
  console.log(
    `  ratio to ETS: RMSSE ${f3(mine.rmsse / reference.rmsse)} (bootstrap 90% ${f3(low)}–${f3(high)})  WAPE ${f3(mine.wape / reference.wape)}  SPL ${f3(mine.spl / reference.spl)}  MASE ${f3(mine.mase / reference.mase)}`,
  );
  if (oracle.length > 0) {
    const best = summarize(oracle);
    const perClass = CLASSES.map((c) => {
      const a = summarize(oracle.filter((s) => s.demandClass === c)), b = summarize(plain.filter((s) => s.demandClass === c));
      return a.series ? `${c} ${f3(a.rmsse / b.rmsse)}` : "";
    }).filter(Boolean).join(", ");
    console.log(
      `  oracle (the generator's expected sales given its state at the origin) RMSSE ratio to ETS: ${f3(best.rmsse / reference.rmsse)} (${perClass}) — the floor noise leaves for the mean in squared error; RMSSE's per-series square root rewards forecasting below the mean, so the metric's own floor is lower (README)`,
    );
  }
  console.log(`  recent sellers (sold in the last 8 weeks) with an all-zero forecast: ${zeroForecasts}`);
  console.log(`  per class          series  RMSSE/ETS  SPL/ETS   coverage  below p10  above p90   SPL    | ETS coverage  above p90 | global model  p10 = 0 | PIT <0.1  0.1–0.9  >0.9`);
  for (const demandClass of CLASSES) {
    const a = summarize(ours.filter((s) => s.demandClass === demandClass));
    const b = summarize(plain.filter((s) => s.demandClass === demandClass));
    if (a.series === 0) continue;
    console.log(
      `  ${demandClass.padEnd(18)} ${String(a.series).padStart(6)}  ${f3(a.rmsse / b.rmsse).padStart(9)}  ${f3(a.spl / b.spl).padStart(7)}   ${f3(a.coverage).padStart(8)}  ${f3(a.below).padStart(9)}  ${f3(a.above).padStart(9)}  ${f3(a.spl)}  | ${f3(b.coverage).padStart(12)}  ${f3(b.above).padStart(9)} | ${f3((globalCounts.get(demandClass) ?? 0) / a.series).padStart(12)}  ${f3(a.lowerZero).padStart(7)} | ${f3(a.pitLow).padStart(8)}  ${f3(1 - a.pitLow - a.pitHigh).padStart(7)}  ${f3(a.pitHigh)}`,
    );
  }
  const top = [...methods].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([m, c]) => `${m} ${c}`).join(", ");
  console.log(`  most used methods: ${top}`);
}

/**
 * Daily units per region × sub-category from the Superstore order lines (dates M/D/YYYY), the holdout the
 * 28 days that end `daysBeforeLast` days before the last order date.
 */
function loadSuperstore(file: string, daysBeforeLast = 0): SyntheticPanel {
  const rows = parse(readFileSync(file, "latin1"), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
  const dayOf = (text: string) => {
    const [month, day, year] = text.split("/").map(Number);
    return Date.UTC(year!, month! - 1, day!) / MS_PER_DAY;
  };
  let first = Infinity, last = -Infinity;
  for (const row of rows) { const d = dayOf(row["Order Date"]!); first = Math.min(first, d); last = Math.max(last, d); }
  const totals = new Map<string, Float64Array>();
  for (const row of rows) {
    const id = `${row["Region"]}|${row["Sub-Category"]}`;
    let units = totals.get(id);
    if (!units) totals.set(id, (units = new Float64Array(last - first + 1)));
    units[dayOf(row["Order Date"]!) - first]! += Number(row["Quantity"]);
  }
  const panel: SyntheticPanel = { series: [], holdout: [], futurePromo: new Map() };
  for (const [id, all] of [...totals].sort(([a], [b]) => a.localeCompare(b))) {
    const units = all.subarray(0, all.length - daysBeforeLast);
    panel.series.push({ id, firstDay: first, units: units.slice(0, units.length - HOLDOUT), group: id.split("|")[0] });
    panel.holdout.push(units.slice(units.length - HOLDOUT));
  }
  return panel;
}

console.log(`load average at start: ${loadavg().map((value) => value.toFixed(1)).join(" ")} on ${availableParallelism()} cores`);

if (!values["no-throughput"]) {
  const generated = performance.now();
  const panel = generateSyntheticPanel({ seriesCount, seed, holdoutDays: HOLDOUT });
  console.log(`generated ${seriesCount} series × 730 days in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
  const options = { horizon: HOLDOUT, futurePromo: panel.futurePromo, globalModel: values["global-model"] };
  /** CPU seconds of every thread of this process: on a shared machine, throughput per busy core is the stable figure. */
  const cpuSeconds = () => {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  };
  const throughput = (label: string, wallSeconds: number, cpu: number) =>
    console.log(`${label} ${(seriesCount / wallSeconds).toFixed(0)} series/s wall (${wallSeconds.toFixed(1)} s), ${(seriesCount / cpu).toFixed(0)} series per CPU-second`);
  const singleStart = performance.now();
  const singleCpu = cpuSeconds();
  const singleFingerprint = fingerprint(forecastPanel(panel.series, options));
  throughput("single thread:", (performance.now() - singleStart) / 1000, cpuSeconds() - singleCpu);
  const parallelStart = performance.now();
  const parallelCpu = cpuSeconds();
  const parallel = await forecastPanelParallel(panel.series, options);
  throughput("parallel:     ", (performance.now() - parallelStart) / 1000, cpuSeconds() - parallelCpu);
  console.log(`parallel result identical to single thread: ${fingerprint(parallel) === singleFingerprint}`);
  console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

console.log(`\nholdout accuracy (last ${HOLDOUT} days; RMSSE/MASE/SPL = mean over series, WAPE/bias pooled, coverage = share of days inside p10–p90):`);
for (const name of values.panels!.split(",").filter(Boolean)) {
  const options = { seriesCount, seed, holdoutDays: HOLDOUT };
  const panel =
    name === "mixed" ? generateSyntheticPanel(options) : name === "m5" ? generateM5LikePanel(options) : name === "intermittent" ? generateIntermittentPanel(options) : undefined;
  if (!panel) throw new Error(`unknown panel "${name}" (mixed, m5, intermittent)`);
  await evaluatePanel(name, [panel], compareCount);
}
if (values.superstore) {
  const file = values.superstore;
  const origins = Array.from({ length: Number(values["superstore-origins"]) }, (_, k) => loadSuperstore(file, HOLDOUT * k));
  await evaluatePanel("superstore (real, region × sub-category)", origins, Infinity);
}

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
