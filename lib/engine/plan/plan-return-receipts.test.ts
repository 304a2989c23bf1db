import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "./plan-fixtures";
import { indexPlanSnapshot } from "./index-plan-snapshot";
import { planReturnReceipts } from "./plan-return-receipts";
import { runPlan } from "./run-plan";
import type { PlanSnapshot, ReturnRecord } from "./plan-types";

/** Every store returns about `rate` of what it sold `lag` days earlier (rounded per day), plus the given recent returns. */
function withReturns(snapshot: PlanSnapshot, rate: number, lag: number): PlanSnapshot {
  const returns: ReturnRecord[] = [];
  for (const series of snapshot.demand) {
    const [locationId, sku] = series.id.split("|") as [string, string];
    let carried = 0;
    series.units.forEach((units, t) => {
      const day = series.firstDay + t + lag;
      if (day > snapshot.asOf) return;
      carried += units * rate;
      const whole = Math.floor(carried);
      carried -= whole;
      if (whole > 0) returns.push({ locationId, sku, day, units: whole });
    });
  }
  return { ...snapshot, returns };
}

const inspection = { returnInspectionDays: { store: 2, ecommerce: 3, dc: 3 } };

describe("planReturnReceipts", () => {
  it("brings returns in inspection back when the inspection ends, then forecast returns an inspection later", async () => {
    const base = buildSmallSnapshot(11);
    const snapshot: PlanSnapshot = { ...base, returns: [{ locationId: "ST1", sku: "SKU1", day: base.asOf, units: 5 }, { locationId: "ST1", sku: "SKU1", day: base.asOf - 1, units: 2 }] };
    const indexed = indexPlanSnapshot(snapshot);
    const forecasts = await flatForecastStep(indexed.accepted.map((a) => a.series), { horizon: 28, futurePromo: new Map(), backtestDays: 28 });
    const receipts = planReturnReceipts(indexed, forecasts, inspection);
    const st1 = receipts.get("ST1|SKU1")!;
    // Received yesterday (asOf − 1) with 2 days' inspection: sellable on asOf + 1 = offset 0; today's 5 on offset 1.
    // On top come forecast returns (a small rate: 7 returns in the window), which cannot be back before offset 2.
    const through = (offset: number) => st1.receipts.filter((r) => r.dayOffset <= offset).reduce((sum, r) => sum + r.quantity, 0);
    expect(through(0)).toBe(2);
    expect(through(1)).toBe(7);
    expect(st1.receipts.some((r) => r.dayOffset >= 2)).toBe(true);
    expect(st1.receipts.every((r) => Number.isInteger(r.quantity) && r.quantity > 0)).toBe(true);
    // Only ST1 has ever had a return: the other stores (another group each) get nothing back.
    expect(receipts.has("ST2|SKU1")).toBe(false);
  });

  it("a plan counts returned units as stock coming back: projected on hand is higher, by whole units", async () => {
    const base = buildSmallSnapshot(12);
    const plain = await runPlan(base, { horizonDays: 28 }, flatForecastStep);
    const returning = await runPlan(withReturns(base, 0.25, 10), { horizonDays: 28 }, flatForecastStep);
    const before = plain.series.find((s) => s.seriesId === "ST1|SKU1")!;
    const after = returning.series.find((s) => s.seriesId === "ST1|SKU1")!;
    expect(before.projection.returns).toBeUndefined();
    const returns = after.projection.returns!;
    expect(returns.rate).toBeGreaterThan(0.15);
    expect(returns.rate).toBeLessThan(0.3);
    const back = returns.receipts.reduce((sum, r) => sum + r.quantity, 0);
    expect(back).toBeGreaterThan(0);
    expect(Number.isInteger(back)).toBe(true);
    // Until the first replenishment order can arrive, the path is the same plus what came back.
    const firstReturnDay = returns.receipts[0]!.dayOffset;
    expect(after.projection.median[firstReturnDay]! - before.projection.median[firstReturnDay]!).toBeCloseTo(returns.receipts[0]!.quantity, 6);
  });
});
