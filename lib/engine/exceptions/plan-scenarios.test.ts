import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";

/** Detector scenarios through a whole plan: what each planted case must and must not raise. */
describe("plan scenarios", () => {
  it("a PO a year late is one confirm-or-cancel item, is not counted on as arriving, and is never expedited", async () => {
    const base = buildSmallSnapshot(4);
    const snapshot: PlanSnapshot = {
      ...base,
      stock: base.stock.map((record) => (record.locationId === "DC1" ? { ...record, onHand: 0 } : record)),
      // Named products are named in the text; an unnamed one keeps its code.
      products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, name: "Linen shirt" } : product)),
      suppliers: base.suppliers.map((supplier) => (supplier.id === "SUP1" ? { ...supplier, name: "Harbor Trading" } : supplier)),
      purchaseOrders: ["SKU1", "SKU2"].map((sku) => ({
        purchaseOrderId: "PO-OLD",
        supplierId: "SUP1",
        locationId: "DC1",
        sku,
        quantity: 500,
        orderDay: base.asOf - 375,
        promisedDay: base.asOf - 368,
      })),
    };
    const result = await runPlan(snapshot, {}, flatForecastStep);
    const delays = result.exceptions.filter((exception) => exception.type === "supplier-delay");
    expect(delays).toHaveLength(1);
    expect(delays[0]!.actions.map((action) => action.kind)).toEqual(["confirm-po"]);
    expect(delays[0]!.rootCause).toContain("1 open PO of supplier Harbor Trading past 2× its lead time");
    expect(delays[0]!.rootCause).toContain("2 products affected (Linen shirt, SKU2)");
    const actions = result.exceptions.flatMap((exception) => exception.actions);
    expect(actions.some((action) => action.kind === "expedite-po" && action.purchaseOrderId === "PO-OLD")).toBe(false);
    for (const plan of result.series.filter((series) => series.locationId === "DC1")) expect(plan.projection.onOrder).toBe(0);
  });

  it("phantom stock at a store is a cycle count: never excess, markdown or a transfer out of it", async () => {
    const base = buildSmallSnapshot(5);
    const silent = (units: Float64Array) => Float64Array.from(units, (value, day) => (day >= units.length - 35 ? 0 : value));
    const snapshot: PlanSnapshot = {
      ...base,
      demand: base.demand.map((series) => (series.id === "ST2|SKU3" ? { ...series, units: silent(series.units) } : series)),
      // Plenty on record at the silent store; its cluster neighbour and the DC out of stock.
      stock: base.stock.map((record) => {
        if (record.sku !== "SKU3") return record;
        if (record.locationId === "ST2") return { ...record, onHand: 400 };
        return record.locationId === "ST1" || record.locationId === "DC1" ? { ...record, onHand: 0 } : record;
      }),
    };
    const result = await runPlan(snapshot, {}, flatForecastStep);
    const onSeries = result.exceptions.filter((exception) => exception.seriesId === "ST2|SKU3");
    expect(onSeries.map((exception) => exception.type)).toEqual(["inventory-inaccuracy"]);
    const transfersOut = result.transfers.filter((plan) => plan.sku === "SKU3").flatMap((plan) => plan.transfers).filter((transfer) => transfer.from === "ST2");
    expect(transfersOut).toEqual([]);
    const markdowns = result.exceptions.flatMap((exception) => exception.actions).filter((action) => action.kind === "markdown" && action.sourceId === "ST2");
    expect(markdowns).toEqual([]);
  });

  it("two runs on the same input give identical exceptions, scores and actions", async () => {
    const snapshot = buildSmallSnapshot(6);
    const first = await runPlan(snapshot, {}, flatForecastStep);
    const second = await runPlan(snapshot, {}, flatForecastStep);
    expect(second.exceptions).toEqual(first.exceptions);
    expect(first.exceptions.length).toBeGreaterThan(0);
  });
});
