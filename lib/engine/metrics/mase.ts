import { naiveScale } from "./naive-scale";

/** Mean absolute scaled error: mean |actual − forecast| / in-sample mean |Δ^lag training|. */
export function mase(actual: Float64Array, forecast: Float64Array, training: Float64Array, lag = 1): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    total += Math.abs(y - forecast[i]!);
    count++;
  }
  const scale = naiveScale(training, 1, lag);
  if (count === 0) return NaN;
  if (!(scale > 0)) return total === 0 ? 0 : Infinity;
  return total / count / scale;
}
