/** Mean(forecast − actual) / mean(actual); positive means over-forecast. NaN actuals are skipped. */
export function bias(actual: Float64Array, forecast: Float64Array): number {
  let error = 0;
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    error += forecast[i]! - y;
    total += y;
  }
  if (total === 0) return error === 0 ? 0 : error > 0 ? Infinity : -Infinity;
  return error / total;
}
