import { Matrix, solve } from "ml-matrix";
import type { DemandClass, DemandSeries } from "../types";

/**
 * A global model of a series' next-four-weeks level, learnt across the series of a panel (one linear
 * model per demand class, the pooled-regression form of the approach that won the M5 accuracy
 * competition). Everything is on the series' own scale — features and target divided by its mean of
 * the last year before the origin — so one model serves slow and fast movers alike:
 *
 *   level / yearMean ≈ w · [1, mean7, mean28, mean91, mean182 (each ÷ yearMean),
 *                           share of selling days in 28 and 91, days since the last sale ÷ 91,
 *                           history share of a year, the item's recent ÷ yearly rate at its other
 *                           locations over 28 and 91 days]
 *
 * The item terms carry what no single series knows: the same product's trend, launch or decline at
 * every other location (items are matched by `product.sku`, else the id's part after its last "|").
 */
export const GLOBAL_FEATURES = [
  "intercept",
  "mean7",
  "mean28",
  "mean91",
  "mean182",
  "meanTwoYears",
  "selling28",
  "selling91",
  "quietDays",
  "historyYear",
  "itemTrend28",
  "itemTrend91",
] as const;
const FEATURE_COUNT = GLOBAL_FEATURES.length;

/** Days the level is learnt for (the target window): the horizon the bench and the plan use. */
export const LEVEL_WINDOW = 28;
const YEAR = 364;
/** Training origins per series: every two weeks back from the last window that ends before the backtest. */
const TRAINING_ORIGINS = 8;
const TRAINING_STEP = 14;
/** Below this many days of history before an origin, its features say too little to learn from. */
const MIN_HISTORY = 56;
/** A class needs this many training rows for its own model. */
const MIN_ROWS = 300;
/** Ridge penalty per unit of total row weight: keeps the solve stable without moving well-evidenced weights. */
const RIDGE = 1e-3;
/** Pseudo-units that keep an item's recent ÷ yearly ratio near 1 when its other locations sell little. */
const ITEM_PRIOR_UNITS = 3;

/**
 * How a class's forecasts use the global model: as one more candidate of the per-series backtest
 * selection, averaged half-and-half with that selection, or alone.
 */
export const GLOBAL_ROLES = ["candidate", "blend", "alone"] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export interface GlobalLevelModel {
  /** Weights per class, in GLOBAL_FEATURES order; a class without enough evidence has none. */
  byClass: Partial<Record<DemandClass, number[]>>;
  /** Role per class, chosen on a holdout (see chooseGlobalRoles); "candidate" where absent. */
  roles: Partial<Record<DemandClass, GlobalRole>>;
}

/** Units sold per day of every item sold at two or more locations, summed over its locations, as prefix sums. */
export interface PanelItems {
  firstDay: number;
  /** prefix[i] = units sold on days firstDay … firstDay + i − 1. */
  prefixByItem: Map<string, Float64Array>;
}

export function itemKeyOf(series: DemandSeries): string {
  if (series.product?.sku) return series.product.sku;
  const bar = series.id.lastIndexOf("|");
  return bar >= 0 ? series.id.slice(bar + 1) : series.id;
}

/** Item totals of a panel; undefined when no item is sold at more than one location. */
export function aggregateItems(series: DemandSeries[]): PanelItems | undefined {
  const members = new Map<string, DemandSeries[]>();
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const s of series) {
    const key = itemKeyOf(s);
    const list = members.get(key);
    if (list) list.push(s);
    else members.set(key, [s]);
    firstDay = Math.min(firstDay, s.firstDay);
    lastDay = Math.max(lastDay, s.firstDay + s.units.length);
  }
  const prefixByItem = new Map<string, Float64Array>();
  for (const [key, list] of members) {
    if (list.length < 2) continue;
    const daily = new Float64Array(lastDay - firstDay);
    for (const s of list) {
      const offset = s.firstDay - firstDay;
      for (let t = 0; t < s.units.length; t++) {
        const value = s.units[t]!;
        if (value > 0) daily[offset + t] = daily[offset + t]! + value;
      }
    }
    const prefix = new Float64Array(daily.length + 1);
    for (let t = 0; t < daily.length; t++) prefix[t + 1] = prefix[t]! + daily[t]!;
    prefixByItem.set(key, prefix);
  }
  return prefixByItem.size > 0 ? { firstDay, prefixByItem } : undefined;
}

