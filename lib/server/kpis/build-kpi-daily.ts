import "server-only";
import type { KpiDaily } from "@prisma/client";
import { estimateLostUnits } from "../../engine/kpis/service-level";
import { fromDayNumber } from "../../engine/calendar";
import type { SalesWindow } from "./load-sales-window";

export interface KpiProduct {
  category: string;
  unitCost: number;
  unitPrice: number;
}

/**
 * Rolls the sales window up to (day, location, category) service facts: series-days observed,
 * stock-out days and the demand they carried, units, revenue, cost of goods sold and estimated lost units and sales.
 */
export function buildKpiDaily(
  planRunId: string,
  window: SalesWindow,
  products: ReadonlyMap<number, KpiProduct>,
): KpiDaily[] {
  const cells = new Map<string, KpiDaily & { stockoutDemand: number }>();
  for (const s of window.series) {
    const product = products.get(s.productId);
    if (!product) continue;
    const observedDays: number[] = [];
    for (let i = 0; i < window.days; i++) if (s.observed[i]) observedDays.push(i);
    const lost = estimateLostUnits(
      observedDays.map((i) => s.units[i]!),
      observedDays.map((i) => s.stockout[i] === 1),
    );
    observedDays.forEach((i, k) => {
      const key = `${i}|${s.locationId}|${product.category}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = {
          planRunId,
          day: fromDayNumber(window.firstDay + i),
          locationId: s.locationId,
          category: product.category,
          seriesDays: 0,
          stockoutDays: 0,
          stockoutDemand: 0,
          unitsSold: 0,
          revenue: 0,
          cogs: 0,
          lostUnits: 0,
          lostSales: 0,
        };
        cells.set(key, cell);
      }
      cell.seriesDays += 1;
      cell.stockoutDays += s.stockout[i]!;
      if (s.stockout[i]) cell.stockoutDemand += s.units[i]! + lost[k]!;
      cell.unitsSold += s.units[i]!;
      cell.revenue += s.revenue[i]!;
      cell.cogs += s.units[i]! * product.unitCost;
      cell.lostUnits += lost[k]!;
      cell.lostSales += lost[k]! * product.unitPrice;
    });
  }
  return [...cells.values()];
}
