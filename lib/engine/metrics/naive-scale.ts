/**
 * In-sample mean of |y[t] − y[t−lag]|^power over the training history: the denominator of MASE
 * (power 1) and RMSSE (power 2). Lag 1 is the M5 convention; lag 7 scales by weekly seasonal naive.
 */
export function naiveScale(training: Float64Array, power: 1 | 2, lag = 1): number {
  let total = 0;
  let count = 0;
  for (let t = lag; t < training.length; t++) {
    const diff = training[t]! - training[t - lag]!;
    if (Number.isNaN(diff)) continue;
    total += power === 1 ? Math.abs(diff) : diff * diff;
    count++;
  }
  return count === 0 ? NaN : total / count;
}
