import negativeBinomialQuantile from "@stdlib/stats-base-dists-negative-binomial-quantile";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";

/**
 * Up to this mean the quantile is found by summing the pmf from zero with its two-term recursion:
 * a few dozen multiplications for retail-sized means, against the incomplete-beta search of the
 * library quantile, which dominated the run time. P(0) stays far from underflow below this mean.
 */
const RECURSION_MAX_MEAN = 500;

/** Smallest k with P(X ≤ k) ≥ level, for NB(size, mean) or Poisson(mean) when size is infinite. */
function quantileBySummation(level: number, mean: number, nbSize: number): number {
  const poisson = !Number.isFinite(nbSize);
  const ratio = poisson ? 0 : mean / (nbSize + mean);
  let probability = poisson ? Math.exp(-mean) : Math.exp(nbSize * Math.log(nbSize / (nbSize + mean)));
  let cumulative = probability;
  let k = 0;
  // The relative tolerance absorbs rounding in the running sum, as the library's search does.
  while (cumulative < level * (1 - 1e-12)) {
    probability *= poisson ? mean / (k + 1) : ((k + nbSize) / (k + 1)) * ratio;
    cumulative += probability;
    k++;
  }
  return k;
}

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
  if (mean <= RECURSION_MAX_MEAN) return quantileBySummation(level, mean, nbSize);
  if (!Number.isFinite(nbSize)) return poissonQuantile(level, mean);
  return negativeBinomialQuantile(level, nbSize, nbSize / (nbSize + mean));
}
