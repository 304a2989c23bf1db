import type { DemandClass } from "../types";

/** Syntetos–Boylan–Croston cut-offs: average inter-demand interval and squared CV of non-zero sizes. */
export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;

/**
 * Classifies demand by ADI (days / non-zero days) and CV² of the non-zero sizes (population variance).
 * NaN days are ignored. A series without any sale is "lumpy": nothing predicts when it sells.
 */
export function classifyDemand(units: Float64Array): DemandClass {
  let days = 0;
  let nonZero = 0;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < units.length; i++) {
    const y = units[i]!;
    if (Number.isNaN(y)) continue;
    days++;
    if (y > 0) {
      nonZero++;
      sum += y;
      sumSquares += y * y;
    }
  }
  if (nonZero === 0) return "lumpy";
  const adi = days / nonZero;
  const mean = sum / nonZero;
  const variance = Math.max(0, sumSquares / nonZero - mean * mean);
  const cv2 = variance / (mean * mean);
  if (adi < ADI_CUTOFF) return cv2 < CV2_CUTOFF ? "smooth" : "erratic";
  return cv2 < CV2_CUTOFF ? "intermittent" : "lumpy";
}
