import { buildDemoNetwork, type DemoLocation } from "./build-demo-network";
import type { RowSink } from "./csv-file-writer";
import { DemoCalendar } from "./demo-calendar";
import { fillPromotionLift, locationDayFactor, OVERSTOCK_DEMAND_FACTOR, seasonalFactor } from "./demo-demand";
import { planDemoPromotions, type DemoPromotion } from "./demo-promotions";
import { PLANTED } from "./demo-scenarios";
import { DEMO_SIZES, type DemoSizeName } from "./demo-sizes";
import { demoDcStock } from "./generate-demo-retailer";
import { createPrng } from "./prng";
import { receiptNoise, writeDemoPurchaseOrders } from "./write-demo-purchase-orders";
import { writeDemoSales } from "./write-demo-sales";
import type { NetworkLocation, PromotionRecord } from "../engine/plan/plan-types";
import type { LeadTimeObservation } from "../engine/policy/summarize-supplier-lead-times";
import type { DayNumber } from "../engine/types";
import { seriesKey, type DigitalTwin, type TwinOpenOrder, type TwinSeries } from "../engine/simulation/digital-twin";
import { hashUniform } from "../engine/simulation/hash-uniform";
import { MS_PER_DAY } from "../engine/calendar";

/** A fixed end date keeps the twin independent of the day it is run on. */
const HISTORY_END_DATE = "2025-06-30";
const LOCATION_TYPES: Record<DemoLocation["type"], NetworkLocation["type"]> = { STORE: "store", DC: "dc", ECOM: "ecommerce" };

/** The situations the simulation plants on top of the demo history (codes are stable, tests point at them). */
export const SIMULATION_PLANTED = {
  /** A promotion planned at +25 % that really doubles urban sales. */
  promoSpike: {
    code: "PROMO-SIM-SPIKE",
    category: "Sneakers",
    startsOnDay: 30,
    days: 10,
    expectedUplift: 0.25,
    actualLift: { urban: 2.2, suburban: 1.3, online: 1.5 },
  },
  /** The demo's late supplier keeps slipping: lead time from about 11 days to this many by the last day. */
  supplierDelay: { supplier: PLANTED.supplierDelay.supplier, startDays: PLANTED.supplierDelay.slippedDays, endDays: 15 },
  phantom: PLANTED.phantom,
  negativeOnHand: PLANTED.negativeOnHand,
  /** Daily chance that a selling series loses one or two units unrecorded (phantom stock builds up). */
  shrinkProbability: 0.002,
  /** Chance that a store books a receipt one to three days late (recorded stock can go negative). */
  lateBookingProbability: 0.05,
  /** Chance that a shipment between own locations takes a day longer than planned. */
  lateShipmentProbability: 0.15,
} as const;

/** Regular promotions keep their six-weekly rhythm over the simulated days. */
const PROMOTION_EVERY_DAYS = 42;
const PROMOTION_LENGTH_DAYS = 7;

export interface DemoTwinOptions {
  size: DemoSizeName;
  seed: number;
  days: number;
}

/**
 * The demo retailer as a digital twin: its generated history (sales, stock, purchase orders, lead
 * times, promotions) is what the system has recorded on the first simulated day; the simulated days
 * continue the generator's own demand process with fresh draws, a supplier that keeps slipping,
 * unrecorded shrink, late receipt bookings and a promotion that far outsells its plan.
 */
