import { describe, expect, it } from "vitest";
import { expectedShortfall, fitDemandDistribution } from "./demand-distribution";
import { solveNewsvendor } from "./solve-newsvendor";

describe("solveNewsvendor", () => {
  it("known answer: holding 2, stock-out 18, demand N(120, 10)", () => {
    const result = solveNewsvendor({ holdingCost: 2, stockoutCost: 18, demand: { kind: "normal", mean: 120, sd: 10 } });
    if (result.status !== "ok") throw new Error(result.status);
    expect(result.criticalRatio).toBeCloseTo(0.9, 12);
    expect(result.orderUpTo).toBeCloseTo(132.8155, 4);
    expect(result.expectedCost).toBeCloseTo(35.0997, 4);
  });

  it("discrete demand: the quantile minimises expected cost over all integer stock levels", () => {
    const demand = fitDemandDistribution(6, 15);
    expect(demand.kind).toBe("negative-binomial");
    const result = solveNewsvendor({ holdingCost: 3, stockoutCost: 7, demand });
    if (result.status !== "ok") throw new Error(result.status);
    const cost = (stock: number) => {
      const short = expectedShortfall(demand, stock);
      return 3 * (stock - demand.mean + short) + 7 * short;
    };
    let bestStock = 0;
    for (let stock = 1; stock <= 60; stock += 1) if (cost(stock) < cost(bestStock) - 1e-12) bestStock = stock;
    expect(result.orderUpTo).toBe(bestStock);
    expect(result.expectedCost).toBeCloseTo(cost(bestStock), 9);
  });

  it("rejects non-positive costs with a status", () => {
    expect(solveNewsvendor({ holdingCost: 0, stockoutCost: 1, demand: { kind: "poisson", mean: 3 } }).status).toBe(
      "invalid-costs",
    );
  });
});
