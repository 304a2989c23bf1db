import type { DemoNetwork } from "./build-demo-network";
import type { DemoCalendar } from "./demo-calendar";
import { PLANTED } from "./demo-scenarios";
import type { RowSink } from "./csv-file-writer";
import { createPrng } from "./prng";

export const PURCHASE_ORDER_HEADER = [
  "po_number", "supplier", "destination", "ordered_at", "promised_at", "status", "line_no", "sku", "qty_ordered", "qty_received", "received_at",
] as const;

/**
 * Weekly POs from every supplier to every DC, one line per SKU of the supplier, sized to the DC's
 * weekly demand. Receipts land around the promised date; the planted supplier slips from 7 to 11
 * days over the final weeks and has one PO to DC01 that is open past its promised date. POs whose
 * receipt falls after the end date are still OPEN.
 */
export async function writeDemoPurchaseOrders(network: DemoNetwork, calendar: DemoCalendar, seed: number, out: RowSink): Promise<void> {
  const random = createPrng(seed, "purchase-orders");
  const delay = PLANTED.supplierDelay;
  const dcs = network.locations.filter((location) => location.type === "DC");
  const end = calendar.days;
  for (let t = 0; t < end; t++) {
    const weekday = calendar.weekday(t);
    const dayOfYear = calendar.dayOfYear(t);
    for (const [s, supplier] of network.suppliers.entries()) {
      if (s % 7 !== weekday) continue;
      const products = network.products.filter((product) => product.supplier === supplier.code);
      if (products.length === 0) continue;
      const planted = supplier.code === delay.supplier;
      for (const dc of dcs) {
        let leadDays = supplier.promisedLeadTimeDays + receiptNoise(random.next());
        if (planted && t >= end - delay.slipWindowDays) {
          const progress = (t - (end - delay.slipWindowDays)) / delay.slipWindowDays;
          leadDays = Math.round(delay.promisedDays + (delay.slippedDays - delay.promisedDays) * progress) + random.int(-1, 1);
        }
        // The planted late PO: ordered 7–13 days ago, promised within the past week, not yet here.
        if (planted && dc.code === "DC01" && t >= end - 13 && t <= end - 7) leadDays = end - t + 3;
        const received = t + leadDays;
        const cancelled = !planted && random.next() < 0.01;
        const partial = !cancelled && received < end && random.next() < 0.04;
        const status = cancelled ? "CANCELLED" : received >= end ? "OPEN" : partial ? "PARTIAL" : "RECEIVED";
        const poNumber = `PO${calendar.date(t).replace(/-/g, "")}-${dc.code}-${supplier.code}`;
        for (const [n, product] of products.entries()) {
          const weeklyDemand = dcWeeklyDemand(network, dc.code, product.baseRate);
          const seasonal = 1 + product.category.seasonality * Math.cos((2 * Math.PI * (dayOfYear + 14 - product.category.peakDay)) / 365);
          const casePack = product.category.casePack;
          const qtyOrdered = Math.max(1, Math.round((weeklyDemand * seasonal) / casePack)) * casePack;
          const qtyReceived = status === "RECEIVED" ? qtyOrdered : status === "PARTIAL" ? Math.floor((qtyOrdered * 0.8) / casePack) * casePack : 0;
          const receivedAt = status === "RECEIVED" || status === "PARTIAL" ? calendar.date(received) : "";
          const row = [poNumber, supplier.code, dc.code, calendar.date(t), calendar.date(t + supplier.promisedLeadTimeDays), status, n + 1, product.sku, qtyOrdered, qtyReceived, receivedAt];
          if (out.add(row)) await out.flush();
        }
      }
    }
  }
}

/**
 * The planted direct store deliveries: every week of the final weeks, on the supplier's order day,
 * one PO per planted store for its first SKUs, sized to the store's weekly demand and received on
 * the promised day; those not due before the end date are still OPEN. Only the imported demo data
 * carries them: they are store tasks for the demo, not part of the simulated supply chain.
 */
export async function writeDemoStoreDeliveries(network: DemoNetwork, calendar: DemoCalendar, out: RowSink): Promise<void> {
  const plant = PLANTED.storeDelivery;
  const s = network.suppliers.findIndex((supplier) => supplier.code === plant.supplier);
  const supplier = network.suppliers[s];
  if (!supplier) return;
  const products = network.products.filter((product) => product.supplier === supplier.code).slice(0, plant.skus);
  const stores = network.locations.filter((location) => (plant.locations as readonly string[]).includes(location.code));
  const end = calendar.days;
  for (let t = Math.max(0, end - plant.weeks * 7); t < end; t++) {
    if (s % 7 !== calendar.weekday(t)) continue;
    const received = t + supplier.promisedLeadTimeDays;
    const status = received >= end ? "OPEN" : "RECEIVED";
    for (const store of stores) {
      const poNumber = `PO${calendar.date(t).replace(/-/g, "")}-${store.code}-${supplier.code}`;
      for (const [n, product] of products.entries()) {
        const casePack = product.category.casePack;
        const qtyOrdered = Math.max(1, Math.round((product.baseRate * store.volume * 7) / casePack)) * casePack;
        const row = [poNumber, supplier.code, store.code, calendar.date(t), calendar.date(received), status, n + 1, product.sku, qtyOrdered, status === "RECEIVED" ? qtyOrdered : 0, status === "RECEIVED" ? calendar.date(received) : ""];
        if (out.add(row)) await out.flush();
      }
    }
  }
}

/** Mostly on time, sometimes a day early or a few days late. */
export function receiptNoise(draw: number): number {
  if (draw < 0.7) return 0;
  if (draw < 0.85) return 1;
  if (draw < 0.93) return -1;
  return draw < 0.98 ? 2 : 3;
}

/** Mean weekly units a DC ships of a SKU: the sum over the nodes it replenishes. */
export function dcWeeklyDemand(network: DemoNetwork, dcCode: string, baseRate: number): number {
  let volume = 0;
  for (const location of network.locations) if (location.sourceDc === dcCode) volume += location.volume;
  return baseRate * volume * 7;
}
