import negativeBinomialCdf from "@stdlib/stats-base-dists-negative-binomial-cdf";
import { describe, expect, it } from "vitest";
import { countCdf } from "./count-cdf";
import { countQuantile } from "./count-quantile";

describe("countCdf", () => {
  it("matches the library negative binomial CDF and is what countQuantile inverts", () => {
    for (const [mean, size] of [[0.3, 0.5], [2, 4], [40, 10], [7, Infinity], [800, 3]] as const) {
      for (const level of [0.05, 0.1, 0.5, 0.9, 0.99]) {
        const k = countQuantile(level, mean, size, true);
        expect(countCdf(k, mean, size, true)).toBeGreaterThanOrEqual(level * (1 - 1e-9));
        if (k > 0) expect(countCdf(k - 1, mean, size, true)).toBeLessThan(level);
      }
      if (Number.isFinite(size)) expect(countCdf(3, mean, size, true)).toBeCloseTo(negativeBinomialCdf(3, size, size / (size + mean)), 10);
    }
  });
  it("is 0 below zero, 1 at or above zero for a zero mean, and continuous for fractional series", () => {
    expect(countCdf(-1, 2, 3, true)).toBe(0);
    expect(countCdf(0, 0, 3, true)).toBe(1);
    expect(countCdf(2.5, 2.5, 4, false)).toBeCloseTo(0.5, 12);
  });
});
