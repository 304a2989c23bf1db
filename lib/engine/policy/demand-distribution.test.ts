import { describe, expect, it } from "vitest";
import { dailyDemandVariance, dayWithDemandProbability, demandVariance, expectedShortfall, fitDemandDistribution, standardNormalLoss } from "./demand-distribution";

describe("fitDemandDistribution", () => {
  it("uses Poisson without over-dispersion, negative binomial with it, normal for fast movers", () => {
    expect(fitDemandDistribution(4, 4).kind).toBe("poisson");
    const negativeBinomial = fitDemandDistribution(4, 10);
    expect(negativeBinomial.kind).toBe("negative-binomial");
    expect(demandVariance(negativeBinomial)).toBeCloseTo(10, 9);
    expect(fitDemandDistribution(100, 400)).toEqual({ kind: "normal", mean: 100, sd: 20 });
  });
});

describe("dailyDemandVariance", () => {
  it("adds mean²/size to the mean for a finite positive size, and nothing for the Poisson limit or a degenerate size", () => {
    expect(dailyDemandVariance(4, 2)).toBe(12);
    expect(dailyDemandVariance(4, Number.POSITIVE_INFINITY)).toBe(4);
    expect(dailyDemandVariance(4, 0)).toBe(4);
    expect(dailyDemandVariance(4, Number.NaN)).toBe(4);
    expect(dailyDemandVariance(0, 0)).toBe(0);
  });
});

describe("dayWithDemandProbability", () => {
  it("is one minus the chance of a zero day: Poisson e^−m, negative binomial (k/(k+m))^k", () => {
    expect(dayWithDemandProbability(0.5, Number.POSITIVE_INFINITY)).toBeCloseTo(1 - Math.exp(-0.5), 12);
    expect(dayWithDemandProbability(0.5, 2)).toBeCloseTo(1 - (2 / 2.5) ** 2, 12);
    expect(dayWithDemandProbability(0, 2)).toBe(0);
  });
});

describe("expectedShortfall", () => {
  it("matches the standard normal loss table: G(0) = 0.3989, G(1) = 0.0833", () => {
    expect(standardNormalLoss(0)).toBeCloseTo(0.398942, 6);
    expect(standardNormalLoss(1)).toBeCloseTo(0.083315, 6);
  });

  it("discrete loss equals the direct sum Σ (k − s) p(k)", () => {
    const poisson = fitDemandDistribution(3, 3);
    let direct = 0;
    let probability = Math.exp(-3);
    for (let k = 0; k < 80; k += 1) {
      if (k > 0) probability *= 3 / k;
      direct += Math.max(0, k - 4) * probability;
    }
    expect(expectedShortfall(poisson, 4)).toBeCloseTo(direct, 10);
    expect(expectedShortfall(poisson, 0)).toBeCloseTo(3, 12);
  });
});

describe("demandQuantile (pmf walk) against stdlib", () => {
  it("matches the stdlib Poisson and negative-binomial quantiles", async () => {
    const { default: poissonQuantile } = await import("@stdlib/stats-base-dists-poisson-quantile");
    const { default: negativeBinomialQuantile } = await import("@stdlib/stats-base-dists-negative-binomial-quantile");
    const { demandQuantile } = await import("./demand-distribution");
    for (const mean of [0.05, 0.7, 3, 12.5, 29]) {
      for (const level of [0.1, 0.5, 0.9, 0.95, 0.995]) {
        expect(demandQuantile({ kind: "poisson", mean }, level)).toBe(poissonQuantile(level, mean) + 0);
        const negativeBinomial = fitDemandDistribution(mean, mean * 3);
        if (negativeBinomial.kind !== "negative-binomial") throw new Error("expected negative binomial");
        expect(demandQuantile(negativeBinomial, level)).toBe(
          negativeBinomialQuantile(level, negativeBinomial.size, negativeBinomial.successProbability) + 0,
        );
      }
    }
  });
});
