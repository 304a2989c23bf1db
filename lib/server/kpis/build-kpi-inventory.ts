import "server-only";
import type { Prisma } from "@prisma/client";
import { summarizeStockPositions, type StockPosition } from "../../engine/kpis/inventory-health";
import type { KpiProduct } from "./build-kpi-daily";
import type { SeriesKey } from "./build-run-forecasts";
import type { KpiSeriesPlan } from "./compute-kpi-snapshot";

/** The plan's stock positions rolled up per location and category, with each cell's cost of goods sold over 28 days. */
export function buildKpiInventory(input: {
  planRunId: string;
  asOf: Date;
  series: readonly KpiSeriesPlan[];
  resolveSeries: (seriesId: string) => SeriesKey | null;
  products: ReadonlyMap<number, KpiProduct>;
  cogs28: ReadonlyMap<string, number>;
}): Prisma.KpiInventoryCreateManyInput[] {
  const groups = new Map<string, { locationId: number; category: string; positions: StockPosition[] }>();
  for (const plan of input.series) {
    const key = input.resolveSeries(plan.seriesId);
    const product = key ? input.products.get(key.productId) : undefined;
    if (!key || !product) continue;
    const cell = `${key.locationId}|${product.category}`;
    let group = groups.get(cell);
    if (!group) {
      group = { locationId: key.locationId, category: product.category, positions: [] };
      groups.set(cell, group);
    }
    group.positions.push({
      onHand: plan.projection.onHand,
      unitCost: product.unitCost,
      unitPrice: product.unitPrice,
      dailyDemand: plan.forecast.meanDaily,
      orderUpToLevel: plan.policy.orderUpToLevel,
    });
  }
  return [...groups.entries()].map(([cell, group]) => ({
    planRunId: input.planRunId,
    asOf: input.asOf,
    locationId: group.locationId,
    category: group.category,
    ...summarizeStockPositions(group.positions),
    cogs28: input.cogs28.get(cell) ?? 0,
  }));
}
