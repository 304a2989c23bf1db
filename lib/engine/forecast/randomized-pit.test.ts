import { describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random";
import type { QuantileCalibration } from "./calibrate-quantile-levels";
import { countCdf } from "./count-cdf";
import { countQuantile } from "./count-quantile";
import { calibratedCdf, pitBelow } from "./randomized-pit";
import { sampleNegativeBinomial } from "./sample-demand";

describe("calibratedCdf", () => {
  it("is the distribution's own CDF without a calibration", () => {
    expect(calibratedCdf(2, 1.3, 2, true, undefined, "intermittent")).toBeCloseTo(countCdf(2, 1.3, 2, true), 12);
  });

  it("has the published quantiles as its quantiles: G(Q(g(τ)) − 1) < τ ≤ G(Q(g(τ)))", () => {
    const calibration: QuantileCalibration = { levels: [0.1, 0.5, 0.9], byClass: { lumpy: [0.2, 0.5, 0.84] } };
    for (const mean of [0.2, 0.9, 3, 12]) {
      for (const [level, mapped] of [[0.1, 0.2], [0.5, 0.5], [0.9, 0.84]] as const) {
        const q = countQuantile(mapped, mean, 1.5, true);
        expect(calibratedCdf(q, mean, 1.5, true, calibration, "lumpy")).toBeGreaterThanOrEqual(level - 1e-12);
        expect(calibratedCdf(q - 1, mean, 1.5, true, calibration, "lumpy")).toBeLessThan(level);
      }
    }
  });
});

describe("pitBelow", () => {
  it("is uniform for counts drawn from the forecast distribution even when P(0) is far above 10 %", () => {
    const random = seededRandom(3);
    const levels = [0.1, 0.3, 0.5, 0.9];
    const sums = levels.map(() => 0);
    let zeros = 0;
    const draws = 40000;
    for (let i = 0; i < draws; i++) {
      const mean = 0.05 + 0.6 * random();
      const y = sampleNegativeBinomial(random, mean, 0.7);
      if (y === 0) zeros++;
      levels.forEach((level, j) => (sums[j]! += pitBelow(level, y, mean, 0.7, true, undefined, "intermittent")));
    }
    expect(zeros / draws).toBeGreaterThan(0.7);
    levels.forEach((level, j) => expect(sums[j]! / draws).toBeCloseTo(level, 2));
  });

  it("shows a too-wide forecast: too few PIT values in the tails", () => {
    const random = seededRandom(4);
    let low = 0, high = 0;
    const draws = 20000;
    for (let i = 0; i < draws; i++) {
      const y = sampleNegativeBinomial(random, 4, 50);
      low += pitBelow(0.1, y, 4, 0.8, true, undefined, "smooth");
      high += 1 - pitBelow(0.9, y, 4, 0.8, true, undefined, "smooth");
    }
    expect(low / draws).toBeLessThan(0.05);
    expect(high / draws).toBeLessThan(0.07);
  });

  it("is a step for fractional units", () => {
    expect(pitBelow(0.5, 1, 3, Infinity, false, undefined, "smooth")).toBe(1);
    expect(pitBelow(0.5, 5, 3, Infinity, false, undefined, "smooth")).toBe(0);
  });
});
