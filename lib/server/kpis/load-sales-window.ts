import "server-only";
import type { DayNumber } from "../../engine/types";
import type { Db } from "../db";
import { toDayNumber } from "../plan-runs/calendar-days";

/** Daily sales of one location × SKU over the window, dense (a missing day is not observed: NaN units). */
export interface WindowSeries {
  locationId: number;
  productId: number;
  units: Float64Array;
  revenue: Float64Array;
  stockout: Uint8Array;
  observed: Uint8Array;
}

export interface SalesWindow {
  firstDay: DayNumber;
  days: number;
  series: WindowSeries[];
}

/**
 * Reads the sales rows of the trailing window once, grouped per series into dense arrays, for every
 * KPI that needs them (service level, realized accuracy, decision outcomes). One read in key order:
 * the primary key (locationId, productId, date) serves the grouping. `only` limits it to some SKUs of one
 * location (the dashboard's SKU level, computed live).
 */
export async function loadSalesWindow(db: Db, firstDay: DayNumber, days: number, only?: { locationId: number; productIds: number[] }): Promise<SalesWindow> {
  const rows = await db.salesDaily.findMany({
    where: {
      ...(only ? { locationId: only.locationId, productId: { in: only.productIds } } : {}),
      date: { gte: new Date(firstDay * 86_400_000), lt: new Date((firstDay + days) * 86_400_000) } },
    select: { locationId: true, productId: true, date: true, units: true, revenue: true, stockout: true },
    orderBy: [{ locationId: "asc" }, { productId: "asc" }, { date: "asc" }],
  });
  const series: WindowSeries[] = [];
  let current: WindowSeries | undefined;
  for (const row of rows) {
    if (!current || current.locationId !== row.locationId || current.productId !== row.productId) {
      current = {
        locationId: row.locationId,
        productId: row.productId,
        units: new Float64Array(days),
        revenue: new Float64Array(days),
        stockout: new Uint8Array(days),
        observed: new Uint8Array(days),
      };
      series.push(current);
    }
    const i = toDayNumber(row.date) - firstDay;
    current.units[i] = row.units;
    current.revenue[i] = row.revenue;
    current.stockout[i] = row.stockout ? 1 : 0;
    current.observed[i] = 1;
  }
  return { firstDay, days, series };
}
