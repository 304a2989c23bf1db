import { describe, expect, it } from "vitest";
import { computeInventoryPolicy } from "../policy/compute-inventory-policy";
import { projectInventory } from "../projection/project-inventory";
import type { SeriesForecast } from "../types";
import { detectDemandDeviation } from "./detect-demand-deviation";
import { detectExcessStock } from "./detect-excess-stock";
import { detectForecastDrift } from "./detect-forecast-drift";
import { detectInventoryInaccuracy } from "./detect-inventory-inaccuracy";
import { detectProjectedStockout } from "./detect-projected-stockout";
import { detectPromotionReadiness } from "./detect-promotion-readiness";
import { detectSupplierDelay } from "./detect-supplier-delay";
import { defaultExceptionOptions, type PlanException } from "./exception-types";
import type { OpenPurchaseLine, SeriesContext } from "./series-context";

const asOf = 20_000;
const options = defaultExceptionOptions;

function context(overrides: {
  onHand: number;
  dailyMean?: number;
  history?: number[];
  openLines?: OpenPurchaseLine[];
  allocatedUnits?: number;
  accuracy?: Partial<NonNullable<SeriesForecast["accuracy"]>>;
}): SeriesContext {
  const dailyMean = overrides.dailyMean ?? 10;
  const history = Float64Array.from(overrides.history ?? Array.from({ length: 90 }, (_, day) => dailyMean + ((day * 7) % 5) - 2));
  const forecast: SeriesForecast = {
    id: "S01|SKU7",
    method: "fixture",
    demandClass: "smooth",
    firstDay: asOf + 1,
    mean: new Float64Array(28).fill(dailyMean),
    nbSize: 20,
    quantiles: [],
    accuracy: { wape: 0.3, mase: 0.8, rmsse: 0.8, bias: 0.02, coverage80: 0.8, trackingSignal: 1, ...overrides.accuracy },
  };
  const policy = computeInventoryPolicy({
    forecast,
    leadTime: { meanDays: 7, sdDays: 1 },
    reviewPeriodDays: 7,
    serviceTarget: { kind: "cycle-service", level: 0.95 },
  });
  const openLines = overrides.openLines ?? [];
  const projection = projectInventory(
    {
      onHand: overrides.onHand,
      forecast,
      receipts: openLines.map((line) => ({ dayOffset: line.expectedDay - asOf - 1, quantity: line.quantity, reference: line.purchaseOrderId })),
      safetyStock: policy.safetyStock,
    },
    { riskWindowDays: 7 },
  );
  return {
    seriesId: "S01|SKU7",
    locationId: "S01",
    sku: "SKU7",
    asOf,
    history: { id: "S01|SKU7", firstDay: asOf - history.length + 1, units: history },
    forecast,
    onHand: overrides.onHand,
    unitCost: 6,
    unitPrice: 10,
    casePack: 6,
    leadTimeDays: 7,
    reviewPeriodDays: 7,
    policy,
    projection,
    openLines,
    allocatedUnits: overrides.allocatedUnits ?? 0,
    transfersIn: [],
    transfersOut: [],
  };
}

/** Every number in the root-cause sentence must come from a driver's label or formatted value. */
function expectTraceableRootCause(exception: PlanException | undefined): asserts exception is PlanException {
  expect(exception).toBeDefined();
  if (!exception) return;
  const numbers = (text: string) => text.match(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g) ?? [];
  const driverNumbers = new Set(exception.drivers.flatMap((driver) => [...numbers(driver.label), ...numbers(driver.text)]));
  for (const number of numbers(exception.rootCause)) expect(driverNumbers).toContain(number);
  for (const driver of exception.drivers) expect(exception.rootCause).toContain(driver.text);
  expect(exception.score.score).toBeCloseTo(exception.score.moneyAtRisk * exception.score.urgency * exception.score.confidence, 9);
  exception.actions.forEach((action, index) => expect(action.rank).toBe(index + 1));
}

