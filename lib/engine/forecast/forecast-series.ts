import { bias, intervalCoverage, mase, naiveScale, rmsse, trackingSignal, wape } from "../metrics";
import { STOPPED_SUFFIX, type DemandClass, type DemandSeries, type QuantileSeries, type SeriesAccuracy, type SeriesForecast } from "../types";
import { classifyDemand } from "./classify-demand";
import { combinationWeights, SLOW_MOVER_AGGREGATE_SHARE, SLOW_MOVER_AGGREGATES } from "./combine-candidates";
import { calibratedLevel, type CalibrationEvidence, type QuantileCalibration } from "./calibrate-quantile-levels";
import { countCdf } from "./count-cdf";
import { countQuantile } from "./count-quantile";
import type { GroupEffects } from "./estimate-pooled-effects";
import { estimateNbSize } from "./estimate-nb-size";
import { etsName, runEts, type EtsSpec } from "./ets-model";
import { fitEts, type FittedEts } from "./fit-ets";
import { prepareHistory, type PreparedHistory } from "./prepare-history";
import { GLOBAL_FEATURES, GLOBAL_ROLES, globalTrainingRows, type GlobalRole, levelFeatureSource, predictLevel, type GlobalLevelModel, type GlobalTrainingRows, type PanelItems } from "./fit-global-level-model";
import { runAdida } from "./run-adida";
import { runMovingAverage } from "./run-moving-average";
import { stoppedSellingLevel } from "./detect-stopped-selling";
import { runSba } from "./run-sba";
import { runSeasonalNaive } from "./run-seasonal-naive";
import { fitTsb, runTsb } from "./run-tsb";
import { computeSeriesFactors, type SeriesFactors } from "./series-factors";

export interface SeriesForecastSettings {
  horizon: number;
  /** Ascending quantile levels. */
  quantiles: number[];
  backtestDays: number;
  futurePromo?: Uint8Array;
  warmStart?: unknown;
  /** Pooled effects of the series' group. */
  effects: GroupEffects;
  /** Per-class quantile level recalibration for the panel; nominal levels without it. */
  calibration?: QuantileCalibration;
  /** The panel's global level model, a candidate like the per-series methods; none without it. */
  globalModel?: GlobalLevelModel;
  /** Item totals across locations, the global model's cross-location features. */
  items?: PanelItems;
}

/** Fitted parameters kept between runs (SeriesForecast.state). */
export interface ForecastState {
  version: 1;
  ses?: number[];
  damped?: number[];
  ets?: { model: string; params: number[] };
  tsb?: number[];
  adidaAlpha?: number;
}

/** Parameters are fitted on at most the last year before the backtest: recent behaviour, bounded cost. */
const FIT_WINDOW = 365;
/** Below this much history before the backtest, a series gets no backtest and a fixed robust combination. */
const MIN_FIT_DAYS = 56;
const ORIGIN_STEP = 7;
const MOVING_AVERAGE_DAYS = 28;
const YEAR_MEAN_DAYS = 365;
/** At most this many candidates are averaged, and only those within this factor of the best backtest error. */
const COMBINE_COUNT = 3;
const COMBINE_TOLERANCE = 1.5;
/** A series with a sale in this many last days never gets an all-zero forecast (issue #12). */
export const RECENT_SALE_DAYS = 56;
/** A slow mover's non-zero day above Q3 + 1.5·IQR of its non-zero sizes is a spike (Tukey's fence). */
const SPIKE_IQR_FACTOR = 1.5;

/**
 * Clips a slow mover's spikes in place: non-zero values above Q3 + k·IQR of the non-zero sizes in the
 * fit window are capped there, and the clipped excess per day of the fit window is returned, to be
 * added back as a steady rate — so a level method is not thrown by one bulk order yet stays unbiased.
 */