/** What the features of one series read, built once per series. */
export interface LevelFeatureSource {
  /** Prefix sums of the (deseasonalised, de-spiked) demand the level methods see. */
  prefix: Float64Array;
  /** Prefix counts of selling days. */
  sellingPrefix: Float64Array;
  /** Index of the last selling day before t (−1 if none), for t = 0 … n. */
  lastSaleBefore: Int32Array;
  /** The item's units at the series' other locations, as prefix sums aligned to the series' index 0; absent for a single-location item. */
  othersPrefix?: Float64Array;
}

/**
 * `levels` is the demand the level methods see (index 0 = absolute day `firstDay`); the series' own
 * raw units are taken out of its item's totals so the item terms are the other locations' evidence.
 */
export function levelFeatureSource(levels: Float64Array, firstDay: number, series: DemandSeries, items: PanelItems | undefined): LevelFeatureSource {
  const n = levels.length;
  const prefix = new Float64Array(n + 1);
  const sellingPrefix = new Float64Array(n + 1);
  const lastSaleBefore = new Int32Array(n + 1);
  let last = -1;
  for (let t = 0; t < n; t++) {
    prefix[t + 1] = prefix[t]! + levels[t]!;
    sellingPrefix[t + 1] = sellingPrefix[t]! + (levels[t]! > 0 ? 1 : 0);
    lastSaleBefore[t] = last;
    if (levels[t]! > 0) last = t;
  }
  lastSaleBefore[n] = last;
  const itemPrefix = items?.prefixByItem.get(itemKeyOf(series));
  if (!items || !itemPrefix) return { prefix, sellingPrefix, lastSaleBefore };
  const othersPrefix = new Float64Array(n + 1);
  const itemOffset = firstDay - items.firstDay;
  const rawOffset = firstDay - series.firstDay;
  let own = 0;
  for (let t = 0; t <= n; t++) {
    if (t > 0) {
      const rawIndex = rawOffset + t - 1;
      const value = rawIndex >= 0 && rawIndex < series.units.length ? series.units[rawIndex]! : 0;
      if (value > 0) own += value;
    }
    const itemIndex = Math.min(itemPrefix.length - 1, Math.max(0, itemOffset + t));
    othersPrefix[t] = itemPrefix[itemIndex]! - itemPrefix[Math.max(0, itemOffset)]! - own;
  }
  return { prefix, sellingPrefix, lastSaleBefore, othersPrefix };
}

/**
 * Fills `out` with the features at `origin` (days before it only) and returns the scale they are
 * divided by: the mean level over the last year (or the history there is). Zero scale = nothing sold.
 */
export function levelFeatures(source: LevelFeatureSource, origin: number, out: Float64Array): number {
  const { prefix, sellingPrefix, lastSaleBefore, othersPrefix } = source;
  const meanOver = (days: number) => {
    const start = Math.max(0, origin - days);
    return origin > start ? (prefix[origin]! - prefix[start]!) / (origin - start) : 0;
  };
  const scale = meanOver(YEAR);
  if (!(scale > 0)) return 0;
  const sellingShare = (days: number) => {
    const start = Math.max(0, origin - days);
    return origin > start ? (sellingPrefix[origin]! - sellingPrefix[start]!) / (origin - start) : 0;
  };
  const itemTrend = (days: number) => {
    if (!othersPrefix) return 1;
    const longStart = Math.max(0, origin - YEAR);
    const longDays = origin - longStart;
    const recentDays = Math.min(days, longDays);
    const yearlyRate = (othersPrefix[origin]! - othersPrefix[longStart]!) / longDays;
    const recent = othersPrefix[origin]! - othersPrefix[origin - recentDays]!;
    return (recent + ITEM_PRIOR_UNITS) / (yearlyRate * recentDays + ITEM_PRIOR_UNITS);
  };
  out[0] = 1;
  out[1] = meanOver(7) / scale;
  out[2] = meanOver(28) / scale;
  out[3] = meanOver(91) / scale;
  out[4] = meanOver(182) / scale;
  out[5] = meanOver(2 * YEAR) / scale;
  out[6] = sellingShare(28);
  out[7] = sellingShare(91);
  out[8] = Math.min(4, (origin - 1 - lastSaleBefore[origin]!) / 91);
  out[9] = Math.min(1, origin / YEAR);
  out[10] = itemTrend(28);
  out[11] = itemTrend(91);
  return scale;
}

/** The model's level at `origin` (≥ 0), or undefined when the class has no model. */
export function predictLevel(model: GlobalLevelModel | undefined, demandClass: DemandClass, source: LevelFeatureSource, origin: number, scratch: Float64Array): number | undefined {
  const weights = model?.byClass[demandClass];
  if (!weights) return undefined;
  const scale = levelFeatures(source, origin, scratch);
  if (scale === 0) return 0;
  let value = 0;
  for (let i = 0; i < FEATURE_COUNT; i++) value += weights[i]! * scratch[i]!;
  return Math.max(0, value * scale);
}

