import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StockHolding } from "../allocation/stock-value";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";
import { fitDemandDistribution } from "../policy/demand-distribution";
import type { ActionPricing } from "./exception-types";
import { repriceAction } from "./reprice-action";

/**
 * A network that needs every kind of action: an empty DC, ST1 out of stock next to an overstocked
 * ST2, POs into both and a promotion at ST3.
 */
function unbalancedSnapshot(seed: number): PlanSnapshot {
  const base = buildSmallSnapshot(seed);
  const onHand = (locationId: string, current: number) => (locationId === "DC1" || locationId === "ST1" ? 0 : locationId === "ST2" ? 600 : current);
  return {
    ...base,
    stock: base.stock.map((row) => ({ ...row, onHand: onHand(row.locationId, row.onHand) })),
    purchaseOrders: [
      { purchaseOrderId: "PO-LATE", supplierId: "SUP1", locationId: "ST1", sku: "SKU1", quantity: 40, orderDay: base.asOf - 14, promisedDay: base.asOf - 5 },
      { purchaseOrderId: "PO-BIG", supplierId: "SUP1", locationId: "ST2", sku: "SKU2", quantity: 400, orderDay: base.asOf - 2, promisedDay: base.asOf + 5 },
    ],
    promotions: [{ id: "PROMO1", sku: "SKU3", locationIds: ["ST3"], startDay: base.asOf + 10, endDay: base.asOf + 20, expectedUplift: 3 }],
  };
}

/** Pricing as a plan run stores it with the recommendation (JSON text) and reads it back. */
const throughStorage = (pricing: ActionPricing): ActionPricing => JSON.parse(JSON.stringify(pricing)) as ActionPricing;

function figuresAt(pricing: ActionPricing, quantity: number) {
  const repriced = repriceAction(pricing, quantity);
  if (repriced.status !== "priced") throw new Error(`not priced: ${repriced.status}`);
  return repriced.figures;
}

const holding = fc.record({
  stock: fc.integer({ min: 0, max: 400 }),
  mean: fc.double({ min: 0, max: 200, noNaN: true }),
  dispersion: fc.double({ min: 1, max: 4, noNaN: true }),
  unitMargin: fc.double({ min: 0, max: 20, noNaN: true }),
  unitLeftoverCost: fc.double({ min: 0, max: 2, noNaN: true }),
});
const toHolding = (node: { stock: number; mean: number; dispersion: number; unitMargin: number; unitLeftoverCost: number }): StockHolding => ({
  stock: node.stock,
  demand: fitDemandDistribution(node.mean, node.mean * node.dispersion),
  unitMargin: node.unitMargin,
  unitLeftoverCost: node.unitLeftoverCost,
});

describe("repriceAction", () => {
  it("gives back exactly the plan's figures at the proposed quantity, for every action of whole plan runs", async () => {
    const kinds = new Set<string>();
    for (const seed of [1, 2, 3]) {
      const result = await runPlan(unbalancedSnapshot(seed), {}, flatForecastStep);
      for (const action of result.exceptions.flatMap((exception) => exception.actions)) {
        kinds.add(action.kind);
        expect(figuresAt(throughStorage(action.pricing), action.quantity)).toEqual({
          cost: action.cost,
          expectedBenefit: action.expectedBenefit,
          netBenefit: action.netBenefit,
          governanceValue: action.governanceValue,
        });
      }
    }
    expect([...kinds].sort()).toEqual(["adjust-forecast", "cancel-po", "cut-po", "markdown", "raise-order", "transfer-in", "transfer-out"]);
  });

  it("prices a stockout transfer-in on concave stock values: twice the units earn less than twice the benefit", () => {
    const pricing: ActionPricing = {
      model: "stock-transfer",
      laneUnitCost: 0.6,
      unitCost: 6,
      source: { stock: 300, demand: fitDemandDistribution(80, 160), unitMargin: 4, unitLeftoverCost: 0.05 },
      destination: { stock: 10, demand: fitDemandDistribution(120, 240), unitMargin: 4, unitLeftoverCost: 0.05 },
    };
    const single = figuresAt(pricing, 60);
    const double = figuresAt(pricing, 120);
    expect(single.expectedBenefit).toBeGreaterThan(0);
    expect(double.expectedBenefit).toBeGreaterThan(single.expectedBenefit);
    expect(double.expectedBenefit).toBeLessThan(2 * single.expectedBenefit);
    expect(double.cost).toBeCloseTo(2 * single.cost, 10);
    expect(double.governanceValue).toBe(720);
    expect(double.netBenefit).toBe(double.expectedBenefit - double.cost);
  });

  it("refuses to move more than the source holds", () => {
    const node: StockHolding = { stock: 24, demand: fitDemandDistribution(10, 20), unitMargin: 4, unitLeftoverCost: 0.05 };
    expect(repriceAction({ model: "stock-transfer", laneUnitCost: 0.6, unitCost: 6, source: node, destination: { ...node, stock: 0 } }, 25)).toEqual({
      status: "exceeds-source-stock",
      maxQuantity: 24,
    });
  });

  it("property: transfer benefit is 0 at 0 units and concave in the units moved", () => {
    fc.assert(
      fc.property(holding, holding, fc.integer({ min: 1, max: 40 }), (source, destination, step) => {
        const pricing: ActionPricing = { model: "stock-transfer", laneUnitCost: 0.5, unitCost: 5, source: toHolding(source), destination: toHolding(destination) };
        const benefit = (units: number) => figuresAt(pricing, units).expectedBenefit;
        expect(benefit(0)).toBe(0);
        for (let units = step; units + step <= source.stock; units += step) {
          const tolerance = 1e-7 * (1 + Math.abs(benefit(units)));
          expect(benefit(units + step) - benefit(units)).toBeLessThanOrEqual(benefit(units) - benefit(units - step) + tolerance);
        }
      }),
      { seed: 20_240_611, numRuns: 150 },
    );
  });

  it("property: raise-order benefit is non-decreasing and concave, and stops growing at the units that can be covered", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        (unitBenefit, coverableUnits, step) => {
          const pricing: ActionPricing = { model: "capped-cover", unitActionCost: 0, unitBenefit, coverableUnits, unitGovernanceValue: 6 };
          const benefit = (units: number) => figuresAt(pricing, units).expectedBenefit;
          for (let units = step; units <= 600; units += step) {
            const gain = benefit(units) - benefit(units - step);
            expect(gain).toBeGreaterThanOrEqual(0);
            if (units + step <= 600) expect(benefit(units + step) - benefit(units)).toBeLessThanOrEqual(gain + 1e-9);
          }
          expect(benefit(coverableUnits + 100)).toBe(benefit(coverableUnits));
          expect(figuresAt(pricing, 40).governanceValue).toBe(240);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });

  it("keeps a fixed-price action's figures whatever the quantity", () => {
    const pricing: ActionPricing = { model: "fixed", cost: 15, expectedBenefit: 90, governanceValue: 15 };
    expect(figuresAt(pricing, 3)).toEqual(figuresAt(pricing, 300));
    expect(figuresAt(pricing, 3)).toEqual({ cost: 15, expectedBenefit: 90, netBenefit: 75, governanceValue: 15 });
  });
});
