import type { PlanSnapshot } from "../plan/plan-types";
import type { DayNumber, DemandSeries } from "../types";
import type { TwinWorld } from "./twin-world";

/** As the plan-run loader reads them: two years of history, a short zero history for stock without sales, recent promotions. */
const HISTORY_DAYS = 730;
const MIN_HISTORY_DAYS = 28;
const PROMOTION_LOOKBACK_DAYS = 60;

/**
 * What the system sees on the morning of `today`: recorded sales to yesterday, recorded stock, the
 * orders it has not booked yet, supplier lead times observed so far and known promotions — never
 * the physical stock, the true demand or the true arrival days.
 */
export function buildPlanSnapshot(world: TwinWorld, today: DayNumber): PlanSnapshot {
  const { twin } = world;
  const asOf = today - 1;
  const end = asOf - twin.history.firstDay + 1;
  const demand: DemandSeries[] = twin.series.map((entry, index) => {
    const firstSale = world.firstSaleDay[index]!;
    const firstDay = Number.isNaN(firstSale) ? asOf - MIN_HISTORY_DAYS + 1 : Math.max(firstSale, asOf - HISTORY_DAYS + 1);
    const start = firstDay - twin.history.firstDay;
    return {
      id: entry.id,
      firstDay,
      units: world.sales[index]!.subarray(start, end),
      onPromo: world.onPromo[index]!.subarray(start, end),
      stockout: world.stockout[index]!.subarray(start, end),
      group: entry.group,
    };
  });
  return {
    asOf,
    locations: twin.locations,
    products: twin.products,
    suppliers: twin.suppliers.map((supplier) => ({ ...supplier, leadTimeHistory: world.leadTimeHistory.get(supplier.id) ?? [] })),
    demand,
    stock: twin.series.map((entry, index) => {
      const lastCountDay = world.lastCountDay[index]!;
      return { locationId: entry.locationId, sku: entry.sku, onHand: world.recorded[index]!, ...(Number.isNaN(lastCountDay) ? {} : { lastCountDay }) };
    }),
    purchaseOrders: world.openOrderLines(),
    promotions: twin.promotions.filter((promotion) => promotion.endDay >= asOf - PROMOTION_LOOKBACK_DAYS),
  };
}
