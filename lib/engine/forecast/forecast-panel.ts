import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { DemandSeries, SeriesForecast } from "../types";
import { estimatePooledEffects, type GroupEffects, type PooledEffects } from "./estimate-pooled-effects";
import { borrowFromLikeItems, type ForecastReference } from "./borrow-from-like-items";
import { calibrateQuantileLevels, type CalibrationEvidence, type QuantileCalibration } from "./calibrate-quantile-levels";
import { forecastEachGlobalRole, forecastSeries, measureCalibrationEvidence, measureGlobalTrainingRows, type SeriesForecastSettings } from "./forecast-series";
import {
  aggregateItems,
  chooseGlobalRoles,
  fitGlobalLevelModel,
  GLOBAL_ROLES,
  type GlobalLevelModel,
  type GlobalRole,
  type GlobalTrainingRows,
  type PanelItems,
  type RoleHoldoutScore,
} from "./fit-global-level-model";
import { naiveScale } from "../metrics";
import { packSeries, unpackForecasts, type PackedForecasts, type PackedSeries } from "./pack-panel";

export interface ForecastOptions {
  horizon: number; // days
  /** Default [0.1, 0.5, 0.9]; those three are always included. */
  quantiles?: number[];
  /** Known future promotion flags per series id, horizon-length, 1 = on promo. */
  futurePromo?: Map<string, Uint8Array>;
  /** Previous `SeriesForecast.state` per series id, to warm-start fits. */
  warmStart?: Map<string, unknown>;
  /** Number of days kept for backtesting accuracy (default 28). */
  backtestDays?: number;
  /** Planner-chosen reference item per series id, for new products (see borrowFromLikeItems). */
  references?: Map<string, ForecastReference>;
  /**
   * Whether a series without any sale borrows from like items. Default false: stock that never sold
   * may be dead stock (or a DC's own, nil, sales), not a launch, so only a planner's reference makes
   * it borrow. The CLI says true for the new products its `--products` file lists.
   */
  likeItemsForUnsold?: boolean;
  /**
   * Whether the panel's global level model (fit-global-level-model.ts) joins the forecast. Default
   * false: it is a little more accurate on the bench panels, but in the simulator it doubled
   * forecast-drift exceptions and expedite cost (README "Forecasting"); the CLI's
   * `--global-model` and `bench:forecast --global-model` turn it on.
   */
  globalModel?: boolean;
}

const defaultOptions = { quantiles: [0.1, 0.5, 0.9], backtestDays: 28 };
const REQUIRED_QUANTILES = [0.1, 0.5, 0.9];

/** Sorted, de-duplicated quantile levels, always containing 0.1, 0.5 and 0.9. */
export function resolveQuantiles(requested: number[] | undefined): number[] {
  const levels = new Set([...REQUIRED_QUANTILES, ...(requested ?? defaultOptions.quantiles)]);
  return [...levels].filter((level) => level > 0 && level < 1).sort((a, b) => a - b);
}

export function effectsFor(pooled: PooledEffects, series: DemandSeries): GroupEffects {
  return pooled.groups.get(series.group ?? "") ?? pooled.panel;
}

/** What every series of a panel is forecast against, estimated once before any fan-out. */
export interface PanelContext {
  pooled: PooledEffects;
  calibration: QuantileCalibration;
  globalModel: GlobalLevelModel;
  items?: PanelItems;
}

/** Series whose backtests calibrate the quantile levels: enough points per class, a small share of a large panel's time. */
const CALIBRATION_SAMPLE = 3000;

function settingsFor(series: DemandSeries, pooled: PooledEffects, options: ForecastOptions): SeriesForecastSettings {
  return {
    horizon: options.horizon,
    quantiles: resolveQuantiles(options.quantiles),
    backtestDays: options.backtestDays ?? defaultOptions.backtestDays,
    futurePromo: options.futurePromo?.get(series.id),
    warmStart: options.warmStart?.get(series.id),
    effects: effectsFor(pooled, series),
  };
}

function contextSettings(series: DemandSeries, context: Omit<PanelContext, "calibration"> & { calibration?: QuantileCalibration }, options: ForecastOptions): SeriesForecastSettings {
  return { ...settingsFor(series, context.pooled, options), calibration: context.calibration, globalModel: context.globalModel, items: context.items };
}

/** Days held out of a sample series to choose the global model's role in its class. */
const ROLE_HOLDOUT = 28;

