import { describe, expect, it } from "vitest";
import { computeInventoryPolicy } from "../policy/compute-inventory-policy";
import { projectInventory, regularReplenishment } from "../projection/project-inventory";
import type { SeriesForecast } from "../types";
import { assessStockRecord } from "./assess-stock-record";
import { detectDemandDeviation } from "./detect-demand-deviation";
import { detectExcessStock } from "./detect-excess-stock";
import { findForecastDrift } from "./detect-forecast-drift";
import { detectInventoryInaccuracy } from "./detect-inventory-inaccuracy";
import { detectProjectedStockout } from "./detect-projected-stockout";
import { detectPromotionReadiness } from "./detect-promotion-readiness";
import { detectStalePurchaseOrders, isStalePurchaseOrder } from "./detect-stale-purchase-orders";
import { delayProbability, detectSupplierDelay } from "./detect-supplier-delay";
import { defaultExceptionOptions, type PlanException } from "./exception-types";
import { forecastConfidence, type OpenPurchaseLine, type SeriesContext } from "./series-context";

const asOf = 20_000;
const options = defaultExceptionOptions;

function context(overrides: {
  onHand: number;
  dailyMean?: number;
  history?: number[];
  openLines?: OpenPurchaseLine[];
  allocatedUnits?: number;
  accuracy?: Partial<NonNullable<SeriesForecast["accuracy"]>>;
  locationType?: SeriesContext["locationType"];
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
  const historySeries = { id: "S01|SKU7", firstDay: asOf - history.length + 1, units: history };
  return {
    seriesId: "S01|SKU7",
    locationId: "S01",
    locationType: overrides.locationType ?? "store",
    sku: "SKU7",
    asOf,
    history: historySeries,
    forecast,
    onHand: overrides.onHand,
    stockRecord: assessStockRecord(historySeries, overrides.onHand, forecast.nbSize, options),
    unitCost: 6,
    unitPrice: 10,
    casePack: 6,
    leadTimeDays: 7,
    reviewPeriodDays: 7,
    backtestDays: 28,
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

  it("projected stock-out: an expedite is priced on the days it brings the line forward, proposed only when that pays, and at a DC on its stores' stock too", () => {
    const late: OpenPurchaseLine = { purchaseOrderId: "4411", quantity: 120, promisedDay: asOf + 3, expectedDay: asOf + 9 };
    const expedite = (exception: PlanException | undefined) => exception?.actions.find((action) => action.kind === "expedite-po");
    // Due on day 8 of the projection, expedited it lands on day 4: it saves the sales of days 4–7, not those from the stock-out (day 2) on.
    const saved = expedite(detectProjectedStockout(context({ onHand: 25, openLines: [late] }), options))!;
    expect(saved.expectedBenefit).toBeGreaterThan(3 * 10 * 4);
    expect(saved.expectedBenefit).toBeLessThan(5 * 10 * 4);
    expect(saved.cost).toBeCloseTo(120 * 6 * options.expediteCostShare);
    // Must not: a line due tomorrow cannot come earlier; an expedite whose saved sales are worth less than its cost.
    const dueTomorrow: OpenPurchaseLine = { ...late, expectedDay: asOf + 2 };
    expect(expedite(detectProjectedStockout(context({ onHand: 0, openLines: [dueTomorrow] }), options))).toBeUndefined();
    expect(expedite(detectProjectedStockout(context({ onHand: 25, openLines: [late] }), { ...options, expediteCostShare: 0.5 }))).toBeUndefined();
    // At an empty DC it saves what its stores lose until they are topped up a lane's lead time after the line lands:
    // a store about to run dry makes it worth it; a store holding three weeks of demand loses nothing either way.
    const emptyDc = context({ onHand: 0, openLines: [late], locationType: "dc" });
    expect(expedite(detectProjectedStockout(emptyDc, options, [context({ onHand: 10 })]))).toBeDefined();
    const covered = detectProjectedStockout(emptyDc, options, [context({ onHand: 210 })]);
    expect(covered?.type).toBe("projected-stockout");
    expect(expedite(covered)).toBeUndefined();
  });

  it("projected stock-out: stated at the chance of an empty shelf, and not raised when that chance is small or at a DC that still holds stock", () => {
    const low = context({ onHand: 25 });
    const exception = detectProjectedStockout(low, options);
    expectTraceableRootCause(exception);
    expect(exception.score.confidence).toBeCloseTo(Math.min(options.maxInferredConfidence, low.projection.stockoutProbabilityInProtection), 10);
    // Must not: a chance below the bar; a DC with stock on record (its stores raise their own).
    expect(detectProjectedStockout(low, { ...options, minStockoutProbability: low.projection.stockoutProbabilityInProtection + 0.01 })).toBeUndefined();
    expect(detectProjectedStockout(context({ onHand: 25, locationType: "dc" }), options)).toBeUndefined();
    expect(detectProjectedStockout(context({ onHand: 0, locationType: "dc" }), options)).toBeDefined();
  });

  it("projected stock-out: the noise floor is judged on the loss if the shelf does run empty, not on its expectation, and shrinks with the chance", () => {
    // A stock that may or may not last: its chance of an empty shelf is well between the gate and certainty.
    const uncertain = [...Array.from({ length: 200 }, (_, units) => context({ onHand: 25 + units }))].find((candidate) => {
      const chance = candidate.projection.stockoutProbabilityInProtection;
      return chance >= 0.4 && chance <= 0.8;
    })!;
    const chance = uncertain.projection.stockoutProbabilityInProtection;
    const expected = detectProjectedStockout(uncertain, { ...options, minMoneyAtRisk: 0 })!.score.moneyAtRisk;
    const ifItHappens = expected / chance;
    // Must raise: the expectation is under the floor, the loss if it happens is over it.
    const raised = detectProjectedStockout(uncertain, { ...options, minMoneyAtRisk: (expected + ifItHappens) / 2 });
    expectTraceableRootCause(raised);
    expect(raised.score.moneyAtRisk).toBeCloseTo(expected, 9);
    // The floor is whole at the gate and shrinks with the chance that the claim is false.
    const floorShare = (1 - chance) / (1 - options.minStockoutProbability);
    expect(floorShare).toBeLessThan(1);
    // Must not: even the loss if it happens is under the floor's share left at this chance.
    expect(detectProjectedStockout(uncertain, { ...options, minMoneyAtRisk: (ifItHappens / floorShare) * 1.01 })).toBeUndefined();
    // Must raise just under it, a floor larger than the loss itself.
    expect(detectProjectedStockout(uncertain, { ...options, minMoneyAtRisk: (ifItHappens / floorShare) * 0.99 })).toBeDefined();
  });

  it("projected stock-out: a shelf that opens below its safety stock says by how much, not that it falls below it in a day", () => {
    const empty = detectProjectedStockout(context({ onHand: 0 }), options);
    expectTraceableRootCause(empty);
    const driver = (exception: PlanException, key: string) => exception.drivers.find((found) => found.key === key);
    const safetyStock = driver(empty, "safety-stock")!.value;
    expect(safetyStock).toBeGreaterThan(0);
    expect(driver(empty, "short-of-safety-stock")?.value).toBe(safetyStock);
    expect(driver(empty, "days-to-breach")).toBeUndefined();
    const stocked = detectProjectedStockout(context({ onHand: Math.ceil(safetyStock) + 5 }), options);
    expectTraceableRootCause(stocked);
    expect(driver(stocked, "days-to-breach")?.value).toBeGreaterThanOrEqual(1);
    expect(driver(stocked, "short-of-safety-stock")).toBeUndefined();
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
    const spike = [...Array.from({ length: 83 }, () => 10), 16, 17, 15, 16, 16, 15, 17];
    const exception = detectDemandDeviation(
      context({ onHand: 200, history: spike }),
      { promotions: [{ promotionId: "P-12", startDay: asOf - 5, endDay: asOf + 5 }] },
      options,
    );
    expectTraceableRootCause(exception);
    expect(exception.promotionId).toBe("P-12");
    expect(exception.drivers.find((driver) => driver.key === "sales-vs-expected")?.text).toBe("+60%");
    expect(exception.rootCause).toContain("since promotion P-12 started 6 days");
    const oneDay = [...Array.from({ length: 89 }, () => 10), 40];
    expect(detectDemandDeviation(context({ onHand: 200, history: oneDay }), { promotions: [] }, options)).toBeUndefined();
    // Must not: the current forecast already plans near the new level (14/day), less than minDeviationShare below it.
    expect(detectDemandDeviation(context({ onHand: 200, history: spike, dailyMean: 14 }), { promotions: [] }, options)).toBeUndefined();
    // Partly caught up (11/day): raised for what is still off, not for the whole jump.
    const halfway = detectDemandDeviation(context({ onHand: 200, history: spike, dailyMean: 11 }), { promotions: [] }, options);
    expect(halfway).toBeDefined();
    const change = (found: PlanException | undefined) => found?.drivers.find((driver) => driver.key === "forecast-change")?.value ?? 0;
    expect(change(halfway)).toBeLessThan(change(exception));
    // A fall of the same size moves it only part of the way: a week against a forecast fitted on months.
    const fall = detectDemandDeviation(context({ onHand: 200, history: [...Array.from({ length: 83 }, () => 10), 4, 3, 5, 4, 4, 5, 3] }), { promotions: [] }, options);
    expect(change(fall)).toBeLessThan(0);
    expect(-change(fall)).toBeLessThan(change(exception));
  });

  it("demand deviation: its confidence is the chance the gap is not noise, larger for a larger gap, never 1", () => {
    const confidenceAt = (level: number) =>
      detectDemandDeviation(context({ onHand: 200, history: [...Array.from({ length: 83 }, () => 10), ...Array.from({ length: 7 }, () => level)] }), { promotions: [] }, options)
        ?.score.confidence ?? 0;
    expect(confidenceAt(16)).toBeGreaterThan(0.9);
    expect(confidenceAt(16)).toBeLessThanOrEqual(confidenceAt(20));
    expect(confidenceAt(40)).toBe(options.maxInferredConfidence);
  });

  it("supplier delay: late PO with deteriorating lead time; expedited only when the sales it saves pay for it", () => {
    const late = (lostUnitsIfExpedited: number): Parameters<typeof detectSupplierDelay>[0] => ({
        purchaseOrderId: "4411",
        supplierId: "SUP-3",
        promisedDay: asOf - 6,
        expectedDay: asOf + 2,
        asOf,
        lines: [{ seriesId: "S01|SKU7", quantity: 120, unitCost: 6, unitMargin: 4, lostUnitsIfOnTime: 1, lostUnitsIfExpedited, lostUnitsAsExpected: 40 }],
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
      });
    const exception = detectSupplierDelay(late(20), options);
    expectTraceableRootCause(exception);
    expect(exception.rootCause).toContain("PO 4411 now late by 6 days");
    expect(exception.rootCause).toContain("lead time was 7 days; and recently 11 days");
    expect(exception.score.moneyAtRisk).toBe(39 * 4);
    // It saves the 20 sales lost between the expedited day and the expected one, not the 39 the delay costs.
    expect(exception.actions[0]).toMatchObject({ kind: "expedite-po", expectedBenefit: 20 * 4 });
    expect(exception.actions[0]?.cost).toBeCloseTo(120 * 6 * options.expediteCostShare);
    // Must not: an expedite that saves 2 sales ($8) for $57.60 is never proposed; the delay is still raised.
    const notWorthIt = detectSupplierDelay(late(38), options);
    expect(notWorthIt?.type).toBe("supplier-delay");
    expect(notWorthIt?.actions).toEqual([]);
  });

  it("supplier delay: its confidence is the chance the order really lands two days or more late, never 100 %", () => {
    const supplier = (recentMeanDays: number) => ({
      status: "observed" as const,
      meanDays: 7,
      sdDays: 1,
      meanLatenessDays: 0,
      promisedDays: 7,
      recentMeanDays,
      earlierMeanDays: 7,
      recentCount: 8,
      earlierCount: 12,
      observationCount: 20,
    });
    const chance = (promisedDay: number, recentMeanDays: number) => delayProbability({ promisedDay, asOf, supplier: supplier(recentMeanDays) }, options.minDelayDays);
    // Must not: an on-time supplier's order that is not due yet is a likely delay.
    expect(chance(asOf + 3, 7)).toBeLessThan(0.1);
    // Must: a supplier now 4 days late on average makes a delay likely before the promise passes.
    expect(chance(asOf + 3, 11)).toBeGreaterThan(0.9);
    // Property: the longer an order stays open, the likelier the delay.
    let previous = 0;
    for (let promisedDay = asOf + 5; promisedDay >= asOf - 5; promisedDay -= 1) {
      const current = chance(promisedDay, 8);
      expect(current).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = current;
    }
    // An order open two days past its promise is late; the exception still caps the inference.
    expect(chance(asOf - 2, 7)).toBe(1);
    const exception = detectSupplierDelay(
      {
        purchaseOrderId: "4412",
        supplierId: "SUP-3",
        promisedDay: asOf - 3,
        expectedDay: asOf + 1,
        asOf,
        lines: [{ seriesId: "S01|SKU7", quantity: 120, unitCost: 6, unitMargin: 4, lostUnitsIfOnTime: 0, lostUnitsIfExpedited: 30, lostUnitsAsExpected: 30 }],
        supplier: supplier(7),
      },
      options,
    )!;
    expect(exception.score.confidence).toBe(options.maxInferredConfidence);
  });

  it("inventory inaccuracy: negative on hand, and phantom stock after an unlikely zero-sales run", () => {
    const negative = detectInventoryInaccuracy(context({ onHand: -10 }), options);
    expectTraceableRootCause(negative);
    expect(negative.drivers.find((driver) => driver.key === "value")?.value).toBe(60);
    const phantomHistory = [...Array.from({ length: 80 }, () => 10), ...Array.from({ length: 10 }, () => 0)];
    const phantom = detectInventoryInaccuracy(context({ onHand: 50, history: phantomHistory }), options);
    expectTraceableRootCause(phantom);
    expect(phantom.actions[0]?.kind).toBe("cycle-count");
    expect(detectInventoryInaccuracy(context({ onHand: 50 }), options)).toBeUndefined();
  });

  it("forecast drift: raised only while the forecast is still off the way the backtest says, with money past the threshold", () => {
    const risen = Array.from({ length: 90 }, (_, day) => (day < 62 ? 10 : 16) + ((day * 7) % 5) - 2);
    const drifting = { trackingSignal: -20, bias: -0.4 };
    const exception = findForecastDrift(context({ onHand: 100, history: risen, accuracy: drifting }), options)?.exception;
    expectTraceableRootCause(exception);
    expect(exception.actions.map((action) => action.kind)).toEqual(["review-model", "adjust-forecast"]);
    // The forecast change is stated per day: 10/day against ~16/day of recent sales.
    expect(exception.actions.find((action) => action.kind === "adjust-forecast")?.quantity).toBeGreaterThan(2);
    expect(exception.actions.find((action) => action.kind === "adjust-forecast")?.quantity).toBeLessThan(7);
    expect(exception.score.confidence).toBeLessThan(1);
    // Must not: the model has caught up with recent sales; no drift evidence; a bias too cheap to matter.
    expect(findForecastDrift(context({ onHand: 100, accuracy: drifting }), options)?.exception).toBeUndefined();
    expect(findForecastDrift(context({ onHand: 100, history: risen }), options)?.exception).toBeUndefined();
    expect(findForecastDrift(context({ onHand: 100, history: risen, accuracy: drifting }), { ...options, minMoneyAtRisk: 1e6 })?.exception).toBeUndefined();
  });

  it("forecast drift: a store topped up to S in whole cases is priced over the positions S … S + case − 1 it really holds", () => {
    const risen = Array.from({ length: 90 }, (_, day) => (day < 62 ? 10 : 16) + ((day * 7) % 5) - 2);
    const drifting = { trackingSignal: -20, bias: -0.4 };
    const plain = context({ onHand: 100, history: risen, accuracy: drifting });
    const toppedUp = (casePack: number): SeriesContext => ({ ...plain, casePack, replenishment: regularReplenishment(plain.policy, 1, casePack, "dc-allocation") });
    const money = (subject: SeriesContext) => findForecastDrift(subject, options)?.exception.score.moneyAtRisk ?? 0;
    // Must: a case of 24 keeps the shelf above S most days, so the same bias loses fewer sales.
    expect(money(toppedUp(24))).toBeGreaterThan(0);
    expect(money(toppedUp(24))).toBeLessThan(money(toppedUp(1)));
    // Must not: a case of 1, or a node without routine top-ups to S (a DC's (s, S), no DC cover), changes.
    expect(money(toppedUp(1))).toBeCloseTo(money({ ...plain, casePack: 1 }), 9);
    expect(money({ ...plain, casePack: 12 })).toBeCloseTo(money({ ...plain, casePack: 1 }), 9);
    const dcLike = { ...plain, casePack: 12, replenishment: regularReplenishment({ reorderPoint: plain.policy.reorderPoint - 5, orderUpToLevel: plain.policy.orderUpToLevel }, 7, 12, "supplier") };
    expect(money(dcLike)).toBeCloseTo(money({ ...plain, casePack: 1 }), 9);
  });

  it("forecast drift: confidence grows with the tracking signal and never reaches 1", () => {
    const risen = Array.from({ length: 90 }, (_, day) => (day < 62 ? 10 : 16) + ((day * 7) % 5) - 2);
    const confidenceAt = (trackingSignal: number) =>
      findForecastDrift(context({ onHand: 100, history: risen, accuracy: { trackingSignal, bias: -0.4 } }), options)?.exception.score.confidence ?? 0;
    expect(confidenceAt(-5)).toBeLessThan(confidenceAt(-10));
    expect(confidenceAt(-10)).toBeLessThan(confidenceAt(-30));
    expect(confidenceAt(-300)).toBe(options.maxInferredConfidence);
  });

  it("forecast drift: no sales in the backtest (undefined relative bias) raises nothing", () => {
    const noSales = context({ onHand: 100, accuracy: { trackingSignal: Number.POSITIVE_INFINITY, bias: Number.POSITIVE_INFINITY } });
    expect(findForecastDrift(noSales, options)?.exception).toBeUndefined();
    expect(findForecastDrift(context({ onHand: 100, accuracy: { trackingSignal: 5, bias: Number.NaN } }), options)?.exception).toBeUndefined();
  });

  it("promotion readiness: nodes that cannot cover the lift", () => {
    const promotion = { promotionId: "P-20", startDay: asOf + 10, endDay: asOf + 16, expectedUplift: 0.8 };
    const exception = detectPromotionReadiness(promotion, [context({ onHand: 110 })], options);
    expectTraceableRootCause(exception);
    expect(exception.drivers.find((driver) => driver.key === "shortfall")?.value).toBeGreaterThan(0);
    expect(detectPromotionReadiness(promotion, [context({ onHand: 600 })], options)).toBeUndefined();
  });

  it("promotion readiness: a store its DC tops up every morning stays topped up during the promotion; a promotion past the projection is not judged yet", () => {
    // Three weeks at +30 %: more than the store's order-up-to level holds, unless it keeps being topped up.
    const promotion = { promotionId: "P-21", startDay: asOf + 5, endDay: asOf + 26, expectedUplift: 0.3 };
    const alone = context({ onHand: 110 });
    const toppedUp: SeriesContext = {
      ...alone,
      projection: projectInventory(
        {
          onHand: alone.onHand,
          forecast: alone.forecast,
          receipts: [],
          safetyStock: alone.policy.safetyStock,
          replenishment: regularReplenishment(alone.policy, 1, alone.casePack, "dc-allocation"),
        },
        { riskWindowDays: 7 },
      ),
    };
    // Must: without routine replenishment 110 units cannot carry it.
    expect(detectPromotionReadiness(promotion, [alone], options)).toBeDefined();
    // Must not: topped up to its order-up-to level every morning, the store is not short.
    expect(detectPromotionReadiness(promotion, [toppedUp], options)).toBeUndefined();
    // Must not: nothing is known yet of the stock at a start beyond the 28-day projection.
    const later = { ...promotion, startDay: asOf + 40, endDay: asOf + 46 };
    expect(detectPromotionReadiness(later, [context({ onHand: 0 })], options)).toBeUndefined();
  });

  it("phantom stock: a series that sold every few days and has been silent for 35 days raises a cycle count with its evidence, and nothing that moves the stock", () => {
    // Sold 1–3 units on about two days in three, then nothing for 35 days while 14 units are on record.
    const selling = Array.from({ length: 85 }, (_, day) => (day % 3 === 2 ? 0 : 1 + (day % 2)));
    const silent = [...selling, ...Array.from({ length: 35 }, () => 0)];
    const phantom = context({ onHand: 14, dailyMean: 0.05, history: silent });
    expect(phantom.stockRecord.status).toBe("phantom");
    const exception = detectInventoryInaccuracy(phantom, options);
    expectTraceableRootCause(exception);
    expect(exception.actions.map((action) => action.kind)).toEqual(["cycle-count"]);
    expect(exception.drivers.find((driver) => driver.key === "zero-sales-days")?.value).toBe(35);
    expect(exception.drivers.find((driver) => driver.key === "usual-daily-sales")?.value).toBeCloseTo(1, 0);
    expect(exception.drivers.find((driver) => driver.key === "run-probability")?.value).toBeLessThan(options.phantomMaxProbability);
    expect(exception.score.confidence).toBeLessThan(1);
    // Must not: call the stock excess, mark it down or give it away.
    expect(detectExcessStock(phantom, options)).toBeUndefined();
  });

  it("phantom stock must not be raised for a slow mover's ordinary silence or a short gap", () => {
    const slowMover = Array.from({ length: 120 }, (_, day) => (day % 11 === 0 && day < 100 ? 1 : 0));
    expect(context({ onHand: 4, dailyMean: 0.1, history: slowMover }).stockRecord.status).toBe("plausible");
    const shortGap = [...Array.from({ length: 84 }, () => 3), 0, 0, 0, 0, 0, 0];
    expect(context({ onHand: 30, dailyMean: 3, history: shortGap }).stockRecord.status).toBe("plausible");
    expect(detectInventoryInaccuracy(context({ onHand: 30, dailyMean: 3, history: shortGap }), options)).toBeUndefined();
  });

  it("negative on hand is an observed inventory inaccuracy at full confidence", () => {
    const exception = detectInventoryInaccuracy(context({ onHand: -3 }), options);
    expectTraceableRootCause(exception);
    expect(exception.score.confidence).toBe(1);
    expect(exception.actions[0]?.quantity).toBe(3);
    expect(detectExcessStock(context({ onHand: -3 }), options)).toBeUndefined();
  });

  it("stale POs: past twice their lead time they are one confirm-or-cancel exception per supplier listing the SKUs, never an expedite", () => {
    const order = (id: string, promisedDay: number, sku: string) => ({
      purchaseOrderId: id,
      orderDay: promisedDay - 7,
      promisedDay,
      lines: [{ sku, locationId: "DC1", quantity: 100, unitCost: 6 }],
    });
    expect(isStalePurchaseOrder({ orderDay: asOf - 375, promisedDay: asOf - 368 }, asOf, options)).toBe(true);
    expect(isStalePurchaseOrder({ orderDay: asOf - 12, promisedDay: asOf - 5 }, asOf, options)).toBe(false);
    const exception = detectStalePurchaseOrders("SUP3", [order("PO-2", asOf - 120, "SKU9"), order("PO-1", asOf - 368, "SKU7")], asOf, options);
    expectTraceableRootCause(exception);
    expect(exception.purchaseOrderId).toBe("PO-1");
    expect(exception.actions.map((action) => [action.kind, action.purchaseOrderId])).toEqual([
      ["confirm-po", "PO-1"],
      ["confirm-po", "PO-2"],
    ]);
    // A count reads before what it counts, never glued after a list.
    expect(exception.rootCause).toContain("2 open POs of supplier SUP3 past 2× their lead time (PO-1, PO-2)");
    expect(exception.rootCause).toContain("2 products affected (SKU7, SKU9)");
    const single = detectStalePurchaseOrders("SUP3", [order("PO-1", asOf - 368, "SKU7")], asOf, options);
    expect(single?.rootCause).toContain("1 open PO of supplier SUP3 past 2× its lead time (PO-1)");
    expect(single?.rootCause).toContain("1 product affected (SKU7)");
    expect(exception.actions.some((action) => action.kind === "expedite-po")).toBe(false);
  });

  it("markdown: only at a selling store, only for stock the season will not sell, and only when it beats holding", () => {
    const overstocked = context({ onHand: 400, dailyMean: 1 });
    const markdown = detectExcessStock(overstocked, options)?.actions.find((action) => action.kind === "markdown");
    expect(markdown).toBeDefined();
    expect(markdown!.netBenefit).toBeGreaterThan(0);
    // 400 on hand, ~91 sell by the season's end: the markdown is for what is left, at most what it can sell in its window.
    expect(markdown!.quantity).toBeLessThanOrEqual(2 * options.markdownWindowDays);
    // Must not: at a DC, where nothing sells to shoppers — with nothing else to do there, nothing is raised.
    expect(detectExcessStock(context({ onHand: 400, dailyMean: 1, locationType: "dc" }), options)).toBeUndefined();
    const openLine: OpenPurchaseLine = { purchaseOrderId: "4411", quantity: 120, promisedDay: asOf + 10, expectedDay: asOf + 10 };
    const atDc = detectExcessStock(context({ onHand: 400, dailyMean: 1, locationType: "dc", openLines: [openLine] }), options);
    expect(atDc?.actions.map((action) => action.kind)).toEqual(["cancel-po"]);
    // Must not: excess the season sells through at full price (holding beats marking down); raised for its open line only.
    const sellsThrough = (openLines: OpenPurchaseLine[]) => detectExcessStock(context({ onHand: 950, dailyMean: 12, openLines }), { ...options, maxWeeksOfCover: 4 });
    expect(sellsThrough([])).toBeUndefined();
    expect(sellsThrough([openLine])?.actions.some((action) => action.kind === "markdown")).toBe(false);
    expect(sellsThrough([openLine])?.actions.length).toBeGreaterThan(0);
    // Must not: units left over only if the season's demand comes in at its mean (100 on hand, 91 expected,
    // ~104 at the 90th percentile) — nothing is marked down, and with nothing else to decide nothing is raised.
    expect(detectExcessStock(context({ onHand: 100, dailyMean: 1 }), options)).toBeUndefined();
  });

  it("confidence from a short backtest never reaches 1, and more evidence moves it closer to what was measured", () => {
    const perfect = { ...context({ onHand: 10 }).forecast, accuracy: { wape: 0, mase: 0, rmsse: 0, bias: 0, coverage80: 1, trackingSignal: 0 } };
    expect(forecastConfidence(perfect, 28)).toBeLessThan(1);
    expect(forecastConfidence(perfect, 7)).toBeLessThan(forecastConfidence(perfect, 28));
    expect(forecastConfidence(perfect, 365)).toBeGreaterThan(0.99);
  });

  it("noise control: below the minimum money at risk nothing is raised", () => {
    const quiet = { ...options, minMoneyAtRisk: 1e9 };
    expect(detectProjectedStockout(context({ onHand: 25 }), quiet)).toBeUndefined();
  });
});
