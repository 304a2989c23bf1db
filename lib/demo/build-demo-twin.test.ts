import { beforeAll, describe, expect, it } from "vitest";
import type { PlanException } from "../engine/exceptions/exception-types";
import { buildDemoTwin, SIMULATION_PLANTED } from "./build-demo-twin";
import type { DigitalTwin } from "../engine/simulation/digital-twin";
import { defaultSimulationOptions, runSimulation, type SimulationPolicy } from "../engine/simulation/run-simulation";
import { restrictTwinToSkus, testGovernance } from "../engine/simulation/simulation-fixtures";
import type { TwinWorld } from "../engine/simulation/twin-world";

/** Each planted case on the small demo twin, cut down to the SKUs of the case so the real engine runs fast. */
let demo: DigitalTwin;
beforeAll(async () => {
  demo = await buildDemoTwin({ size: "small", seed: 1, days: 42 });
});

async function simulate(twin: DigitalTwin, policies: SimulationPolicy[], watch = -1) {
  const exceptions = new Map<SimulationPolicy, PlanException[][]>();
  const worlds = new Map<SimulationPolicy, TwinWorld>();
  /** Recorded and physical stock of the watched series on each morning, as the plan saw it. */
  const mornings = new Map<SimulationPolicy, { recorded: number; physical: number }[]>();
  const result = await runSimulation(twin, {
    ...defaultSimulationOptions,
    governance: testGovernance,
    policies,
    onPlan: (policy, day, plan, world) => {
      const list = exceptions.get(policy) ?? [];
      list[day] = plan.exceptions;
      exceptions.set(policy, list);
      if (watch >= 0) mornings.set(policy, [...(mornings.get(policy) ?? []), { recorded: world.recorded[watch]!, physical: world.physical[watch]! }]);
    },
    onDay: (policy, _day, world) => worlds.set(policy, world),
  });
  return { result, exceptions, worlds, mornings };
}

const seriesIndex = (twin: DigitalTwin, id: string) => twin.series.findIndex((entry) => entry.id === id);

describe("planted: phantom stock", () => {
  const { location, sku } = SIMULATION_PLANTED.phantom;
  const id = `${location}|${sku}`;

  it("the record shows stock the shelf does not have: without a count every sale is lost; the auto-approved count puts the record right", async () => {
    const twin = { ...restrictTwinToSkus(demo, [sku]), days: 12 };
    const index = seriesIndex(twin, id);
    expect(twin.recorded[index]).toBe(SIMULATION_PLANTED.phantom.phantomOnHand);
    expect(twin.physical[index]).toBe(0);
    const { result, exceptions, worlds, mornings } = await simulate(twin, ["none", "stockpilot"], index);

    const none = worlds.get("none")!;
    const simulatedSales = none.sales[index]!.subarray(twin.startDay - twin.history.firstDay);
    let demand = 0;
    for (let day = 0; day < twin.days; day += 1) demand += twin.truth.demand[day * twin.series.length + index]!;
    expect(demand).toBeGreaterThan(0);
    expect(simulatedSales.every((units) => units === 0)).toBe(true);
    expect(none.recorded[index]).toBe(SIMULATION_PLANTED.phantom.phantomOnHand);
    const flagged = exceptions.get("none")!.flat().filter((exception) => exception.type === "inventory-inaccuracy" && exception.seriesId === id);
    expect(flagged).toHaveLength(twin.days);
    expect(result.exceptions.precision?.inventory_inaccuracy).toBeGreaterThan(0);

    // Following Stockpilot: the count is auto-approved on the first morning, so the next morning's record is right.
    expect(mornings.get("stockpilot")![1]).toEqual({ recorded: 0, physical: 0 });
    const followed = worlds.get("stockpilot")!;
    expect(followed.ledger.countCost).toBeGreaterThan(0);
    // With the record at zero the plan replenishes the store again, and it sells.
    const followedSales = followed.sales[index]!.subarray(twin.startDay - twin.history.firstDay).reduce((sum, units) => sum + units, 0);
    expect(followedSales).toBeGreaterThan(0);

  });
});

