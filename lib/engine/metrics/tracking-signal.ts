/**
 * Tracking signal: Σ(actual − forecast) / mean |actual − forecast|. |TS| > 4 is the usual drift alarm;
 * a positive value means demand ran above the forecast. 0 when there is no error at all.
 */
export function trackingSignal(actual: Float64Array, forecast: Float64Array): number {
  let cumulative = 0;
  let absolute = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    const e = y - forecast[i]!;
    cumulative += e;
    absolute += Math.abs(e);
    count++;
  }
  if (absolute === 0) return 0;
  return cumulative / (absolute / count);
}
