import type { DayNumber } from "../types";

/**
 * Returns forecast as a lagged share of sales: units sold on day t come back, in expectation,
 * `rate` × sales(t) on day t + `lagDays`. Customers' returns are too sparse per series to learn a
 * lag from, so the lag is estimated per group (a location: its channel's return habits) from the
 * pooled series, and each series' rate is shrunk toward its group's rate by the sales behind it.
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

/** Weekly sums (ending on the last day) remove the weekday pattern both series share. */
function weeklyCorrelation(returns: Float64Array, sales: Float64Array, lag: number, windowDays: number): number {
  const end = returns.length;
  const weeks = Math.floor(Math.min(windowDays, end - lag) / 7);
  if (weeks < 4) return Number.NEGATIVE_INFINITY;
  const x = new Float64Array(weeks);
  const y = new Float64Array(weeks);
  for (let w = 0; w < weeks; w++) {
    for (let d = 0; d < 7; d++) {
      const t = end - 1 - w * 7 - d;
      y[w] = y[w]! + returns[t]!;
      x[w] = x[w]! + sales[t - lag]!;
    }
  }
  let mx = 0;
  let my = 0;
  for (let w = 0; w < weeks; w++) {
    mx += x[w]! / weeks;
    my += y[w]! / weeks;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let w = 0; w < weeks; w++) {
    sxy += (x[w]! - mx) * (y[w]! - my);
    sxx += (x[w]! - mx) ** 2;
    syy += (y[w]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NEGATIVE_INFINITY;
}

/**
 * The lag whose lagged sales track the returns best (weekly sums, Pearson correlation); among
 * near-ties the shorter lag. Daily data cannot separate lags a few days apart when sales are smooth,
 * so the estimate is coarse; what matters to stock is that returns of this season's sales arrive
 * about when they do.
 */
function estimateLag(pooled: { sales: Float64Array; returns: Float64Array }, options: ReturnsProfileOptions): number | null {
  let best: number | null = null;
  let bestCorrelation = Number.NEGATIVE_INFINITY;
  for (let lag = 0; lag <= options.maxLagDays; lag++) {
    const correlation = weeklyCorrelation(pooled.returns, pooled.sales, lag, options.windowDays);
    if (correlation > bestCorrelation + 1e-9) {
      bestCorrelation = correlation;
      best = lag;
    }
  }
  return best;
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
  const groups = new Map<string, ReturnsSeriesInput[]>();
  for (const s of series) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  const all = pooledDaily(series, days);
  const panelLag = estimateLag(all, settings) ?? 0;

  const byGroup = new Map<string, { lag: number; rate: number } | null>();
  for (const [group, members] of groups) {
    const pooled = pooledDaily(members, days);
    const total = windowSums(pooled, 0, settings.windowDays).returned;
    if (total <= 0) {
      byGroup.set(group, null);
      continue;
    }
    const lag = total >= settings.minReturnsForGroupLag ? (estimateLag(pooled, settings) ?? panelLag) : panelLag;
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
