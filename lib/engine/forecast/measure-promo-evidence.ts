import { weekdayOf } from "../calendar";
import type { PreparedHistory } from "./prepare-history";

/** Half-width in days of the window of non-promoted days that sets the baseline around a promotion. */
const BASELINE_HALF_WINDOW = 14;

export interface PromoEvidence {
  /** Units sold on observed promotion days, by weekday. */
  promoUnits: Float64Array;
  /** Local non-promoted mean around those same days, by weekday (before any weekday profile). */
  baselineUnits: Float64Array;
}

/**
 * Collects what promotions sold against the local baseline (mean of observed non-promoted days within
 * ±14 days), by weekday so callers can apply a weekday profile to the baseline afterwards.
 * Returns null when the series had no usable promotion day.
 */
export function measurePromoEvidence(history: PreparedHistory): PromoEvidence | null {
  const { units, observed, promo, firstDay } = history;
  const length = units.length;
  let anyPromo = false;
  for (let t = 0; t < length; t++) if (promo[t] === 1 && observed[t] === 1) anyPromo = true;
  if (!anyPromo) return null;
  const prefixSum = new Float64Array(length + 1);
  const prefixCount = new Float64Array(length + 1);
  for (let t = 0; t < length; t++) {
    const usable = promo[t] === 0 && observed[t] === 1;
    prefixSum[t + 1] = prefixSum[t]! + (usable ? units[t]! : 0);
    prefixCount[t + 1] = prefixCount[t]! + (usable ? 1 : 0);
  }
  const promoUnits = new Float64Array(7);
  const baselineUnits = new Float64Array(7);
  let used = false;
  for (let t = 0; t < length; t++) {
    if (promo[t] === 0 || observed[t] === 0) continue;
    const from = Math.max(0, t - BASELINE_HALF_WINDOW);
    const to = Math.min(length, t + BASELINE_HALF_WINDOW + 1);
    const count = prefixCount[to]! - prefixCount[from]!;
    if (count < 5) continue;
    const weekday = weekdayOf(firstDay + t);
    promoUnits[weekday] = promoUnits[weekday]! + units[t]!;
    baselineUnits[weekday] = baselineUnits[weekday]! + (prefixSum[to]! - prefixSum[from]!) / count;
    used = true;
  }
  return used ? { promoUnits, baselineUnits } : null;
}
