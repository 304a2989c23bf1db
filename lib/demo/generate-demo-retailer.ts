import { mkdir } from "node:fs/promises";
import path from "node:path";
import { buildDemoNetwork, type DemoNetwork } from "./build-demo-network";
import { CsvFileWriter } from "./csv-file-writer";
import { DemoCalendar } from "./demo-calendar";
import { planDemoPromotions } from "./demo-promotions";
import { PLANTED } from "./demo-scenarios";
import { DEMO_SIZES, type DemoSizeName } from "./demo-sizes";
import { createPrng } from "./prng";
import { dcWeeklyDemand, PURCHASE_ORDER_HEADER, writeDemoPurchaseOrders, writeDemoStoreDeliveries } from "./write-demo-purchase-orders";
import { lateralTransferSku, writeDemoSales } from "./write-demo-sales";

export interface GenerateDemoRetailerOptions {
  size: DemoSizeName;
  seed: number;
  /** YYYY-MM-DD: the inventory snapshot date; sales history ends the day before. */
  endDate: string;
  outDir: string;
}

export type DemoFileRows = Record<"locations" | "suppliers" | "products" | "sales" | "returns" | "inventory" | "purchase_orders" | "promotions", number>;

/**
 * Writes the canonical CSV files of a synthetic omnichannel retailer with the planted scenarios of
 * DEMO_SCENARIOS. Deterministic: the same options give byte-identical files.
 */
export async function generateDemoRetailer(options: GenerateDemoRetailerOptions): Promise<DemoFileRows> {
  const size = DEMO_SIZES[options.size];
  const calendar = new DemoCalendar(options.endDate, size.days);
  const network = buildDemoNetwork(size, options.seed);
  await mkdir(options.outDir, { recursive: true });
  const file = (name: string, header: readonly string[]) => new CsvFileWriter(path.join(options.outDir, `${name}.csv`), header);

  const locations = file("locations", ["code", "name", "type", "region", "cluster", "source_dc"]);
  for (const l of network.locations) locations.add([l.code, l.name, l.type, l.region, l.cluster, l.sourceDc ?? ""]);
  const suppliers = file("suppliers", ["code", "name", "promised_lead_time_days"]);
  for (const s of network.suppliers) suppliers.add([s.code, s.name, s.promisedLeadTimeDays]);
  const products = file("products", ["sku", "name", "department", "category", "subcategory", "unit_cost", "unit_price", "case_pack", "supplier"]);
  for (const p of network.products) {
    const { department, category, casePack } = p.category;
    products.add([p.sku, p.name, department, category, p.subcategory, p.unitCost.toFixed(2), p.unitPrice.toFixed(2), casePack, p.supplier]);
  }

  const categories = [...new Set(network.products.map((product) => product.category.category))];
  const promotionPlan = planDemoPromotions(calendar, network.regions, categories);
  const promotions = file("promotions", ["code", "name", "sku", "category", "location", "region", "start_date", "end_date", "expected_uplift"]);
  for (const p of promotionPlan) {
    promotions.add([p.code, p.name, "", p.category, p.location ?? "", p.region ?? "", calendar.date(p.startDay), calendar.date(p.endDay), p.expectedUplift]);
  }

  const sales = file("sales", ["date", "location", "sku", "units", "revenue", "on_promo", "stockout"]);
  const returns = file("returns", ["date", "location", "sku", "units"]);
  const snapshotDays = Array.from({ length: size.stockHistoryWeeks }, (_, week) => calendar.days - 7 * (size.stockHistoryWeeks - week));
  const state = await writeDemoSales(network, size, calendar, promotionPlan, options.seed, sales, returns, { snapshotDays, lateralTransfer: true });

  const inventory = file("inventory", ["as_of", "location", "sku", "on_hand"]);
  const asOf = calendar.date(calendar.days);
  const lateralSku = lateralTransferSku(network.products);
  for (const stock of demoDcStock(network, options.seed)) {
    const onHand = stock.sku === lateralSku ? 0 : stock.onHand;
    if (inventory.add([asOf, stock.location, stock.sku, onHand])) await inventory.flush();
  }
  const skuCount = network.products.length;
  for (const [l, location] of state.locations.entries()) {
    for (const [k, product] of network.products.entries()) {
      const i = l * skuCount + k;
      if (!state.carried[i]) continue;
      const negative = location.code === PLANTED.negativeOnHand.location && product.sku === PLANTED.negativeOnHand.sku;
      if (inventory.add([asOf, location.code, product.sku, negative ? PLANTED.negativeOnHand.onHand : state.onHand[i]!])) await inventory.flush();
    }
  }
  // The stock history: earlier weekly snapshots of the same series, oldest first.
  for (const snapshot of state.history) {
    const date = calendar.date(snapshot.day);
    for (const stock of demoDcStockHistory(network, options.seed, snapshot.day, calendar.days)) {
      if (inventory.add([date, stock.location, stock.sku, stock.onHand])) await inventory.flush();
    }
    for (const [l, location] of state.locations.entries()) {
      for (const [k, product] of network.products.entries()) {
        const i = l * skuCount + k;
        if (state.carried[i] && inventory.add([date, location.code, product.sku, snapshot.onHand[i]!])) await inventory.flush();
      }
    }
  }

  const purchaseOrders = file("purchase_orders", PURCHASE_ORDER_HEADER);
  await writeDemoPurchaseOrders(network, calendar, options.seed, purchaseOrders);
  await writeDemoStoreDeliveries(network, calendar, purchaseOrders);

  return {
    locations: await locations.close(),
    suppliers: await suppliers.close(),
    products: await products.close(),
    sales: await sales.close(),
    returns: await returns.close(),
    inventory: await inventory.close(),
    purchase_orders: await purchaseOrders.close(),
    promotions: await promotions.close(),
  };
}

/**
 * DC stock on an earlier day, drawn like the end date's from a stream of its own (so the end date's
 * stock does not change): the delayed supplier's SKUs run down only once its shortage has begun.
 */
function demoDcStockHistory(network: DemoNetwork, seed: number, day: number, endDay: number): { location: string; sku: string; onHand: number }[] {
  const random = createPrng(seed, `dc-inventory-${day}`);
  const short = day >= endDay - PLANTED.supplierDelay.shortageDays;
  return network.locations
    .filter((location) => location.type === "DC")
    .flatMap((dc) =>
      network.products.map((product) => {
        const weeks = short && product.supplier === PLANTED.supplierDelay.supplier ? 0.2 : 1.5 + 3.5 * random.next();
        return { location: dc.code, sku: product.sku, onHand: Math.round(dcWeeklyDemand(network, dc.code, product.baseRate) * weeks) };
      }),
    );
}

/** DC stock at the end date: 1.5–5 weeks of what each DC ships; the delayed supplier's SKUs are nearly gone. */
export function demoDcStock(network: DemoNetwork, seed: number): { location: string; sku: string; onHand: number }[] {
  const random = createPrng(seed, "dc-inventory");
  return network.locations
    .filter((location) => location.type === "DC")
    .flatMap((dc) =>
      network.products.map((product) => {
        const weeks = product.supplier === PLANTED.supplierDelay.supplier ? 0.2 : 1.5 + 3.5 * random.next();
        return { location: dc.code, sku: product.sku, onHand: Math.round(dcWeeklyDemand(network, dc.code, product.baseRate) * weeks) };
      }),
    );
}
