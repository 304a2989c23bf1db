import { naiveScale } from "./naive-scale";

/** Root mean squared scaled error (M5): sqrt(mean (actual − forecast)² / in-sample mean (Δ^lag training)²). */
export function rmsse(actual: Float64Array, forecast: Float64Array, training: Float64Array, lag = 1): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    const e = y - forecast[i]!;
    total += e * e;
    count++;
  }
  const scale = naiveScale(training, 2, lag);
  if (count === 0) return NaN;
  if (!(scale > 0)) return total === 0 ? 0 : Infinity;
  return Math.sqrt(total / count / scale);
}
