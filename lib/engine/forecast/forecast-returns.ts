import type { DayNumber } from "../types";

/**
 * Returns forecast as a lagged share of sales: units sold on day t come back, in expectation,
 * `rate` × sales(t) on day t + `lagDays`. Customers' returns are too sparse per series to learn a
 * lag from, so the lag is estimated per group (a location: its channel's return habits) from the
 * pooled series — or, where the group's returns show no clear lag, from its family (all locations
 * of its type) — and each series' rate is shrunk toward its group's rate by the sales behind it.
 */
export interface ReturnsProfile {
  /** Expected units returned per unit sold. */
  rate: number;
  /** Days from a sale to its return. */
  lagDays: number;
  /** Units returned in the estimation window (the evidence behind `rate`). */
  returnedUnits: number;
  /** Units sold in the window, `lagDays` earlier. */
  soldUnits: number;
}

export interface ReturnsSeriesInput {
  id: string;
  /** Pooling key for the lag and the prior rate, e.g. the location. */
  group: string;
  /** Wider pool for the lag when the group's own returns do not show one clearly, e.g. the location type. */
  family?: string;
  /** Day of `sales[0]` and `returns[0]`; both end on the same day (the plan's asOf). */
  firstDay: DayNumber;
  sales: Float64Array;
  /** Units returned per day, aligned with `sales`. */
  returns: Float64Array;
}

export interface ReturnsProfileOptions {
  /** Days of returns the rate is measured over. */
  windowDays: number;
  /** Longest sale-to-return lag considered. */
  maxLagDays: number;
  /** Sold units of prior weight on the group rate: a series with this many sales is half its own rate. */
  priorSoldUnits: number;
  /** Fewer returned units than this in a group: the lag is the one pooled over all groups. */
  minReturnsForGroupLag: number;
}

export const defaultReturnsProfileOptions: ReturnsProfileOptions = { windowDays: 182, maxLagDays: 42, priorSoldUnits: 50, minReturnsForGroupLag: 30 };
/** Days of returns history the default profile reads: its window plus the longest lag. */
export const RETURNS_HISTORY_DAYS = defaultReturnsProfileOptions.windowDays + defaultReturnsProfileOptions.maxLagDays;

/** Sums of the group's series per day, aligned on the last day. */
function pooledDaily(series: readonly ReturnsSeriesInput[], days: number): { sales: Float64Array; returns: Float64Array } {
  const sales = new Float64Array(days);
  const returns = new Float64Array(days);
  for (const s of series) {
    const offset = days - s.sales.length;
    for (let t = Math.max(0, -offset); t < s.sales.length; t++) {
      sales[t + offset] = sales[t + offset]! + s.sales[t]!;
      returns[t + offset] = returns[t + offset]! + s.returns[t]!;
    }
  }
  return { sales, returns };
}

/** Half-width of the centred moving average removed before correlating: slower swings (season, trend) are shared by every lag. */
const SMOOTHING_HALF_WIDTH = 14;

/**
 * Day-to-day movement of a series over [from, to): values minus their centred 29-day moving average
 * (season and trend, which every nearby lag shares) and minus their weekday's mean of what is left
 * (a weekday pattern both series share must not pass for a lag).
 */
function shortTermResiduals(values: Float64Array, from: number, to: number): Float64Array {
  const residuals = new Float64Array(values.length);
  for (let t = from; t < to; t++) {
    const lo = Math.max(from, t - SMOOTHING_HALF_WIDTH);
    const hi = Math.min(to - 1, t + SMOOTHING_HALF_WIDTH);
    let sum = 0;
    for (let u = lo; u <= hi; u++) sum += values[u]!;
    residuals[t] = values[t]! - sum / (hi - lo + 1);
  }
  const sums = new Float64Array(7);
  const counts = new Float64Array(7);
  for (let t = from; t < to; t++) {
    sums[t % 7] = sums[t % 7]! + residuals[t]!;
    counts[t % 7] = counts[t % 7]! + 1;
  }
  for (let t = from; t < to; t++) residuals[t] = residuals[t]! - sums[t % 7]! / Math.max(1, counts[t % 7]!);
  return residuals;
}

/** Correlation of the returns with the sales `lag` days earlier, day by day over the window (short-term movements only). */
function laggedCorrelation(returns: Float64Array, sales: Float64Array, lag: number, windowDays: number): number {
  const end = returns.length;
  const from = Math.max(lag, end - windowDays);
  if (end - from < 28) return Number.NEGATIVE_INFINITY;
  const y = shortTermResiduals(returns, from, end);
  const x = shortTermResiduals(sales, from - lag, end - lag);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let t = from; t < end; t++) {
    sxy += x[t - lag]! * y[t]!;
    sxx += x[t - lag]! ** 2;
    syy += y[t]! ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NEGATIVE_INFINITY;
}

/**
 * The typical sale-to-return lag: the correlation-weighted centre of the run of neighbouring lags
 * around the best one that track the returns at least half as well. Returns spread over days (a
 * customer sends a parcel back within a few weeks), so the centre of that run is what the stock
 * projection needs; the single best lag of a spread-out pattern is mostly noise, and a lone noisy
 * peak far from the run is left out.
 */
