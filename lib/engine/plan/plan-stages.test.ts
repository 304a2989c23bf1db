import { describe, expect, it } from "vitest";
import { allocateDcStock } from "./allocate-dc-stock";
import { detectPlanExceptions } from "./detect-plan-exceptions";
import { forecastPlanSeries } from "./forecast-plan-series";
import { indexPlanSnapshot } from "./index-plan-snapshot";
import { buildSmallSnapshot, flatForecastStep } from "./plan-fixtures";
import { planNetworkTransfers } from "./plan-network-transfers";
import { planSeriesPolicies } from "./plan-series-policies";
import { defaultPlanOptions, runPlan } from "./run-plan";

describe("plan stages run alone", () => {
  it("index: skips series with an unknown location, product or a history not ending on asOf, and sorts the rest by id", () => {
    const base = buildSmallSnapshot(1);
    const first = base.demand[0]!;
    const indexed = indexPlanSnapshot({
      ...base,
      demand: [
        ...[...base.demand].reverse(),
        { ...first, id: "NOWHERE|SKU1" },
        { ...first, id: "ST1|NOSKU" },
        { ...first, id: "ST1SKU1" },
        { ...first, id: "ST1|SKU1b", firstDay: first.firstDay - 1 },
      ],
      products: [...base.products, { sku: "SKU1b", unitCost: 1, unitPrice: 2, casePack: 1, supplierId: "SUP1" }],
    });
    expect(indexed.skipped).toEqual([
      { seriesId: "NOWHERE|SKU1", reason: "unknown location" },
      { seriesId: "ST1SKU1", reason: "id is not location|sku" },
      { seriesId: "ST1|NOSKU", reason: "unknown product" },
      { seriesId: "ST1|SKU1b", reason: "history does not end on asOf" },
    ]);
    const ids = indexed.accepted.map((entry) => entry.series.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids).toHaveLength(48);
    expect(indexed.dcIds).toEqual(["DC1"]);
  });

  it("allocation: never hands out more than the DC holds and leaves the policy stage's arrays untouched", async () => {
    const snapshot = buildSmallSnapshot(2);
    const indexed = indexPlanSnapshot(snapshot);
    const forecasts = await forecastPlanSeries(indexed, defaultPlanOptions, flatForecastStep);
    const policies = planSeriesPolicies(indexed, forecasts, defaultPlanOptions);
    const contextsBefore = [...policies.contexts];
    const allocated = allocateDcStock(indexed, policies, defaultPlanOptions);
    expect(policies.contexts).toEqual(contextsBefore);
    expect(allocated.allocations.length).toBeGreaterThan(0);
    for (const allocation of allocated.allocations) {
      expect(allocation.allocatedUnits).toBeLessThanOrEqual(allocation.availableUnits);
      for (const made of allocation.allocations) expect(allocated.allocatedTo.get(`${made.id}|${allocation.sku}`)).toBe(made.units);
    }
    for (const [seriesId, units] of allocated.allocatedTo) {
      expect(allocated.plans.find((plan) => plan.seriesId === seriesId)?.projection.allocatedUnits).toBe(units);
    }
  });

  it("the stages chained by hand give exactly what runPlan gives", async () => {
    const snapshot = buildSmallSnapshot(3);
    const indexed = indexPlanSnapshot(snapshot);
    const forecasts = await forecastPlanSeries(indexed, defaultPlanOptions, flatForecastStep);
    const policies = planSeriesPolicies(indexed, forecasts, defaultPlanOptions);
    const allocated = allocateDcStock(indexed, policies, defaultPlanOptions);
    const transfers = await planNetworkTransfers(indexed, allocated, defaultPlanOptions);
    const exceptions = detectPlanExceptions(snapshot, indexed, allocated.contexts, transfers, defaultPlanOptions);
    const result = await runPlan(snapshot, {}, flatForecastStep);
    expect(allocated.plans).toEqual(result.series);
    expect(exceptions).toEqual(result.exceptions);
    expect(transfers.transfers).toEqual(result.transfers);
  });
});
