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

/** Bisection steps per level (2⁻³⁰ is far below any level that matters) and at most this many sweeps over the levels. */
const BISECTION_STEPS = 30;
const SWEEPS = 4;

/**
 * The nominal level of distribution probability `probability` when level `levels[i]` is served as the
 * distribution's `served[i]`-quantile: piecewise linear through (0, 0), (served[i], levels[i]), (1, 1).
 * G(x) = nominalLevelOf(F(x)) is then the CDF whose levels[i]-quantiles are exactly the served ones.
 */
export function nominalLevelOf(probability: number, levels: readonly number[], served: readonly number[]): number {
  let fromLevel = 0;
  let fromServed = 0;
  for (let i = 0; i <= levels.length; i++) {
    const level = i < levels.length ? levels[i]! : 1;
    const to = i < levels.length ? served[i]! : 1;
    if (probability <= to) return to > fromServed ? fromLevel + ((probability - fromServed) / (to - fromServed)) * (level - fromLevel) : level;
    fromLevel = level;
    fromServed = to;
  }
  return 1;
}

/**
 * Mean over the points of P(U ≤ level) for the randomized PIT U = G(y − 1) + V·(G(y) − G(y − 1)), V
 * uniform (Czado, Gneiting & Held 2009), G the served CDF (nominalLevelOf of the point's F(y − 1), F(y)).
 */
function pitShare(below: Float64Array, at: Float64Array, level: number, levels: readonly number[], served: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < below.length; i++) {
    const low = nominalLevelOf(below[i]!, levels, served);
    const high = below[i] === at[i] ? low : nominalLevelOf(at[i]!, levels, served);
    sum += level < low ? 0 : level >= high ? 1 : (level - low) / (high - low);
  }
  return sum / below.length;
}

/**
 * Per-class recalibration of quantile levels from pooled rolling-origin backtests (a conformal-style
 * correction): level τ is served as the distribution's τ′-quantile, the τ′ chosen (coordinate-wise
 * bisection, a few sweeps) so that the served forecast's randomized PIT puts a share τ of the backtest
 * points at or below τ. That is the calibration check for counts: where P(0) exceeds 10 % the honest
 * p10 is 0, no actual can fall below it, and the plain share inside p10–p90 must exceed 80 %; forcing
 * it to 80 % would need a p10 above the true 10 % quantile (worse pinball loss), so we do not.
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
    const served = [...levels];
    for (let sweep = 0; sweep < SWEEPS; sweep++) {
      let change = 0;
      for (let i = 0; i < levels.length; i++) {
        const level = levels[i]!;
        // The median stays the distribution's own: zero-heavy classes would otherwise pull it to 0 for every series.
        if (level === 0.5) continue;
        // A tail level never crosses the median or its neighbours.
        let low = Math.max(i > 0 ? served[i - 1]! : 0, level > 0.5 ? 0.5 : MIN_LEVEL);
        let high = Math.min(i < levels.length - 1 ? served[i + 1]! : 1, level > 0.5 ? MAX_LEVEL : 0.5);
        const before = served[i]!;
        for (let step = 0; step < BISECTION_STEPS; step++) {
          served[i] = (low + high) / 2;
          // A higher served level lowers G, so more PIT values fall at or below `level`.
          if (pitShare(below, at, level, levels, served) < level) low = served[i]!;
          else high = served[i]!;
        }
        served[i] = (low + high) / 2;
        change = Math.max(change, Math.abs(served[i]! - before));
      }
      if (change < 1e-6) break;
    }
    const weight = count / (count + PRIOR_POINTS);
    byClass[demandClass] = served.map((value, i) => levels[i]! + weight * (value - levels[i]!));
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