export async function buildDemoTwin(options: DemoTwinOptions): Promise<DigitalTwin> {
  const size = DEMO_SIZES[options.size];
  const { seed, days } = options;
  const calendar = new DemoCalendar(HISTORY_END_DATE, size.days);
  const network = buildDemoNetwork(size, seed);
  const endDay = Date.parse(`${HISTORY_END_DATE}T00:00:00.000Z`) / MS_PER_DAY;
  const historyFirstDay = endDay - size.days;
  const engineDay = (t: number): DayNumber => historyFirstDay + t;
  const categories = [...new Set(network.products.map((product) => product.category.category))];
  const demoPromotions = [...planDemoPromotions(calendar, network.regions, categories), ...simulatedPromotions(size.days, days, network.regions, categories)];

  // Recorded history, captured from the generator's rows instead of CSV files.
  const sellingLocations = network.locations.filter((location) => location.type !== "DC");
  const dayOfDate = new Map<string, number>();
  for (let t = 0; t <= size.days; t += 1) dayOfDate.set(calendar.date(t), t);
  const historyRows = new Map<string, { units: Float64Array; onPromo: Uint8Array; stockout: Uint8Array }>();
  const historyOf = (key: string) => {
    let rows = historyRows.get(key);
    if (!rows) {
      rows = { units: new Float64Array(size.days + days), onPromo: new Uint8Array(size.days + days), stockout: new Uint8Array(size.days + days) };
      historyRows.set(key, rows);
    }
    return rows;
  };
  const salesSink: RowSink = {
    add([date, location, sku, units, , promo, stockout]) {
      const t = dayOfDate.get(String(date))!;
      const rows = historyOf(seriesKey(String(location), String(sku)));
      rows.units[t] = Number(units);
      rows.onPromo[t] = Number(promo);
      rows.stockout[t] = Number(stockout);
      return false;
    },
    flush: async () => {},
  };
  const state = await writeDemoSales(network, size, calendar, demoPromotions, seed, salesSink);

  const leadTimeHistory = new Map<string, Map<string, LeadTimeObservation>>();
  const openLines: Omit<TwinOpenOrder, "arrivalDay">[] = [];
  const purchaseOrderSink: RowSink = {
    add([poNumber, supplier, destination, orderedAt, promisedAt, status, , sku, qtyOrdered, qtyReceived, receivedAt]) {
      const orderDay = engineDay(dayOfDate.get(String(orderedAt))!);
      if (status === "RECEIVED" || status === "PARTIAL") {
        const bySupplier = leadTimeHistory.get(String(supplier)) ?? new Map<string, LeadTimeObservation>();
        bySupplier.set(String(poNumber), { orderDay, receivedDay: engineDay(dayOfDate.get(String(receivedAt))!) });
        leadTimeHistory.set(String(supplier), bySupplier);
      }
      const open = Number(qtyOrdered) - Number(qtyReceived);
      if ((status === "OPEN" || status === "PARTIAL") && open > 0) {
        const promised = String(promisedAt);
        const promisedDay = dayOfDate.has(promised) ? engineDay(dayOfDate.get(promised)!) : Date.parse(`${promised}T00:00:00.000Z`) / MS_PER_DAY;
        openLines.push({
          purchaseOrderId: String(poNumber),
          supplierId: String(supplier),
          locationId: String(destination),
          sku: String(sku),
          quantity: open,
          orderDay,
          promisedDay,
          partlyReceived: status === "PARTIAL",
        });
      }
      return false;
    },
    flush: async () => {},
  };
  await writeDemoPurchaseOrders(network, calendar, seed, purchaseOrderSink);

  // Series: every DC × SKU and every carried selling series, in id order.
  const skuCount = network.products.length;
  const locationIndex = new Map(sellingLocations.map((location, index) => [location.code, index]));
  const productIndex = new Map(network.products.map((product, index) => [product.sku, index]));
  const locationByCode = new Map(network.locations.map((location) => [location.code, location]));
  const series: TwinSeries[] = [];
  for (const location of network.locations) {
    for (const [k, product] of network.products.entries()) {
      const l = locationIndex.get(location.code);
      if (l !== undefined && !state.carried[l * skuCount + k]) continue;
      series.push({
        id: seriesKey(location.code, product.sku),
        locationId: location.code,
        sku: product.sku,
        group: `${product.category.category}|${location.region}`,
        selling: location.type !== "DC",
      });
    }
  }
  series.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const seriesIndex = new Map(series.map((entry, index) => [entry.id, index]));

  const physical = new Int32Array(series.length);
  const recorded = new Int32Array(series.length);
  for (const stock of demoDcStock(network, seed)) {
    const index = seriesIndex.get(seriesKey(stock.location, stock.sku))!;
    physical[index] = stock.onHand;
    recorded[index] = stock.onHand;
  }
  for (const [index, entry] of series.entries()) {
    if (!entry.selling) continue;
    const onHand = state.onHand[locationIndex.get(entry.locationId)! * skuCount + productIndex.get(entry.sku)!]!;
    physical[index] = Math.max(0, onHand);
    recorded[index] = onHand;
  }
  // The demo's planted phantom: the record says 14, the shelf is empty; and a receipt booked late.
  const phantom = seriesIndex.get(seriesKey(PLANTED.phantom.location, PLANTED.phantom.sku));
  if (phantom !== undefined) physical[phantom] = 0;
  const negative = seriesIndex.get(seriesKey(PLANTED.negativeOnHand.location, PLANTED.negativeOnHand.sku));
  if (negative !== undefined) recorded[negative] = PLANTED.negativeOnHand.onHand;

  const histories = series.map((entry) => historyOf(entry.id));
  const truth = drawTruth(network, calendar, demoPromotions, series, seed, days, engineDay(size.days));
  const startDay = endDay;

  const openOrders: TwinOpenOrder[] = openLines.map((line) => {
    const lead = truth.truth.supplierLeadTime(line.supplierId, line.locationId, line.orderDay);
    // An order already past its promise (the planted late PO) is at least two more days out.
    const earliest = line.promisedDay < startDay ? startDay + 2 : startDay;
    return { ...line, arrivalDay: Math.max(earliest, line.orderDay + lead) };
  });

  return {
    startDay,
    days,
    locations: network.locations.map((location) => ({
      id: location.code,
      type: LOCATION_TYPES[location.type],
      name: location.name,
      region: location.region,
      cluster: location.cluster,
      ...(location.sourceDc ? { sourceDcId: location.sourceDc } : {}),
    })),
    products: network.products.map((product) => ({
      sku: product.sku,
      unitCost: product.unitCost,
      unitPrice: product.unitPrice,
      casePack: product.category.casePack,
      supplierId: product.supplier,
      category: product.category.category,
    })),
    suppliers: network.suppliers.map((supplier) => ({
      id: supplier.code,
      promisedLeadTimeDays: supplier.promisedLeadTimeDays,
      leadTimeHistory: [...(leadTimeHistory.get(supplier.code)?.values() ?? [])].sort((a, b) => a.orderDay - b.orderDay || a.receivedDay - b.receivedDay),
    })),
    series,
    history: {
      firstDay: historyFirstDay,
      units: histories.map((rows) => rows.units),
      onPromo: histories.map((rows) => rows.onPromo),
      stockout: histories.map((rows) => rows.stockout),
    },
    physical,
    recorded,
    openOrders,
    promotions: promotionRecords(demoPromotions, network.products, sellingLocations, series, engineDay, locationByCode),
    truth: truth.truth,
  };
}

