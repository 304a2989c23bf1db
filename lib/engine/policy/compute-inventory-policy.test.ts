import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInventoryPolicy, type InventoryPolicyInput, levelWorthItsCost } from "./compute-inventory-policy";
import { dayWithDemandProbability, demandCdf, demandQuantile, expectedShortfall, fitDemandDistribution } from "./demand-distribution";

const flatForecast = (dailyMean: number, nbSize: number, days = 56) => ({
  mean: new Float64Array(days).fill(dailyMean),
  nbSize,
});

describe("computeInventoryPolicy", () => {
  it("slow mover with Poisson error: S is the Poisson quantile of protection-period demand", () => {
    const policy = computeInventoryPolicy({
      forecast: flatForecast(2, Infinity),
      leadTime: { meanDays: 5, sdDays: 0 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "cycle-service", level: 0.95 },
    });
    expect(policy.protectionDemand.kind).toBe("poisson");
    expect(policy.orderUpToLevel).toBe(poissonQuantile(0.95, 24));
    expect(policy.safetyStock).toBe(poissonQuantile(0.95, 24) - 24);
    expect(policy.reorderPoint).toBe(10 + policy.safetyStock);
  });

  it("fast mover: variance from forecast error plus lead-time spread, normal quantile", () => {
    const policy = computeInventoryPolicy({
      forecast: flatForecast(20, 10),
      leadTime: { meanDays: 7, sdDays: 2 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "cycle-service", level: 0.95 },
    });
    // 14 days × (20 + 20²/10) + 20² × 2² = 840 + 1600.
    const sd = Math.sqrt(2440);
    expect(policy.protectionDemand).toEqual({ kind: "normal", mean: 280, sd });
    expect(policy.orderUpToLevel).toBeCloseTo(280 + 1.6448536 * sd, 4);
    expect(policy.achievedCycleService).toBeCloseTo(0.95, 9);
  });

  it("fill-rate target: smallest discrete S meeting the loss-function condition", () => {
    const input: InventoryPolicyInput = {
      forecast: flatForecast(1.5, 2),
      leadTime: { meanDays: 4, sdDays: 1 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "fill-rate", level: 0.98 },
    };
    const policy = computeInventoryPolicy(input);
    expect(policy.protectionDemand.kind).toBe("negative-binomial");
    const allowed = 0.02 * policy.reviewPeriodMeanDemand;
    expect(expectedShortfall(policy.protectionDemand, policy.orderUpToLevel)).toBeLessThanOrEqual(allowed);
    expect(expectedShortfall(policy.protectionDemand, policy.orderUpToLevel - 1)).toBeGreaterThan(allowed);
    expect(policy.achievedFillRate).toBeGreaterThanOrEqual(0.98);
  });

  it("normal fill rate: achieved fill rate equals the target", () => {
    const policy = computeInventoryPolicy({
      forecast: flatForecast(40, 20),
      leadTime: { meanDays: 3, sdDays: 0.5 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "fill-rate", level: 0.99 },
    });
    expect(policy.achievedFillRate).toBeCloseTo(0.99, 6);
  });

  it("more forecast error or lead-time spread means more safety stock", () => {
    const base = {
      leadTime: { meanDays: 7, sdDays: 1 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "cycle-service", level: 0.95 },
    } as const;
    const accurate = computeInventoryPolicy({ ...base, forecast: flatForecast(10, 50) });
    const noisy = computeInventoryPolicy({ ...base, forecast: flatForecast(10, 2) });
    const unreliable = computeInventoryPolicy({ ...base, forecast: flatForecast(10, 50), leadTime: { meanDays: 7, sdDays: 4 } });
    expect(noisy.safetyStock).toBeGreaterThan(accurate.safetyStock);
    expect(unreliable.safetyStock).toBeGreaterThan(accurate.safetyStock);
  });

  it("no demand gives a zero policy with status", () => {
    const policy = computeInventoryPolicy({
      forecast: flatForecast(0, Infinity),
      leadTime: { meanDays: 7, sdDays: 1 },
      reviewPeriodDays: 7,
      serviceTarget: { kind: "cycle-service", level: 0.95 },
    });
    expect(policy.status).toBe("no-demand");
    expect(policy.orderUpToLevel).toBe(0);
  });

  it("property: 0 ≤ safety stock ≤ reorder point ≤ order-up-to level, whatever the demand, lead time and target", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 80, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.oneof(fc.double({ min: 0.3, max: 200, noNaN: true }), fc.constant(Infinity)),
        fc.double({ min: 0, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 14 }),
        fc.record({ kind: fc.constantFrom("cycle-service" as const, "fill-rate" as const), level: fc.double({ min: 0.5, max: 0.999, noNaN: true }) }),
        (means, nbSize, leadMean, leadSd, reviewPeriodDays, serviceTarget) => {
          const policy = computeInventoryPolicy({
            forecast: { mean: Float64Array.from(means), nbSize },
            leadTime: { meanDays: leadMean, sdDays: leadSd },
            reviewPeriodDays,
            serviceTarget,
          });
          expect(policy.safetyStock).toBeGreaterThanOrEqual(0);
          expect(policy.safetyStock).toBeLessThanOrEqual(policy.reorderPoint + 1e-9);
          expect(policy.reorderPoint).toBeLessThanOrEqual(policy.orderUpToLevel + 1e-9);
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe("levelWorthItsCost", () => {
  const slowMover = fitDemandDistribution(1.5, 2.4);
  const serviceLevel = demandQuantile(slowMover, 0.993);
  const demandDays = dayWithDemandProbability(0.5, 6);
  const gainOf = (level: number) => demandDays * (demandCdf(slowMover, level) - demandCdf(slowMover, level - 1));

  it("keeps a cheap series at its service level and lowers an expensive one to the last unit worth its cost", () => {
    expect(levelWorthItsCost(slowMover, serviceLevel, 2, demandDays, 1e-4)).toBe(serviceLevel);
    const lowered = levelWorthItsCost(slowMover, serviceLevel, 200, demandDays, 1e-4);
    expect(lowered).toBeLessThan(serviceLevel);
    expect(gainOf(lowered)).toBeGreaterThanOrEqual(1e-4 * 200);
    expect(gainOf(lowered + 1)).toBeLessThan(1e-4 * 200);
  });

  it("must not: go below the median demand, touch a fast mover's normal level, or act without a budget price", () => {
    expect(levelWorthItsCost(slowMover, serviceLevel, 1e9, demandDays, 1e-4)).toBe(demandQuantile(slowMover, 0.5));
    const fastMover = fitDemandDistribution(60, 90);
    expect(levelWorthItsCost(fastMover, 80, 1e9, 1, 1e-4)).toBe(80);
    expect(levelWorthItsCost(slowMover, serviceLevel, 200, demandDays, 0)).toBe(serviceLevel);
  });

  it("counts only the days with demand: a series that sells on few days buys fewer in-stock days per unit", () => {
    const often = levelWorthItsCost(slowMover, serviceLevel, 60, 0.9, 1e-4);
    const rarely = levelWorthItsCost(slowMover, serviceLevel, 60, 0.1, 1e-4);
    expect(rarely).toBeLessThan(often);
  });
});