function clipSpikes(values: Float64Array, fitStart: number, fitEnd: number, k: number): number {
  const sizes: number[] = [];
  for (let t = fitStart; t < fitEnd; t++) if (values[t]! > 0) sizes.push(values[t]!);
  if (sizes.length < 8) return 0;
  sizes.sort((a, b) => a - b);
  const q1 = sizes[Math.floor(0.25 * (sizes.length - 1))]!;
  const q3 = sizes[Math.ceil(0.75 * (sizes.length - 1))]!;
  const cap = q3 + k * Math.max(q3 - q1, 0.5 * q3);
  let excess = 0;
  for (let t = 0; t < values.length; t++) {
    if (values[t]! > cap) {
      if (t >= fitStart && t < fitEnd) excess += values[t]! - cap;
      values[t] = cap;
    }
  }
  return excess / Math.max(1, fitEnd - fitStart);
}

function soldWithin(y: Float64Array, days: number): boolean {
  for (let t = Math.max(0, y.length - days); t < y.length; t++) if (y[t]! > 0) return true;
  return false;
}

const SES: EtsSpec = { error: "A", trend: "N", season: "N" };
const DAMPED: EtsSpec = { error: "A", trend: "Ad", season: "N" };
const ADDITIVE_WEEKLY: EtsSpec = { error: "A", trend: "N", season: "A" };
const MULTIPLICATIVE_WEEKLY: EtsSpec = { error: "M", trend: "N", season: "M" };

/** Which scale a candidate works on: raw units, calendar-adjusted (own weekly season), or fully deseasonalised. */
type Scale = "raw" | "calendar" | "deseasonalised";

interface Candidate {
  name: string;
  /** Forecast rows per origin, in raw units. */
  forecasts: Float64Array;
  backtestError: number;
}

function isForecastState(value: unknown): value is ForecastState {
  return typeof value === "object" && value !== null && (value as { version?: unknown }).version === 1;
}

const toArray = (values: number[] | undefined) => (values ? Float64Array.from(values) : undefined);

/** A series that never sold: nothing to fit, and zero is the honest forecast at every quantile. */
function zeroForecast(series: DemandSeries, settings: SeriesForecastSettings): SeriesForecast {
  const quantiles: QuantileSeries[] = settings.quantiles.map((level) => ({ level, values: new Float64Array(settings.horizon) }));
  return {
    id: series.id,
    method: "zero",
    demandClass: "lumpy",
    firstDay: series.firstDay + series.units.length,
    mean: new Float64Array(settings.horizon),
    nbSize: Infinity,
    quantiles,
  };
}

/** One series fitted and backtested: everything but its quantiles. */
interface FittedSeries {
  demandClass: DemandClass;
  integerValued: boolean;
  method: string;
  nbSize: number;
  mean: Float64Array;
  /** The final forecast had the global model each role in the series' class (see GlobalRole). */
  finalMeanByRole: Record<GlobalRole, Float64Array>;
  /** Rolling-origin backtest points (NaN actual = imputed stock-out day). */
  backtestActual: Float64Array;
  backtestForecast: Float64Array;
  /** Training span of the backtest, for the scaled errors. */
  training: Float64Array;
  state: ForecastState;
}

/** A series readied for its level methods: history, factors, and the deseasonalised, de-spiked demand. */
interface PreparedSeries {
  history: PreparedHistory;
  demandClass: DemandClass;
  integerValued: boolean;
  strictlyPositive: boolean;
  backtestDays: number;
  fitStart: number;
  fitEnd: number;
  factors: SeriesFactors;
  calendarAdjusted: Float64Array;
  deseasonalised: Float64Array;
  spikeRate: number;
}