function simulatedPromotions(historyDays: number, days: number, regions: readonly string[], categories: readonly string[]): DemoPromotion[] {
  const promotions: DemoPromotion[] = [];
  for (let start = historyDays + 20, n = 0; start < historyDays + days; start += PROMOTION_EVERY_DAYS, n++) {
    const category = categories[(n + 5) % categories.length]!;
    const region = regions[n % regions.length]!;
    promotions.push({
      code: `PROMO-S${String(n + 1).padStart(3, "0")}`,
      name: `${category} week ${region}`,
      category,
      region,
      location: null,
      startDay: start,
      endDay: start + PROMOTION_LENGTH_DAYS - 1,
      expectedUplift: 0.3,
    });
  }
  const spike = SIMULATION_PLANTED.promoSpike;
  if (spike.startsOnDay < days) {
    promotions.push({
      code: spike.code,
      name: `${spike.category} event ${regions[0]}`,
      category: spike.category,
      region: regions[0]!,
      location: null,
      startDay: historyDays + spike.startsOnDay,
      endDay: historyDays + spike.startsOnDay + spike.days - 1,
      expectedUplift: spike.expectedUplift,
      actualLift: spike.actualLift,
    });
  }
  return promotions;
}

/** Promotions as the plan reads them: one record per SKU of the category, over the nodes that carry it. */
function promotionRecords(
  promotions: readonly DemoPromotion[],
  products: ReturnType<typeof buildDemoNetwork>["products"],
  sellingLocations: readonly DemoLocation[],
  series: readonly TwinSeries[],
  engineDay: (t: number) => DayNumber,
  locationByCode: ReadonlyMap<string, DemoLocation>,
): PromotionRecord[] {
  const carried = new Set(series.map((entry) => entry.id));
  return promotions.flatMap((promotion) => {
    const locationCodes = promotion.location
      ? [promotion.location]
      : sellingLocations.filter((location) => location.region === promotion.region).map((location) => location.code);
    return products
      .filter((product) => product.category.category === promotion.category)
      .flatMap((product) => {
        const targets = locationCodes.filter((code) => locationByCode.has(code) && carried.has(seriesKey(code, product.sku)));
        if (targets.length === 0) return [];
        return [
          {
            id: `${promotion.code}:${product.sku}`,
            sku: product.sku,
            locationIds: targets,
            startDay: engineDay(promotion.startDay),
            endDay: engineDay(promotion.endDay),
            expectedUplift: promotion.expectedUplift,
          },
        ];
      });
  });
}

