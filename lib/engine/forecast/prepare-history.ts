import type { DayNumber, DemandSeries } from "../types";

export interface PreparedHistory {
  /** Day of `units[0]`: the first day with a sale. */
  firstDay: DayNumber;
  /** Units from the first sale on; stock-out days replaced by an estimate of unconstrained demand. */
  units: Float64Array;
  /** 1 where `units` is a genuine observation, 0 where it was imputed (excluded from scoring). */
  observed: Uint8Array;
  promo: Uint8Array;
}

/** Same-weekday days looked back over when imputing a stock-out day. */
const IMPUTE_WEEKS = 4;

/**
 * Starts the series at its first sale (days before a launch are not zero demand) and imputes censored
 * days: a stock-out day's demand is at least what sold, and is estimated by the mean of the last
 * uncensored, non-promoted same-weekday days (falling back to the recent uncensored mean).
 */
export function prepareHistory(series: DemandSeries): PreparedHistory {
  const raw = series.units;
  let first = 0;
  while (first < raw.length && !(raw[first]! > 0)) first++;
  const length = raw.length - first;
  const units = new Float64Array(length);
  const observed = new Uint8Array(length);
  const promo = new Uint8Array(length);
  const stockout = series.stockout;
  const onPromo = series.onPromo;
  for (let t = 0; t < length; t++) {
    const value = raw[first + t]!;
    units[t] = Number.isFinite(value) && value > 0 ? value : 0;
    observed[t] = stockout && stockout[first + t] === 1 ? 0 : 1;
    promo[t] = onPromo && onPromo[first + t] === 1 ? 1 : 0;
  }
  let recentSum = 0;
  let recentCount = 0;
  for (let t = 0; t < length; t++) {
    if (observed[t] === 0) {
      let sum = 0;
      let count = 0;
      for (let back = t - 7, weeks = 0; back >= 0 && weeks < IMPUTE_WEEKS * 2 && count < IMPUTE_WEEKS; back -= 7, weeks++) {
        if (observed[back] === 1 && promo[back] === 0) {
          sum += units[back]!;
          count++;
        }
      }
      const estimate = count > 0 ? sum / count : recentCount > 0 ? recentSum / recentCount : units[t]!;
      units[t] = Math.max(units[t]!, estimate);
    } else if (promo[t] === 0) {
      // Exponentially weighted recent mean (≈ 4 weeks) as the fallback estimate.
      recentSum = recentSum * (27 / 28) + units[t]!;
      recentCount = recentCount * (27 / 28) + 1;
    }
  }
  return { firstDay: series.firstDay + first, units, observed, promo };
}
