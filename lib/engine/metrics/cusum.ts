export interface CusumResult {
  /** Upper (demand above forecast) and lower (below) one-sided statistics after each step, in units of sigma. */
  upper: Float64Array;
  lower: Float64Array;
  /** First index where either statistic exceeded the threshold, or −1. */
  firstAlarm: number;
}

/**
 * Tabular CUSUM on standardised forecast errors z = (actual − forecast) / sigma:
 * S⁺ = max(0, S⁺ + z − k), S⁻ = max(0, S⁻ − z − k), alarm when either exceeds h.
 * Defaults k = 0.5, h = 4 detect a one-sigma shift quickly with few false alarms.
 */
export function cusum(actual: Float64Array, forecast: Float64Array, sigma: number, slack = 0.5, threshold = 4): CusumResult {
  const upper = new Float64Array(actual.length);
  const lower = new Float64Array(actual.length);
  let high = 0;
  let low = 0;
  let firstAlarm = -1;
  const scale = sigma > 0 ? sigma : 1;
  for (let i = 0; i < actual.length; i++) {
    const y = actual[i]!;
    if (!Number.isNaN(y)) {
      const z = (y - forecast[i]!) / scale;
      high = Math.max(0, high + z - slack);
      low = Math.max(0, low - z - slack);
    }
    upper[i] = high;
    lower[i] = low;
    if (firstAlarm < 0 && (high > threshold || low > threshold)) firstAlarm = i;
  }
  return { upper, lower, firstAlarm };
}