/** Demand, shrink and lead-time noise of the simulated days, drawn once so every policy meets the same world. */
function drawTruth(
  network: ReturnType<typeof buildDemoNetwork>,
  calendar: DemoCalendar,
  promotions: readonly DemoPromotion[],
  series: readonly TwinSeries[],
  seed: number,
  days: number,
  startDay: DayNumber,
): { truth: DigitalTwin["truth"] } {
  const demandRandom = createPrng(seed, "simulation-demand");
  const shrinkRandom = createPrng(seed, "simulation-shrink");
  const sellingLocations = network.locations.filter((location) => location.type !== "DC");
  const categories = [...new Set(network.products.map((product) => product.category.category))];
  const categoryInfo = [...new Set(network.products.map((product) => product.category))];
  const productBySku = new Map(network.products.map((product) => [product.sku, product]));
  const locationIndex = new Map(sellingLocations.map((location, index) => [location.code, index]));
  const seriesByLocation = sellingLocations.map((location) => series.map((entry, index) => ({ entry, index })).filter(({ entry }) => entry.locationId === location.code));
  const demand = new Int32Array(days * series.length);
  const expectedDemand = new Float64Array(days * series.length);
  const shrink = new Int32Array(days * series.length);
  const lift = new Float32Array(sellingLocations.length * categories.length);
  const onPromo = new Uint8Array(sellingLocations.length * categories.length);
  const pushDay = calendar.days - PLANTED.overstock.pushedDaysAgo;
  for (let d = 0; d < days; d += 1) {
    const t = calendar.days + d;
    const weekday = calendar.weekday(t);
    const dayOfYear = calendar.dayOfYear(t);
    fillPromotionLift(lift, onPromo, sellingLocations, categories, promotions, t);
    for (const [l, location] of sellingLocations.entries()) {
      const dayFactor = locationDayFactor(location, weekday, t, demandRandom.normal());
      const overstockedCluster = location.cluster === PLANTED.overstock.cluster;
      for (const { entry, index } of seriesByLocation[locationIndex.get(location.code)!]!) {
        const product = productBySku.get(entry.sku)!;
        const c = categories.indexOf(product.category.category);
        const overstocked = overstockedCluster && product.category.category === PLANTED.overstock.category && t >= pushDay;
        const rate =
          product.baseRate * location.volume * seasonalFactor(categoryInfo[c]!, dayOfYear) * dayFactor * lift[l * categories.length + c]! * (overstocked ? OVERSTOCK_DEMAND_FACTOR : 1);
        expectedDemand[d * series.length + index] = rate;
        demand[d * series.length + index] = demandRandom.poisson(rate);
        if (shrinkRandom.next() < SIMULATION_PLANTED.shrinkProbability) shrink[d * series.length + index] = shrinkRandom.next() < 0.3 ? 2 : 1;
      }
    }
  }
  const slipping = SIMULATION_PLANTED.supplierDelay;
  const promisedBySupplier = new Map(network.suppliers.map((supplier) => [supplier.code, supplier.promisedLeadTimeDays]));
  const dcCodes = new Set(network.locations.filter((location) => location.type === "DC").map((location) => location.code));
  return {
    truth: {
      demand,
      expectedDemand,
      shrink,
      supplierLeadTime(supplierId, locationId, orderDay) {
        const draw = hashUniform(seed, `supplier|${supplierId}|${locationId}|${orderDay}`);
        if (supplierId === slipping.supplier) {
          const progress = Math.min(1, Math.max(0, (orderDay - startDay) / Math.max(1, days)));
          return Math.round(slipping.startDays + (slipping.endDays - slipping.startDays) * progress) + Math.floor(draw * 3) - 1;
        }
        return Math.max(1, (promisedBySupplier.get(supplierId) ?? 7) + receiptNoise(draw));
      },
      internalLeadTime(fromId, toId, sku, shipDay, plannedDays) {
        const late = hashUniform(seed, `ship|${fromId}|${toId}|${sku}|${shipDay}`) < SIMULATION_PLANTED.lateShipmentProbability;
        return Math.max(1, Math.ceil(plannedDays)) + (late ? 1 : 0);
      },
      bookingDelay(locationId, sku, arrivalDay) {
        if (dcCodes.has(locationId)) return 0;
        const draw = hashUniform(seed, `booking|${locationId}|${sku}|${arrivalDay}`);
        return draw < SIMULATION_PLANTED.lateBookingProbability ? 1 + Math.floor((draw / SIMULATION_PLANTED.lateBookingProbability) * 3) : 0;
      },
    },
  };
}
