import { minimizeNelderMead } from "../optimize/nelder-mead";

const TSB_LOWER = Float64Array.from([0.01, 0.01]);
const TSB_UPPER = Float64Array.from([0.5, 0.5]);
const TSB_START = Float64Array.from([0.1, 0.05]);

/**
 * Teunter–Syntetos–Babai: the demand probability π is updated every day (so obsolescence shows up),
 * the size z only on demand days; forecast π·z. params = [α (size), β (probability)].
 * Returns the one-step mean squared error over [start, fitEnd); writes origin forecasts like runSba.
 */
export function runTsb(
  params: Float64Array,
  y: Float64Array,
  start: number,
  fitEnd: number,
  runEnd: number,
  origins?: Int32Array,
  horizon = 0,
  out?: Float64Array,
): number {
  const alpha = params[0]!;
  const beta = params[1]!;
  let nonZero = 0;
  let total = 0;
  for (let t = start; t < fitEnd; t++) if (y[t]! > 0) { nonZero++; total += y[t]!; }
  let size = nonZero > 0 ? total / nonZero : 0;
  let probability = (nonZero + 0.5) / (fitEnd - start + 1);
  let sumSquares = 0;
  let originIndex = 0;
  const originCount = origins ? origins.length : 0;
  for (let t = start; t <= runEnd; t++) {
    while (originIndex < originCount && origins![originIndex] === t && out) {
      out.fill(probability * size, originIndex * horizon, (originIndex + 1) * horizon);
      originIndex++;
    }
    if (t === runEnd) break;
    const value = y[t]!;
    if (t < fitEnd) {
      const error = value - probability * size;
      sumSquares += error * error;
    } else if (originIndex >= originCount) break;
    if (value > 0) {
      size += alpha * (value - size);
      probability += beta * (1 - probability);
    } else {
      probability -= beta * probability;
    }
  }
  return sumSquares / Math.max(1, fitEnd - start);
}

/** Fits TSB's two smoothing constants by one-step MSE, warm-starting from previous ones when given. */
export function fitTsb(y: Float64Array, start: number, fitEnd: number, warm?: Float64Array): Float64Array {
  const warmUsable = warm && warm.length === 2;
  return minimizeNelderMead((params) => runTsb(params, y, start, fitEnd, fitEnd), warmUsable ? Float64Array.from(warm) : TSB_START, {
    lower: TSB_LOWER,
    upper: TSB_UPPER,
    maxEvaluations: warmUsable ? 16 : 40,
    initialStep: warmUsable ? 0.05 : 0.2,
    tolerance: 1e-6,
  }).point;
}
