/** Weekly seasonal period of daily retail demand. */
export const SEASON_PERIOD = 7;

/**
 * One member of the exponential-smoothing state-space family (Hyndman et al. taxonomy):
 * error A/M, trend N/Ad (damped), weekly season N/A/M. Additive error goes with additive season,
 * multiplicative error with multiplicative season (which is only admissible for positive data).
 */
export interface EtsSpec {
  error: "A" | "M";
  trend: "N" | "Ad";
  season: "N" | "A" | "M";
}

export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

/** Smoothing parameters in the optimiser's box: [α, β/α, φ]? then [γ/(1−α)]? — the ratios keep β ≤ α and γ ≤ 1−α. */
export function etsBox(spec: EtsSpec): { lower: Float64Array; upper: Float64Array; start: Float64Array } {
  const lower = [0.0001];
  const upper = [0.9999];
  const start = [0.1];
  if (spec.trend === "Ad") {
    lower.push(0, 0.8);
    upper.push(1, 0.98);
    start.push(0.1, 0.9);
  }
  if (spec.season !== "N") {
    lower.push(0);
    upper.push(1);
    start.push(0.05);
  }
  return { lower: Float64Array.from(lower), upper: Float64Array.from(upper), start: Float64Array.from(start) };
}

/** Free quantities counted by AICc: smoothing parameters, initial states (seasonal ones sum to zero) and σ. */
export function etsParameterCount(spec: EtsSpec): number {
  const smoothing = 1 + (spec.trend === "Ad" ? 2 : 0) + (spec.season !== "N" ? 1 : 0);
  const states = 1 + (spec.trend === "Ad" ? 1 : 0) + (spec.season !== "N" ? SEASON_PERIOD - 1 : 0);
  return smoothing + states + 1;
}

/** Days at the start of a window used to set initial level and season heuristically (cheaper than optimising them). */
const INITIAL_WEEKS = 8;

/**
 * Seasonal state, reused across calls: the optimiser runs the recursions hundreds of times per series and
 * fresh arrays each time dominated garbage collection. Safe because runEts never re-enters itself.
 */
const seasonScratch = new Float64Array(SEASON_PERIOD);
const seasonCountScratch = new Float64Array(SEASON_PERIOD);

export interface EtsRun {
  /** −2 log-likelihood up to constants over [start, fitEnd); Infinity if the model went inadmissible. */
  minusTwoLogLikelihood: number;
  /** Residual variance of the one-step errors (relative errors for multiplicative error). */
  variance: number;
}

/**
 * Runs the state-space recursions over y[start, runEnd), scoring the likelihood on [start, fitEnd).
 * When `origins` is given (ascending, each in (start, runEnd]), writes the `horizon`-day mean forecast
 * made at each origin — from the state just before y[origin] — into row k of `out`. Parameters stay
 * fixed: that is the rolling-origin backtest without refitting, plus the final forecast at runEnd.
 */