function prepareSeries(series: DemandSeries, settings: SeriesForecastSettings): PreparedSeries | null {
  const { horizon, effects } = settings;
  const history = prepareHistory(series);
  const y = history.units;
  const n = y.length;
  if (n === 0) return null;
  const demandClass = classifyDemand(y.subarray(Math.max(0, n - FIT_WINDOW)));
  let integerValued = true;
  let strictlyPositive = true;

  const backtestDays = n >= settings.backtestDays + MIN_FIT_DAYS ? settings.backtestDays : 0;
  const fitEnd = n - backtestDays;
  const fitStart = Math.max(0, fitEnd - FIT_WINDOW);
  for (let t = fitStart; t < n; t++) {
    // Imputed stock-out days are estimates, not evidence that the series is measured in fractions.
    if (history.observed[t] === 1 && y[t] !== Math.round(y[t]!)) integerValued = false;
    if (!(y[t]! > 0)) strictlyPositive = false;
  }
  const width = Math.max(horizon, backtestDays);
  const factors = computeSeriesFactors(history, effects, width, settings.futurePromo);
  const calendarAdjusted = new Float64Array(n);
  const deseasonalised = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    calendarAdjusted[t] = y[t]! / factors.calendar[t]!;
    deseasonalised[t] = calendarAdjusted[t]! / factors.weekday[t]!;
  }
  const slowMover = demandClass === "intermittent" || demandClass === "lumpy";
  // A slow mover's level methods see its spikes clipped, and get their average back as a steady rate.
  const spikeRate = slowMover ? clipSpikes(deseasonalised, fitStart, fitEnd, SPIKE_IQR_FACTOR) : 0;
  return { history, demandClass, integerValued, strictlyPositive, backtestDays, fitStart, fitEnd, factors, calendarAdjusted, deseasonalised, spikeRate };
}

/**
 * The global level model's training rows from one series (see globalTrainingRows): origins before its
 * backtest, on the demand its level methods see. Null for a series too short to backtest.
 */
export function measureGlobalTrainingRows(series: DemandSeries, settings: SeriesForecastSettings): GlobalTrainingRows | null {
  const prepared = prepareSeries(series, settings);
  if (!prepared || prepared.backtestDays === 0) return null;
  const { history, demandClass, fitStart, fitEnd, deseasonalised } = prepared;
  const source = levelFeatureSource(deseasonalised, history.firstDay, series, settings.items);
  const naive = naiveScale(deseasonalised.subarray(fitStart, fitEnd), 2);
  return globalTrainingRows(demandClass, source, fitEnd, naive);
}

/**
 * Prepares the history, removes the pooled yearly season, promotion uplift and (shrunk) weekday
 * profile, runs the candidate methods suited to the demand class (and the panel's global level model)
 * through a rolling-origin backtest with parameters fitted before the backtest window, averages the
 * best candidates and estimates the negative-binomial size from the combination's backtest errors.
 * Null for a series that never sold.
 */
