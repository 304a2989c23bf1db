import type { DemoNetwork } from "./build-demo-network";
import type { DemoCalendar } from "./demo-calendar";
import type { DemoPromotion } from "./demo-promotions";
import { PLANTED } from "./demo-scenarios";
import type { DemoSize } from "./demo-sizes";
import type { RowSink } from "./csv-file-writer";
import { createPrng } from "./prng";
import { fillPromotionLift, locationDayFactor, OVERSTOCK_DEMAND_FACTOR, seasonalFactor, STORE_WEEK } from "./demo-demand";

const STORE_LEAD_DAYS = 2;
const SHORTAGE_LEAD_DAYS = 7;
const PROMO_PRICE_FACTOR = 0.8;
/**
 * Customer returns (the omnichannel returns scenario): online orders come back far more often and
 * later than store purchases. Share of units sold that come back, and the days they take.
 */
const RETURNS = { ECOM: { rate: 0.2, minLag: 5, maxLag: 20 }, STORE: { rate: 0.05, minLag: 1, maxLag: 10 } } as const;
const RETURN_SLOTS = 21;

/** The end-of-history state of every selling series (store or ecommerce × SKU). */
export interface DemoSeriesState {
  /** Selling locations (ecommerce, then stores) in the order of the series arrays. */
  locations: DemoNetwork["locations"];
  /** On hand at the end date, index `location * skuCount + sku`. */
  onHand: Int32Array;
  /** 1 when the location carries the SKU. */
  carried: Uint8Array;
  /** On hand at the start of each of `snapshotDays` (before that day's sales), same index. */
  history: { day: number; onHand: Int32Array }[];
}

/**
 * Simulates each store × SKU day by day — seasonal Poisson demand, a min/max replenishment from
 * the DC, censored sales when the shelf runs empty — and streams sales.csv in date order. Only
 * days with a sale or a stock-out produce a row, as a POS extract would; state lives in typed
 * arrays, so memory grows with the number of series, not of rows.
 */
