import { describe, expect, it } from "vitest";
import type { PlanException, RecommendedAction } from "../exceptions/exception-types";
import type { PlanResult } from "../plan/plan-types";
import { FollowedRunLog } from "./exception-quality";
import { buildHandNetwork, handWorldCosts } from "./simulation-fixtures";
import { TwinWorld } from "./twin-world";

const world = () =>
  new TwinWorld(
    buildHandNetwork({ days: 5, historyDays: 28, dailyDemand: [2], onHand: [10], dcOnHand: 50, unitCost: 10, unitPrice: 20, casePack: 1, supplierLeadTimeDays: 5 }),
    handWorldCosts,
  );

function plan(kind: RecommendedAction["kind"], quantity: number, expectedBenefit: number): PlanResult {
  const action: RecommendedAction = {
    rank: 1,
    kind,
    quantity,
    destinationId: "S1",
    cost: 0,
    expectedBenefit,
    netBenefit: expectedBenefit,
    governanceValue: quantity * 10,
    pricing: { model: "fixed", cost: 0, expectedBenefit, governanceValue: quantity * 10 },
    quantityBasis: 0,
  };
  const exception: PlanException = {
    id: "projected-stockout:S1|SKU1",
    type: "projected-stockout",
    seriesId: "S1|SKU1",
    locationId: "S1",
    sku: "SKU1",
    score: { moneyAtRisk: expectedBenefit, urgency: 1, daysUntilImpact: 0, confidence: 0.9, score: expectedBenefit * 0.9 },
    drivers: [],
    rootCause: "",
    actions: [action],
  };
  return { status: "ok", asOf: 20_000, series: [], exceptions: [exception], driftFindings: [], allocations: [], transfers: [], timings: { forecast: 0, policy: 0, allocation: 0, exceptions: 0, total: 0 }, skipped: [] };
}

describe("churn as the queue shows it", () => {
  it("a pending recommendation that moved less than the material share stays as shown; the engine's raw churn still counts it", () => {
    const log = new FollowedRunLog(world());
    log.recordPlan(plan("raise-order", 100, 200));
    log.recordPlan(plan("raise-order", 115, 210));
    log.recordPlan(plan("raise-order", 118, 215));
    const summary = log.summary(1);
    expect(summary.consecutivePairs).toBe(2);
    expect(summary.churn).toBe(0);
    // 100 → 115 changed by more than the 10 % tolerance; 115 → 118 did not.
    expect(summary.engineChurn).toBe(0.5);
  });

  it("must count a material move of the quantity and a change of action", () => {
    const moved = new FollowedRunLog(world());
    moved.recordPlan(plan("raise-order", 100, 200));
    moved.recordPlan(plan("raise-order", 130, 200));
    expect(moved.summary(1).churn).toBe(1);
    const switched = new FollowedRunLog(world());
    switched.recordPlan(plan("raise-order", 100, 200));
    switched.recordPlan(plan("expedite-po", 100, 200));
    expect(switched.summary(1).churn).toBe(1);
    expect(switched.summary(1).churnByType).toEqual({ projected_stockout: 1 });
  });

  it("a small drift that adds up past the material share is churn once it gets there", () => {
    const log = new FollowedRunLog(world());
    for (const quantity of [100, 110, 118, 125]) log.recordPlan(plan("raise-order", quantity, 200));
    // Shown stays 100 until 125 is more than 20 % above it.
    const summary = log.summary(1);
    expect(summary.consecutivePairs).toBe(3);
    expect(summary.churn).toBeCloseTo(1 / 3, 10);
  });

  it("must not count two unchanged actions that swap ranks: each is its own recommendation", () => {
    const two = (first: string, second: string): PlanResult => {
      const base = plan("raise-order", 100, 200);
      const action = base.exceptions[0]!.actions[0]!;
      const at = (destinationId: string, rank: number) => ({ ...action, destinationId, rank });
      return { ...base, exceptions: [{ ...base.exceptions[0]!, actions: [at(first, 1), at(second, 2)] }] };
    };
    const log = new FollowedRunLog(world());
    log.recordPlan(two("S1", "S2"));
    log.recordPlan(two("S2", "S1"));
    expect(log.summary(1).churn).toBe(0);
    expect(log.summary(1).engineChurn).toBe(0);
  });
});