function fitSeries(series: DemandSeries, settings: SeriesForecastSettings): FittedSeries | null {
  const prepared = prepareSeries(series, settings);
  if (!prepared) return null;
  const { horizon } = settings;
  const { history, demandClass, integerValued, strictlyPositive, backtestDays, fitStart, fitEnd, factors, calendarAdjusted, deseasonalised, spikeRate } = prepared;
  const y = history.units;
  const n = y.length;
  const slowMover = demandClass === "intermittent" || demandClass === "lumpy";
  const backtestOrigins = Math.ceil(backtestDays / ORIGIN_STEP);
  const origins = new Int32Array(backtestOrigins + 1);
  for (let k = 0; k < backtestOrigins; k++) origins[k] = fitEnd + k * ORIGIN_STEP;
  origins[backtestOrigins] = n;
  const width = Math.max(horizon, backtestDays);

  const warm = isForecastState(settings.warmStart) ? settings.warmStart : undefined;
  const state: ForecastState = { version: 1 };
  const candidates: Candidate[] = [];
  const scratch = new Float64Array(origins.length * width);
  const addCandidate = (name: string, scale: Scale) => {
    const forecasts = new Float64Array(origins.length * width);
    let backtestError = 0;
    for (let k = 0; k < origins.length; k++) {
      const origin = origins[k]!;
      for (let h = 0; h < width; h++) {
        const t = origin + h;
        const factor = scale === "raw" ? 1 : scale === "calendar" ? factors.calendar[t]! : factors.calendar[t]! * factors.weekday[t]!;
        const value = Math.max(0, (scratch[k * width + h]! + (scale === "deseasonalised" ? spikeRate : 0)) * factor);
        forecasts[k * width + h] = value;
        if (t < n && h < horizon && history.observed[t] === 1) backtestError += (y[t]! - value) ** 2;
      }
    }
    candidates.push({ name, forecasts, backtestError });
  };
  const runFittedEts = (name: string, fitted: FittedEts, data: Float64Array, scale: Scale) => {
    runEts(fitted.spec, fitted.params, data, fitStart, fitEnd, n, origins, width, scratch);
    addCandidate(name, scale);
  };

  const ses = fitEts(SES, deseasonalised, fitStart, fitEnd, toArray(warm?.ses));
  state.ses = Array.from(ses.params);
  runFittedEts("ses", ses, deseasonalised, "deseasonalised");

  runMovingAverage(deseasonalised, fitStart, origins, width, scratch, MOVING_AVERAGE_DAYS);
  addCandidate("ma28", "deseasonalised");

  const adidaAlpha = runAdida(deseasonalised, fitStart, fitEnd, n, origins, width, scratch, warm?.adidaAlpha);
  state.adidaAlpha = adidaAlpha;
  addCandidate("adida", "deseasonalised");

  if (slowMover) {
    // Temporal aggregation at its longest: the year's mean, the level a slow mover's noise hardly moves.
    runMovingAverage(deseasonalised, fitStart, origins, width, scratch, YEAR_MEAN_DAYS);
    addCandidate("ma365", "deseasonalised");
  }
  if (backtestDays > 0 && settings.globalModel?.byClass[demandClass]) {
    const source = levelFeatureSource(deseasonalised, history.firstDay, series, settings.items);
    const features = new Float64Array(GLOBAL_FEATURES.length);
    for (let k = 0; k < origins.length; k++) {
      const level = predictLevel(settings.globalModel, demandClass, source, origins[k]!, features) ?? 0;
      scratch.fill(level, k * width, (k + 1) * width);
    }
    addCandidate("global", "deseasonalised");
  }
  // Seasonal naive would repeat last week's single bulk order of a slow mover for four weeks.
  if (!slowMover) {
    runSeasonalNaive(y, fitStart, origins, width, scratch);
    addCandidate("snaive", "raw");
  }

  if (demandClass === "smooth" || demandClass === "erratic") {
    const specs = warm?.ets
      ? [ADDITIVE_WEEKLY, MULTIPLICATIVE_WEEKLY].filter((spec) => etsName(spec) === warm.ets!.model)
      : strictlyPositive
        ? [ADDITIVE_WEEKLY, MULTIPLICATIVE_WEEKLY]
        : [ADDITIVE_WEEKLY];
    let best: FittedEts | undefined;
    for (const spec of specs) {
      if (spec.error === "M" && !strictlyPositive) continue;
      const fitted = fitEts(spec, calendarAdjusted, fitStart, fitEnd, toArray(warm?.ets?.params));
      if (!best || fitted.aicc < best.aicc) best = fitted;
    }
    if (best) {
      state.ets = { model: etsName(best.spec), params: Array.from(best.params) };
      runFittedEts(etsName(best.spec), best, calendarAdjusted, "calendar");
    }
  }
  if (demandClass === "smooth") {
    const damped = fitEts(DAMPED, deseasonalised, fitStart, fitEnd, toArray(warm?.damped));
    state.damped = Array.from(damped.params);
    runFittedEts("damped", damped, deseasonalised, "deseasonalised");
  } else {
    const tsbParams = fitTsb(deseasonalised, fitStart, fitEnd, toArray(warm?.tsb));
    state.tsb = Array.from(tsbParams);
    runTsb(tsbParams, deseasonalised, fitStart, fitEnd, n, origins, width, scratch);
    addCandidate("tsb", "deseasonalised");
    if (demandClass !== "erratic") {
      runSba(deseasonalised, fitStart, fitEnd, n, origins, width, scratch);
      addCandidate("sba", "deseasonalised");
    }
  }

  // A series that sold in the last weeks is not dead: a candidate that learnt a quiet backtest window
  // and now forecasts nothing at all is not eligible; if none is left, the slow-mover method decides.
  const finalRow = backtestOrigins * width;
  const forecastsSomething = (candidate: Candidate) => candidate.forecasts.subarray(finalRow, finalRow + horizon).some((value) => value > 0);
  let eligible = candidates;
  const soldRecently = soldWithin(y, RECENT_SALE_DAYS);
  if (soldRecently) {
    eligible = candidates.filter(forecastsSomething);
    if (eligible.length === 0) {
      runSba(deseasonalised, Math.max(0, n - FIT_WINDOW), n, n, origins, width, scratch);
      addCandidate("sba-recent", "deseasonalised");
      eligible = candidates.filter((candidate) => candidate.name === "sba-recent");
    }
  }
  // A series that stopped selling moves to its new regime's level at every origin, backtest included,
  // so the backtest errors, NB size and calibration see what is served. The weekday and promotion shape is kept.
  const stopCaps = Array.from(origins, (origin) => stoppedSellingLevel(history, origin));
  const capStopped = (combined: Float64Array, method: string) => {
    let capped = false;
    stopCaps.forEach((cap, k) => {
      if (cap === null) return;
      let sum = 0;
      for (let h = 0; h < horizon; h++) sum += combined[k * width + h]!;
      if (!(sum > cap * horizon)) return;
      const factor = (cap * horizon) / sum;
      for (let h = 0; h < width; h++) combined[k * width + h] = combined[k * width + h]! * factor;
      if (k === backtestOrigins) capped = true;
    });
    return { combined, method: capped ? `${method}${STOPPED_SUFFIX}` : method };
  };
  // Average the best few on the backtest; without a backtest, the robust level estimates. The global
  // model's role in its class (chosen by the panel's holdout check) decides how it joins.
  const global = candidates.find((c) => c.name === "global");
  const combineFor = (role: GlobalRole) => {
    if (global && role === "alone") return capStopped(global.forecasts.slice(), "global");
    const pool = global && role === "blend" ? eligible.filter((c) => c !== global) : eligible;
    const robust = pool.filter((c) => c.name === "ses" || c.name === "ma28" || c.name === "adida" || c.name === "sba-recent");
    const ranked = backtestDays > 0 ? [...pool].sort((a, b) => a.backtestError - b.backtestError) : robust.length > 0 ? robust : pool;
    const bestError = ranked[0]!.backtestError;
    const chosen = ranked.filter((c, i) => i < COMBINE_COUNT && c.backtestError <= COMBINE_TOLERANCE * bestError + 1e-9);
    // A slow mover's selection is shrunk toward its temporal aggregates (see combine-candidates.ts);
    // one silent for 8 weeks keeps its backtest's verdict, which may be that it is dead.
    const aggregates = slowMover && backtestDays > 0 && soldRecently ? pool.filter((c) => SLOW_MOVER_AGGREGATES.includes(c.name)) : [];
    const weights = combinationWeights(chosen.map((c) => c.name), aggregates.map((c) => c.name), SLOW_MOVER_AGGREGATE_SHARE);
    const members = [...weights.keys()].map((name) => pool.find((c) => c.name === name)!);
    const combined = new Float64Array(origins.length * width);
    for (const candidate of members) {
      const weight = weights.get(candidate.name)!;
      for (let i = 0; i < combined.length; i++) combined[i] = combined[i]! + candidate.forecasts[i]! * weight;
    }
    const selected = members.length === 1 ? members[0]!.name : `mean(${members.map((c) => c.name).join("+")})`;
    if (!global || role !== "blend") return capStopped(combined, selected);
    for (let i = 0; i < combined.length; i++) combined[i] = (combined[i]! + global.forecasts[i]!) / 2;
    return capStopped(combined, `mean(global+${selected})`);
  };
  const finalMeanByRole = Object.fromEntries(GLOBAL_ROLES.map((role) => [role, combineFor(role).combined.slice(finalRow, finalRow + horizon)])) as Record<GlobalRole, Float64Array>;
  const { combined, method } = combineFor(settings.globalModel?.roles[demandClass] ?? "candidate");

  let points = 0;
  for (let k = 0; k < backtestOrigins; k++) points += Math.min(horizon, n - origins[k]!);
  const backtestActual = new Float64Array(points);
  const backtestForecast = new Float64Array(points);
  for (let k = 0, p = 0; k < backtestOrigins; k++) {
    for (let h = 0; h < horizon && origins[k]! + h < n; h++, p++) {
      const t = origins[k]! + h;
      backtestActual[p] = history.observed[t] === 1 ? y[t]! : NaN;
      backtestForecast[p] = combined[k * width + h]!;
    }
  }
  const nbSize = estimateNbSize(backtestActual, backtestForecast);
  const finalMean = combined.slice(finalRow, finalRow + horizon);
  return { demandClass, integerValued, method, nbSize, mean: finalMean, finalMeanByRole, backtestActual, backtestForecast, training: y.subarray(fitStart, fitEnd), state };
}