function estimateLag(pooled: { sales: Float64Array; returns: Float64Array }, options: ReturnsProfileOptions): { lag: number; clear: boolean } | null {
  const raw: number[] = [];
  for (let lag = 0; lag <= options.maxLagDays; lag++) raw.push(laggedCorrelation(pooled.returns, pooled.sales, lag, options.windowDays));
  if (!raw.every(Number.isFinite)) return null;
  // What every lag shares (movements the smoothing left, e.g. at the window's edges) is no evidence for any one lag.
  const baseline = [...raw].sort((a, b) => a - b)[Math.floor(raw.length / 2)]!;
  const excess = raw.map((correlation) => correlation - baseline);
  const best = excess.indexOf(Math.max(...excess));
  if (!(excess[best]! > 0)) return null;
  const threshold = excess[best]! / 2;
  let first = best;
  let last = best;
  while (first > 0 && excess[first - 1]! >= threshold) first--;
  while (last < excess.length - 1 && excess[last + 1]! >= threshold) last++;
  let weight = 0;
  let weightedLag = 0;
  for (let lag = first; lag <= last; lag++) {
    weight += excess[lag]!;
    weightedLag += excess[lag]! * lag;
  }
  // Four standard errors of a correlation of unrelated series over the window (the best of 43 lags
  // of pure noise reaches about three): below that, the best lag may be noise.
  const clear = excess[best]! >= 4 / Math.sqrt(options.windowDays);
  return { lag: Math.round(weightedLag / weight), clear };
}

function windowSums(s: { sales: Float64Array; returns: Float64Array }, lag: number, windowDays: number): { returned: number; sold: number } {
  const end = s.returns.length;
  let returned = 0;
  let sold = 0;
  for (let t = Math.max(lag, end - windowDays); t < end; t++) {
    returned += s.returns[t]!;
    sold += s.sales[t - lag]!;
  }
  return { returned, sold };
}

/**
 * Returns profile per series, in input order; null for a series whose group (and the whole panel)
 * has no returns at all — nothing comes back there.
 */
export function estimateReturnsProfiles(series: readonly ReturnsSeriesInput[], options: Partial<ReturnsProfileOptions> = {}): (ReturnsProfile | null)[] {
  const settings = { ...defaultReturnsProfileOptions, ...options };
  const days = settings.windowDays + settings.maxLagDays;
  const poolBy = (key: (s: ReturnsSeriesInput) => string) => {
    const pools = new Map<string, ReturnsSeriesInput[]>();
    for (const s of series) {
      const members = pools.get(key(s));
      if (members) members.push(s);
      else pools.set(key(s), [s]);
    }
    return pools;
  };
  const groups = poolBy((s) => s.group);
  // Where a group's returns show no clear lag, its family's (e.g. all stores: more returns, less
  // noise); the panel's only where neither can tell.
  const panelLag = estimateLag(pooledDaily(series, days), settings);
  const familyLags = new Map<string, { lag: number; clear: boolean } | null>();
  for (const [family, members] of poolBy((s) => s.family ?? "")) familyLags.set(family, estimateLag(pooledDaily(members, days), settings));

  const byGroup = new Map<string, { lag: number; rate: number } | null>();
  for (const [group, members] of groups) {
    const pooled = pooledDaily(members, days);
    const total = windowSums(pooled, 0, settings.windowDays).returned;
    if (total <= 0) {
      byGroup.set(group, null);
      continue;
    }
    const own = total >= settings.minReturnsForGroupLag ? estimateLag(pooled, settings) : null;
    const familyLag = familyLags.get(members[0]!.family ?? "");
    const lag = own?.clear ? own.lag : (familyLag?.lag ?? own?.lag ?? panelLag?.lag ?? 0);
    const { returned, sold } = windowSums(pooled, lag, settings.windowDays);
    byGroup.set(group, { lag, rate: sold > 0 ? returned / sold : 0 });
  }

  return series.map((s) => {
    const group = byGroup.get(s.group);
    if (!group) return null;
    const { returned, sold } = windowSums(s, group.lag, settings.windowDays);
    const rate = (returned + settings.priorSoldUnits * group.rate) / (sold + settings.priorSoldUnits);
    return { rate, lagDays: group.lag, returnedUnits: returned, soldUnits: sold };
  });
}

/**
 * Expected units returned on each of the `horizon` days after the history: rate × the sales `lag`
 * days earlier — recorded sales while those are known, the sales forecast after.
 */
export function forecastReturns(profile: ReturnsProfile, sales: Float64Array, forecastMean: Float64Array): Float64Array {
  const horizon = forecastMean.length;
  const expected = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const source = h - profile.lagDays;
    const sold = source >= 0 ? forecastMean[source]! : (sales[sales.length + source] ?? 0);
    expected[h] = profile.rate * sold;
  }
  return expected;
}