describe("exception detectors", () => {
  it("projected stock-out: low stock raises it with expedite and order actions; ample stock does not", () => {
    const late: OpenPurchaseLine = { purchaseOrderId: "4411", quantity: 120, promisedDay: asOf + 3, expectedDay: asOf + 9 };
    const exception = detectProjectedStockout(context({ onHand: 25, openLines: [late] }), options);
    expectTraceableRootCause(exception);
    expect(exception.type).toBe("projected-stockout");
    expect(exception.score.moneyAtRisk).toBeGreaterThan(0);
    expect(exception.actions.map((action) => action.kind).sort()).toEqual(["expedite-po", "raise-order"]);
    expect(detectProjectedStockout(context({ onHand: 400 }), options)).toBeUndefined();
  });

  it("projected stock-out: units already allocated from the DC are explained and not ordered again", () => {
    const orderOf = (exception: PlanException | undefined) => exception?.actions.find((action) => action.kind === "raise-order")?.quantity ?? 0;
    const without = detectProjectedStockout(context({ onHand: 25 }), options);
    const withAllocation = detectProjectedStockout(context({ onHand: 25, allocatedUnits: 30 }), options);
    expectTraceableRootCause(withAllocation);
    expect(withAllocation.drivers.find((driver) => driver.key === "allocated")?.value).toBe(30);
    expect(orderOf(without) - orderOf(withAllocation)).toBe(30);
  });

  it("excess: too many weeks of cover proposes cutting the PO and a markdown", () => {
    const line: OpenPurchaseLine = { purchaseOrderId: "PO-9", quantity: 300, promisedDay: asOf + 10, expectedDay: asOf + 10 };
    const exception = detectExcessStock(context({ onHand: 900, dailyMean: 5, openLines: [line] }), options);
    expectTraceableRootCause(exception);
    expect(exception.actions.map((action) => action.kind)).toContain("markdown");
    expect(exception.actions.some((action) => action.kind === "cancel-po" || action.kind === "cut-po")).toBe(true);
    expect(detectExcessStock(context({ onHand: 100 }), options)).toBeUndefined();
  });

  it("demand deviation: a persistent promotion spike is named; a one-day spike is noise", () => {
    const spike = [...Array.from({ length: 83 }, () => 10), 13, 14, 12, 13, 13, 12, 14];
    const exception = detectDemandDeviation(
      context({ onHand: 200, history: spike }),
      { promotions: [{ promotionId: "P-12", startDay: asOf - 5, endDay: asOf + 5 }] },
      options,
    );
    expectTraceableRootCause(exception);
    expect(exception.promotionId).toBe("P-12");
    expect(exception.drivers.find((driver) => driver.key === "sales-vs-expected")?.text).toBe("+30%");
    expect(exception.rootCause).toContain("since promotion P-12 started 6 days");
    const oneDay = [...Array.from({ length: 89 }, () => 10), 40];
    expect(detectDemandDeviation(context({ onHand: 200, history: oneDay }), { promotions: [] }, options)).toBeUndefined();
  });

  it("supplier delay: late PO with deteriorating lead time", () => {
    const exception = detectSupplierDelay(
      {
        purchaseOrderId: "4411",
        supplierId: "SUP-3",
        promisedDay: asOf - 6,
        expectedDay: asOf + 2,
        asOf,
        lines: [{ seriesId: "S01|SKU7", quantity: 120, unitCost: 6, unitMargin: 4, lostUnitsIfOnTime: 1, lostUnitsAsExpected: 40 }],
        supplier: {
          status: "observed",
          meanDays: 9,
          sdDays: 2,
          meanLatenessDays: 2,
          promisedDays: 7,
          recentMeanDays: 11,
          earlierMeanDays: 7,
          recentCount: 8,
          earlierCount: 12,
          observationCount: 20,
        },
      },
      options,
    );
    expectTraceableRootCause(exception);
    expect(exception.rootCause).toContain("PO 4411 now late by 6 days");
    expect(exception.rootCause).toContain("lead time was 7 days; and recently 11 days");
    expect(exception.score.moneyAtRisk).toBe(39 * 4);
    expect(exception.actions[0]?.kind).toBe("expedite-po");
  });

  it("inventory inaccuracy: negative on hand, and phantom stock after an unlikely zero-sales run", () => {
    const negative = detectInventoryInaccuracy(context({ onHand: -10 }), options);
    expectTraceableRootCause(negative);
    expect(negative.score.moneyAtRisk).toBe(60);
    const phantomHistory = [...Array.from({ length: 80 }, () => 10), ...Array.from({ length: 10 }, () => 0)];
    const phantom = detectInventoryInaccuracy(context({ onHand: 50, history: phantomHistory }), options);
    expectTraceableRootCause(phantom);
    expect(phantom.actions[0]?.kind).toBe("cycle-count");
    expect(detectInventoryInaccuracy(context({ onHand: 50 }), options)).toBeUndefined();
  });

  it("forecast drift: a tracking signal beyond 4 raises a review-model action", () => {
    const exception = detectForecastDrift(context({ onHand: 100, accuracy: { trackingSignal: -6.5, bias: -0.3 } }), options);
    expectTraceableRootCause(exception);
    expect(exception.actions.map((action) => action.kind)).toContain("review-model");
    expect(detectForecastDrift(context({ onHand: 100 }), options)).toBeUndefined();
  });

  it("forecast drift: no sales in the backtest (undefined relative bias) raises nothing", () => {
    const noSales = context({ onHand: 100, accuracy: { trackingSignal: Number.POSITIVE_INFINITY, bias: Number.POSITIVE_INFINITY } });
    expect(detectForecastDrift(noSales, options)).toBeUndefined();
    expect(detectForecastDrift(context({ onHand: 100, accuracy: { trackingSignal: 5, bias: Number.NaN } }), options)).toBeUndefined();
  });

  it("promotion readiness: nodes that cannot cover the lift", () => {
    const promotion = { promotionId: "P-20", startDay: asOf + 10, endDay: asOf + 16, expectedUplift: 0.8 };
    const exception = detectPromotionReadiness(promotion, [context({ onHand: 110 })], options);
    expectTraceableRootCause(exception);
    expect(exception.drivers.find((driver) => driver.key === "shortfall")?.value).toBeGreaterThan(0);
    expect(detectPromotionReadiness(promotion, [context({ onHand: 600 })], options)).toBeUndefined();
  });

  it("noise control: below the minimum money at risk nothing is raised", () => {
    const quiet = { ...options, minMoneyAtRisk: 1e9 };
    expect(detectProjectedStockout(context({ onHand: 25 }), quiet)).toBeUndefined();
  });
});
