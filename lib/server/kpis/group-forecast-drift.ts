import "server-only";
import type { Prisma } from "@prisma/client";
import { ACTIVE_EXCEPTION_STATUSES } from "../../contracts/exceptions";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { DRIFT_GROUPINGS, type DriftGroupRow, type DriftGrouping, type DriftMonitoring } from "../../contracts/kpis";
import type { Db } from "../db";

/** Rows per grouping: the largest by money at risk; the total above the table counts them all. */
const ROWS_PER_GROUPING = 10;

/**
 * Forecast drift is model monitoring: the same SKU drifting at many stores, or one method drifting
 * everywhere, is one finding. Groups the segment's open drift exceptions by SKU, category and the
 * forecasting method of the series at the latest run, largest money at risk first.
 */
export async function groupForecastDrift(db: Db, exceptionWhere: Prisma.ExceptionWhereInput, planRunId: string | undefined): Promise<DriftMonitoring> {
  const rows = await db.exception.findMany({
    where: { ...exceptionWhere, type: "forecast_drift", status: { in: [...ACTIVE_EXCEPTION_STATUSES] } },
    select: { locationId: true, productId: true, category: true, moneyAtRisk: true },
  });
  const productIds = [...new Set(rows.map((row) => row.productId))];
  const [products, forecasts] = await Promise.all([
    db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, name: true } }),
    planRunId
      ? db.planRunForecast.findMany({ where: { planRunId, week: 0, productId: { in: productIds } }, select: { locationId: true, productId: true, method: true } })
      : Promise.resolve([]),
  ]);
  const productById = new Map(products.map((product) => [product.id, product]));
  const methodBySeries = new Map(forecasts.map((forecast) => [`${forecast.locationId}|${forecast.productId}`, canonicalMethod(forecast.method)]));
  const groups = Object.fromEntries(DRIFT_GROUPINGS.map((grouping) => [grouping, new Map<string, DriftGroupRow & { locationIds: Set<number> }>()])) as Record<
    DriftGrouping,
    Map<string, DriftGroupRow & { locationIds: Set<number> }>
  >;
  const add = (grouping: DriftGrouping, key: string, label: string, queueSearch: string, row: (typeof rows)[number]) => {
    const group = groups[grouping].get(key) ?? { key, label, exceptions: 0, locations: 0, moneyAtRisk: 0, queueSearch, locationIds: new Set<number>() };
    group.exceptions += 1;
    group.moneyAtRisk += row.moneyAtRisk;
    group.locationIds.add(row.locationId);
    groups[grouping].set(key, group);
  };
  for (const row of rows) {
    const product = productById.get(row.productId);
    const sku = product?.sku ?? String(row.productId);
    add("sku", sku, product ? `${product.sku} ${product.name}` : sku, new URLSearchParams({ type: "forecast_drift", q: sku }).toString(), row);
    add("category", row.category, row.category, new URLSearchParams({ type: "forecast_drift", category: row.category }).toString(), row);
    const method = methodBySeries.get(`${row.locationId}|${row.productId}`) ?? "unknown (not in the latest run)";
    add("model", method, method, new URLSearchParams({ type: "forecast_drift" }).toString(), row);
  }
  const ranked = (grouping: DriftGrouping): DriftGroupRow[] =>
    [...groups[grouping].values()]
      .sort((a, b) => b.moneyAtRisk - a.moneyAtRisk || (a.key < b.key ? -1 : 1))
      .slice(0, ROWS_PER_GROUPING)
      .map(({ locationIds, ...row }) => ({ ...row, locations: locationIds.size }));
  return {
    open: rows.length,
    moneyAtRisk: rows.reduce((sum, row) => sum + row.moneyAtRisk, 0),
    groups: { sku: ranked("sku"), category: ranked("category"), model: ranked("model") },
  };
}
