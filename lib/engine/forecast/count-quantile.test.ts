import negativeBinomialQuantile from "@stdlib/stats-base-dists-negative-binomial-quantile";
import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";
import { describe, expect, it } from "vitest";
import { countQuantile } from "./count-quantile";

describe("countQuantile", () => {
  it("matches the library negative-binomial and Poisson quantiles", () => {
    for (const mean of [0.05, 0.3, 1, 2.7, 9.5, 40, 180, 499, 800]) {
      for (const size of [0.2, 1, 4, 25, 1e5]) {
        for (const level of [0.05, 0.1, 0.5, 0.9, 0.975]) {
          expect(countQuantile(level, mean, size, true)).toBe(negativeBinomialQuantile(level, size, size / (size + mean)) + 0); // the library can answer −0
        }
      }
      for (const level of [0.1, 0.5, 0.9]) expect(countQuantile(level, mean, Infinity, true)).toBe(poissonQuantile(level, mean) + 0);
    }
  });
  it("is zero for a zero mean and monotone in the level", () => {
    expect(countQuantile(0.9, 0, 2, true)).toBe(0);
    let previous = 0;
    for (let level = 0.01; level < 1; level += 0.01) {
      const value = countQuantile(level, 6, 1.5, true);
      expect(value).toBeGreaterThanOrEqual(previous);
      previous = value;
    }
  });
  it("uses a zero-truncated normal with the same variance for fractional series", () => {
    expect(countQuantile(0.5, 10, 5, false)).toBeCloseTo(10, 9);
    expect(countQuantile(0.9, 10, 5, false)).toBeCloseTo(10 + 1.2815515655446004 * Math.sqrt(10 + 100 / 5), 6);
    expect(countQuantile(0.1, 0.5, 1, false)).toBe(0);
  });
});
