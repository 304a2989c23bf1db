import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { demandCdf, expectedShortfall, fitDemandDistribution } from "../policy/demand-distribution";
import { lateArrivalProbability, projectInventory } from "./project-inventory";

const forecast = (dailyMean: number, nbSize: number, days = 28) => ({ mean: new Float64Array(days).fill(dailyMean), nbSize });

describe("projectInventory", () => {
  it("median path of a fast mover is on hand + receipts − cumulative mean", () => {
    const projection = projectInventory({
      onHand: 500,
      forecast: forecast(40, 50),
      receipts: [{ dayOffset: 10, quantity: 200, reference: "PO-1" }],
      safetyStock: 100,
    });
    expect(projection.median[0]).toBeCloseTo(460, 9);
    expect(projection.median[9]).toBeCloseTo(100, 9);
    expect(projection.median[10]).toBeCloseTo(260, 9);
    // 500 + 200 − 40·(d+1) < 0 first at d = 17; day 9 sits exactly at 100, so below 100 first at d = 15.
    expect(projection.firstDayBelowZero).toBe(17);
    expect(projection.firstDayBelowSafetyStock).toBe(15);
    expect(projection.firstDayBelowZeroPessimistic).toBeLessThan(17);
    expect(projection.pessimistic[5]).toBeLessThan(projection.median[5] ?? 0);
  });

  it("without receipts, lost units are the loss function of horizon demand", () => {
    const projection = projectInventory({ onHand: 20, forecast: forecast(1, 4), receipts: [], safetyStock: 0 }, { riskWindowDays: 28 });
    const demand = fitDemandDistribution(28, 28 * (1 + 1 / 4));
    expect(projection.expectedLostUnits).toBeCloseTo(expectedShortfall(demand, 20), 9);
    expect(projection.expectedLostUnitsInRiskWindow).toBeCloseTo(projection.expectedLostUnits, 9);
  });

  it("more stock never raises stock-out probability or lost units", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0.05, max: 30, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        (onHand, extra, dailyMean, nbSize) => {
          const base = projectInventory({ onHand, forecast: forecast(dailyMean, nbSize), receipts: [], safetyStock: 0 });
          const more = projectInventory({ onHand: onHand + extra, forecast: forecast(dailyMean, nbSize), receipts: [], safetyStock: 0 });
          expect(more.stockoutProbability).toBeLessThanOrEqual(base.stockoutProbability + 1e-12);
          expect(more.expectedLostUnits).toBeLessThanOrEqual(base.expectedLostUnits + 1e-9);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it("an empty forecast gives a status, not an exception", () => {
    expect(projectInventory({ onHand: 3, forecast: forecast(1, 1, 0), receipts: [], safetyStock: 0 }).status).toBe(
      "empty-forecast",
    );
  });

  it("regular replenishment: from tomorrow's plan on, a node at or below its reorder point is brought up to S a lead time later, so the path stays up instead of running to −∞", () => {
    const replenishment = { reorderPoint: 46, orderUpToLevel: 120, checkEveryDays: 1, leadTimeDays: 2, firstCheckOffset: 1, casePack: 6 };
    const without = projectInventory({ onHand: 60, forecast: forecast(8, 40), receipts: [], safetyStock: 30 });
    const withRoutine = projectInventory({ onHand: 60, forecast: forecast(8, 40), receipts: [], safetyStock: 30, replenishment });
    // 60 − 8/day reaches the reorder point of 46 on day 1 (52 → 44 at the end of day 1): ordered then, it lands on day 3.
    expect(withRoutine.replenishments[0]?.dayOffset).toBe(3);
    for (const receipt of withRoutine.replenishments) expect(receipt.quantity % 6).toBe(0);
    // Never more than one order in flight at once when each brings the position back to S.
    const gaps = withRoutine.replenishments.slice(1).map((receipt, index) => receipt.dayOffset - withRoutine.replenishments[index]!.dayOffset);
    for (const gap of gaps) expect(gap).toBeGreaterThan(2);
    // Lost, not back-ordered: an empty shelf shows one day's shortfall, never the sum of all before.
    expect(Math.min(...without.median)).toBeGreaterThanOrEqual(-9);
    expect(Math.min(...withRoutine.median)).toBeGreaterThan(0);
    // Until the first routine order lands, both paths are the same.
    for (let day = 0; day < 3; day += 1) expect(withRoutine.median[day]).toBe(without.median[day]);
    expect(withRoutine.expectedLostUnits).toBeLessThan(without.expectedLostUnits);
  });

  it("regular replenishment orders nothing while the position stays above the reorder point", () => {
    const replenishment = { reorderPoint: 10, orderUpToLevel: 120, checkEveryDays: 1, leadTimeDays: 2, firstCheckOffset: 1, casePack: 6 };
    const projection = projectInventory({ onHand: 200, forecast: forecast(2, 28), receipts: [], safetyStock: 5, replenishment });
    expect(projection.replenishments).toEqual([]);
  });

  it("a DC shipment that may run a day late: the empty-shelf chance on its due day mixes the on-time and the late shelf", () => {
    // 3 on hand, a top-up of 6 due on day 2; demand 1 a day (Poisson). On time, day 2 needs 9 units of demand to empty the shelf; late, 3.
    const onTime = projectInventory({ onHand: 3, forecast: forecast(1, 1e6), receipts: [{ dayOffset: 2, quantity: 6, reference: "RP-1" }], safetyStock: 0 }, { riskWindowDays: 2, protectionDays: 3 });
    const mayBeLate = projectInventory(
      { onHand: 3, forecast: forecast(1, 1e6), receipts: [{ dayOffset: 2, quantity: 6, reference: "RP-1", lateProbability: 0.15 }], safetyStock: 0 },
      { riskWindowDays: 2, protectionDays: 3 },
    );
    const threeDays = fitDemandDistribution(3, 3 * (1 + 1 / 1e6));
    const twoDays = fitDemandDistribution(2, 2 * (1 + 1 / 1e6));
    const emptyByDayOne = 1 - demandCdf(twoDays, 2);
    const emptyOnTime = Math.max(emptyByDayOne, 1 - demandCdf(threeDays, 8));
    const emptyLate = Math.max(emptyByDayOne, 1 - demandCdf(threeDays, 2));
    expect(onTime.stockoutProbabilityInProtection).toBeCloseTo(emptyOnTime, 9);
    expect(mayBeLate.stockoutProbabilityInProtection).toBeCloseTo(0.85 * emptyOnTime + 0.15 * emptyLate, 9);
    expect(mayBeLate.stockoutProbabilityInProtection).toBeGreaterThan(onTime.stockoutProbabilityInProtection);
    // The paths and lost sales still count the shipment on its promise.
    expect([...mayBeLate.median]).toEqual([...onTime.median]);
  });

  it("a late chance changes nothing when the shelf holds out a day longer anyway, or when the shipment is due after the protection period", () => {
    const plenty = { onHand: 60, forecast: forecast(1, 1e6), safetyStock: 0 };
    const due = (dayOffset: number, lateProbability?: number) => [{ dayOffset, quantity: 6, reference: "RP-1", ...(lateProbability ? { lateProbability } : {}) }];
    expect(projectInventory({ ...plenty, receipts: due(2, 0.15) }, { riskWindowDays: 2, protectionDays: 3 }).stockoutProbabilityInProtection).toBeCloseTo(
      projectInventory({ ...plenty, receipts: due(2) }, { riskWindowDays: 2, protectionDays: 3 }).stockoutProbabilityInProtection,
      12,
    );
    const short = { onHand: 2, forecast: forecast(1, 1e6), safetyStock: 0 };
    expect(projectInventory({ ...short, receipts: due(5, 0.15) }, { riskWindowDays: 2, protectionDays: 3 }).stockoutProbabilityInProtection).toBe(
      projectInventory({ ...short, receipts: due(5) }, { riskWindowDays: 2, protectionDays: 3 }).stockoutProbabilityInProtection,
    );
  });

  it("routine top-ups carry the lane's late chance: a store that lives from its next top-up is more at risk when it may run late", () => {
    const replenishment = { reorderPoint: 4, orderUpToLevel: 4, checkEveryDays: 1, leadTimeDays: 2, firstCheckOffset: 1, casePack: 1 };
    const input = { onHand: 3, forecast: forecast(1, 1e6), receipts: [], safetyStock: 0 };
    const onTime = projectInventory({ ...input, replenishment }, { riskWindowDays: 2, protectionDays: 4 });
    const late = projectInventory({ ...input, replenishment: { ...replenishment, lateProbability: 0.15 } }, { riskWindowDays: 2, protectionDays: 4 });
    expect(late.replenishments).toEqual(onTime.replenishments);
    expect(late.stockoutProbabilityInProtection).toBeGreaterThan(onTime.stockoutProbabilityInProtection);
  });

  it("the lane's late chance: a normal lead time in whole days exceeds its rounded-up promise by half a day", () => {
    expect(lateArrivalProbability({ meanDays: 2, sdDays: 0.5 })).toBeCloseTo(0.158655, 5);
    expect(lateArrivalProbability({ meanDays: 1.6, sdDays: 0.3 })).toBeCloseTo(1 - 0.998650, 5);
    expect(lateArrivalProbability({ meanDays: 2, sdDays: 0 })).toBe(0);
  });
});
