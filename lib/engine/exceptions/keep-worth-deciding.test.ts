import { describe, expect, it } from "vitest";
import type { ActionKind, ExceptionType, PlanException, RecommendedAction } from "./exception-types";
import { keepWorthDeciding } from "./keep-worth-deciding";

const bar = { minDecisionValue: 75 };

function action(kind: ActionKind, netBenefit: number): RecommendedAction {
  return { rank: 1, kind, quantity: 1, cost: 0, expectedBenefit: netBenefit, netBenefit, governanceValue: 10, pricing: { model: "fixed", cost: 0, expectedBenefit: netBenefit, governanceValue: 10 }, quantityBasis: 0 };
}
const exception = (type: ExceptionType, ...actions: RecommendedAction[]): PlanException => ({
  id: `${type}:${actions.map((one) => one.kind).join("+")}`,
  type,
  score: { moneyAtRisk: 100, urgency: 1, daysUntilImpact: 3, confidence: 0.5, score: 50 },
  drivers: [],
  rootCause: "",
  actions,
});

describe("keepWorthDeciding", () => {
  it("leaves out excess whose markdowns and cuts all net less than the value bar", () => {
    expect(keepWorthDeciding([exception("excess-stock", action("cancel-po", 12), action("cut-po", 8))], bar)).toEqual([]);
    expect(keepWorthDeciding([exception("excess-stock", action("markdown", 74.99))], bar)).toEqual([]);
  });

  it("keeps excess with one action at or above the bar", () => {
    const kept = exception("excess-stock", action("cut-po", 20), action("markdown", 75));
    expect(keepWorthDeciding([kept], bar)).toEqual([kept]);
  });

  it("keeps excess with a transfer, which the approval policy may carry out on its own whatever it nets", () => {
    const kept = exception("excess-stock", action("transfer-out", 5));
    expect(keepWorthDeciding([kept], bar)).toEqual([kept]);
  });

  it("keeps risks whatever their actions net, and those with no action at all", () => {
    const risks = [
      exception("projected-stockout", action("raise-order", 3)),
      exception("projected-stockout"),
      exception("inventory-inaccuracy", action("cycle-count", 2)),
      exception("supplier-delay", action("confirm-po", 1)),
    ];
    expect(keepWorthDeciding(risks, bar)).toEqual(risks);
  });
});