/** A series without its last ROLE_HOLDOUT days (null when that leaves nothing), and what those days sold. */
function splitHoldout(series: DemandSeries): { head: DemandSeries; series: DemandSeries; cut: number } | null {
  const cut = series.units.length - ROLE_HOLDOUT;
  if (cut <= 0) return null;
  const head: DemandSeries = {
    ...series,
    units: series.units.subarray(0, cut),
    ...(series.onPromo ? { onPromo: series.onPromo.subarray(0, cut) } : {}),
    ...(series.stockout ? { stockout: series.stockout.subarray(0, cut) } : {}),
  };
  return { head, series, cut };
}

/**
 * The head of a split series is forecast with the global model in each role and scored on the held
 * days (RMSSE, days flagged as stock-outs left out); null when there is too little to score.
 */
function scoreGlobalRoles(split: NonNullable<ReturnType<typeof splitHoldout>>, settings: SeriesForecastSettings): RoleHoldoutScore | null {
  const { head, series, cut } = split;
  const forecast = forecastEachGlobalRole(head, { ...settings, horizon: ROLE_HOLDOUT, futurePromo: series.onPromo?.subarray(cut) });
  if (!forecast) return null;
  let first = 0;
  while (first < cut && !(head.units[first]! > 0)) first++;
  const scale = naiveScale(head.units.subarray(first), 2);
  if (!(scale > 0)) return null;
  const rmsse = {} as Record<GlobalRole, number>;
  for (const role of GLOBAL_ROLES) {
    let squared = 0;
    let days = 0;
    for (let h = 0; h < ROLE_HOLDOUT; h++) {
      if (series.stockout?.[cut + h] === 1) continue;
      squared += (series.units[cut + h]! - forecast.means[role][h]!) ** 2;
      days++;
    }
    if (days === 0) return null;
    rmsse[role] = Math.sqrt(squared / days / scale);
  }
  return { demandClass: forecast.demandClass, rmsse };
}

/**
 * Pooled effects; when `options.globalModel`, the global level model, learnt per demand class from the history before the
 * backtest of an evenly spaced sample of the panel, with its role per class chosen on the sample's
 * last 28 days (by a twin model learnt without them, so the choice is out of sample); then per-class
 * quantile calibration from the rolling-origin backtests (global model included) of the same
 * sample (every series of a panel up to CALIBRATION_SAMPLE).
 */
export function preparePanel(series: DemandSeries[], options: ForecastOptions): PanelContext {
  const pooled = estimatePooledEffects(series);
  const items = options.globalModel ? aggregateItems(series) : undefined;
  const stride = Math.max(1, Math.ceil(series.length / CALIBRATION_SAMPLE));
  const sample: DemandSeries[] = [];
  for (let i = 0; i < series.length; i += stride) sample.push(series[i]!);
  const settingsWith = (s: DemandSeries, globalModel: GlobalLevelModel) => contextSettings(s, { pooled, items, globalModel }, options);
  const globalModel = options.globalModel ? learnGlobalModel(sample, settingsWith) : { byClass: {}, roles: {} };
  const evidence: CalibrationEvidence[] = [];
  for (const s of sample) {
    const found = measureCalibrationEvidence(s, settingsWith(s, globalModel));
    if (found) evidence.push(found);
  }
  return { pooled, items, globalModel, calibration: calibrateQuantileLevels(evidence, resolveQuantiles(options.quantiles)) };
}

/** The global model learnt from the sample, with its role per class chosen on the held days by a twin. */
function learnGlobalModel(sample: DemandSeries[], settingsWith: (s: DemandSeries, globalModel: GlobalLevelModel) => SeriesForecastSettings): GlobalLevelModel {
  const trainOn = (list: DemandSeries[]) => {
    const rows: GlobalTrainingRows[] = [];
    for (const s of list) {
      const found = measureGlobalTrainingRows(s, settingsWith(s, { byClass: {}, roles: {} }));
      if (found) rows.push(found);
    }
    return fitGlobalLevelModel(rows);
  };
  const splits = sample.map(splitHoldout).filter((split) => split !== null);
  const holdoutModel = trainOn(splits.map((split) => split.head));
  const scores: RoleHoldoutScore[] = [];
  for (const split of splits) {
    const found = scoreGlobalRoles(split, settingsWith(split.head, holdoutModel));
    if (found) scores.push(found);
  }
  return { ...trainOn(sample), roles: chooseGlobalRoles(scores) };
}

/** Forecasts series against an already prepared panel context; shared by the single-thread path and the workers. */
export function forecastRange(series: DemandSeries[], context: PanelContext, options: ForecastOptions): SeriesForecast[] {
  return series.map((s) => forecastSeries(s, contextSettings(s, context, options)));
}

