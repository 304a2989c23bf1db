import type { DemandSeries, SeriesForecast } from "../types";
import type { ForecastStep, PlanSnapshot } from "./plan-types";
import { seededRandom } from "../seeded-random";


/** Poisson draw by inversion for small means, normal approximation for large ones. */
export function poissonDraw(random: () => number, mean: number): number {
  if (mean > 40) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  let k = 0;
  let probability = Math.exp(-mean);
  let cumulative = probability;
  const u = random();
  while (u > cumulative && k < 1000) {
    k += 1;
    probability *= mean / k;
    cumulative += probability;
  }
  return k;
}

/**
 * A stand-in forecast for tests of the planning layers: flat at the mean of the 28 days before the
 * last week, Poisson-like error. Planning tests must not depend on the forecasting engine.
 */
export const flatForecastStep: ForecastStep = async (series, options) =>
  series.map((demand: DemandSeries): SeriesForecast => {
    const units = demand.units;
    const window = units.subarray(Math.max(0, units.length - 35), Math.max(0, units.length - 7));
    const level = window.length > 0 ? window.reduce((sum, value) => sum + value, 0) / window.length : 0;
    const mean = new Float64Array(options.horizon).fill(level);
    return {
      id: demand.id,
      method: "flat-fixture",
      demandClass: "smooth",
      firstDay: demand.firstDay + units.length,
      mean,
      nbSize: 25,
      quantiles: [0.1, 0.5, 0.9].map((level) => ({ level, values: new Float64Array(mean) })),
      accuracy: { wape: 0.3, mase: 0.8, rmsse: 0.8, bias: 0, coverage80: 0.8, trackingSignal: 0 },
    };
  });

/** A small network: one DC, six stores in two clusters, eight SKUs, seeded noise demand. */
export function buildSmallSnapshot(seed: number): PlanSnapshot {
  const random = seededRandom(seed);
  const asOf = 20_000;
  const historyDays = 120;
  const stores = Array.from({ length: 6 }, (_, index) => `ST${index + 1}`);
  const skus = Array.from({ length: 8 }, (_, index) => `SKU${index + 1}`);
  const demand: DemandSeries[] = [];
  const stock: PlanSnapshot["stock"][number][] = [];
  for (const store of stores) {
    for (const sku of skus) {
      const mean = 2 + random() * 8;
      const units = Float64Array.from({ length: historyDays }, () => poissonDraw(random, mean));
      demand.push({ id: `${store}|${sku}`, firstDay: asOf - historyDays + 1, units });
      stock.push({ locationId: store, sku, onHand: Math.round(mean * (14 + random() * 14)) });
    }
  }
  for (const sku of skus) stock.push({ locationId: "DC1", sku, onHand: 300 });
  return {
    asOf,
    locations: [
      { id: "DC1", type: "dc", region: "north", cluster: "dc" },
      ...stores.map((id, index) => ({ id, type: "store" as const, region: "north", cluster: index < 3 ? "urban" : "rural", sourceDcId: "DC1" })),
    ],
    products: skus.map((sku) => ({ sku, unitCost: 6, unitPrice: 10, casePack: 1, supplierId: "SUP1" })),
    suppliers: [
      {
        id: "SUP1",
        promisedLeadTimeDays: 7,
        leadTimeHistory: Array.from({ length: 12 }, (_, index) => ({ orderDay: asOf - 200 + index * 14, receivedDay: asOf - 193 + index * 14 })),
      },
    ],
    demand,
    stock,
    purchaseOrders: [],
    promotions: [],
  };
}