/** Training rows of one series for its class: features, target level ÷ scale, and weight. */
export interface GlobalTrainingRows {
  demandClass: DemandClass;
  features: number[][];
  targets: number[];
  weights: number[];
}

/**
 * Rows from origins whose four-week target window ends by `trainEnd` (the start of the series'
 * backtest), so the backtest that ranks the model against the per-series methods stays out of sample.
 * Each row weighs scale² ÷ the series' squared one-day change, so the fit minimises an RMSSE-like loss.
 */
export function globalTrainingRows(demandClass: DemandClass, source: LevelFeatureSource, trainEnd: number, naiveSquaredChange: number): GlobalTrainingRows {
  const rows: GlobalTrainingRows = { demandClass, features: [], targets: [], weights: [] };
  if (!(naiveSquaredChange > 0)) return rows;
  for (let k = 0; k < TRAINING_ORIGINS; k++) {
    const origin = trainEnd - LEVEL_WINDOW - k * TRAINING_STEP;
    if (origin < MIN_HISTORY) break;
    const features = new Float64Array(FEATURE_COUNT);
    const scale = levelFeatures(source, origin, features);
    if (scale === 0) continue;
    const level = (source.prefix[origin + LEVEL_WINDOW]! - source.prefix[origin]!) / LEVEL_WINDOW;
    rows.features.push(Array.from(features));
    rows.targets.push(level / scale);
    rows.weights.push((scale * scale) / naiveSquaredChange);
  }
  return rows;
}

/** Weighted ridge least squares per class (normal equations, solved with ml-matrix). */
export function fitGlobalLevelModel(rows: GlobalTrainingRows[]): GlobalLevelModel {
  const byClass: GlobalLevelModel["byClass"] = {};
  const classes = new Map<DemandClass, GlobalTrainingRows[]>();
  for (const item of rows) {
    if (item.targets.length === 0) continue;
    const list = classes.get(item.demandClass) ?? [];
    list.push(item);
    classes.set(item.demandClass, list);
  }
  for (const [demandClass, items] of classes) {
    const count = items.reduce((sum, item) => sum + item.targets.length, 0);
    if (count < MIN_ROWS) continue;
    const gram = Matrix.zeros(FEATURE_COUNT, FEATURE_COUNT);
    const moment = Matrix.zeros(FEATURE_COUNT, 1);
    let totalWeight = 0;
    for (const item of items) {
      for (let r = 0; r < item.targets.length; r++) {
        const x = item.features[r]!;
        const w = item.weights[r]!;
        totalWeight += w;
        for (let i = 0; i < FEATURE_COUNT; i++) {
          moment.set(i, 0, moment.get(i, 0) + w * x[i]! * item.targets[r]!);
          for (let j = 0; j <= i; j++) gram.set(i, j, gram.get(i, j) + w * x[i]! * x[j]!);
        }
      }
    }
    for (let i = 0; i < FEATURE_COUNT; i++) {
      for (let j = 0; j < i; j++) gram.set(j, i, gram.get(i, j));
      gram.set(i, i, gram.get(i, i) + RIDGE * totalWeight);
    }
    byClass[demandClass] = solve(gram, moment).getColumn(0);
  }
  return { byClass, roles: {} };
}

/** One series' holdout RMSSE under each role of the global model. */
export interface RoleHoldoutScore {
  demandClass: DemandClass;
  rmsse: Record<GlobalRole, number>;
}

/** A class needs this many scored series before its role moves away from "candidate". */
const MIN_ROLE_SERIES = 100;

/** Per class, the role with the lowest mean holdout RMSSE (ties and thin classes: "candidate"). */
export function chooseGlobalRoles(scores: RoleHoldoutScore[]): GlobalLevelModel["roles"] {
  const totals = new Map<DemandClass, { count: number; sums: Record<GlobalRole, number> }>();
  for (const score of scores) {
    const entry = totals.get(score.demandClass) ?? { count: 0, sums: { candidate: 0, blend: 0, alone: 0 } };
    entry.count++;
    for (const role of GLOBAL_ROLES) entry.sums[role] += score.rmsse[role];
    totals.set(score.demandClass, entry);
  }
  const roles: GlobalLevelModel["roles"] = {};
  for (const [demandClass, { count, sums }] of totals) {
    if (count < MIN_ROLE_SERIES) continue;
    let best: GlobalRole = "candidate";
    for (const role of GLOBAL_ROLES) if (sums[role] < sums[best] - 1e-12) best = role;
    roles[demandClass] = best;
  }
  return roles;
}
