import type { DemandSeries } from "../types";
import { YEAR_BUCKETS, dayOfMonthOf, fromDayNumber, weekdayOf, yearBucketOf } from "../calendar";
import { measurePromoEvidence } from "./measure-promo-evidence";
import { prepareHistory } from "./prepare-history";

/** Multiplicative effects shared by the series of one group; each profile has mean 1. */
export interface GroupEffects {
  dayOfWeek: Float64Array;
  yearly: Float64Array;
  /** Day-of-month profile (index = day − 1): paydays and benefit days lift some groups' sales. */
  dayOfMonth: Float64Array;
  promoUplift: number;
}

export interface PooledEffects {
  /** By `DemandSeries.group` ("" for series without a group). */
  groups: Map<string, GroupEffects>;
  /** Effects of the whole panel: the fallback for a group that has no evidence of its own. */
  panel: GroupEffects;
}

/** Days of history (whole weeks, about a year) used for the weekday profile, so yearly seasonality cancels out. */
const WEEKDAY_WINDOW = 364;
/** A group needs more than a year of history before a yearly profile can be told apart from trend. */
const MIN_YEARLY_SPAN = 400;
/** Pseudo-units of baseline demand pulling a group's promotion uplift towards the panel's. */
const PROMO_PRIOR_UNITS = 50;
/** Half-width (days) of the triangular kernel smoothing the day-of-year profile. */
const YEARLY_SMOOTHING = 10;

interface GroupAccumulator {
  /** Normalised units and days by day of month, for even [0, 31) and odd [31, 62) months. */
  monthDaySum: Float64Array;
  monthDayCount: Float64Array;
  daySum: Float64Array;
  dayCount: Float64Array;
  weekdaySum: Float64Array;
  weekdayCount: Float64Array;
  promoUnits: Float64Array;
  baselineUnits: Float64Array;
}

const flatProfile = (length: number) => new Float64Array(length).fill(1);

function newAccumulator(span: number): GroupAccumulator {
  return {
    monthDaySum: new Float64Array(62),
    monthDayCount: new Float64Array(62),
    daySum: new Float64Array(span),
    dayCount: new Float64Array(span),
    weekdaySum: new Float64Array(7),
    weekdayCount: new Float64Array(7),
    promoUnits: new Float64Array(7),
    baselineUnits: new Float64Array(7),
  };
}

function normalizeToMeanOne(profile: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < profile.length; i++) sum += profile[i]!;
  const mean = sum / profile.length;
  if (!(mean > 0)) return flatProfile(profile.length);
  for (let i = 0; i < profile.length; i++) profile[i] = profile[i]! / mean;
  return profile;
}

/** Pseudo-days pulling a small group's weekday profile towards the panel's. */
const WEEKDAY_PRIOR_DAYS = 20;

function weekdayProfile(sum: Float64Array, count: Float64Array, prior?: Float64Array): Float64Array {
  const profile = new Float64Array(7);
  const priorDays = prior ? WEEKDAY_PRIOR_DAYS : 0;
  for (let d = 0; d < 7; d++) {
    const total = count[d]! + priorDays;
    profile[d] = total > 0 ? (sum[d]! + priorDays * (prior?.[d] ?? 0)) / total : NaN;
  }
  for (let d = 0; d < 7; d++) if (!(profile[d]! > 0)) return flatProfile(7);
  return normalizeToMeanOne(profile);
}

function correlation(a: Float64Array, b: Float64Array): number {
  let n = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!, y = b[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    n++; sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y;
  }
  if (n < 30) return 0;
  const cov = sab / n - (sa / n) * (sb / n);
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
}

function smoothCircular(bucketSum: Float64Array, bucketCount: Float64Array): Float64Array {
  const smoothed = new Float64Array(YEAR_BUCKETS);
  for (let i = 0; i < YEAR_BUCKETS; i++) {
    let sum = 0;
    let weight = 0;
    for (let k = -YEARLY_SMOOTHING; k <= YEARLY_SMOOTHING; k++) {
      const j = (i + k + YEAR_BUCKETS) % YEAR_BUCKETS;
      const w = (YEARLY_SMOOTHING + 1 - Math.abs(k)) * bucketCount[j]!;
      sum += w * bucketSum[j]! / Math.max(bucketCount[j]!, 1e-12);
      weight += w;
    }
    smoothed[i] = weight > 0 ? sum / weight : NaN;
  }
  return smoothed;
}

/**
 * Day-of-year profile of a group from its normalised daily mean: a 7-day moving average removes the
 * weekday pattern, a linear trend is divided out, and the ratios are smoothed per day of year. The
 * profile is shrunk towards flat by how well the first year's shape predicts the later one's
 * (their correlation), so a group without a real yearly season gets (almost) none.
 */
