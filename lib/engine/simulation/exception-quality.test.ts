import { describe, expect, it } from "vitest";
import { defaultExceptionOptions, type PlanException } from "../exceptions/exception-types";
import { makeDriver } from "../exceptions/make-driver";
import type { PlanResult } from "../plan/plan-types";
import { emptyShelfChance, NoActionClaims } from "./exception-quality";
import { buildHandNetwork, handWorldCosts } from "./simulation-fixtures";
import { TwinWorld } from "./twin-world";

/** Two stores selling SKU1 at a margin of $15 a unit (price $25, cost $10); DC→store lead time 2 days. */
const world = () =>
  new TwinWorld(
    buildHandNetwork({ days: 10, historyDays: 28, dailyDemand: [2, 1], onHand: [10, 10], dcOnHand: 50, unitCost: 10, unitPrice: 25, casePack: 1, supplierLeadTimeDays: 5 }),
    handWorldCosts,
  );
const LEAD_TIME_DAYS = 2;

/** A plan whose only content is stock-out claims on these stores, each over a 9-day window. */
function claims(stores: readonly string[]): PlanResult {
  const exceptions: PlanException[] = stores.map((store) => ({
    id: `projected-stockout:${store}|SKU1`,
    type: "projected-stockout",
    seriesId: `${store}|SKU1`,
    locationId: store,
    sku: "SKU1",
    score: { moneyAtRisk: 100, urgency: 1, daysUntilImpact: 3, confidence: 0.9, score: 90 },
    drivers: [makeDriver("protection-days", "lead time + review", 9, "days")],
    rootCause: "",
    actions: [],
  }));
  return { series: [], exceptions } as unknown as PlanResult;
}

/**
 * Day by day: S1 is flagged on day 1 and runs out on days 4–5 (5 units lost: in time, a lead time
 * after the flag); S2 is flagged only on day 5 and runs out on day 6 (1 unit: one day's notice is too
 * late). Count recall 1 of 2; by lost margin $75 of $90.
 */
function runDays(): ReturnType<NoActionClaims["settle"]> {
  const twinWorld = world();
  const noAction = new NoActionClaims(twinWorld, defaultExceptionOptions, LEAD_TIME_DAYS);
  const count = twinWorld.twin.series.length;
  const lostOn: Record<number, [number, number]> = { 4: [3, 0], 5: [2, 0], 6: [0, 1] };
  for (let day = 0; day < twinWorld.twin.days; day += 1) {
    const today = twinWorld.twin.startDay + day;
    const plan = claims(day === 1 ? ["S1"] : day === 5 ? ["S2"] : []);
    noAction.recordPlan(day, today, plan);
    noAction.recordShipped(day, plan);
    const lost = new Float64Array(count);
    const [s1, s2] = lostOn[day] ?? [0, 0];
    lost[twinWorld.seriesIndex.get("S1|SKU1")!] = s1;
    lost[twinWorld.seriesIndex.get("S2|SKU1")!] = s2;
    noAction.recordTrade(day, lost, today);
  }
  return noAction.settle();
}

describe("stock-out recall weighted by lost margin", () => {
  it("is the share of the episodes' lost margin flagged in time, beside the unchanged count", () => {
    const settled = runDays();
    expect(settled.stockoutEpisodes).toBe(2);
    expect(settled.recall).toBe(0.5);
    expect(settled.stockoutEpisodeLostMargin).toBe(5 * 15 + 1 * 15);
    expect(settled.marginWeightedRecall).toBeCloseTo(75 / 90, 12);
    expect(settled.stockoutEpisodeCauses.flagged).toBe(1);
    expect(settled.stockoutEpisodeCauses["flagged-too-late"]).toBe(1);
  });
});

describe("claims on the true chance of an empty shelf", () => {
  it("is the chance the shelf is empty at the end of some day, arrivals counted only from the day they come", () => {
    expect(emptyShelfChance(1, [0], [0.5])).toBeCloseTo(1 - Math.exp(-0.5), 12);
    // No arrivals: empty by day 2 exactly when two days' demand reaches the stock.
    expect(emptyShelfChance(2, [0, 0], [1, 1])).toBeCloseTo(1 - 3 * Math.exp(-2), 12);
    // Five units tomorrow do not undo an empty shelf today.
    expect(emptyShelfChance(1, [0, 5], [1, 0])).toBeCloseTo(1 - Math.exp(-1), 12);
    // Stock shipped out beyond what the shelf holds empties it whatever the demand.
    expect(emptyShelfChance(3, [0, -4], [0, 0])).toBe(1);
  });

  it("reads precision and recall by the engine's claims' rules, at each threshold of the true chance", () => {
    // Both shelves hold 10 with nothing arriving: over 9 days S1 (2 a day) runs out with chance
    // P(Poisson(18) ≥ 10) ≈ 0.99, S2 (1 a day) with P(Poisson(9) ≥ 10) ≈ 0.41 from days 0–1, less later.
    const frontier = runDays().stockoutTrueChanceFrontier;
    const at = (threshold: number) => frontier.find((row) => row.threshold === threshold)!;
    // Windows complete only from days 0 and 1; both series lost sales within them.
    expect(at(0.4)).toMatchObject({ claims: 4, precision: 1, recall: 1, marginWeightedRecall: 1 });
    expect(at(0.5)).toMatchObject({ claims: 2, precision: 1, recall: 0.5 });
    expect(at(0.5).marginWeightedRecall).toBeCloseTo(75 / 90, 12);
  });
});
