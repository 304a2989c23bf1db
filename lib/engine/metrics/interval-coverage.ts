/** Share of actuals inside the closed interval [lower, upper]. NaN actuals are skipped. */
export function intervalCoverage(actual: Float64Array, lower: Float64Array, upper: Float64Array): number {
  let inside = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    if (y >= lower[i]! && y <= upper[i]!) inside++;
    count++;
  }
  return count === 0 ? NaN : inside / count;
}
