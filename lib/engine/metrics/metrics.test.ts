import { describe, expect, it } from "vitest";
import { bias, cusum, intervalCoverage, mase, naiveScale, pinballLoss, rmsse, trackingSignal, wape } from "./index";

const f = (values: number[]) => Float64Array.from(values);
const actual = f([2, 0, 4, 6]);
const forecast = f([3, 1, 3, 3]);
const training = f([1, 3, 2, 4, 2]); // |Δ| = 2,1,2,2 → mean 1.75; Δ² = 4,1,4,4 → mean 3.25

describe("metrics on hand-computed arrays", () => {
  it("wape = Σ|e| / Σ|y| = (1+1+1+3)/12", () => expect(wape(actual, forecast)).toBeCloseTo(0.5, 12));
  it("wape skips NaN actuals and is 0 on a perfect all-zero window", () => {
    expect(wape(f([NaN, 2]), f([100, 1]))).toBeCloseTo(0.5, 12);
    expect(wape(f([0, 0]), f([0, 0]))).toBe(0);
  });
  it("naive scale is the in-sample mean of |Δ| or Δ²", () => {
    expect(naiveScale(training, 1)).toBeCloseTo(1.75, 12);
    expect(naiveScale(training, 2)).toBeCloseTo(3.25, 12);
    expect(naiveScale(f([1, 2, 3, 5]), 1, 2)).toBeCloseTo(2.5, 12);
  });
  it("mase = mean|e| / 1.75 = 1.5 / 1.75", () => expect(mase(actual, forecast, training)).toBeCloseTo(1.5 / 1.75, 12));
  it("rmsse = sqrt(mean e² / 3.25) = sqrt(3 / 3.25)", () => expect(rmsse(actual, forecast, training)).toBeCloseTo(Math.sqrt(3 / 3.25), 12));
  it("bias = mean(f − y) / mean(y) = (−2/4) / (12/4)", () => expect(bias(actual, forecast)).toBeCloseTo(-1 / 6, 12));
  it("pinball loss at 0.9 charges 0.9 per unit under and 0.1 per unit over", () => {
    // errors y − q: −1, −1, 1, 3 → 0.1, 0.1, 0.9, 2.7 → mean 0.95
    expect(pinballLoss(actual, forecast, 0.9)).toBeCloseTo(0.95, 12);
  });
  it("interval coverage counts closed-interval hits", () => {
    expect(intervalCoverage(actual, f([2, 1, 0, 0]), f([3, 2, 4, 5]))).toBeCloseTo(0.5, 12);
  });
  it("tracking signal = Σe / MAD = 2 / 1.5", () => expect(trackingSignal(actual, forecast)).toBeCloseTo(2 / 1.5, 12));
  it("cusum alarms on a sustained upward shift and not on noise around zero", () => {
    const shifted = cusum(f([1, 1, 2, 2, 2, 2, 2]), f([1, 1, 0, 0, 0, 0, 0]), 1);
    // z = 0,0,2,2,2 … S⁺ = 0,0,1.5,3,4.5 → alarm at index 4
    expect(shifted.firstAlarm).toBe(4);
    expect(shifted.upper[3]).toBeCloseTo(3, 12);
    const noise = cusum(f([1, -1, 1, -1]), f([0, 0, 0, 0]), 1);
    expect(noise.firstAlarm).toBe(-1);
  });
});