function yearlyProfile(daySum: Float64Array, dayCount: Float64Array, firstDay: number): Float64Array {
  const span = daySum.length;
  let firstUsed = -1;
  let lastUsed = -1;
  for (let d = 0; d < span; d++) if (dayCount[d]! > 0) { if (firstUsed < 0) firstUsed = d; lastUsed = d; }
  if (firstUsed < 0 || lastUsed - firstUsed < MIN_YEARLY_SPAN) return flatProfile(YEAR_BUCKETS);
  const weekly = new Float64Array(span).fill(NaN);
  for (let d = firstUsed + 3; d <= lastUsed - 3; d++) {
    let sum = 0;
    let complete = true;
    for (let k = -3; k <= 3; k++) {
      if (!(dayCount[d + k]! > 0)) { complete = false; break; }
      sum += daySum[d + k]! / dayCount[d + k]!;
    }
    if (complete) weekly[d] = sum / 7;
  }
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let d = 0; d < span; d++) {
    const y = weekly[d]!;
    if (Number.isNaN(y)) continue;
    n++; sx += d; sy += y; sxx += d * d; sxy += d * y;
  }
  if (n < MIN_YEARLY_SPAN - 10) return flatProfile(YEAR_BUCKETS);
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const intercept = (sy - slope * sx) / n;
  const sums = [new Float64Array(YEAR_BUCKETS), new Float64Array(YEAR_BUCKETS)] as const;
  const counts = [new Float64Array(YEAR_BUCKETS), new Float64Array(YEAR_BUCKETS)] as const;
  for (let d = 0; d < span; d++) {
    const y = weekly[d]!;
    const trend = intercept + slope * d;
    if (Number.isNaN(y) || !(trend > 0)) continue;
    const bucket = yearBucketOf(firstDay + d);
    const half = d - firstUsed < 365.25 ? 0 : 1;
    sums[half][bucket] = sums[half][bucket]! + y / trend;
    counts[half][bucket] = counts[half][bucket]! + 1;
  }
  const firstYear = smoothCircular(sums[0], counts[0]);
  const laterYears = smoothCircular(sums[1], counts[1]);
  const agreement = Math.max(0, correlation(firstYear, laterYears));
  const totalSum = new Float64Array(YEAR_BUCKETS);
  const totalCount = new Float64Array(YEAR_BUCKETS);
  for (let i = 0; i < YEAR_BUCKETS; i++) {
    totalSum[i] = sums[0][i]! + sums[1][i]!;
    totalCount[i] = counts[0][i]! + counts[1][i]!;
  }
  const profile = smoothCircular(totalSum, totalCount);
  for (let i = 0; i < YEAR_BUCKETS; i++) if (!(profile[i]! > 0)) return flatProfile(YEAR_BUCKETS);
  normalizeToMeanOne(profile);
  for (let i = 0; i < YEAR_BUCKETS; i++) profile[i] = 1 + agreement * (profile[i]! - 1);
  return profile;
}

/** Series-days a day-of-month bucket needs before its group's profile is estimated at all. */
const MIN_MONTH_DAY_COUNT = 200;

/**
 * Day-of-month profile of a group, shrunk towards flat by how well the even months' shape predicts
 * the odd months' (their correlation): a real payday or benefit-day pattern repeats, noise does not.
 */
function dayOfMonthProfile(acc: GroupAccumulator): Float64Array {
  const halves = [new Float64Array(31), new Float64Array(31)];
  const full = new Float64Array(31);
  for (let d = 0; d < 31; d++) {
    const count = acc.monthDayCount[d]! + acc.monthDayCount[31 + d]!;
    if (count < MIN_MONTH_DAY_COUNT || !(acc.monthDayCount[d]! > 0) || !(acc.monthDayCount[31 + d]! > 0)) return flatProfile(31);
    halves[0]![d] = acc.monthDaySum[d]! / acc.monthDayCount[d]!;
    halves[1]![d] = acc.monthDaySum[31 + d]! / acc.monthDayCount[31 + d]!;
    full[d] = (acc.monthDaySum[d]! + acc.monthDaySum[31 + d]!) / count;
  }
  for (const profile of [...halves, full]) if (!(normalizeToMeanOne(profile)[0]! > 0)) return flatProfile(31);
  const agreement = Math.max(0, correlation(halves[0]!, halves[1]!));
  for (let d = 0; d < 31; d++) full[d] = 1 + agreement * (full[d]! - 1);
  return full;
}

function promoRatio(acc: GroupAccumulator, dayOfWeek: Float64Array): { units: number; baseline: number } {
  let units = 0;
  let baseline = 0;
  for (let d = 0; d < 7; d++) {
    units += acc.promoUnits[d]!;
    baseline += acc.baselineUnits[d]! * dayOfWeek[d]!;
  }
  return { units, baseline };
}

/**
 * Estimates the effects that single series are too short or too sparse to show on their own —
 * weekday profile, yearly season, promotion uplift — once per group across all its series.
 * Each series enters normalised by its own mean, so large sellers do not dominate a profile.
 * Run once for the whole panel before any fan-out, so every worker applies the same effects.
 */
