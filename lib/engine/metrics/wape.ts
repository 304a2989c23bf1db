/** Weighted absolute percentage error: Σ|actual − forecast| / Σ|actual|. NaN actuals are skipped; 0 when both sums are 0. */
export function wape(actual: Float64Array, forecast: Float64Array): number {
  let absError = 0;
  let absActual = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    absError += Math.abs(y - forecast[i]!);
    absActual += Math.abs(y);
  }
  if (absActual === 0) return absError === 0 ? 0 : Infinity;
  return absError / absActual;
}