/** The series' class and its final mean forecast under each role of the global model; null for a series that never sold. */
export function forecastEachGlobalRole(series: DemandSeries, settings: SeriesForecastSettings): { demandClass: DemandClass; means: Record<GlobalRole, Float64Array> } | null {
  const fitted = fitSeries(series, settings);
  return fitted ? { demandClass: fitted.demandClass, means: fitted.finalMeanByRole } : null;
}

/**
 * Probability integral transforms of a series' backtest actuals under its own forecast distribution,
 * the evidence calibrateQuantileLevels pools per class. Null for a series without backtest points.
 */
export function measureCalibrationEvidence(series: DemandSeries, settings: SeriesForecastSettings): CalibrationEvidence | null {
  const fitted = fitSeries(series, settings);
  if (!fitted) return null;
  const { backtestActual, backtestForecast, nbSize, integerValued } = fitted;
  const belowActual: number[] = [];
  const atActual: number[] = [];
  for (let p = 0; p < backtestActual.length; p++) {
    const y = backtestActual[p]!;
    if (Number.isNaN(y)) continue;
    const mu = backtestForecast[p]!;
    atActual.push(countCdf(y, mu, nbSize, integerValued));
    belowActual.push(integerValued ? countCdf(y - 1, mu, nbSize, true) : countCdf(y, mu, nbSize, false));
  }
  if (atActual.length === 0) return null;
  return { demandClass: fitted.demandClass, belowActual: Float64Array.from(belowActual), atActual: Float64Array.from(atActual) };
}