export function estimatePooledEffects(series: DemandSeries[]): PooledEffects {
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const s of series) {
    if (s.units.length === 0) continue;
    minDay = Math.min(minDay, s.firstDay);
    maxDay = Math.max(maxDay, s.firstDay + s.units.length - 1);
  }
  const span = Number.isFinite(minDay) ? maxDay - minDay + 1 : 0;
  const accumulators = new Map<string, GroupAccumulator>();
  const panel = newAccumulator(span);
  // Bucket of each panel day in the day-of-month accumulators: day − 1, plus 31 in odd months.
  const monthDayBucket = new Int8Array(span);
  for (let d = 0; d < span; d++) {
    const date = fromDayNumber(minDay + d);
    monthDayBucket[d] = dayOfMonthOf(minDay + d) - 1 + ((date.getUTCFullYear() * 12 + date.getUTCMonth()) % 2) * 31;
  }
  for (const s of series) {
    const history = prepareHistory(s);
    const { units, observed, promo, firstDay } = history;
    const length = units.length;
    if (length === 0) continue;
    let sum = 0;
    let count = 0;
    for (let t = 0; t < length; t++) if (observed[t] === 1 && promo[t] === 0) { sum += units[t]!; count++; }
    const mean = count > 0 ? sum / count : 0;
    if (!(mean > 0)) continue;
    const key = s.group ?? "";
    let acc = accumulators.get(key);
    if (!acc) { acc = newAccumulator(span); accumulators.set(key, acc); }
    const offset = firstDay - minDay;
    const weekdayFrom = Math.max(0, length - WEEKDAY_WINDOW);
    // Only series with more than a year of history inform the yearly profile: a launch's mean over part
    // of a year would read as seasonality. Summing units against summed means weights series by volume,
    // so a few noisy slow movers cannot swamp it.
    const informsYearly = length >= MIN_YEARLY_SPAN;
    for (let t = 0; t < length; t++) {
      if (observed[t] === 0 || promo[t] === 1) continue;
      const value = units[t]! / mean;
      const bucket = monthDayBucket[offset + t]!;
      acc.monthDaySum[bucket] = acc.monthDaySum[bucket]! + value;
      acc.monthDayCount[bucket] = acc.monthDayCount[bucket]! + 1;
      panel.monthDaySum[bucket] = panel.monthDaySum[bucket]! + value;
      panel.monthDayCount[bucket] = panel.monthDayCount[bucket]! + 1;
      if (informsYearly) {
        acc.daySum[offset + t] = acc.daySum[offset + t]! + units[t]!;
        acc.dayCount[offset + t] = acc.dayCount[offset + t]! + mean;
        panel.daySum[offset + t] = panel.daySum[offset + t]! + units[t]!;
        panel.dayCount[offset + t] = panel.dayCount[offset + t]! + mean;
      }
      if (t >= weekdayFrom) {
        const weekday = weekdayOf(firstDay + t);
        acc.weekdaySum[weekday] = acc.weekdaySum[weekday]! + value;
        acc.weekdayCount[weekday] = acc.weekdayCount[weekday]! + 1;
        panel.weekdaySum[weekday] = panel.weekdaySum[weekday]! + value;
        panel.weekdayCount[weekday] = panel.weekdayCount[weekday]! + 1;
      }
    }
    const evidence = measurePromoEvidence(history);
    if (evidence) {
      for (let d = 0; d < 7; d++) {
        acc.promoUnits[d] = acc.promoUnits[d]! + evidence.promoUnits[d]!;
        acc.baselineUnits[d] = acc.baselineUnits[d]! + evidence.baselineUnits[d]!;
        panel.promoUnits[d] = panel.promoUnits[d]! + evidence.promoUnits[d]!;
        panel.baselineUnits[d] = panel.baselineUnits[d]! + evidence.baselineUnits[d]!;
      }
    }
  }
  const panelDayOfWeek = weekdayProfile(panel.weekdaySum, panel.weekdayCount);
  const panelPromo = promoRatio(panel, panelDayOfWeek);
  const panelEffects: GroupEffects = {
    dayOfWeek: panelDayOfWeek,
    yearly: yearlyProfile(panel.daySum, panel.dayCount, minDay),
    dayOfMonth: dayOfMonthProfile(panel),
    // Without any promotion in the panel, a promotion is assumed to change nothing.
    promoUplift: panelPromo.baseline > 0 ? Math.max(0.5, panelPromo.units / panelPromo.baseline) : 1,
  };
  const groups = new Map<string, GroupEffects>();
  for (const key of [...accumulators.keys()].sort()) {
    const acc = accumulators.get(key)!;
    const dayOfWeek = weekdayProfile(acc.weekdaySum, acc.weekdayCount, panelDayOfWeek);
    const promo = promoRatio(acc, dayOfWeek);
    groups.set(key, {
      dayOfWeek,
      yearly: yearlyProfile(acc.daySum, acc.dayCount, minDay),
      dayOfMonth: dayOfMonthProfile(acc),
      promoUplift: (promo.units + PROMO_PRIOR_UNITS * panelEffects.promoUplift) / (promo.baseline + PROMO_PRIOR_UNITS),
    });
  }
  return { groups, panel: panelEffects };
}
