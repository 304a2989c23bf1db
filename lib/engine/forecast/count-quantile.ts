import negativeBinomialQuantile from "@stdlib/stats-base-dists-negative-binomial-quantile";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";

/**
 * Quantile of daily demand with the given mean under a negative binomial with size `nbSize`
 * (variance = mean + mean²/size; Infinity = Poisson). Counts get integer quantiles; a series with
 * fractional units (e.g. kilograms) gets a zero-truncated normal with the same mean and variance.
 */
export function countQuantile(level: number, mean: number, nbSize: number, integerValued: boolean): number {
  if (!(mean > 0)) return 0;
  if (!integerValued) {
    const sd = Math.sqrt(mean + (Number.isFinite(nbSize) ? (mean * mean) / nbSize : 0));
    return Math.max(0, normalQuantile(level, mean, sd));
  }
  if (!Number.isFinite(nbSize)) return poissonQuantile(level, mean);
  return negativeBinomialQuantile(level, nbSize, nbSize / (nbSize + mean));
}
