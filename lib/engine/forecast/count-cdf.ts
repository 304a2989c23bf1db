import negativeBinomialCdf from "@stdlib/stats-base-dists-negative-binomial-cdf";
import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import poissonCdf from "@stdlib/stats-base-dists-poisson-cdf";

/** Below this mean and count the CDF is summed from zero with the pmf recursion (see countQuantile). */
const RECURSION_MAX = 500;

/**
 * P(X ≤ x) for daily demand with the given mean under the distribution countQuantile inverts:
 * negative binomial with size `nbSize` (Infinity = Poisson) for counts, evaluated at ⌊x⌋ (so x < 0
 * gives 0), or the normal with the same mean and variance for fractional series.
 */
export function countCdf(x: number, mean: number, nbSize: number, integerValued: boolean): number {
  if (!(mean > 0)) return x >= 0 ? 1 : 0;
  if (!integerValued) {
    const sd = Math.sqrt(mean + (Number.isFinite(nbSize) ? (mean * mean) / nbSize : 0));
    return normalCdf(x, mean, sd);
  }
  const k = Math.floor(x);
  if (k < 0) return 0;
  const poisson = !Number.isFinite(nbSize);
  if (mean > RECURSION_MAX || k > RECURSION_MAX * 4) {
    return poisson ? poissonCdf(k, mean) : negativeBinomialCdf(k, nbSize, nbSize / (nbSize + mean));
  }
  const ratio = poisson ? 0 : mean / (nbSize + mean);
  let probability = poisson ? Math.exp(-mean) : Math.exp(nbSize * Math.log(nbSize / (nbSize + mean)));
  let cumulative = probability;
  for (let j = 0; j < k; j++) {
    probability *= poisson ? mean / (j + 1) : ((j + nbSize) / (j + 1)) * ratio;
    cumulative += probability;
  }
  return Math.min(1, cumulative);
}