export function runEts(
  spec: EtsSpec,
  params: Float64Array,
  y: Float64Array,
  start: number,
  fitEnd: number,
  runEnd: number,
  origins?: Int32Array,
  horizon = 0,
  out?: Float64Array,
): EtsRun {
  const damped = spec.trend === "Ad";
  const seasonal = spec.season !== "N";
  const multiplicative = spec.error === "M";
  const alpha = params[0]!;
  const beta = damped ? alpha * params[1]! : 0;
  const phi = damped ? params[2]! : 0;
  const gamma = seasonal ? (1 - alpha) * params[damped ? 3 : 1]! : 0;

  const initialDays = Math.min(INITIAL_WEEKS * SEASON_PERIOD, fitEnd - start);
  const season = seasonScratch.fill(0);
  const seasonCount = seasonCountScratch.fill(0);
  let initialSum = 0;
  for (let t = 0; t < initialDays; t++) {
    const j = t % SEASON_PERIOD;
    season[j] = season[j]! + y[start + t]!;
    seasonCount[j] = seasonCount[j]! + 1;
    initialSum += y[start + t]!;
  }
  let level = initialDays > 0 ? initialSum / initialDays : 0;
  for (let j = 0; j < SEASON_PERIOD; j++) {
    const mean = seasonCount[j]! > 0 ? season[j]! / seasonCount[j]! : level;
    if (spec.season === "M") season[j] = level > 0 ? mean / level : 1;
    else if (spec.season === "A") season[j] = mean - level;
    else season[j] = multiplicative ? 1 : 0;
  }
  let trend = 0;

  if (!out && runEnd === fitEnd) {
    const fast = fastLikelihood(spec, alpha, beta, phi, gamma, y, start, fitEnd, level, season);
    if (fast !== undefined) return fast;
  }

  let sumSquares = 0;
  let sumLogMean = 0;
  let originIndex = 0;
  let nextOrigin = origins && origins.length > 0 ? origins[0]! : -1;
  let j = 0;
  for (let t = start; t <= runEnd; t++) {
    while (t === nextOrigin && out) {
      let dampedSum = 0;
      let phiPower = 1;
      const row = originIndex * horizon;
      for (let h = 0; h < horizon; h++) {
        phiPower *= phi;
        dampedSum += phiPower;
        const base = level + dampedSum * trend;
        const s = season[(j + h) % SEASON_PERIOD]!;
        out[row + h] = multiplicative ? base * s : base + s;
      }
      originIndex++;
      nextOrigin = originIndex < origins!.length ? origins![originIndex]! : -1;
    }
    if (t === runEnd) break;
    const value = y[t]!;
    const base = level + phi * trend;
    const s = season[j]!;
    if (multiplicative) {
      const mean = base * s;
      if (!(mean > 0)) return { minusTwoLogLikelihood: Infinity, variance: Infinity };
      const relative = (value - mean) / mean;
      if (t < fitEnd) {
        sumSquares += relative * relative;
        sumLogMean += Math.log(mean);
      }
      level = base * (1 + alpha * relative);
      trend = phi * trend + beta * base * relative;
      season[j] = s * (1 + gamma * relative);
    } else {
      const error = value - base - s;
      if (t < fitEnd) sumSquares += error * error;
      level = base + alpha * error;
      trend = phi * trend + beta * error;
      season[j] = s + gamma * error;
    }
    j = j + 1 === SEASON_PERIOD ? 0 : j + 1;
  }
  const n = fitEnd - start;
  const variance = sumSquares / n;
  const minusTwoLogLikelihood = variance > 0 ? n * Math.log(variance) + 2 * sumLogMean : -Infinity;
  return { minusTwoLogLikelihood, variance };
}

/**
 * Likelihood-only recursions for the members the forecaster fits per series (A,N,N), (A,Ad,N), (A,N,A)
 * and (M,N,M): the optimiser calls these hundreds of times per series, so they skip origin bookkeeping
 * and model branches. Other members return undefined and use the general loop.
 */
function fastLikelihood(
  spec: EtsSpec,
  alpha: number,
  beta: number,
  phi: number,
  gamma: number,
  y: Float64Array,
  start: number,
  fitEnd: number,
  initialLevel: number,
  season: Float64Array,
): EtsRun | undefined {
  const n = fitEnd - start;
  let level = initialLevel;
  let sumSquares = 0;
  let sumLogMean = 0;
  if (spec.error === "A" && spec.trend === "N" && spec.season === "N") {
    for (let t = start; t < fitEnd; t++) {
      const error = y[t]! - level;
      sumSquares += error * error;
      level += alpha * error;
    }
  } else if (spec.error === "A" && spec.trend === "Ad" && spec.season === "N") {
    let trend = 0;
    for (let t = start; t < fitEnd; t++) {
      const damped = phi * trend;
      const error = y[t]! - level - damped;
      sumSquares += error * error;
      level += damped + alpha * error;
      trend = damped + beta * error;
    }
  } else if (spec.error === "A" && spec.trend === "N" && spec.season === "A") {
    for (let t = start, j = 0; t < fitEnd; t++) {
      const s = season[j]!;
      const error = y[t]! - level - s;
      sumSquares += error * error;
      level += alpha * error;
      season[j] = s + gamma * error;
      j = j === SEASON_PERIOD - 1 ? 0 : j + 1;
    }
  } else if (spec.error === "M" && spec.trend === "N" && spec.season === "M") {
    for (let t = start, j = 0; t < fitEnd; t++) {
      const s = season[j]!;
      const mean = level * s;
      if (!(mean > 0)) return { minusTwoLogLikelihood: Infinity, variance: Infinity };
      const relative = (y[t]! - mean) / mean;
      sumSquares += relative * relative;
      sumLogMean += Math.log(mean);
      level *= 1 + alpha * relative;
      season[j] = s * (1 + gamma * relative);
      j = j === SEASON_PERIOD - 1 ? 0 : j + 1;
    }
  } else {
    return undefined;
  }
  const variance = sumSquares / n;
  return { minusTwoLogLikelihood: variance > 0 ? n * Math.log(variance) + 2 * sumLogMean : -Infinity, variance };
}
