import { describe, expect, it } from "vitest";
import type { ActionKind, PlanException } from "../exceptions/exception-types";
import { chooseDecisions, type SimulationGovernance } from "./stockpilot-decisions";

const BAR = 75;

/** Counts and forecast changes are approved by the system; everything else needs a person; the bar is BAR net. */
const governance: SimulationGovernance = {
  routeAction: (action) => (action.kind === "cycle-count" || action.kind === "adjust-forecast" ? "auto" : "planner"),
  belowValueBar: (action) => action.netBenefit < BAR,
  decisionStands: () => true,
};

function exception(id: string, kind: ActionKind, netBenefit: number): PlanException {
  return {
    id: `excess-stock:${id}`,
    type: "excess-stock",
    seriesId: id,
    score: { moneyAtRisk: netBenefit, urgency: 1, daysUntilImpact: 0, confidence: 0.9, score: netBenefit },
    drivers: [],
    rootCause: "",
    actions: [
      { rank: 1, kind, quantity: 1, cost: 0, expectedBenefit: netBenefit, netBenefit, governanceValue: 10, pricing: { model: "fixed", cost: 0, expectedBenefit: netBenefit, governanceValue: 10 }, quantityBasis: 0 },
    ],
  };
}

describe("the value bar in the simulated day", () => {
  it("asks nobody about an action that needs a person but nets less than the bar, and does not carry it out", () => {
    const day = chooseDecisions([exception("A", "markdown", BAR - 1), exception("B", "markdown", BAR)], governance, 10, new Map());
    expect(day.belowValueBar).toBe(1);
    expect(day.humanQueueIds).toEqual(["excess-stock:B"]);
    expect(day.human.map((item) => item.exception.id)).toEqual(["excess-stock:B"]);
    expect(day.auto).toEqual([]);
  });

  it("still lets the system carry out what it may approve, however little it nets", () => {
    const day = chooseDecisions([exception("C", "adjust-forecast", 1)], governance, 10, new Map());
    expect(day.auto.map((item) => item.exception.id)).toEqual(["excess-stock:C"]);
    expect(day.belowValueBar).toBe(0);
  });

  it("asks about an item once its value passes the bar, and never counts it as decided while below", () => {
    const decided = new Map<string, PlanException>();
    chooseDecisions([exception("D", "cut-po", 10)], governance, 10, decided);
    expect(decided.size).toBe(0);
    const later = chooseDecisions([exception("D", "cut-po", 200)], governance, 10, decided);
    expect(later.humanQueueIds).toEqual(["excess-stock:D"]);
    expect(later.human).toHaveLength(1);
  });

  it("leaves an item below the bar out of the capacity: the planners' places go to those above it", () => {
    const day = chooseDecisions([exception("E", "markdown", 5), exception("F", "markdown", 500), exception("G", "markdown", 400)], governance, 1, new Map());
    expect(day.human.map((item) => item.exception.id)).toEqual(["excess-stock:F"]);
    expect(day.humanQueue).toBe(2);
  });
});
