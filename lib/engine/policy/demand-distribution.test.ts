import { describe, expect, it } from "vitest";
import { demandVariance, expectedShortfall, fitDemandDistribution, standardNormalLoss } from "./demand-distribution";

describe("fitDemandDistribution", () => {
  it("uses Poisson without over-dispersion, negative binomial with it, normal for fast movers", () => {
    expect(fitDemandDistribution(4, 4).kind).toBe("poisson");
    const negativeBinomial = fitDemandDistribution(4, 10);
    expect(negativeBinomial.kind).toBe("negative-binomial");
    expect(demandVariance(negativeBinomial)).toBeCloseTo(10, 9);
    expect(fitDemandDistribution(100, 400)).toEqual({ kind: "normal", mean: 100, sd: 20 });
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
