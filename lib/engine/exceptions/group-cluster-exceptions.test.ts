import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";
import { priceAction } from "./price-action";

/** The small fixture: ST1–ST3 urban, ST4–ST6 rural, all north and supplied by DC1; 2–10 units a day. */
function overstocked(stores: readonly string[], sku = "SKU3"): PlanSnapshot {
  const base = buildSmallSnapshot(7);
  return {
    ...base,
    locations: base.locations.map((location) => ({ ...location, name: location.type === "dc" ? "North DC" : `Store ${location.id.slice(2)}` })),
    // Over a year of cover at the named stores: far past 10 weeks and past the season's high demand.
    stock: base.stock.map((record) => (record.sku === sku && stores.includes(record.locationId) ? { ...record, onHand: 3_000 } : record)),
  };
}

const excessOf = (result: Awaited<ReturnType<typeof runPlan>>, sku = "SKU3") =>
  result.exceptions.filter((exception) => exception.type === "excess-stock" && exception.sku === sku);

describe("excess grouped per SKU × cluster", () => {
  it("one store overstocked stays a single-store item with its own markdown", async () => {
    const result = await runPlan(overstocked(["ST4"]), {}, flatForecastStep);
    const excess = excessOf(result);
    expect(excess.map((exception) => exception.locationId)).toEqual(["ST4"]);
    expect(excess[0]!.group).toBeUndefined();
    expect(excess[0]!.actions[0]).toMatchObject({ kind: "markdown", sourceId: "ST4" });
    expect(excess[0]!.actions[0]!.lines).toBeUndefined();
  });

  it("every store of a cluster overstocked is one item listing the stores, one markdown whose money is the sum", async () => {
    const single = await runPlan(overstocked(["ST4"]), {}, flatForecastStep);
    const result = await runPlan(overstocked(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    const excess = excessOf(result);
    expect(excess).toHaveLength(1);
    const [group] = excess;
    expect(group!.group).toMatchObject({ region: "north", cluster: "rural", sourceDcId: "DC1" });
    expect(group!.locationId).toBeUndefined();
    const members = group!.group!.members;
    expect(members.map((member) => member.locationId).sort()).toEqual(["ST4", "ST5", "ST6"]);
    // Each store's figures are what it would have been on its own.
    expect(members.find((member) => member.locationId === "ST4")).toEqual({ ...excessOf(single)[0]!, actions: members.find((member) => member.locationId === "ST4")!.actions });
    expect(members.find((member) => member.locationId === "ST4")!.score).toEqual(excessOf(single)[0]!.score);

    expect(group!.actions).toHaveLength(1);
    const [markdown] = group!.actions;
    expect(markdown!.kind).toBe("markdown");
    expect(markdown!.sourceId).toBeUndefined();
    expect(markdown!.lines!.map((line) => line.locationId)).toEqual(members.map((member) => member.locationId));
    for (const line of markdown!.lines!) {
      expect(line.quantity).toBe(members.find((member) => member.locationId === line.locationId)!.actions[0]!.quantity);
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(markdown!.quantity).toBe(sum(markdown!.lines!.map((line) => line.quantity)));
    expect(markdown!.cost).toBeCloseTo(sum(members.map((member) => member.actions[0]!.cost)), 6);
    expect(markdown!.expectedBenefit).toBeCloseTo(sum(members.map((member) => member.actions[0]!.expectedBenefit)), 6);
    expect(group!.score.moneyAtRisk).toBeCloseTo(sum(members.map((member) => member.score.moneyAtRisk)), 6);
    // A planner's changed quantity is priced as the stores' markdowns would be.
    expect(priceAction(markdown!.pricing, markdown!.quantity).expectedBenefit).toBeCloseTo(markdown!.expectedBenefit, 6);
    // Named, not coded, in the text a planner reads.
    expect(group!.rootCause).toContain("3 rural stores of north over their cover");
    expect(group!.rootCause).toMatch(/Store [456] \d+, Store [456] \d+, Store [456] \d+/);
    expect(group!.rootCause).not.toMatch(/ST\d/);
  });

  it("stores of another cluster are not pulled in, and two stores of a cluster stay two items", async () => {
    const result = await runPlan(overstocked(["ST1", "ST4", "ST5"]), {}, flatForecastStep);
    const excess = excessOf(result);
    expect(excess.every((exception) => exception.group === undefined)).toBe(true);
    expect(excess.map((exception) => exception.locationId).sort()).toEqual(["ST1", "ST4", "ST5"]);
  });

  it("each SKU of a cluster is its own item", async () => {
    const base = overstocked(["ST4", "ST5", "ST6"]);
    const snapshot: PlanSnapshot = {
      ...base,
      stock: base.stock.map((record) => (record.sku === "SKU5" && ["ST4", "ST5", "ST6"].includes(record.locationId) ? { ...record, onHand: 3_000 } : record)),
    };
    const result = await runPlan(snapshot, {}, flatForecastStep);
    expect(excessOf(result, "SKU3").map((exception) => exception.group?.kind === "cluster" && exception.group.cluster)).toEqual(["rural"]);
    const sku5 = excessOf(result, "SKU5");
    expect(sku5.map((exception) => exception.group?.members.length)).toEqual([3]);
    expect(new Set(result.exceptions.map((exception) => exception.id)).size).toBe(result.exceptions.length);
  });

  it("two runs on the same input give the same group, stores in the same order", async () => {
    const first = await runPlan(overstocked(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    const second = await runPlan(overstocked(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    expect(second.exceptions).toEqual(first.exceptions);
  });
});

/**
 * The small fixture with SKU3 sold out at the named stores. DC1 holds 200 of it and sells 40 a day
 * to its own customers, so it keeps all 200 back and today's allocation sends the stores nothing: an
 * order from the DC's stock is the stores' to ask for (an empty DC could not fill one).
 */
function soldOut(stores: readonly string[], dcUnits = 200): PlanSnapshot {
  const base = buildSmallSnapshot(7);
  const first = base.demand[0]!;
  return {
    ...base,
    locations: base.locations.map((location) => ({ ...location, name: location.type === "dc" ? "North DC" : `Store ${location.id.slice(2)}` })),
    demand: [...base.demand, { id: "DC1|SKU3", firstDay: first.firstDay, units: new Float64Array(first.units.length).fill(40) }],
    stock: base.stock.map((record) =>
      record.sku !== "SKU3" ? record : stores.includes(record.locationId) ? { ...record, onHand: 0 } : record.locationId === "DC1" ? { ...record, onHand: dcUnits } : record,
    ),
  };
}

const stockoutsOf = (result: Awaited<ReturnType<typeof runPlan>>) =>
  result.exceptions.filter((exception) => exception.type === "projected-stockout" && exception.sku === "SKU3");

describe("store orders against projected stock-outs grouped per SKU × cluster", () => {
  it("one store short stays a single-store item with its own order", async () => {
    const stockouts = stockoutsOf(await runPlan(soldOut(["ST4"]), {}, flatForecastStep));
    expect(stockouts.map((exception) => exception.locationId)).toEqual(["ST4"]);
    expect(stockouts[0]!.group).toBeUndefined();
    expect(stockouts[0]!.actions[0]).toMatchObject({ kind: "raise-order", destinationId: "ST4" });
    expect(stockouts[0]!.actions[0]!.lines).toBeUndefined();
  });

  it("a cluster's stores short of the same SKU are one order from their DC, each store's units a line, money the sum", async () => {
    const single = stockoutsOf(await runPlan(soldOut(["ST4"]), {}, flatForecastStep))[0]!;
    const result = await runPlan(soldOut(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    const stockouts = stockoutsOf(result);
    expect(stockouts).toHaveLength(1);
    const [group] = stockouts;
    expect(group!.id).toBe("projected-stockout:SKU3|north|DC1|rural");
    expect(group!.group).toMatchObject({ region: "north", cluster: "rural", sourceDcId: "DC1" });
    const members = group!.group!.members;
    expect(members.map((member) => member.locationId).sort()).toEqual(["ST4", "ST5", "ST6"]);
    expect(members.find((member) => member.locationId === "ST4")!.score).toEqual(single.score);

    expect(group!.actions).toHaveLength(1);
    const [order] = group!.actions;
    expect(order).toMatchObject({ kind: "raise-order", rank: 1 });
    expect(order!.destinationId).toBeUndefined();
    for (const line of order!.lines!) expect(line.quantity).toBe(members.find((member) => member.locationId === line.locationId)!.actions[0]!.quantity);
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(order!.quantity).toBe(sum(order!.lines!.map((line) => line.quantity)));
    expect(order!.expectedBenefit).toBeCloseTo(sum(members.map((member) => member.actions[0]!.expectedBenefit)), 6);
    expect(order!.quantityBasis).toBeCloseTo(sum(members.map((member) => member.actions[0]!.quantityBasis)), 6);
    expect(priceAction(order!.pricing, order!.quantity).expectedBenefit).toBeCloseTo(order!.expectedBenefit, 6);
    expect(group!.score.moneyAtRisk).toBeCloseTo(sum(members.map((member) => member.score.moneyAtRisk)), 6);
    // Units and money add up; a probability or a day count of one store is not summed.
    const driver = (key: string) => group!.drivers.find((entry) => entry.key === key);
    expect(driver("expected-lost-units")!.value).toBeCloseTo(sum(members.map((member) => member.drivers.find((entry) => entry.key === "expected-lost-units")!.value)), 6);
    expect(driver("stockout-probability-protection")).toBeUndefined();
    // The stores it stands for, by id: a store joining later makes it a new question.
    expect(driver("stores")!.reference).toBe("ST4,ST5,ST6");
    expect(driver("days-to-breach")).toBeUndefined();
    expect(group!.rootCause).toContain("3 rural stores of north short before their next delivery (units to send: Store ");
    expect(group!.rootCause).not.toMatch(/ST\d/);
  });

  it("a cluster's order asks for no more than its DC holds: the stores with most at stake first", async () => {
    const asked = await runPlan(soldOut(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    const lines = stockoutsOf(asked)[0]!.actions[0]!.lines!;
    // The DC holds all but 5 of what the three stores ask: the last store, least at stake, gets 5 less.
    const total = lines.reduce((sum, line) => sum + line.quantity, 0);
    const [group] = stockoutsOf(await runPlan(soldOut(["ST4", "ST5", "ST6"], total - 5), {}, flatForecastStep));
    const [order] = group!.actions;
    expect(order!.quantity).toBe(total - 5);
    expect(order!.lines).toEqual(lines.map((line, index) => (index === lines.length - 1 ? { ...line, quantity: line.quantity - 5 } : line)));
    // What the DC has left describes the DC: stated once, not summed over the stores.
    const driver = (key: string) => group!.drivers.find((entry) => entry.key === key)?.value;
    expect(driver("dc-units-left")).toBe(total - 5);
    expect(driver("dc-units-offered-first")).toBe(total - lines.at(-1)!.quantity);
  });

  it("a cluster's stores the DC has nothing left for are not in its order: each stays its own item, naming the wait", async () => {
    const stockouts = stockoutsOf(await runPlan(soldOut(["ST4", "ST5", "ST6"], 10), {}, flatForecastStep));
    expect(stockouts.every((exception) => exception.group === undefined)).toBe(true);
    const [first, ...rest] = [...stockouts].sort((a, b) => b.score.moneyAtRisk - a.score.moneyAtRisk);
    expect(first!.actions[0]).toMatchObject({ kind: "raise-order", quantity: 10 });
    for (const exception of rest) {
      expect(exception.actions.some((action) => action.kind === "raise-order")).toBe(false);
      expect(exception.rootCause).toContain(`10 of them offered first to Store ${first!.locationId!.slice(2)}, more at stake there`);
    }
  });

  it("a store of another cluster is not pulled in, and two stores of a cluster stay two items", async () => {
    const result = await runPlan(soldOut(["ST1", "ST4", "ST5"]), {}, flatForecastStep);
    const stockouts = stockoutsOf(result);
    expect(stockouts.every((exception) => exception.group === undefined)).toBe(true);
    expect(stockouts.map((exception) => exception.locationId).sort()).toEqual(["ST1", "ST4", "ST5"]);
  });

  it("two runs on the same input give the same order, stores in the same order", async () => {
    const first = await runPlan(soldOut(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    const second = await runPlan(soldOut(["ST4", "ST5", "ST6"]), {}, flatForecastStep);
    expect(second.exceptions).toEqual(first.exceptions);
  });
});
