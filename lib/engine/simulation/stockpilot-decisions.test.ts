import { describe, expect, it } from "vitest";
import type { ActionKind, PlanException, RecommendedAction } from "../exceptions/exception-types";
import type { SeriesForecast } from "../types";
import { buildHandNetwork, handWorldCosts } from "./simulation-fixtures";
import { carryOutAction, chooseDecisions, type ForecastOverride, type SimulationGovernance } from "./stockpilot-decisions";
import { TwinWorld } from "./twin-world";

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

  it("keeps a decision on forecast drift the plan still finds but records below the bar: back above it, nobody is asked again", () => {
    const decided = new Map<string, PlanException>();
    const drift = { ...exception("H", "review-model", 200), id: "forecast-drift:H", type: "forecast-drift" as const };
    expect(chooseDecisions([drift], governance, 10, decided).human).toHaveLength(1);
    // Below the bar the next day: not raised, only monitored.
    chooseDecisions([], governance, 10, decided, new Set([drift.id]));
    expect(chooseDecisions([drift], governance, 10, decided).humanQueue).toBe(0);
    // Gone altogether, it is a new question when it comes back.
    chooseDecisions([], governance, 10, decided);
    expect(chooseDecisions([drift], governance, 10, decided).humanQueue).toBe(1);
  });

  it("leaves an item below the bar out of the capacity: the planners' places go to those above it", () => {
    const day = chooseDecisions([exception("E", "markdown", 5), exception("F", "markdown", 500), exception("G", "markdown", 400)], governance, 1, new Map());
    expect(day.human.map((item) => item.exception.id)).toEqual(["excess-stock:F"]);
    expect(day.humanQueue).toBe(2);
  });
});

describe("an approved forecast change in the twin", () => {
  const world = new TwinWorld(
    buildHandNetwork({ days: 10, historyDays: 28, dailyDemand: [10], onHand: [30], dcOnHand: 100, unitCost: 10, unitPrice: 20, casePack: 1, supplierLeadTimeDays: 5 }),
    handWorldCosts,
  );
  const today = world.twin.startDay;
  const statistical = (): SeriesForecast => ({ id: "S1|SKU1", method: "fixture", demandClass: "smooth", firstDay: today, mean: new Float64Array(28).fill(10), nbSize: 20, quantiles: [] });
  const adjust = (perDay: number, days: number): RecommendedAction => ({
    rank: 1,
    kind: "adjust-forecast",
    quantity: perDay,
    cost: 0,
    expectedBenefit: 1,
    netBenefit: 1,
    governanceValue: 1,
    pricing: { model: "capped-cover", unitActionCost: 0, unitBenefit: 1, coverableUnits: 10, unitGovernanceValue: 10, quantityDays: days },
    quantityBasis: 0,
  });
  const deviation: PlanException = { ...exception("S1|SKU1", "adjust-forecast", 1), type: "demand-deviation" };

  it("lasts the days the action was priced on, at the rate it states", () => {
    const overrides = new Map<string, ForecastOverride>();
    carryOutAction(world, deviation, adjust(3, 4), today, new Map([["S1|SKU1", statistical()]]), overrides);
    expect(overrides.get("S1|SKU1")).toEqual({ firstDay: today, lastDay: today + 3, factor: 1.3 });
  });

  it("replaces an earlier change instead of stacking on the forecast it already raised", () => {
    const overrides = new Map<string, ForecastOverride>([["S1|SKU1", { firstDay: today, lastDay: today + 3, factor: 1.3 }]]);
    // Today's forecast carries the earlier +30 %: 13 a day; the new action asks for 2 a day more than that.
    const forecast = statistical();
    forecast.mean.fill(13, 0, 4);
    carryOutAction(world, deviation, adjust(2, 4), today, new Map([["S1|SKU1", forecast]]), overrides);
    expect(overrides.get("S1|SKU1")!.factor).toBeCloseTo(1.5, 10);
  });
});
