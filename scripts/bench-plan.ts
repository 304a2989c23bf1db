/**
 * Plan benchmark: seeded networks of ~10k and ~100k location × SKU series with 730 days of history,
 * run through the full plan (forecast + policy + projection + allocation + exceptions).
 * Usage: tsx scripts/bench-plan.ts [seriesCount ...]   (default: 10000 100000)
 */
import { poissonDraw } from "../lib/engine/plan/plan-fixtures";
import { seededRandom } from "../lib/engine/seeded-random";
import type { NetworkLocation, PlanSnapshot, PurchaseOrderLine } from "../lib/engine/plan/plan-types";
import { runPlan } from "../lib/engine/plan/run-plan";
import type { DemandSeries } from "../lib/engine/types";

const historyDays = 730;
const asOf = 20_400;

function buildNetwork(targetSeries: number, seed: number): PlanSnapshot {
  const random = seededRandom(seed);
  const dcCount = 4;
  const storeCount = targetSeries >= 50_000 ? 96 : 46;
  const skuCount = Math.round(targetSeries / (storeCount + dcCount));
  const locations: NetworkLocation[] = [];
  for (let dc = 0; dc < dcCount; dc += 1) locations.push({ id: `DC${dc + 1}`, type: "dc", region: `R${dc + 1}`, cluster: `DC${dc + 1}` });
  for (let store = 0; store < storeCount; store += 1) {
    const dc = store % dcCount;
    locations.push({
      id: `ST${String(store + 1).padStart(3, "0")}`,
      type: store === 0 ? "ecommerce" : "store",
      region: `R${dc + 1}`,
      cluster: `R${dc + 1}-C${Math.floor(store / dcCount) % 3}`,
      sourceDcId: `DC${dc + 1}`,
    });
  }
  const supplierIds = Array.from({ length: 20 }, (_, index) => `SUP${index + 1}`);
  const suppliers = supplierIds.map((id, index) => {
    const promised = 5 + (index % 4) * 3;
    // A quarter of suppliers have drifted later in the last two months.
    const drift = index % 4 === 0 ? 4 : 0;
    const leadTimeHistory = Array.from({ length: 30 }, (_, order) => {
      const orderDay = asOf - 300 + order * 10;
      const recent = orderDay > asOf - 56;
      return { orderDay, receivedDay: orderDay + promised + Math.round(random() * 2) + (recent ? drift : 0) };
    }).filter((observation) => observation.receivedDay <= asOf);
    return { id, promisedLeadTimeDays: promised, leadTimeHistory };
  });
  const products = Array.from({ length: skuCount }, (_, index) => {
    const unitCost = 2 + random() * 30;
    return {
      sku: `SKU${String(index + 1).padStart(5, "0")}`,
      unitCost,
      unitPrice: unitCost * (1.4 + random() * 0.8),
      casePack: [1, 1, 6, 12][index % 4]!,
      supplierId: supplierIds[index % supplierIds.length]!,
    };
  });
  const demand: DemandSeries[] = [];
  const stock: PlanSnapshot["stock"][number][] = [];
  const purchaseOrders: PurchaseOrderLine[] = [];
  const promotions: PlanSnapshot["promotions"][number][] = [];
  const weekly = [0.85, 0.9, 0.95, 1, 1.1, 1.3, 0.9];
  for (const product of products) {
    const skuScale = Math.exp(random() * 3 - 2.2);
    const promoStart = random() < 0.05 ? asOf - 4 : -1;
    for (const location of locations) {
      const isDc = location.type === "dc";
      const mean = isDc ? 0 : skuScale * (0.5 + random() * 2);
      const units = new Float64Array(historyDays);
      const onPromo = new Uint8Array(historyDays);
      for (let day = 0; day < historyDays; day += 1) {
        const absoluteDay = asOf - historyDays + 1 + day;
        const promo = absoluteDay >= promoStart && promoStart > 0 ? 1 : (absoluteDay % 91 < 7 && random() < 0.3 ? 1 : 0);
        onPromo[day] = promo;
        units[day] = isDc ? 0 : poissonDraw(random, mean * weekly[absoluteDay % 7]! * (promo ? 1.8 : 1));
      }
      const id = `${location.id}|${product.sku}`;
      if (!isDc) demand.push({ id, firstDay: asOf - historyDays + 1, units, onPromo, group: `${product.sku.slice(0, 6)}|${location.region}` });
      const cover = isDc ? 0 : mean * (random() < 0.1 ? 2 : random() < 0.1 ? 120 : 21);
      stock.push({ locationId: location.id, sku: product.sku, onHand: isDc ? Math.round(skuScale * 400 * random()) : random() < 0.002 ? -3 : Math.round(cover) });
    }
    if (random() < 0.3) {
      const dc = locations[Math.floor(random() * 4)]!;
      const promisedDay = asOf + Math.round(random() * 20) - 8;
      purchaseOrders.push({
        purchaseOrderId: `PO${purchaseOrders.length + 1000}`,
        supplierId: product.supplierId,
        locationId: dc.id,
        sku: product.sku,
        quantity: Math.max(product.casePack, Math.round(skuScale * 200)),
        orderDay: promisedDay - 10,
        promisedDay,
      });
    }
    if (promoStart > 0) {
      promotions.push({
        id: `P-${promotions.length + 1}`,
        sku: product.sku,
        locationIds: locations.filter((location) => location.type !== "dc").map((location) => location.id),
        startDay: promoStart,
        endDay: asOf + 10,
        expectedUplift: 0.8,
      });
    }
  }
  return { asOf, locations, products, suppliers, demand, stock, purchaseOrders, promotions };
}

async function benchmark(targetSeries: number): Promise<void> {
  const generationStart = performance.now();
  const snapshot = buildNetwork(targetSeries, 20_260_000 + targetSeries);
  const generationMs = performance.now() - generationStart;
  const result = await runPlan(snapshot, { forecastWorkers: 2 });
  const byType = new Map<string, number>();
  for (const exception of result.exceptions) byType.set(exception.type, (byType.get(exception.type) ?? 0) + 1);
  const transferPlans = result.transfers.length;
  const fallbacks = result.transfers.filter((plan) => plan.status === "fallback").length;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(`\n== plan benchmark: ${result.series.length} series × ${historyDays} days (${snapshot.locations.length} locations, ${snapshot.products.length} SKUs) ==`);
  console.log(`generate data      ${seconds(generationMs)}`);
  console.log(`forecast           ${seconds(result.timings.forecast)}`);
  console.log(`policy+projection  ${seconds(result.timings.policy)}`);
  console.log(`allocation+LP      ${seconds(result.timings.allocation)}  (${result.allocations.length} DC×SKU allocations, ${transferPlans} SKU transfer plans, ${fallbacks} fallback)`);
  console.log(`exceptions         ${seconds(result.timings.exceptions)}`);
  console.log(`total plan         ${seconds(result.timings.total)}`);
  console.log(`exceptions         ${result.exceptions.length}  ${[...byType].map(([type, count]) => `${type}=${count}`).join(" ")}`);
  console.log(`peak RSS           ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

const sizes = process.argv.slice(2).map(Number).filter((value) => value > 0);
for (const size of sizes.length > 0 ? sizes : [10_000, 100_000]) await benchmark(size);