describe("planted: supplier deterioration", () => {
  const supplier = SIMULATION_PLANTED.supplierDelay.supplier;

  it("the supplier's true lead time keeps slipping; its late orders are flagged and the flags come true", async () => {
    const early = demo.truth.supplierLeadTime(supplier, "DC01", demo.startDay);
    const late = demo.truth.supplierLeadTime(supplier, "DC01", demo.startDay + demo.days - 1);
    expect(early).toBeGreaterThanOrEqual(SIMULATION_PLANTED.supplierDelay.startDays - 1);
    expect(late).toBeGreaterThanOrEqual(SIMULATION_PLANTED.supplierDelay.endDays - 1);
    expect(demo.truth.supplierLeadTime("SUP01", "DC01", demo.startDay + demo.days - 1)).toBeLessThanOrEqual(demo.suppliers[0]!.promisedLeadTimeDays + 3);

    const sku = demo.products.find((product) => product.supplierId === supplier)!.sku;
    const twin = { ...restrictTwinToSkus(demo, [sku]), days: 30 };
    const { result, exceptions, worlds } = await simulate(twin, ["none"]);
    const delays = exceptions.get("none")!.flat().filter((exception) => exception.type === "supplier-delay" && exception.supplierId === supplier);
    expect(delays.length).toBeGreaterThan(0);
    expect(result.exceptions.checked?.supplier_delay).toBeGreaterThan(0);
    expect(result.exceptions.precision?.supplier_delay).toBe(1);
    // The system learns the slip only from receipts: orders placed in the simulation come in ≥ 10 days.
    const observed = worlds.get("none")!.leadTimeHistory.get(supplier)!.filter((observation) => observation.orderDay >= twin.startDay);
    expect(observed.length).toBeGreaterThan(0);
    for (const observation of observed) expect(observation.receivedDay - observation.orderDay).toBeGreaterThanOrEqual(SIMULATION_PLANTED.supplierDelay.startDays - 1);
  });
});

describe("planted: promotion spike", () => {
  const spike = SIMULATION_PLANTED.promoSpike;

  it("urban stores sell about twice the plan and the engine flags the urban stores during the spike", async () => {
    const sku = demo.products.find((product) => product.category === spike.category)!.sku;
    const twin = restrictTwinToSkus(demo, [sku]);
    const urban = twin.locations.filter((location) => location.cluster === "urban").map((location) => seriesIndex(twin, `${location.id}|${sku}`)).filter((index) => index >= 0);
    const count = twin.series.length;
    const meanRate = (from: number, to: number) => {
      let total = 0;
      for (let day = from; day < to; day += 1) for (const index of urban) total += twin.truth.expectedDemand[day * count + index]!;
      return total / (to - from);
    };
    const lift = meanRate(spike.startsOnDay, spike.startsOnDay + 7) / meanRate(spike.startsOnDay - 7, spike.startsOnDay);
    expect(lift).toBeGreaterThan(1.8);
    expect(lift).toBeLessThan(2.7);
    const planned = twin.promotions.find((promotion) => promotion.id === `${spike.code}:${sku}`)!;
    expect(planned.expectedUplift).toBe(spike.expectedUplift);

    const { exceptions } = await simulate(twin, ["none"]);
    const duringSpike = exceptions
      .get("none")!
      .slice(spike.startsOnDay + 2, spike.startsOnDay + spike.days)
      .flat()
      .filter((exception) => exception.sku === sku && (exception.type === "demand-deviation" || exception.type === "projected-stockout"));
    const urbanIds = new Set(urban.map((index) => twin.series[index]!.locationId));
    expect(duringSpike.some((exception) => urbanIds.has(exception.locationId ?? ""))).toBe(true);
  });
});
