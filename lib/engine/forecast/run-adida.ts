import { minimizeNelderMead } from "../optimize/nelder-mead";

/** Aggregation level: a week removes most of the zeros of a slow mover and the weekday pattern at once. */
const BUCKET_DAYS = 7;

/**
 * ADIDA (aggregate–disaggregate intermittent demand approach): sums y into non-overlapping weekly
 * buckets aligned to end at `runEnd`, smooths the weekly totals with SES (α fitted by one-step SSE on
 * the buckets inside [start, fitEnd) unless given), and spreads the weekly level evenly over days.
 * Origins should lie a whole number of weeks before `runEnd`; others use the last complete bucket.
 * Returns the fitted α.
 */
export function runAdida(
  y: Float64Array,
  start: number,
  fitEnd: number,
  runEnd: number,
  origins: Int32Array,
  horizon: number,
  out: Float64Array,
  alpha?: number,
): number {
  const firstBucketStart = start + ((runEnd - start) % BUCKET_DAYS);
  const bucketCount = Math.floor((runEnd - firstBucketStart) / BUCKET_DAYS);
  const totals = new Float64Array(bucketCount);
  for (let b = 0; b < bucketCount; b++) {
    let sum = 0;
    const from = firstBucketStart + b * BUCKET_DAYS;
    for (let t = from; t < from + BUCKET_DAYS; t++) sum += y[t]!;
    totals[b] = sum;
  }
  const fitBuckets = Math.max(0, Math.floor((fitEnd - firstBucketStart) / BUCKET_DAYS));
  const initialBuckets = Math.max(1, Math.min(4, fitBuckets));
  let initial = 0;
  for (let b = 0; b < initialBuckets && b < bucketCount; b++) initial += totals[b]!;
  initial /= initialBuckets;
  const sse = (a: number) => {
    let level = initial;
    let total = 0;
    for (let b = 0; b < fitBuckets; b++) {
      const error = totals[b]! - level;
      total += error * error;
      level += a * error;
    }
    return total;
  };
  const fittedAlpha =
    alpha ??
    minimizeNelderMead((p) => sse(p[0]!), Float64Array.from([0.2]), {
      lower: Float64Array.from([0.01]),
      upper: Float64Array.from([0.99]),
      maxEvaluations: 24,
      tolerance: 1e-6,
    }).point[0]!;
  let level = initial;
  let bucket = 0;
  for (let k = 0; k < origins.length; k++) {
    const origin = origins[k]!;
    while (bucket < bucketCount && firstBucketStart + (bucket + 1) * BUCKET_DAYS <= origin) {
      level += fittedAlpha * (totals[bucket]! - level);
      bucket++;
    }
    out.fill(Math.max(0, level) / BUCKET_DAYS, k * horizon, (k + 1) * horizon);
  }
  return fittedAlpha;
}
