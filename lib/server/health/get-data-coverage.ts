import "server-only";
import type { DataCoverage } from "../../contracts/imports";
import { MS_PER_DAY, startOfUtcDay } from "../../engine/calendar";
import type { Db } from "../db";

const day = (at: Date | null | undefined) => (at ? at.toISOString().slice(0, 10) : null);

/**
 * The data behind the plan as it stands in the database: each read is an indexed min/max or a
 * count over a small table, so the header can show it on every page.
 */
export async function getDataCoverage(db: Db, now: Date = new Date()): Promise<DataCoverage> {
  const today = startOfUtcDay(now);
  const [sales, locations, products, latestCount, openPurchaseOrders, currentPromotions] = await Promise.all([
    db.salesDaily.aggregate({ _min: { date: true }, _max: { date: true } }),
    db.location.count(),
    db.product.count(),
    db.inventoryPosition.findFirst({ orderBy: { asOf: "desc" }, select: { asOf: true } }),
    db.purchaseOrder.count({ where: { status: { in: ["OPEN", "PARTIAL"] } } }),
    db.promotion.count({ where: { endDate: { gte: today } } }),
  ]);
  const salesTo = sales._max.date;
  const missing: string[] = [];
  if (locations === 0) missing.push("locations");
  if (products === 0) missing.push("products");
  if (!salesTo) missing.push("sales");
  if (!latestCount) missing.push("stock counts");
  return {
    salesFrom: day(sales._min.date),
    salesTo: day(salesTo),
    salesAgeDays: salesTo ? Math.round((today.getTime() - startOfUtcDay(salesTo).getTime()) / MS_PER_DAY) : null,
    locations,
    products,
    inventoryAsOf: day(latestCount?.asOf),
    openPurchaseOrders,
    currentPromotions,
    missing,
  };
}
