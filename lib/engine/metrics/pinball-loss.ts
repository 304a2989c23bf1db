/** Mean pinball (quantile) loss of `quantile` at `level`: under-forecasts cost `level`, over-forecasts `1 − level`. */
export function pinballLoss(actual: Float64Array, quantile: Float64Array, level: number): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    const diff = y - quantile[i]!;
    total += diff >= 0 ? level * diff : (level - 1) * diff;
    count++;
  }
  return count === 0 ? NaN : total / count;
}
