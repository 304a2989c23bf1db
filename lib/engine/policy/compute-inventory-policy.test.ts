import poissonQuantile from "@stdlib/stats-base-dists-poisson-quantile";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeInventoryPolicy, type InventoryPolicyInput, levelWorthItsCost, openingInStockChance } from "./compute-inventory-policy";
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

describe("openingInStockChance", () => {
  const leadTimeDemand = fitDemandDistribution(1, 1.2);

  it("is the chance the lead time's demand leaves a unit, averaged over the positions a case-rounded top-up leaves", () => {
    expect(openingInStockChance(leadTimeDemand, 3, 1)).toBeCloseTo(demandCdf(leadTimeDemand, 2), 12);
    const overCase = [3, 4, 5, 6].reduce((sum, position) => sum + demandCdf(leadTimeDemand, position - 1), 0) / 4;
    expect(openingInStockChance(leadTimeDemand, 3, 4)).toBeCloseTo(overCase, 12);
    expect(openingInStockChance(leadTimeDemand, 0, 1)).toBe(0);
  });

  it("property: rises with the level and with the case pack, and stays a probability", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 20, noNaN: true }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 12 }), (mean, level, casePack) => {
        const demand = fitDemandDistribution(mean, mean * 1.3);
        const chance = openingInStockChance(demand, level, casePack);
        expect(chance).toBeGreaterThanOrEqual(0);
        expect(chance).toBeLessThanOrEqual(1 + 1e-12);
        expect(openingInStockChance(demand, level + 1, casePack)).toBeGreaterThanOrEqual(chance - 1e-12);
        expect(openingInStockChance(demand, level, casePack + 1)).toBeGreaterThanOrEqual(chance - 1e-12);
      }),
      { seed: 23, numRuns: 200 },
    );
  });
});