function borrowOptions(options: ForecastOptions, context: PanelContext) {
  return { references: options.references, calibration: context.calibration, likeItemsForUnsold: options.likeItemsForUnsold ?? false };
}

/**
 * Forecasts every series of a panel; results are in input order. New products then borrow from like
 * items or their planner-chosen reference. Inputs are not mutated.
 */
export function forecastPanel(series: DemandSeries[], options: ForecastOptions): SeriesForecast[] {
  const context = preparePanel(series, options);
  return borrowFromLikeItems(series, forecastRange(series, context, options), borrowOptions(options, context));
}

/** Series per message to a worker: big enough to amortise messaging, small enough to balance load. */
const MAX_BATCH_SIZE = 512;
const MIN_BATCH_SIZE = 16;
/** Batches each worker holds at once, so it never idles while a result travels back. */
const BATCHES_IN_FLIGHT = 4;

export interface WorkerInit {
  kind: "init";
  context: PanelContext;
  options: Omit<ForecastOptions, "futurePromo" | "warmStart">;
}

export interface WorkerRequest {
  kind: "batch";
  batch: number;
  packed: PackedSeries;
  futurePromo: Array<Uint8Array | undefined>;
  warmStart: unknown[];
}

export interface WorkerResponse {
  batch: number;
  packed: PackedForecasts;
}

function startWorker(): Worker {
  const url = new URL(import.meta.url.endsWith(".ts") ? "./forecast-worker.ts" : "./forecast-worker.js", import.meta.url);
  if (!url.pathname.endsWith(".ts")) return new Worker(url);
  // Under tsx or vitest the worker is TypeScript too: load it through tsx's import API.
  const bootstrap = `import("tsx/esm/api").then(({ tsImport }) => tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * forecastPanel across worker threads. Pooled effects and quantile calibration are estimated once
 * here (or passed in as `context`, prepared by preparePanel for these series and options) and sent to every worker, so each series is forecast exactly as forecastPanel would; series travel in batches packed
 * into a few typed arrays that are transferred, not copied.
 */
export async function forecastPanelParallel(
  series: DemandSeries[],
  options: ForecastOptions & { workers?: number; context?: PanelContext },
): Promise<SeriesForecast[]> {
  if (series.length === 0) return [];
  const requestedWorkers = Math.max(1, options.workers ?? availableParallelism());
  const batchSize = Math.min(MAX_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.ceil(series.length / (requestedWorkers * 8))));
  const batchCount = Math.ceil(series.length / batchSize);
  const workerCount = Math.min(requestedWorkers, batchCount);
  // Workers boot (and, under tsx, compile) while this thread estimates the pooled effects and calibration.
  const workers = Array.from({ length: workerCount }, startWorker);
  let init: WorkerInit;
  try {
    init = {
      kind: "init",
      context: options.context ?? preparePanel(series, options),
      options: { horizon: options.horizon, quantiles: options.quantiles, backtestDays: options.backtestDays, globalModel: options.globalModel },
    };
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  const results: SeriesForecast[] = new Array(series.length);
  let nextBatch = 0;

  const runWorker = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      let inFlight = 0;
      let finished = false;
      const sendNext = () => {
        if (nextBatch >= batchCount) {
          if (inFlight === 0 && !finished) {
            finished = true;
            void worker.terminate().then(() => resolve());
          }
          return;
        }
        const batch = nextBatch++;
        const slice = series.slice(batch * batchSize, (batch + 1) * batchSize);
        const { packed, transfer } = packSeries(slice);
        const request: WorkerRequest = {
          kind: "batch",
          batch,
          packed,
          futurePromo: slice.map((s) => options.futurePromo?.get(s.id)),
          warmStart: slice.map((s) => options.warmStart?.get(s.id)),
        };
        inFlight++;
        worker.postMessage(request, transfer);
      };
      worker.on("message", (response: WorkerResponse) => {
        inFlight--;
        const forecasts = unpackForecasts(response.packed);
        for (let i = 0; i < forecasts.length; i++) results[response.batch * batchSize + i] = forecasts[i]!;
        sendNext();
      });
      worker.on("error", reject);
      worker.on("exit", (code) => {
        if (!finished) reject(new Error(`forecast worker exited with code ${code} before finishing its batches`));
      });
      worker.postMessage(init);
      for (let i = 0; i < BATCHES_IN_FLIGHT; i++) sendNext();
    });

  try {
    await Promise.all(workers.map(runWorker));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  return borrowFromLikeItems(series, results, borrowOptions(options, init.context));
}
