import type { DemandClass } from "../types";

/** Probability integral transforms of a series' rolling-origin backtest points under its forecast distribution. */
export interface CalibrationEvidence {
  demandClass: DemandClass;
  /** F(y − 1) per point: y > Q(τ) exactly when F(y − 1) ≥ τ. */
  belowActual: Float64Array;
  /** F(y) per point: y < Q(τ) exactly when F(y) < τ. */
  atActual: Float64Array;
}

/** Per demand class, the level to ask the forecast distribution for when the caller wants `levels[i]`. */
export interface QuantileCalibration {
  levels: number[];
  byClass: Partial<Record<DemandClass, number[]>>;
}

/** Backtest points worth of prior pulling a thinly evidenced class towards the nominal levels. */
const PRIOR_POINTS = 500;
const MIN_LEVEL = 0.005;
const MAX_LEVEL = 0.995;

/** Smallest v such that the share of sorted values strictly below v is at least `share`. */
function levelWithShareBelow(sorted: Float64Array, share: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  // Just above the value at that rank, so it counts as "below".
  return sorted[index]! + 1e-9;
}

/**
 * Per-class recalibration of quantile levels from pooled rolling-origin PIT values (a conformal-style
 * correction for discrete forecasts): for an upper level τ ≥ 0.5 the adjusted level τ′ makes the share
 * of backtest actuals above Q(τ′) equal 1 − τ; for a lower level, the share below Q(τ′) equal τ. With
 * integer quantiles the two tails need the two different PITs (F(y − 1) and F(y)); a zero-heavy class
 * cannot have actuals below a p10 of 0, so its lower levels stay where the evidence puts them.
 * Tail levels only (the median is left alone); shrunk towards the nominal level by evidence size; levels stay ordered.
 */
export function calibrateQuantileLevels(evidence: CalibrationEvidence[], levels: number[]): QuantileCalibration {
  const byClass: QuantileCalibration["byClass"] = {};
  const classes = new Map<DemandClass, CalibrationEvidence[]>();
  for (const item of evidence) {
    const list = classes.get(item.demandClass) ?? [];
    list.push(item);
    classes.set(item.demandClass, list);
  }
  for (const [demandClass, items] of classes) {
    const count = items.reduce((sum, item) => sum + item.belowActual.length, 0);
    if (count === 0) continue;
    const below = new Float64Array(count);
    const at = new Float64Array(count);
    let offset = 0;
    for (const item of items) {
      below.set(item.belowActual, offset);
      at.set(item.atActual, offset);
      offset += item.belowActual.length;
    }
    below.sort();
    at.sort();
    const weight = count / (count + PRIOR_POINTS);
    const adjusted = levels.map((level) => {
      // The median stays the distribution's own: zero-heavy classes would otherwise pull it to 0 for every series.
      if (level === 0.5) return level;
      // Upper: share of F(y − 1) < τ′ (actual at or below the quantile) = τ. Lower: share of F(y) < τ′ = τ.
      const upper = level > 0.5;
      const empirical = upper ? levelWithShareBelow(below, level) : levelWithShareBelow(at, level);
      const shrunk = level + weight * (empirical - level);
      // A tail level never crosses the median.
      return upper ? Math.min(MAX_LEVEL, Math.max(0.5, shrunk)) : Math.max(MIN_LEVEL, Math.min(0.5, shrunk));
    });
    for (let i = 1; i < adjusted.length; i++) adjusted[i] = Math.max(adjusted[i]!, adjusted[i - 1]!);
    byClass[demandClass] = adjusted;
  }
  return { levels, byClass };
}

/** The calibrated level for `level` (one of calibration.levels), or `level` itself when the class has no calibration. */
export function calibratedLevel(calibration: QuantileCalibration | undefined, demandClass: DemandClass, level: number): number {
  if (!calibration) return level;
  const index = calibration.levels.indexOf(level);
  const adjusted = calibration.byClass[demandClass];
  return index >= 0 && adjusted ? adjusted[index]! : level;
}