/**
 * Forecasts one series (see fitSeries) with negative-binomial quantiles at the levels the panel's
 * per-class calibration maps the requested ones to, and its backtest accuracy.
 */
export function forecastSeries(series: DemandSeries, settings: SeriesForecastSettings): SeriesForecast {
  const fitted = fitSeries(series, settings);
  if (!fitted) return zeroForecast(series, settings);
  const { horizon } = settings;
  const { demandClass, integerValued, method, nbSize, mean, backtestActual, backtestForecast, training, state } = fitted;
  const points = backtestActual.length;

  // Means repeat (flat level × seven weekday factors), and each quantile is a search: remember them.
  const quantileMemo = new Map<number, Map<number, number>>();
  const quantileOf = (level: number, mu: number) => {
    let byMean = quantileMemo.get(level);
    if (!byMean) {
      byMean = new Map();
      quantileMemo.set(level, byMean);
    }
    let value = byMean.get(mu);
    if (value === undefined) {
      value = countQuantile(calibratedLevel(settings.calibration, demandClass, level), mu, nbSize, integerValued);
      byMean.set(mu, value);
    }
    return value;
  };
  const quantiles: QuantileSeries[] = settings.quantiles.map((level) => {
    const values = new Float64Array(horizon);
    for (let h = 0; h < horizon; h++) values[h] = quantileOf(level, mean[h]!);
    return { level, values };
  });

  let accuracy: SeriesAccuracy | undefined;
  if (points > 0) {
    const lower = new Float64Array(points);
    const upper = new Float64Array(points);
    for (let p = 0; p < points; p++) {
      lower[p] = quantileOf(0.1, backtestForecast[p]!);
      upper[p] = quantileOf(0.9, backtestForecast[p]!);
    }
    accuracy = {
      wape: wape(backtestActual, backtestForecast),
      mase: mase(backtestActual, backtestForecast, training),
      rmsse: rmsse(backtestActual, backtestForecast, training),
      bias: bias(backtestActual, backtestForecast),
      coverage80: intervalCoverage(backtestActual, lower, upper),
      trackingSignal: trackingSignal(backtestActual, backtestForecast),
    };
  }
  return {
    id: series.id,
    method,
    demandClass,
    firstDay: series.firstDay + series.units.length,
    mean,
    nbSize,
    quantiles,
    ...(accuracy ? { accuracy } : {}),
    state,
  };
}
