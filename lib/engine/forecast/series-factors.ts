import { dayOfMonthOf, weekdayOf, yearBucketOf } from "../calendar";
import type { GroupEffects } from "./estimate-pooled-effects";
import { measurePromoEvidence } from "./measure-promo-evidence";
import type { PreparedHistory } from "./prepare-history";

/** Pseudo-units of demand pulling a series' weekday profile towards its group's (Poisson–gamma shrinkage). */
const WEEKDAY_PRIOR_UNITS = 100;
/** Pseudo-units of baseline demand pulling a series' promotion uplift towards its group's. */
const PROMO_PRIOR_UNITS = 30;
const WEEKDAY_WINDOW = 364;

export interface SeriesFactors {
  /** Yearly season × promotion uplift for history days then horizon days (length = history + extra). */
  calendar: Float64Array;
  /** Weekday profile for the same days. */
  weekday: Float64Array;
  weekdayProfile: Float64Array;
  promoUplift: number;
}

/**
 * Multiplicative factors of one series: its weekday profile and promotion uplift, each its own evidence
 * shrunk towards the group's pooled estimate by how many units back it, and the group's yearly season.
 * `futurePromo` flags the days after the history; `extraDays` is how far past the history to fill.
 */
export function computeSeriesFactors(
  history: PreparedHistory,
  effects: GroupEffects,
  extraDays: number,
  futurePromo: Uint8Array | undefined,
): SeriesFactors {
  const { units, observed, promo, firstDay } = history;
  const n = units.length;
  const weekdaySum = new Float64Array(7);
  const weekdayCount = new Float64Array(7);
  for (let t = Math.max(0, n - WEEKDAY_WINDOW); t < n; t++) {
    if (observed[t] === 0 || promo[t] === 1) continue;
    const weekday = weekdayOf(firstDay + t);
    weekdaySum[weekday] = weekdaySum[weekday]! + units[t]! / effects.yearly[yearBucketOf(firstDay + t)]!;
    weekdayCount[weekday] = weekdayCount[weekday]! + 1;
  }
  let total = 0;
  let days = 0;
  for (let d = 0; d < 7; d++) { total += weekdaySum[d]!; days += weekdayCount[d]!; }
  const dailyMean = days > 0 ? total / days : 0;
  const weekdayProfile = new Float64Array(7);
  let profileSum = 0;
  for (let d = 0; d < 7; d++) {
    const prior = effects.dayOfWeek[d]!;
    const expected = weekdayCount[d]! * dailyMean;
    // Posterior mean of the weekday ratio: (units seen + prior units · prior ratio) / (expected units + prior units).
    weekdayProfile[d] = expected > 0 ? (weekdaySum[d]! + WEEKDAY_PRIOR_UNITS * prior) / (expected + WEEKDAY_PRIOR_UNITS) : prior;
    profileSum += weekdayProfile[d]!;
  }
  for (let d = 0; d < 7; d++) weekdayProfile[d] = (weekdayProfile[d]! * 7) / profileSum;

  let promoUplift = effects.promoUplift;
  const evidence = measurePromoEvidence(history);
  if (evidence) {
    let promoUnits = 0;
    let baselineUnits = 0;
    for (let d = 0; d < 7; d++) {
      promoUnits += evidence.promoUnits[d]!;
      baselineUnits += evidence.baselineUnits[d]! * weekdayProfile[d]!;
    }
    promoUplift = (promoUnits + PROMO_PRIOR_UNITS * effects.promoUplift) / (baselineUnits + PROMO_PRIOR_UNITS);
  }

  const length = n + extraDays;
  const calendar = new Float64Array(length);
  const weekday = new Float64Array(length);
  for (let t = 0; t < length; t++) {
    const day = firstDay + t;
    const onPromo = t < n ? promo[t] === 1 : futurePromo?.[t - n] === 1;
    calendar[t] = effects.yearly[yearBucketOf(day)]! * effects.dayOfMonth[dayOfMonthOf(day) - 1]! * (onPromo ? promoUplift : 1);
    weekday[t] = weekdayProfile[weekdayOf(day)]!;
  }
  return { calendar, weekday, weekdayProfile, promoUplift };
}
