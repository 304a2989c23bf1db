import { describe, expect, it } from "vitest";
import { computeInventoryPolicy } from "../policy/compute-inventory-policy";
import { projectInventory } from "../projection/project-inventory";
import type { SeriesForecast } from "../types";
import { assessStockRecord } from "./assess-stock-record";
import { detectOpenOrdersAbovePolicy } from "./detect-open-orders-above-policy";
import { defaultExceptionOptions } from "./exception-types";
import type { OpenPurchaseLine, SeriesContext } from "./series-context";

const asOf = 20_000;
const options = defaultExceptionOptions;

/** A DC selling 20 a day, supplier lead time 7 days, ordering a week's demand at its reorder point. */
function dcContext(onHand: number, openLines: OpenPurchaseLine[], onHandRecordLooksWrong = false): SeriesContext {
  const forecast: SeriesForecast = {
    id: "DC1|SKU1",
    method: "fixture",
    demandClass: "smooth",
    firstDay: asOf + 1,
    mean: new Float64Array(28).fill(20),
    nbSize: 20,
    quantiles: [],
  };
  const policy = computeInventoryPolicy({
    forecast,
    leadTime: { meanDays: 7, sdDays: 1 },
    reviewPeriodDays: 1,
    orderCycleDays: 7,
    serviceTarget: { kind: "cycle-service", level: 0.95 },
  });
  // A record that looks wrong: ten silent days after selling 20 a day (phantom stock).
  const units = Float64Array.from({ length: 90 }, (_, day) => (onHandRecordLooksWrong && day >= 80 ? 0 : 20));
  const history = { id: "DC1|SKU1", firstDay: asOf - 89, units };
  return {
    seriesId: "DC1|SKU1",
    locationId: "DC1",
    locationType: "dc",
    sku: "SKU1",
    asOf,
    history,
    forecast,
    onHand,
    stockRecord: assessStockRecord(history, onHand, forecast.nbSize, options),
    unitCost: 40,
    unitPrice: 70,
    casePack: 12,
    leadTimeDays: 7,
    reviewPeriodDays: 7,
    backtestDays: 28,
    policy,
    projection: projectInventory({ onHand, forecast, receipts: [], safetyStock: policy.safetyStock }, { riskWindowDays: 7 }),
    openLines,
    allocatedUnits: 0,
    transfersIn: [],
    transfersOut: [],
  };
}

const line = (purchaseOrderId: string, quantity: number, daysOut: number): OpenPurchaseLine => ({
  purchaseOrderId,
  quantity,
  promisedDay: asOf + daysOut,
  expectedDay: asOf + daysOut,
});

describe("detectOpenOrdersAbovePolicy", () => {
  it("cuts the open lines the supplier can still change, latest first and in whole cases, down to the order-up-to level", () => {
    const context = dcContext(100, [line("PO-1", 240, 2), line("PO-2", 240, 5), line("PO-3", 120, 9)]);
    const allowed = context.policy.orderUpToLevel + context.casePack - 1;
    const excess = 100 + 600 - allowed;
    const exception = detectOpenOrdersAbovePolicy(context, options);
    expect(exception?.type).toBe("excess-stock");
    const cuts = exception!.actions;
    // PO-3 lands last and goes first; PO-1 lands in 2 days, on its way, so it is never touched.
    expect(cuts.map((action) => action.purchaseOrderId).sort()).toEqual(["PO-2", "PO-3"]);
    expect(cuts.find((action) => action.purchaseOrderId === "PO-3")?.kind).toBe("cancel-po");
    const cut = cuts.reduce((sum, action) => sum + action.quantity, 0);
    expect(cut % context.casePack).toBe(0);
    // Never below the policy: what is left is within a case of the excess.
    expect(cut).toBeLessThanOrEqual(excess);
    expect(excess - cut).toBeLessThan(context.casePack);
    expect(exception!.drivers.find((driver) => driver.key === "excess-units")?.value).toBeCloseTo(excess, 9);
  });

  it("counts what the stores hold above their own levels as stock the DC will not be asked for", () => {
    const context = dcContext(100, [line("PO-2", 240, 6)]);
    expect(detectOpenOrdersAbovePolicy(context, options)).toBeUndefined();
    const withStoreSurplus = detectOpenOrdersAbovePolicy(context, options, 300);
    expect(withStoreSurplus?.actions[0]?.purchaseOrderId).toBe("PO-2");
    expect(withStoreSurplus?.drivers.find((driver) => driver.key === "store-surplus")?.value).toBe(300);
  });

  it("must not: cut within a case of the order-up-to level, cut lines already on their way, or act on a suspect record", () => {
    const base = dcContext(0, []);
    const atLevel = Math.floor(base.policy.orderUpToLevel + base.casePack - 1);
    expect(detectOpenOrdersAbovePolicy(dcContext(atLevel - 120, [line("PO-2", 120, 6)]), options)).toBeUndefined();
    expect(detectOpenOrdersAbovePolicy(dcContext(600, [line("PO-1", 480, options.poChangeNoticeDays - 1)]), options)).toBeUndefined();
    expect(detectOpenOrdersAbovePolicy(dcContext(600, [line("PO-2", 480, 6)]), options)).toBeDefined();
    expect(detectOpenOrdersAbovePolicy(dcContext(600, [line("PO-2", 480, 6)], true), options)).toBeUndefined();
  });
});
