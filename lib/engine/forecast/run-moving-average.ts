/** Writes, for each origin, the flat mean of the `window` days before it (fewer near the start). */
export function runMovingAverage(y: Float64Array, start: number, origins: Int32Array, horizon: number, out: Float64Array, window: number): void {
  for (let k = 0; k < origins.length; k++) {
    const origin = origins[k]!;
    const from = Math.max(start, origin - window);
    let sum = 0;
    for (let t = from; t < origin; t++) sum += y[t]!;
    out.fill(origin > from ? sum / (origin - from) : 0, k * horizon, (k + 1) * horizon);
  }
}
