import { describe, expect, it } from "vitest";
import { assessDecisionQualityTargets, type TargetInput } from "./decision-quality-targets";

const report = (overrides: Partial<TargetInput["exceptions"]> = {}, stockpilot = { inStockPct: 97, avgInventoryValue: 80, totalCost: 900 }): TargetInput => ({
  policies: { stockpilot, minmax: { inStockPct: 94, avgInventoryValue: 100, totalCost: 1000 } },
  exceptions: { precision: { projected_stockout: 0.7 }, recall: 0.8, churn: 0.05, perPlannerDay: 30, ...overrides },
});

describe("assessDecisionQualityTargets", () => {
  it("meets every target exactly at its limit", () => {
    const targets = assessDecisionQualityTargets(report({}, { inStockPct: 97, avgInventoryValue: 85, totalCost: 1000 }));
    expect(targets.map((target) => [target.id, target.met])).toEqual([
      ["in-stock", true],
      ["inventory", true],
      ["total-cost", true],
      ["planner-load", true],
      ["stockout-precision", true],
      ["recall", true],
      ["churn", true],
    ]);
    expect(targets.find((target) => target.id === "inventory")!.value).toBeCloseTo(-15, 12);
  });

  it("misses each target just past its limit", () => {
    const targets = assessDecisionQualityTargets(
      report({ precision: { projected_stockout: 0.69 }, recall: 0.79, churn: 0.051, perPlannerDay: 30.5 }, { inStockPct: 96.9, avgInventoryValue: 86, totalCost: 1000.01 }),
    );
    expect(targets.every((target) => target.met === false)).toBe(true);
  });

  it("leaves unmeasured targets open instead of judging them", () => {
    const targets = assessDecisionQualityTargets({ policies: {}, exceptions: { precision: {}, recall: null, churn: null, perPlannerDay: 0 } });
    expect(targets.every((target) => target.met === null && target.value === null)).toBe(true);
  });
});
