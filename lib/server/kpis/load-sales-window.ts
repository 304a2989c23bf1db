import "server-only";
import type { DayNumber } from "../../engine/types";
import { openSalesHistoryReader } from "../plan-runs/read-sales-history";

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
 * KPI that needs them (service level, realized accuracy, decision outcomes), in (location, product)
 * order. Streamed set-based (read-sales-history.ts): rows go straight into the arrays. `only` limits
 * it to some SKUs of one location (the dashboard's SKU level, computed live).
 */
export async function loadSalesWindow(firstDay: DayNumber, days: number, only?: { locationId: number; productIds: number[] }): Promise<SalesWindow> {
  const bySeries = new Map<string, WindowSeries>();
  const reader = openSalesHistoryReader(only ? { locationId: only.locationId, productIds: only.productIds } : null);
  try {
    await reader.forEachSalesDay(firstDay, (locationId, productId, day, units, _onPromo, stockout, revenue) => {
      const i = day - firstDay;
      if (i < 0 || i >= days) return;
      const key = `${locationId}|${productId}`;
      let current = bySeries.get(key);
      if (!current) {
        current = { locationId, productId, units: new Float64Array(days), revenue: new Float64Array(days), stockout: new Uint8Array(days), observed: new Uint8Array(days) };
        bySeries.set(key, current);
      }
      current.units[i] = units;
      current.revenue[i] = revenue;
      current.stockout[i] = stockout === 1 ? 1 : 0;
      current.observed[i] = 1;
    });
  } finally {
    await reader.close();
  }
  const series = [...bySeries.values()].sort((a, b) => a.locationId - b.locationId || a.productId - b.productId);
  return { firstDay, days, series };
}
