import type { PlanException } from "../exceptions/exception-types";
import type { DigitalTwin, TwinTruth } from "./digital-twin";
import type { SimulationGovernance } from "./stockpilot-decisions";
import type { WorldCosts } from "./twin-world";

/** Fixtures for the simulation's tests: a hand-made network and a cut of the demo twin. */

/** The simulator's cost terms for a hand-made network's world. */
export const handWorldCosts: WorldCosts = {
  supplierOrderLine: 25,
  replenishmentLine: 2,
  holdingRatePerYear: 0.25,
  expediteCostShare: 0.08,
  markdownDepth: 0.3,
  cycleCountCost: 15,
  storeTransfer: { unitCost: 0.6, leadTimeDays: 2 },
  storeToDcReturn: { unitCost: 0.4, leadTimeDays: 3 },
  dcToStoreLeadTime: { meanDays: 2, sdDays: 0.5 },
};

/**
 * Auto-approves cycle counts and transfers, sends the rest to a person whatever its value (no value
 * bar), asks again only when money at risk grew by half.
 */
export const testGovernance: SimulationGovernance = {
  routeAction: (action) => (action.kind === "cycle-count" || action.kind === "transfer-in" || action.kind === "transfer-out" ? "auto" : "planner"),
  belowValueBar: () => false,
  decisionStands: (decided: PlanException, current: PlanException) => current.score.moneyAtRisk < decided.score.moneyAtRisk * 1.5,
};

export interface HandNetworkOptions {
  days: number;
  historyDays: number;
  /** Daily demand per store, constant over history and simulation unless `demand` is given. */
  dailyDemand: readonly number[];
  onHand: readonly number[];
  dcOnHand: number;
  unitCost: number;
  unitPrice: number;
  casePack: number;
  supplierLeadTimeDays: number;
  /** Simulated demand per day per store, overriding the constant. */
  demand?: (day: number, store: number) => number;
  shrink?: (day: number, store: number) => number;
  internalLeadTime?: TwinTruth["internalLeadTime"];
  bookingDelay?: TwinTruth["bookingDelay"];
  supplierLeadTime?: TwinTruth["supplierLeadTime"];
}

const START_DAY = 20_000;

/** One DC, stores S1…Sn, one SKU, exact lead times: small enough to work out by hand. */
export function buildHandNetwork(options: HandNetworkOptions): DigitalTwin {
  const stores = options.dailyDemand.map((_, index) => `S${index + 1}`);
  const series = [
    { id: "DC|SKU1", locationId: "DC", sku: "SKU1", group: "cat|R", selling: false },
    ...stores.map((store) => ({ id: `${store}|SKU1`, locationId: store, sku: "SKU1", group: "cat|R", selling: true })),
  ];
  const count = series.length;
  const total = options.historyDays + options.days;
  const units = series.map((entry, index) => {
    const history = new Float64Array(total);
    if (entry.selling) history.fill(options.dailyDemand[index - 1]!, 0, options.historyDays);
    return history;
  });
  const demand = new Int32Array(options.days * count);
  const expectedDemand = new Float64Array(options.days * count);
  const shrink = new Int32Array(options.days * count);
  for (let day = 0; day < options.days; day += 1) {
    for (let store = 0; store < stores.length; store += 1) {
      const value = options.demand ? options.demand(day, store) : options.dailyDemand[store]!;
      demand[day * count + store + 1] = value;
      expectedDemand[day * count + store + 1] = options.dailyDemand[store]!;
      shrink[day * count + store + 1] = options.shrink?.(day, store) ?? 0;
    }
  }
  const lead = options.supplierLeadTimeDays;
  const physical = Int32Array.from([options.dcOnHand, ...options.onHand]);
  return {
    startDay: START_DAY,
    days: options.days,
    locations: [
      { id: "DC", type: "dc", region: "R", cluster: "dc" },
      ...stores.map((store) => ({ id: store, type: "store" as const, region: "R", cluster: "urban", sourceDcId: "DC" })),
    ],
    products: [{ sku: "SKU1", unitCost: options.unitCost, unitPrice: options.unitPrice, casePack: options.casePack, supplierId: "SUP", category: "cat" }],
    suppliers: [
      {
        id: "SUP",
        promisedLeadTimeDays: lead,
        leadTimeHistory: Array.from({ length: 8 }, (_, index) => ({ orderDay: START_DAY - 70 + index * 7, receivedDay: START_DAY - 70 + index * 7 + lead })),
      },
    ],
    series,
    history: {
      firstDay: START_DAY - options.historyDays,
      units,
      onPromo: series.map(() => new Uint8Array(total)),
      stockout: series.map(() => new Uint8Array(total)),
    },
    physical,
    recorded: physical.slice(),
    openOrders: [],
    promotions: [],
    truth: {
      demand,
      expectedDemand,
      shrink,
      supplierLeadTime: options.supplierLeadTime ?? (() => lead),
      internalLeadTime: options.internalLeadTime ?? ((_from, _to, _sku, _day, planned) => Math.ceil(planned)),
      bookingDelay: options.bookingDelay ?? (() => 0),
    },
  };
}

/** The twin cut down to some SKUs (every location keeps them), for fast scenario tests on the demo data. */
export function restrictTwinToSkus(twin: DigitalTwin, skus: readonly string[]): DigitalTwin {
  const keep = new Set(skus);
  const kept = twin.series.map((entry, index) => ({ entry, index })).filter(({ entry }) => keep.has(entry.sku));
  const count = twin.series.length;
  const pick = <T extends Int32Array | Float64Array>(source: T, make: (length: number) => T): T => {
    const target = make(twin.days * kept.length);
    for (let day = 0; day < twin.days; day += 1) kept.forEach(({ index }, position) => (target[day * kept.length + position] = source[day * count + index]!));
    return target;
  };
  return {
    ...twin,
    products: twin.products.filter((product) => keep.has(product.sku)),
    series: kept.map(({ entry }) => entry),
    history: {
      firstDay: twin.history.firstDay,
      units: kept.map(({ index }) => twin.history.units[index]!),
      onPromo: kept.map(({ index }) => twin.history.onPromo[index]!),
      stockout: kept.map(({ index }) => twin.history.stockout[index]!),
    },
    physical: Int32Array.from(kept, ({ index }) => twin.physical[index]!),
    recorded: Int32Array.from(kept, ({ index }) => twin.recorded[index]!),
    openOrders: twin.openOrders.filter((order) => keep.has(order.sku)),
    promotions: twin.promotions.filter((promotion) => keep.has(promotion.sku)),
    truth: {
      ...twin.truth,
      demand: pick(twin.truth.demand, (length) => new Int32Array(length)),
      expectedDemand: pick(twin.truth.expectedDemand, (length) => new Float64Array(length)),
      shrink: pick(twin.truth.shrink, (length) => new Int32Array(length)),
    },
  };
}
