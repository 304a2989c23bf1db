import { describe, expect, it } from "vitest";
import { defaultExceptionOptions, type ActionKind, type PlanException, type RecommendedAction } from "../../lib/engine/exceptions/exception-types";
import { DEFAULT_APPROVAL_POLICY_RULES } from "../../lib/server/governance/default-approval-policy";
import { simulationGovernance } from "./simulation-governance";

const bar = DEFAULT_APPROVAL_POLICY_RULES.minDecisionValue;

function action(kind: ActionKind, netBenefit: number, governanceValue = 50): RecommendedAction {
  return { rank: 1, kind, quantity: 1, cost: 0, expectedBenefit: netBenefit, netBenefit, governanceValue, pricing: { model: "fixed", cost: 0, expectedBenefit: netBenefit, governanceValue }, quantityBasis: 0 };
}
const exception = (confidence: number) =>
  ({ id: "x", type: "excess-stock", score: { moneyAtRisk: 1, urgency: 1, daysUntilImpact: 0, confidence, score: 1 }, drivers: [], rootCause: "", actions: [] }) satisfies PlanException;

describe("the simulator's governance is the product's", () => {
  it("puts the default policy's value bar on the action's net benefit", () => {
    expect(bar).toBeGreaterThan(0);
    expect(simulationGovernance.belowValueBar(action("markdown", bar - 0.01))).toBe(true);
    expect(simulationGovernance.belowValueBar(action("markdown", bar))).toBe(false);
  });

  it("asks about orders and expedites whatever they net: they protect sales", () => {
    expect(simulationGovernance.belowValueBar(action("raise-order", 1))).toBe(false);
    expect(simulationGovernance.belowValueBar(action("expedite-po", 1))).toBe(false);
    expect(simulationGovernance.belowValueBar(action("cut-po", 1))).toBe(true);
  });

  it("never lets the bar or its value turn a markdown or a supplier commitment into an automatic one", () => {
    for (const kind of ["markdown", "raise-order", "expedite-po", "cut-po", "cancel-po", "confirm-po"] as const) {
      expect(simulationGovernance.routeAction(action(kind, 1, 1), exception(0.95))).not.toBe("auto");
    }
  });

  it("approves a small, confident forecast change on its own, whatever it nets", () => {
    expect(simulationGovernance.routeAction(action("adjust-forecast", 1, 10), exception(0.95))).toBe("auto");
  });
});

describe("the engine's value bar", () => {
  it("defaults to the default policy's, which plan runs replace with the active policy's", () => {
    expect(defaultExceptionOptions.minDecisionValue).toBe(bar);
  });
});
