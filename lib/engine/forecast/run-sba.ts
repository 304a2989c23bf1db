/** Classic Croston smoothing constant; SBA's bias correction (1 − α/2) is derived for it. */
export const SBA_ALPHA = 0.1;

/**
 * Croston's method with the Syntetos–Boylan bias correction: demand size z and inter-demand interval p
 * are smoothed separately, updated only on days with demand; the daily rate is (1 − α/2)·z/p.
 * z and p start from the mean non-zero size and mean interval of y[start, fitEnd).
 * Writes the flat forecast made at each origin into row k of `out` (see runEts for the layout).
 */
export function runSba(
  y: Float64Array,
  start: number,
  fitEnd: number,
  runEnd: number,
  origins: Int32Array,
  horizon: number,
  out: Float64Array,
  alpha = SBA_ALPHA,
): void {
  let nonZero = 0;
  let total = 0;
  for (let t = start; t < fitEnd; t++) if (y[t]! > 0) { nonZero++; total += y[t]!; }
  let size = nonZero > 0 ? total / nonZero : 0;
  let interval = nonZero > 0 ? (fitEnd - start) / nonZero : 1;
  let sinceLast = 1;
  let originIndex = 0;
  for (let t = start; t <= runEnd && originIndex < origins.length; t++) {
    while (originIndex < origins.length && origins[originIndex] === t) {
      out.fill((1 - alpha / 2) * (size / interval), originIndex * horizon, (originIndex + 1) * horizon);
      originIndex++;
    }
    if (t === runEnd) break;
    const value = y[t]!;
    if (value > 0) {
      size += alpha * (value - size);
      interval += alpha * (sinceLast - interval);
      sinceLast = 1;
    } else {
      sinceLast++;
    }
  }
}
