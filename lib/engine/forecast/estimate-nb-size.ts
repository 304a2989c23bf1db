/**
 * Prior on over-dispersion, worth a few backtest days: a series with a short or quiet backtest gets a
 * modest excess variance (size ≈ 4) rather than a Poisson fit that would make its intervals too narrow.
 */
const PRIOR_POINTS = 10;
const PRIOR_EXCESS = 0.25;
const MIN_SIZE = 0.1;
const MAX_SIZE = 1e6;

/**
 * Negative-binomial size from forecast errors by the method of moments: E[(y − μ)²] = μ + μ²/size,
 * so 1/size = Σ((y − μ)² − μ) / Σμ², shrunk towards the prior. NaN actuals are skipped.
 * Returns Infinity (Poisson) when the errors show no excess variance at all.
 */
export function estimateNbSize(actual: Float64Array, forecast: Float64Array): number {
  let excess = 0;
  let squaredMeans = 0;
  let sumMeans = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (Number.isNaN(y)) continue;
    const mu = forecast[i]!;
    const error = y - mu;
    excess += error * error - mu;
    squaredMeans += mu * mu;
    sumMeans += mu;
    count++;
  }
  const meanForecast = count > 0 ? sumMeans / count : 0;
  const priorWeight = PRIOR_POINTS * meanForecast * meanForecast;
  const denominator = squaredMeans + priorWeight;
  if (!(denominator > 0)) return 1 / PRIOR_EXCESS;
  const inverseSize = (excess + PRIOR_EXCESS * priorWeight) / denominator;
  if (!(inverseSize > 1 / MAX_SIZE)) return Infinity;
  return Math.min(MAX_SIZE, Math.max(MIN_SIZE, 1 / inverseSize));
}
