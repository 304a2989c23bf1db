import { describe, expect, it } from "vitest";
import type { PlanException, RecommendedAction } from "./exception-types";
import { rankExceptions } from "./rank-exceptions";

const action = (kind: RecommendedAction["kind"], rank: number, references: Partial<RecommendedAction> = {}): RecommendedAction => ({
  rank,
  kind,
  quantity: 12,
  cost: 1,
  expectedBenefit: 10,
  netBenefit: 9,
  governanceValue: 72,
  pricing: { model: "fixed", cost: 1, expectedBenefit: 10, governanceValue: 72 },
  quantityBasis: 0,
  ...references,
});

const exception = (id: string, score: number, seriesId: string, actions: RecommendedAction[]): PlanException => ({
  id,
  type: "projected-stockout",
  seriesId,
  sku: "SKU7",
  score: { moneyAtRisk: score, urgency: 1, daysUntilImpact: 0, confidence: 1, score },
  drivers: [],
  rootCause: "",
  actions,
});

describe("rankExceptions", () => {
  it("proposes each action once: a transfer seen from both ends stays with the higher-ranked exception", () => {
    const shortAtSt1 = exception("stockout:ST1|SKU7", 90, "ST1|SKU7", [
      action("transfer-in", 1, { sourceId: "ST2", destinationId: "ST1" }),
      action("raise-order", 2, { destinationId: "ST1" }),
    ]);
    const excessAtSt2 = exception("excess:ST2|SKU7", 40, "ST2|SKU7", [
      action("transfer-out", 1, { sourceId: "ST2", destinationId: "ST1" }),
      action("markdown", 2, { sourceId: "ST2" }),
    ]);
    const deviationAtSt1 = exception("deviation:ST1|SKU7", 20, "ST1|SKU7", [action("adjust-forecast", 1), action("raise-order", 2, { destinationId: "ST1" })]);
    const ranked = rankExceptions([deviationAtSt1, excessAtSt2, shortAtSt1]);
    expect(ranked.map((entry) => entry.id)).toEqual(["stockout:ST1|SKU7", "excess:ST2|SKU7", "deviation:ST1|SKU7"]);
    expect(ranked[0]!.actions.map((entry) => entry.kind)).toEqual(["transfer-in", "raise-order"]);
    expect(ranked[1]!.actions.map((entry) => [entry.kind, entry.rank])).toEqual([["markdown", 1]]);
    expect(ranked[2]!.actions.map((entry) => [entry.kind, entry.rank])).toEqual([["adjust-forecast", 1]]);
  });
});