describe("levelWorthItsCost", () => {
  const leadTimeDemand = fitDemandDistribution(1, 1.6);
  const protectionDemand = fitDemandDistribution(1.5, 2.4);
  const serviceLevel = demandQuantile(protectionDemand, 0.993);
  const median = demandQuantile(protectionDemand, 0.5);
  const demandDays = dayWithDemandProbability(0.5, 6);
  const budget = (unitCost: number, casePack = 2, demandDayShare = demandDays, inStockPerDollar = 1e-4) =>
    levelWorthItsCost({ leadTimeDemand, protectionDemand, orderUpToLevel: serviceLevel, lowestLevel: median, casePack, unitCost, demandDayShare, inStockPerDollar });
  const gainOf = (level: number, casePack = 2) =>
    demandDays * (openingInStockChance(leadTimeDemand, level, casePack) - openingInStockChance(leadTimeDemand, level - 1, casePack));

  it("keeps a cheap series at its service level and lowers an expensive one to the last unit worth its cost", () => {
    expect(budget(2)).toBe(serviceLevel);
    const lowered = budget(200);
    expect(lowered).toBeLessThan(serviceLevel);
    expect(gainOf(lowered)).toBeGreaterThanOrEqual(1e-4 * 200);
    expect(gainOf(lowered + 1)).toBeLessThan(1e-4 * 200);
  });

  it("a store that receives whole cases sits above its level, so the same budget keeps a lower level", () => {
    const pairs = budget(60, 2);
    const inCases = budget(60, 6);
    expect(inCases).toBeLessThan(pairs);
    expect(gainOf(inCases, 6)).toBeGreaterThanOrEqual(1e-4 * 60);
    // …and the chance it opens with stock stays close to the pairs' one.
    expect(openingInStockChance(leadTimeDemand, inCases, 6)).toBeGreaterThanOrEqual(openingInStockChance(leadTimeDemand, pairs, 2) - 0.01);
  });

  it("must not: lower a series that sells more than a case per protection period (it is topped up near its level every day)", () => {
    expect(budget(1e9, 1)).toBe(serviceLevel);
    const fourADay = fitDemandDistribution(12, 16);
    const level = demandQuantile(fourADay, 0.993);
    expect(levelWorthItsCost({ leadTimeDemand: fitDemandDistribution(8, 11), protectionDemand: fourADay, orderUpToLevel: level, lowestLevel: 0, casePack: 6, unitCost: 1e9, demandDayShare: 1, inStockPerDollar: 1e-4 })).toBe(level);
    expect(levelWorthItsCost({ leadTimeDemand: fitDemandDistribution(8, 11), protectionDemand: fourADay, orderUpToLevel: level, lowestLevel: 0, casePack: 12, unitCost: 1e9, demandDayShare: 1, inStockPerDollar: 1e-4 })).toBeLessThan(level);
  });

  it("must not: go below the caller's lowest level or one unit, touch a fast mover's normal level, or act without a budget price", () => {
    expect(budget(1e9)).toBe(Math.max(1, median));
    expect(levelWorthItsCost({ leadTimeDemand, protectionDemand, orderUpToLevel: serviceLevel, lowestLevel: serviceLevel - 1, casePack: 2, unitCost: 1e9, demandDayShare: demandDays, inStockPerDollar: 1e-4 })).toBe(serviceLevel - 1);
    const verySlow = fitDemandDistribution(0.05, 0.05);
    expect(levelWorthItsCost({ leadTimeDemand: verySlow, protectionDemand: verySlow, orderUpToLevel: 2, lowestLevel: 0, casePack: 4, unitCost: 1e9, demandDayShare: 0.02, inStockPerDollar: 1e-4 })).toBe(1);
    const fastMover = fitDemandDistribution(60, 90);
    expect(levelWorthItsCost({ leadTimeDemand: fastMover, protectionDemand: fastMover, orderUpToLevel: 80, lowestLevel: 0, casePack: 6, unitCost: 1e9, demandDayShare: 1, inStockPerDollar: 1e-4 })).toBe(80);
    expect(budget(200, 6, demandDays, 0)).toBe(serviceLevel);
  });

  it("counts only the days with demand: a series that sells on few days buys fewer in-stock days per unit", () => {
    expect(budget(60, 2, 0.1)).toBeLessThan(budget(60, 2, 0.9));
  });

  it("property: never above the service level, never below the floor, and safety stock stays within the reorder point", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 8, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        fc.double({ min: 0.5, max: 400, noNaN: true }),
        fc.double({ min: 0, max: 1e-3, noNaN: true }),
        (dailyMean, casePack, unitCost, inStockPerDollar) => {
          const input: InventoryPolicyInput = {
            forecast: flatForecast(dailyMean, 4),
            leadTime: { meanDays: 2, sdDays: 0.5 },
            reviewPeriodDays: 1,
            serviceTarget: { kind: "cycle-service", level: 0.993 },
          };
          const policy = computeInventoryPolicy(input);
          const level = levelWorthItsCost({
            leadTimeDemand: policy.leadTimeDemand,
            protectionDemand: policy.protectionDemand,
            orderUpToLevel: policy.orderUpToLevel,
            lowestLevel: demandQuantile(policy.protectionDemand, 0.7) + 1,
            casePack,
            unitCost,
            demandDayShare: dayWithDemandProbability(dailyMean, 4),
            inStockPerDollar,
          });
          expect(level).toBeLessThanOrEqual(policy.orderUpToLevel);
          if (policy.protectionDemand.kind !== "normal") expect(level).toBeGreaterThanOrEqual(Math.min(Math.floor(policy.orderUpToLevel), Math.max(1, demandQuantile(policy.protectionDemand, 0.7) + 1)));
          const lowered = computeInventoryPolicy({ ...input, serviceTarget: { kind: "cycle-service", level: demandCdf(policy.protectionDemand, level) } });
          expect(lowered.orderUpToLevel).toBe(level === policy.orderUpToLevel ? policy.orderUpToLevel : level);
          expect(lowered.safetyStock).toBeLessThanOrEqual(lowered.reorderPoint + 1e-9);
        },
      ),
      { seed: 24, numRuns: 200 },
    );
  });
});
