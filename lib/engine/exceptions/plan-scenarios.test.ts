import { describe, expect, it } from "vitest";
import { defaultExceptionOptions } from "./exception-types";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { ForecastStep, PlanSnapshot } from "../plan/plan-types";
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

  describe("projected stock-out at a store its DC tops up", () => {
    // ST1 × SKU1 sells exactly 5 a day at a $24 margin; its DC holds plenty; case packs of 1.
    const steady = (base: PlanSnapshot, onHand: number, purchaseOrders: PlanSnapshot["purchaseOrders"] = []): PlanSnapshot => ({
      ...base,
      products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, unitPrice: 30 } : product)),
      demand: base.demand.map((series) => (series.id === "ST1|SKU1" ? { ...series, units: new Float64Array(series.units.length).fill(5) } : series)),
      stock: base.stock.map((record) => (record.locationId === "ST1" && record.sku === "SKU1" ? { ...record, onHand } : record)),
      purchaseOrders,
    });
    const stockoutAt = async (snapshot: PlanSnapshot) => {
      const result = await runPlan(snapshot, {}, flatForecastStep);
      return {
        raised: result.exceptions.some((exception) => exception.type === "projected-stockout" && exception.seriesId === "ST1|SKU1"),
        allocated: result.allocations.flatMap((allocation) => allocation.allocations).some((allocation) => allocation.id === "ST1" && allocation.units > 0),
      };
    };

    it("must raise when on hand runs out before today's allocation lands: it ships this morning and arrives after the 2-day lead time, not tomorrow", async () => {
      // 6 on hand against 5 a day: empty during day 1 unless the DC's shipment were there by then.
      const { raised, allocated } = await stockoutAt(steady(buildSmallSnapshot(7), 6));
      expect(allocated).toBe(true);
      expect(raised).toBe(true);
    });

    it("must not raise when on hand lasts until today's allocation lands", async () => {
      const { raised, allocated } = await stockoutAt(steady(buildSmallSnapshot(7), 16));
      expect(allocated).toBe(true);
      expect(raised).toBe(false);
    });

    it("must not raise for a DC shipment on its way: it is expected on its promise, not moved by the product supplier's lateness", async () => {
      const base = buildSmallSnapshot(7);
      // The product's supplier runs 6 days late; the DC's own shipments are not its orders.
      const late: PlanSnapshot = {
        ...base,
        suppliers: base.suppliers.map((supplier) => ({ ...supplier, leadTimeHistory: supplier.leadTimeHistory.map((entry) => ({ ...entry, receivedDay: entry.orderDay + 13 })) })),
      };
      const shipment = { purchaseOrderId: "RP-1", supplierId: "DC1", locationId: "ST1", sku: "SKU1", quantity: 60, orderDay: base.asOf - 1, promisedDay: base.asOf + 1 };
      const { raised, allocated } = await stockoutAt(steady(late, 6, [shipment]));
      expect(allocated).toBe(false);
      expect(raised).toBe(false);
      // The same shipment only on its way in three days' time leaves the shelf empty meanwhile: raised.
      expect((await stockoutAt(steady(late, 6, [{ ...shipment, promisedDay: base.asOf + 4 }]))).raised).toBe(true);
    });
  });
  describe("projected stock-out at a store whose level the in-stock budget chose", () => {
    // ST1 × SKU1 sells 0.3 a day, costs $400 and comes in cases of 12: under the budget its level is 2
    // (4 at the service level), and a store resting on 2 … 13 has a ≥ 30 % chance of an empty shelf
    // within lead time + review — the risk the budget took for $800 less stock.
    const budget = { storeInStockPerDollar: 3e-5 };
    const slowAndDear = (onHand: number, dcOnHand: number): PlanSnapshot => {
      const base = buildSmallSnapshot(7);
      return {
        ...base,
        products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, unitCost: 400, unitPrice: 600, casePack: 12 } : product)),
        demand: base.demand.map((series) =>
          series.id === "ST1|SKU1" ? { ...series, units: Float64Array.from(series.units, (_, day) => Math.floor((day + 1) * 0.3) - Math.floor(day * 0.3)) } : series,
        ),
        stock: base.stock.map((record) =>
          record.sku !== "SKU1" ? record : record.locationId === "ST1" ? { ...record, onHand } : record.locationId === "DC1" ? { ...record, onHand: dcOnHand } : record,
        ),
      };
    };
    const planFor = async (snapshot: PlanSnapshot, options = budget) => {
      const result = await runPlan(snapshot, options, flatForecastStep);
      return {
        plan: result.series.find((series) => series.seriesId === "ST1|SKU1")!,
        raised: result.exceptions.some((exception) => exception.type === "projected-stockout" && exception.seriesId === "ST1|SKU1"),
      };
    };

    it("must not raise at a store resting on its level with its DC's top-ups running, though the chance passes the gate", async () => {
      const { plan, raised } = await planFor(slowAndDear(3, 300));
      expect(plan.policy.orderUpToLevel).toBe(2);
      expect(plan.projection.stockoutProbabilityInProtection).toBeGreaterThanOrEqual(0.3);
      expect(raised).toBe(false);
    });

    it("must not raise for the last unit on the shelf with a case on its way: the level orders a case once below 2 and took that lead time's risk", async () => {
      const { plan, raised } = await planFor(slowAndDear(1, 300));
      expect(plan.projection.allocatedUnits).toBe(12);
      expect(plan.projection.stockoutProbabilityInProtection).toBeGreaterThanOrEqual(0.3);
      expect(raised).toBe(false);
      // The same shelf at the service level's 4 was not a budget's choice: raised.
      expect((await planFor(slowAndDear(1, 300), { storeInStockPerDollar: 0 })).raised).toBe(true);
    });

    it("must raise when its DC cannot top it up: below its level, or resting on it with the top-ups stopped", async () => {
      const below = await planFor(slowAndDear(1, 0));
      expect(below.plan.projection.allocatedUnits).toBe(0);
      expect(below.raised).toBe(true);
      // ST1 itself needs nothing today, but ST2 does and the DC has nothing: no store's projection counts on top-ups until the DC's next receipt.
      const shortElsewhere = slowAndDear(3, 0);
      const stopped = await planFor({
        ...shortElsewhere,
        stock: shortElsewhere.stock.map((record) => (record.locationId === "ST2" && record.sku === "SKU1" ? { ...record, onHand: 0 } : record)),
      });
      expect(stopped.plan.projection.stockoutProbabilityInProtection).toBeGreaterThanOrEqual(0.3);
      expect(stopped.raised).toBe(true);
    });
  });

  describe("projected stock-out of a cheap item: the noise floor shrinks as the claim grows likely", () => {
    // ST1 × SKU1 sells exactly 5 a day, costs $6; its DC tops it up, today's shipment lands in 2 days.
    const cheap = (onHand: number, unitPrice: number): PlanSnapshot => {
      const base = buildSmallSnapshot(7);
      return {
        ...base,
        products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, unitCost: 6, unitPrice } : product)),
        demand: base.demand.map((series) => (series.id === "ST1|SKU1" ? { ...series, units: new Float64Array(series.units.length).fill(5) } : series)),
        stock: base.stock.map((record) => (record.locationId === "ST1" && record.sku === "SKU1" ? { ...record, onHand } : record)),
        purchaseOrders: [],
      };
    };
    const stockoutAt = async (snapshot: PlanSnapshot, minMoneyAtRisk = defaultExceptionOptions.minMoneyAtRisk) => {
      const result = await runPlan(snapshot, { exceptions: { ...defaultExceptionOptions, minMoneyAtRisk } }, flatForecastStep);
      return result.exceptions.find((exception) => exception.type === "projected-stockout" && exception.seriesId === "ST1|SKU1");
    };

    it("must raise a near-certain stock-out that loses a few dollars, below the whole $25 floor", async () => {
      // 6 on hand: empty on day 1, before the shipment lands; $1 a unit of margin.
      const stockout = await stockoutAt(cheap(6, 7));
      expect(stockout).toBeDefined();
      expect(stockout!.score.confidence).toBeGreaterThan(0.9);
      expect(stockout!.score.moneyAtRisk / stockout!.score.confidence).toBeLessThan(defaultExceptionOptions.minMoneyAtRisk);
    });

    it("must not raise the same few dollars at an even chance: a doubtful small claim meets most of the floor", async () => {
      // 11 on hand, $2 a unit: about a 50 % chance of an empty shelf, some $4 lost if it empties.
      const quiet = cheap(11, 8);
      expect(await stockoutAt(quiet)).toBeUndefined();
      const unfloored = await stockoutAt(quiet, 0);
      expect(unfloored!.score.confidence).toBeGreaterThan(defaultExceptionOptions.minStockoutProbability);
      expect(unfloored!.score.confidence).toBeLessThan(0.6);
      expect(unfloored!.score.moneyAtRisk / unfloored!.score.confidence).toBeGreaterThan(3);
    });
  });

  describe("a store's order from its DC when the DC has little or nothing left", () => {
    // ST1 × SKU1 sells 5 a day with 2 on hand, comes in cases of 12; its neighbours are well stocked;
    // DC1 (no sales of its own) has a supplier order of 240 landing in 4 days.
    const shortStore = (dcOnHand: number): PlanSnapshot => {
      const base = buildSmallSnapshot(7);
      const days = base.demand[0]!.units.length;
      return {
        ...base,
        products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, unitPrice: 30, casePack: 12 } : product)),
        demand: [
          ...base.demand.map((series) => (series.id === "ST1|SKU1" ? { ...series, units: new Float64Array(days).fill(5) } : series)),
          { id: "DC1|SKU1", firstDay: base.demand[0]!.firstDay, units: new Float64Array(days) },
        ],
        stock: base.stock.map((record) =>
          record.sku !== "SKU1" ? record : record.locationId === "ST1" ? { ...record, onHand: 2 } : record.locationId === "DC1" ? { ...record, onHand: dcOnHand } : record,
        ),
        purchaseOrders: [{ purchaseOrderId: "PO-DC", supplierId: "SUP1", locationId: "DC1", sku: "SKU1", quantity: 240, orderDay: base.asOf - 3, promisedDay: base.asOf + 4 }],
      };
    };
    const stockoutAt = async (dcOnHand: number) => {
      const result = await runPlan(shortStore(dcOnHand), {}, flatForecastStep);
      return result.exceptions.find((exception) => exception.type === "projected-stockout" && exception.seriesId === "ST1|SKU1")!;
    };

    it("must not propose an order from an empty DC: the store takes a neighbour's transfer or waits for the DC's receipt, which its drivers name", async () => {
      const stockout = await stockoutAt(0);
      expect(stockout.actions.map((action) => action.kind)).toEqual(["transfer-in"]);
      const driver = (key: string) => stockout.drivers.find((candidate) => candidate.key === key)?.value;
      expect(driver("dc-units-left")).toBe(0);
      expect(driver("dc-next-receipt")).toBe(4);
      expect(stockout.rootCause).toContain("DC1's next stock lands in 4 days");
    });

    it("must propose an order of what the DC holds when it has stock its allocation could not ship (less than a case)", async () => {
      const stockout = await stockoutAt(5);
      const order = stockout.actions.find((action) => action.kind === "raise-order");
      expect(order?.quantity).toBe(5);
    });

    it("needs no order when the DC tops the store up today", async () => {
      const stockout = await stockoutAt(300);
      expect(stockout.actions.some((action) => action.kind === "raise-order")).toBe(false);
      expect(stockout.drivers.some((driver) => driver.key.startsWith("dc-"))).toBe(false);
    });
  });

  describe("forecast drift: model monitoring first, the queue only past the value bar", () => {
    // ST1 × SKU1's model has been 45 % under its sales for the whole backtest (tracking signal −6)
    // and still forecasts half of what the series sells.
    const underForecast: ForecastStep = async (series, options) =>
      (await flatForecastStep(series, options)).map((forecast) =>
        forecast.id === "ST1|SKU1"
          ? {
              ...forecast,
              mean: forecast.mean.map((value) => value / 2),
              quantiles: forecast.quantiles.map((quantile) => ({ ...quantile, values: quantile.values.map((value) => value / 2) })),
              accuracy: { ...forecast.accuracy!, bias: -0.45, trackingSignal: -6 },
            }
          : forecast,
      );
    const driftWithBar = async (minDecisionValue: number) => {
      const result = await runPlan(buildSmallSnapshot(9), { exceptions: { ...defaultExceptionOptions, minDecisionValue } }, underForecast);
      return {
        exception: result.exceptions.find((exception) => exception.type === "forecast-drift" && exception.seriesId === "ST1|SKU1"),
        finding: result.driftFindings.find((finding) => finding.seriesId === "ST1|SKU1"),
        findings: result.driftFindings.length,
      };
    };

    it("must raise when its money effect passes the value bar, and record the finding as passed", async () => {
      const { exception, finding, findings } = await driftWithBar(0);
      expect(exception?.actions[0]?.kind).toBe("review-model");
      expect(findings).toBe(1);
      expect(finding).toMatchObject({ exceptionId: exception!.id, locationId: "ST1", sku: "SKU1", method: "flat-fixture", bias: -0.45, trackingSignal: -6, passedValueBar: true });
      // Half the last 28 days' sales, give or take their noise.
      expect(finding!.currentBias).toBeLessThan(-0.4);
      expect(finding!.moneyAtRisk).toBe(exception!.score.moneyAtRisk);
    });

    it("must not raise below the value bar, and still record the finding with its money and statistics", async () => {
      const money = (await driftWithBar(0)).exception!.score.moneyAtRisk;
      const { exception, finding } = await driftWithBar(money + 1);
      expect(exception).toBeUndefined();
      expect(finding).toMatchObject({ seriesId: "ST1|SKU1", bias: -0.45, trackingSignal: -6, moneyAtRisk: money, passedValueBar: false });
    });
  });

  describe("two stores offered the same DC's last units", () => {
    // ST1 (urban) sells 5 a day and ST4 (rural) 3 a day of SKU1, both with an empty shelf: two
    // separate items, not one cluster's order. DC1 sells 40 a day itself and keeps what it holds for
    // that, so today's allocation sends them nothing and each store asks the DC for more.
    const twoShortStores = (dcOnHand: number): PlanSnapshot => {
      const base = buildSmallSnapshot(7);
      const days = base.demand[0]!.units.length;
      const rates: Record<string, number> = { "ST1|SKU1": 5, "ST4|SKU1": 3 };
      return {
        ...base,
        products: base.products.map((product) => (product.sku === "SKU1" ? { ...product, unitPrice: 30 } : product)),
        demand: [
          ...base.demand.map((series) => (series.id in rates ? { ...series, units: new Float64Array(days).fill(rates[series.id]!) } : series)),
          { id: "DC1|SKU1", firstDay: base.demand[0]!.firstDay, units: new Float64Array(days).fill(40) },
        ],
        stock: base.stock.map((record) =>
          record.sku !== "SKU1"
            ? record
            : record.locationId === "ST1" || record.locationId === "ST4"
              ? { ...record, onHand: 0 }
              : record.locationId === "DC1"
                ? { ...record, onHand: dcOnHand }
                : record,
        ),
      };
    };
    const ordersAt = async (dcOnHand: number) => {
      const result = await runPlan(twoShortStores(dcOnHand), {}, flatForecastStep);
      const stockout = (store: string) => result.exceptions.find((exception) => exception.type === "projected-stockout" && exception.seriesId === `${store}|SKU1`)!;
      const order = (store: string) => stockout(store).actions.find((action) => action.kind === "raise-order")?.quantity ?? 0;
      return { result, stockout, order };
    };

    it("must offer the DC's units once: together no more than it has left, the store with more at stake first", async () => {
      const { stockout, order } = await ordersAt(20);
      expect(stockout("ST1").score.moneyAtRisk).toBeGreaterThan(stockout("ST4").score.moneyAtRisk);
      expect(order("ST1") + order("ST4")).toBeLessThanOrEqual(20);
      expect(order("ST1")).toBe(20);
      // ST4 is offered none: its drivers say who took the DC's units and when the DC's next stock lands.
      expect(order("ST4")).toBe(0);
      const driver = (key: string) => stockout("ST4").drivers.find((candidate) => candidate.key === key)?.value;
      expect(driver("dc-units-left")).toBe(20);
      expect(driver("dc-units-offered-first")).toBe(20);
      expect(stockout("ST4").rootCause).toContain("DC1 can still send today 20 units; 20 of them offered first to ST1, more at stake there");
    });

    it("must give the store with less at stake what is left after the first one's order", async () => {
      const first = (await ordersAt(200)).order("ST1");
      const { stockout, order } = await ordersAt(first + 5);
      expect(order("ST1")).toBe(first);
      expect(order("ST4")).toBe(5);
      expect(stockout("ST4").drivers.find((driver) => driver.key === "dc-units-offered-first")?.value).toBe(first);
    });

    it("must give both stores what they need when the DC has enough", async () => {
      const { stockout, order } = await ordersAt(200);
      expect(order("ST1") + order("ST4")).toBeLessThan(200);
      expect(order("ST1")).toBeGreaterThan(0);
      expect(order("ST4")).toBeGreaterThan(0);
      for (const store of ["ST1", "ST4"]) expect(stockout(store).drivers.some((driver) => driver.key.startsWith("dc-"))).toBe(false);
    });

    it("must serve a store whose best action is the order before one a neighbour's transfer can cover, whatever is at stake", async () => {
      // ST2 holds plenty of SKU1 next to ST1, so its transfer nets more than the DC's last 8 units
      // would; ST4's rural neighbours ST5 and ST6 neither hold nor sell it.
      const snapshot = twoShortStores(8);
      const idle = new Set(["ST5|SKU1", "ST6|SKU1"]);
      const result = await runPlan(
        {
          ...snapshot,
          demand: snapshot.demand.map((series) => (idle.has(series.id) ? { ...series, units: new Float64Array(series.units.length) } : series)),
          stock: snapshot.stock.map((record) =>
            record.sku !== "SKU1" ? record : record.locationId === "ST2" ? { ...record, onHand: 400 } : idle.has(`${record.locationId}|SKU1`) ? { ...record, onHand: 0 } : record,
          ),
        },
        {},
        flatForecastStep,
      );
      const stockout = (store: string) => result.exceptions.find((exception) => exception.type === "projected-stockout" && exception.seriesId === `${store}|SKU1`)!;
      const order = (store: string) => stockout(store).actions.find((action) => action.kind === "raise-order")?.quantity ?? 0;
      expect(stockout("ST1").actions[0]?.kind).toBe("transfer-in");
      expect(stockout("ST4").actions[0]?.kind).toBe("raise-order");
      expect(stockout("ST1").score.moneyAtRisk).toBeGreaterThan(stockout("ST4").score.moneyAtRisk);
      expect(order("ST4")).toBeGreaterThan(0);
      expect(order("ST1") + order("ST4")).toBeLessThanOrEqual(8);
    });

    it("gives identical offers on a second run", async () => {
      const first = await ordersAt(20);
      const second = await ordersAt(20);
      expect(second.result.exceptions).toEqual(first.result.exceptions);
    });
  });

  describe("excess nobody would be asked about", () => {
    // ST1 × SKU2 holds 2,000 units against a few a day: a markdown is its only action.
    const overstocked = () => {
      const base = buildSmallSnapshot(7);
      return { ...base, stock: base.stock.map((record) => (record.locationId === "ST1" && record.sku === "SKU2" ? { ...record, onHand: 2000 } : record)) };
    };
    const excessWithBar = async (minDecisionValue: number) => {
      const result = await runPlan(overstocked(), { exceptions: { ...defaultExceptionOptions, minDecisionValue } }, flatForecastStep);
      return result.exceptions.find((exception) => exception.type === "excess-stock" && exception.seriesId === "ST1|SKU2");
    };

    it("must raise when its markdown nets the value bar", async () => {
      const excess = await excessWithBar(defaultExceptionOptions.minDecisionValue);
      expect(excess?.actions.map((action) => action.kind)).toEqual(["markdown"]);
      expect(excess!.actions[0]!.netBenefit).toBeGreaterThanOrEqual(defaultExceptionOptions.minDecisionValue);
    });

    it("must not raise when its only action, a markdown only a person may approve, nets less than the value bar", async () => {
      const netted = (await excessWithBar(0))!.actions[0]!.netBenefit;
      expect(await excessWithBar(netted + 1)).toBeUndefined();
    });
  });

  describe("demand deviation and the forecast change it proposes", () => {
    // ST1 × SKU1 sold 8 a day for months (the fixture forecast plans at 8); only its last week differs.
    const lastWeek = (week: readonly number[], stockout?: readonly number[], sku = "SKU1", usual = 8): PlanSnapshot => {
      const base = buildSmallSnapshot(8);
      return {
        ...base,
        demand: base.demand.map((series) => {
          if (series.id !== `ST1|${sku}`) return series;
          const length = series.units.length;
          const units = Float64Array.from({ length }, (_, day) => (day >= length - 7 ? week[day - (length - 7)]! : usual));
          return { ...series, units, ...(stockout ? { stockout: Uint8Array.from({ length }, (_, day) => (day >= length - 7 ? stockout[day - (length - 7)]! : 0)) } : {}) };
        }),
      };
    };
    const deviationOn = async (snapshot: PlanSnapshot, seriesId = "ST1|SKU1") =>
      (await runPlan(snapshot, {}, flatForecastStep)).exceptions.find((exception) => exception.type === "demand-deviation" && exception.seriesId === seriesId);
    const forecastChange = (exception: Awaited<ReturnType<typeof deviationOn>>) => exception?.actions.find((action) => action.kind === "adjust-forecast")?.quantity;

    it("must raise a sustained rise and propose raising the forecast by what the week showed", async () => {
      const change = forecastChange(await deviationOn(lastWeek([16, 15, 17, 16, 16, 15, 17])));
      expect(change).toBeCloseTo(8, 0);
    });

    it("must raise a sustained fall, and propose lowering the forecast only part of the way: one week against months of 8", async () => {
      const change = forecastChange(await deviationOn(lastWeek([3, 3, 2, 4, 3, 3, 3])))!;
      expect(change).toBeLessThan(-8 * 0.2);
      expect(change).toBeGreaterThan(-5);
    });

    it("must not lower the forecast of a store whose sales fell because its shelf was empty", async () => {
      const week = [7, 8, 7, 0, 1, 0, 2];
      // Read as demand, the same week is a fall worth a forecast cut …
      expect(forecastChange(await deviationOn(lastWeek(week)))).toBeLessThan(0);
      // … but four of its days ended out of stock: what is left is too little to judge, and nothing is raised.
      expect(await deviationOn(lastWeek(week, [0, 0, 0, 1, 1, 1, 1]))).toBeUndefined();
    });

    it("must not cut the forecast of a four-a-day item for one week at two a day: a week of a few units is mostly noise", async () => {
      expect(await deviationOn(lastWeek([2, 2, 2, 2, 2, 2, 2], undefined, "SKU2", 4), "ST1|SKU2")).toBeUndefined();
    });
  });
});