export async function writeDemoSales(
  network: DemoNetwork,
  size: DemoSize,
  calendar: DemoCalendar,
  promotions: readonly DemoPromotion[],
  seed: number,
  out: RowSink,
  /** returns.csv rows (date, location, sku, units); drawn from their own stream, so sales are the same with or without. */
  returnsOut?: RowSink,
  extras: {
    /** Days whose opening stock is kept for the stock history (inventory snapshots before the end date). */
    snapshotDays?: readonly number[];
    /** Plant PLANTED.lateralTransfer (the imported demo only: the simulator's twin leaves it out). */
    lateralTransfer?: boolean;
  } = {},
): Promise<DemoSeriesState> {
  const snapshotDays = extras.snapshotDays ?? [];
  const random = createPrng(seed, "sales");
  const returnsRandom = createPrng(seed, "returns");
  const locations = network.locations.filter((location) => location.type !== "DC");
  const products = network.products;
  const skuCount = products.length;
  const categoryInfo = [...new Set(products.map((product) => product.category))];
  const categories = categoryInfo.map((category) => category.category);
  const categoryOf = Int32Array.from(products, (product) => categoryInfo.indexOf(product.category));
  const series = locations.length * skuCount;
  const onHand = new Int32Array(series);
  const pendingQty = new Int32Array(series);
  const pendingDay = new Int32Array(series).fill(-1);
  const carried = new Uint8Array(series);
  // Returns due per series in a ring of days (lags are shorter than the ring).
  const returnsDue = returnsOut ? new Uint16Array(series * RETURN_SLOTS) : null;

  const phantomSeries = seriesIndex(locations, products, PLANTED.phantom.location, PLANTED.phantom.sku, skuCount);
  const negativeSeries = seriesIndex(locations, products, PLANTED.negativeOnHand.location, PLANTED.negativeOnHand.sku, skuCount);
  const lateral = PLANTED.lateralTransfer;
  const lateralSku = lateralTransferSku(products);
  const lateralSeries = extras.lateralTransfer && lateralSku ? seriesIndex(locations, products, lateral.from, lateralSku, skuCount) : -1;
  const lateralShortSeries = extras.lateralTransfer && lateralSku ? seriesIndex(locations, products, lateral.to, lateralSku, skuCount) : -1;
  const lateralDay = calendar.days - lateral.pushedDaysAgo;
  for (let i = 0; i < series; i++) {
    const online = locations[Math.floor(i / skuCount)]!.type === "ECOM";
    carried[i] = online || i === phantomSeries || i === negativeSeries || random.next() < size.assortment ? 1 : 0;
  }
  const shortSupplied = Uint8Array.from(products, (product) => (product.supplier === PLANTED.supplierDelay.supplier ? 1 : 0));
  const overstockCategory = categories.indexOf(PLANTED.overstock.category);
  const pushDay = calendar.days - PLANTED.overstock.pushedDaysAgo;
  const shortageFrom = calendar.days - PLANTED.supplierDelay.shortageDays;
  const phantomFrom = calendar.days - PLANTED.phantom.silentDays;

  const lift = new Float32Array(locations.length * categories.length);
  const onPromo = new Uint8Array(locations.length * categories.length);
  const seasonal = new Float64Array(categories.length);

  const history: DemoSeriesState["history"] = [];
  for (let t = 0; t < calendar.days; t++) {
    if (snapshotDays.includes(t)) history.push({ day: t, onHand: onHand.slice() });
    const date = calendar.date(t);
    const weekday = calendar.weekday(t);
    const dayOfYear = calendar.dayOfYear(t);
    for (let c = 0; c < categoryInfo.length; c++) seasonal[c] = seasonalFactor(categoryInfo[c]!, dayOfYear);
    fillPromotionLift(lift, onPromo, locations, categories, promotions, t);

    for (let l = 0; l < locations.length; l++) {
      const location = locations[l]!;
      const online = location.type === "ECOM";
      const suburban = location.cluster === PLANTED.overstock.cluster;
      const dayFactor = locationDayFactor(location, weekday, t, random.normal());
      for (let k = 0; k < skuCount; k++) {
        const i = l * skuCount + k;
        if (!carried[i]) continue;
        const product = products[k]!;
        if (returnsDue && returnsOut) {
          const slot = i * RETURN_SLOTS + (t % RETURN_SLOTS);
          if (returnsDue[slot]! > 0 && returnsOut.add([date, location.code, product.sku, returnsDue[slot]!])) await returnsOut.flush();
          returnsDue[slot] = 0;
        }
        const c = categoryOf[k]!;
        const overstocked = suburban && c === overstockCategory;
        const plannedRate = product.baseRate * location.volume * seasonal[c]! * (online ? 1 : STORE_WEEK[weekday]!);
        const shortage = shortSupplied[k] === 1 && t >= shortageFrom && !online;

        if (t === 0) onHand[i] = orderUpTo(plannedRate, product.category.casePack, STORE_LEAD_DAYS);
        // The delivery it was waiting for went to the other store, and the empty DC ships it nothing since.
        if (i === lateralShortSeries && t >= lateralDay) pendingDay[i] = -1;
        if (pendingDay[i] === t) {
          onHand[i] = onHand[i]! + pendingQty[i]!;
          pendingDay[i] = -1;
        }
        if (overstocked && t === pushDay) {
          onHand[i] = onHand[i]! + Math.ceil(plannedRate * 7 * PLANTED.overstock.weeksOfCoverPushed);
        }
        if (i === lateralSeries && t === lateralDay) {
          onHand[i] = onHand[i]! + Math.ceil(plannedRate * 7 * lateral.weeksOfCoverPushed);
        }

        if (i === phantomSeries && t >= phantomFrom) {
          // The shelf is empty or the stock is lost, but the system keeps believing it is there.
          onHand[i] = PLANTED.phantom.phantomOnHand;
          continue;
        }

        const rate = product.baseRate * location.volume * seasonal[c]! * dayFactor * lift[l * categories.length + c]! * (overstocked && t >= pushDay ? OVERSTOCK_DEMAND_FACTOR : 1);
        const demand = random.poisson(rate);
        const available = Math.max(0, onHand[i]!);
        const units = Math.min(demand, available);
        const stockout = available === 0 || demand > available;
        onHand[i] = onHand[i]! - units;
        if (returnsDue && units > 0) {
          const habit = RETURNS[online ? "ECOM" : "STORE"];
          const back = Math.min(units, returnsRandom.poisson(units * habit.rate));
          if (back > 0) {
            const lag = habit.minLag + Math.floor(returnsRandom.next() * (habit.maxLag - habit.minLag + 1));
            const slot = i * RETURN_SLOTS + ((t + lag) % RETURN_SLOTS);
            returnsDue[slot] = Math.min(65_535, returnsDue[slot]! + back);
          }
        }
        if (units > 0 || stockout) {
          const promo = onPromo[l * categories.length + c]!;
          const revenue = (units * product.unitPrice * (promo ? PROMO_PRICE_FACTOR : 1)).toFixed(2);
          if (out.add([date, location.code, product.sku, units, revenue, promo, stockout ? 1 : 0])) await out.flush();
        }

        const leadDays = shortage ? SHORTAGE_LEAD_DAYS : STORE_LEAD_DAYS;
        if (pendingDay[i] === -1 && onHand[i]! <= reorderPoint(plannedRate, leadDays)) {
          const casePack = product.category.casePack;
          const wanted = orderUpTo(plannedRate, casePack, leadDays) - onHand[i]!;
          // During the shortage the DC can only ship half of what stores ask for.
          const cases = Math.max(1, Math.ceil(wanted / casePack / (shortage ? 2 : 1)));
          pendingQty[i] = cases * casePack;
          pendingDay[i] = t + leadDays;
        }
      }
    }
  }
  return { locations, onHand, carried, history };
}

/**
 * The SKU of PLANTED.lateralTransfer: of the delayed supplier's SKUs that sell at least a unit a day,
 * the one earning the most margin a day, so a few cases moved between stores are worth more than the
 * system approves on its own and the starved store runs dry within days.
 */
export function lateralTransferSku(products: DemoNetwork["products"]): string | undefined {
  const dailyMargin = (product: DemoNetwork["products"][number]) => product.baseRate * (product.unitPrice - product.unitCost);
  return products
    .filter((product) => product.supplier === PLANTED.lateralTransfer.supplier && product.baseRate >= 1)
    .sort((a, b) => dailyMargin(b) - dailyMargin(a) || a.sku.localeCompare(b.sku))[0]?.sku;
}

function reorderPoint(dailyRate: number, leadDays: number): number {
  const leadDemand = dailyRate * (leadDays + 1);
  return Math.ceil(leadDemand + 1.3 * Math.sqrt(leadDemand));
}

function orderUpTo(dailyRate: number, casePack: number, leadDays: number): number {
  return reorderPoint(dailyRate, leadDays) + Math.max(casePack, Math.ceil(dailyRate * 7));
}

function seriesIndex(locations: DemoNetwork["locations"], products: DemoNetwork["products"], location: string, sku: string, skuCount: number): number {
  return locations.findIndex((l) => l.code === location) * skuCount + products.findIndex((p) => p.sku === sku);
}
