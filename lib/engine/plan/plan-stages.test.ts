import { describe, expect, it } from "vitest";
import { allocateDcStock } from "./allocate-dc-stock";
import { detectPlanExceptions } from "./detect-plan-exceptions";
import { forecastPlanSeries } from "./forecast-plan-series";
import { indexPlanSnapshot } from "./index-plan-snapshot";
import { buildSmallSnapshot, flatForecastStep } from "./plan-fixtures";
import { planNetworkTransfers } from "./plan-network-transfers";
import { planSeriesPolicies, replenishmentPolicyInput } from "./plan-series-policies";
import { computeInventoryPolicy } from "../policy/compute-inventory-policy";
import { demandCdf } from "../policy/demand-distribution";
import type { SeriesForecast } from "../types";
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
    const base = buildSmallSnapshot(2);
    // Stores about to run dry, so the DC has something to allocate.
    const snapshot = { ...base, stock: base.stock.map((row) => (row.locationId === "DC1" ? row : { ...row, onHand: 1 })) };
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

  it("transfers: a store's surplus goes to a short store of its cluster, and back to its DC only when none there is short", async () => {
    const base = buildSmallSnapshot(3);
    const onHand = (levels: Record<string, number>) => ({
      ...base,
      stock: base.stock.map((row) => (row.sku === "SKU1" && row.locationId in levels ? { ...row, onHand: levels[row.locationId]! } : row)),
    });
    const moves = async (levels: Record<string, number>) =>
      (await runPlan(onHand(levels), {}, flatForecastStep)).transfers.find((plan) => plan.sku === "SKU1")?.transfers.map((transfer) => `${transfer.from}→${transfer.to}`) ?? [];
    // The DC is out; ST1 holds months of SKU1 and ST2, in its cluster, has none: ST1 serves ST2 directly (2 days,
    // one handling) instead of sending it back to the DC, which would reach ST2 only after the return and a second shipment.
    const neighbourShort = await moves({ DC1: 0, ST1: 600, ST2: 0 });
    expect(neighbourShort).toContain("ST1→ST2");
    expect(neighbourShort).not.toContain("ST1→DC1");
    // No store of ST1's cluster is short, the other cluster's are: the stock can reach them only through the DC.
    const othersShort = await moves({ DC1: 0, ST1: 600, ST4: 0, ST5: 0, ST6: 0 });
    expect(othersShort).toContain("ST1→DC1");
  });

  it("the stages chained by hand give exactly what runPlan gives", async () => {
    const snapshot = buildSmallSnapshot(3);
    const indexed = indexPlanSnapshot(snapshot);
    const forecasts = await forecastPlanSeries(indexed, defaultPlanOptions, flatForecastStep);
    const policies = planSeriesPolicies(indexed, forecasts, defaultPlanOptions);
    const allocated = allocateDcStock(indexed, policies, defaultPlanOptions);
    const transfers = await planNetworkTransfers(indexed, allocated, defaultPlanOptions);
    const { exceptions } = detectPlanExceptions(snapshot, indexed, allocated.contexts, transfers, defaultPlanOptions);
    const result = await runPlan(snapshot, {}, flatForecastStep);
    expect(allocated.plans).toEqual(result.series);
    expect(exceptions).toEqual(result.exceptions);
    expect(transfers.transfers).toEqual(result.transfers);
  });

  it("policy: a store fed by its DC covers lead time + one day at the per-day service that keeps the stock-out chances of a weekly review", async () => {
    const snapshot = buildSmallSnapshot(4);
    const indexed = indexPlanSnapshot(snapshot);
    const forecasts = await forecastPlanSeries(indexed, defaultPlanOptions, flatForecastStep);
    const { plans } = planSeriesPolicies(indexed, forecasts, defaultPlanOptions);
    const store = plans.find((plan) => plan.seriesId === "ST1|SKU1")!;
    const forecast = forecasts.find((entry) => entry.id === "ST1|SKU1")!;
    const leadTime = defaultPlanOptions.dcToStoreLeadTime;
    expect(store.policy.protectionDays).toBeCloseTo(leadTime.meanDays + 1, 10);
    const daily = computeInventoryPolicy({ forecast, leadTime, reviewPeriodDays: 1, serviceTarget: { kind: "cycle-service", level: 1 - 0.05 / 7 } });
    expect(store.policy.orderUpToLevel).toBe(daily.orderUpToLevel);
    // Must not: a weekly review's level at a store that is topped up every morning — it holds more.
    const weekly = computeInventoryPolicy({ forecast, leadTime, reviewPeriodDays: 7, serviceTarget: defaultPlanOptions.serviceTarget });
    expect(store.policy.orderUpToLevel).toBeLessThan(weekly.orderUpToLevel);
  });

  it("policy: under the stores' in-stock budget a store topped up a case at a time keeps a lower level; a DC and a store selling more than a case per protection period keep theirs", async () => {
    const base = buildSmallSnapshot(4);
    const levels = async (storeInStockPerDollar: number, casePack: number) => {
      const indexed = indexPlanSnapshot({ ...base, products: base.products.map((product) => ({ ...product, unitCost: 400, unitPrice: 600, casePack })) });
      const forecasts = await forecastPlanSeries(indexed, defaultPlanOptions, flatForecastStep);
      const stage = planSeriesPolicies(indexed, forecasts, { ...defaultPlanOptions, storeInStockPerDollar });
      underBudget.set(storeInStockPerDollar, new Set(stage.contexts.filter((context) => context.levelUnderBudget).map((context) => context.seriesId)));
      return new Map(stage.plans.map((plan) => [plan.seriesId, plan.policy]));
    };
    const underBudget = new Map<number, Set<string>>();
    const budget = await levels(3e-5, 48);
    const service = await levels(0, 48);
    const stores = [...service.keys()].filter((id) => !id.startsWith("DC"));
    const lowered = stores.filter((id) => budget.get(id)!.orderUpToLevel < service.get(id)!.orderUpToLevel);
    expect(lowered.length).toBeGreaterThan(0);
    // The detectors learn which levels the budget chose: exactly the lowered ones.
    expect([...underBudget.get(3e-5)!].sort()).toEqual([...lowered].sort());
    expect(underBudget.get(0)!.size).toBe(0);
    // Never to a level the plan would itself flag: at S the chance of running empty stays below the stock-out gate.
    for (const id of lowered) {
      const kept = budget.get(id)!;
      expect(1 - demandCdf(kept.protectionDemand, kept.orderUpToLevel - 1)).toBeLessThan(defaultPlanOptions.exceptions.minStockoutProbability);
    }
    for (const id of [...service.keys()]) {
      const kept = budget.get(id)!;
      expect(kept.orderUpToLevel).toBeLessThanOrEqual(service.get(id)!.orderUpToLevel);
      // Safety stock never exceeds the reorder point, which never exceeds S.
      expect(kept.safetyStock).toBeLessThanOrEqual(kept.reorderPoint + 1e-9);
      expect(kept.reorderPoint).toBeLessThanOrEqual(kept.orderUpToLevel + 1e-9);
      if (id.startsWith("DC")) expect(kept).toEqual(service.get(id));
    }
    // Must not: a case smaller than the protection period's demand (the store is topped up near S every day).
    const singleUnits = await levels(3e-5, 1);
    const singleUnitsAtService = await levels(0, 1);
    for (const id of stores) expect(singleUnits.get(id)!.orderUpToLevel).toBe(singleUnitsAtService.get(id)!.orderUpToLevel);
  });

  it("policy: a node that orders from its supplier reorders at lead time + one day of demand and orders a review period's demand", () => {
    const forecast = flatForecast(20);
    const leadTime = { meanDays: 10, sdDays: 2 };
    const input = replenishmentPolicyInput(forecast, leadTime, "supplier", defaultPlanOptions);
    const policy = computeInventoryPolicy(input);
    expect(policy.protectionDays).toBe(11);
    expect(policy.replenishmentCycleDays).toBe(defaultPlanOptions.reviewPeriodDays);
    expect(policy.orderUpToLevel - policy.reorderPoint).toBeCloseTo(20 * defaultPlanOptions.reviewPeriodDays, 6);
    expect(policy.achievedCycleService).toBeGreaterThanOrEqual(0.95 - 1e-9);
    // Safety stock never exceeds the reorder point, which never exceeds S.
    expect(policy.safetyStock).toBeLessThanOrEqual(policy.reorderPoint);
    expect(policy.reorderPoint).toBeLessThanOrEqual(policy.orderUpToLevel);
  });

  it("policy: a DC's buffer for its stores is held at the DC service target, its own customers' at the store target", () => {
    const forecast = flatForecast(20);
    const leadTime = { meanDays: 10, sdDays: 2 };
    const settings = { ...defaultPlanOptions, dcOrderCycleDays: defaultPlanOptions.reviewPeriodDays, dcServiceTarget: { kind: "cycle-service" as const, level: 0.8 } };
    const forStores = computeInventoryPolicy(replenishmentPolicyInput(forecast, leadTime, "supplier", settings, "stores"));
    const forCustomers = computeInventoryPolicy(replenishmentPolicyInput(forecast, leadTime, "supplier", settings, "customers"));
    expect(forStores.achievedCycleService).toBeGreaterThanOrEqual(0.8 - 1e-9);
    expect(forStores.achievedCycleService).toBeLessThan(0.95);
    expect(forCustomers.achievedCycleService).toBeGreaterThanOrEqual(0.95 - 1e-9);
    expect(forStores.reorderPoint).toBeLessThan(forCustomers.reorderPoint);
  });

  it("policy: a DC that serves stores orders its order cycle's demand, at the per-cycle service of a weekly cycle's stock-out chances a year", () => {
    const forecast = flatForecast(20);
    const leadTime = { meanDays: 10, sdDays: 2 };
    const settings = { ...defaultPlanOptions, dcOrderCycleDays: 2 };
    const weeklySettings = { ...defaultPlanOptions, dcOrderCycleDays: defaultPlanOptions.reviewPeriodDays };
    const weekly = computeInventoryPolicy(replenishmentPolicyInput(forecast, leadTime, "supplier", weeklySettings, "stores"));
    const shortCycle = computeInventoryPolicy(replenishmentPolicyInput(forecast, leadTime, "supplier", settings, "stores"));
    expect(shortCycle.replenishmentCycleDays).toBe(2);
    expect(shortCycle.orderUpToLevel - shortCycle.reorderPoint).toBeCloseTo(20 * 2, 6);
    // Three and a half times as many cycles a year, each at 1 − (1 − target) × 2 / 7: the same stock-out chances a year.
    expect(shortCycle.achievedCycleService).toBeGreaterThanOrEqual(1 - ((1 - defaultPlanOptions.dcServiceTarget.level) * 2) / 7 - 1e-9);
    expect(shortCycle.reorderPoint).toBeGreaterThan(weekly.reorderPoint);
    expect(shortCycle.orderUpToLevel).toBeLessThan(weekly.orderUpToLevel);
    // Must not: change what a DC keeps for its own customers, a store's policy, or a fill-rate target.
    const ownCustomers = (options: typeof settings) => computeInventoryPolicy(replenishmentPolicyInput(forecast, leadTime, "supplier", options, "customers"));
    expect(ownCustomers(settings)).toEqual(ownCustomers(weeklySettings));
    const store = (options: typeof settings) => computeInventoryPolicy(replenishmentPolicyInput(forecast, defaultPlanOptions.dcToStoreLeadTime, "dc-allocation", options));
    expect(store(settings)).toEqual(store(weeklySettings));
    const fillRate = { ...settings, dcServiceTarget: { kind: "fill-rate" as const, level: 0.98 } };
    expect(replenishmentPolicyInput(forecast, leadTime, "supplier", fillRate, "stores").serviceTarget).toEqual(fillRate.dcServiceTarget);
  });
});

function flatForecast(dailyMean: number): SeriesForecast {
  return {
    id: "DC1|SKU1",
    method: "fixture",
    demandClass: "smooth",
    firstDay: 20_001,
    mean: new Float64Array(28).fill(dailyMean),
    nbSize: 20,
    quantiles: [],
  };
}
