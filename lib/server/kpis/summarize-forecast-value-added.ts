import "server-only";
import { poolOverrideValueAdded, type ForecastValueAdded } from "../../engine/kpis/forecast-value-added";
import type { Db } from "../db";
import type { FvaRow, KpiDashboard } from "../../contracts/kpis";

/** Forecast value added of the segment's overrides, pooled by planner, category and reason code. */
export async function summarizeForecastValueAdded(db: Db, segment: { locationIds: number[]; productIds?: number[] }): Promise<KpiDashboard["fva"]> {
  const overrides = await db.forecastOverride.findMany({
    where: { locationId: { in: segment.locationIds }, ...(segment.productIds ? { productId: { in: segment.productIds } } : {}) },
    select: { id: true, createdById: true, reasonCode: true, productId: true },
  });
  const [outcomes, users, products] = await Promise.all([
    db.forecastOverrideOutcome.findMany({ where: { overrideId: { in: overrides.map((o) => o.id) } } }),
    db.user.findMany({ where: { id: { in: [...new Set(overrides.map((o) => o.createdById))] } }, select: { id: true, name: true } }),
    db.product.findMany({ where: { id: { in: [...new Set(overrides.map((o) => o.productId))] } }, select: { id: true, category: true } }),
  ]);
  const outcomeById = new Map(outcomes.map((o) => [o.overrideId, o]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const categoryOf = new Map(products.map((p) => [p.id, p.category]));

  const measure = (id: string): ForecastValueAdded => {
    const o = outcomeById.get(id);
    if (!o || o.days === 0) return { status: "no-actuals", days: 0, statisticalAbsError: 0, overrideAbsError: 0, valueAddedUnits: 0, valueAddedShare: null };
    const share = o.statisticalAbsError > 0 ? o.valueAddedUnits / o.statisticalAbsError : null;
    return { status: "measured", days: o.days, statisticalAbsError: o.statisticalAbsError, overrideAbsError: o.overrideAbsError, valueAddedUnits: o.valueAddedUnits, valueAddedShare: share };
  };
  const group = (keyOf: (o: (typeof overrides)[number]) => string): FvaRow[] => {
    const groups = new Map<string, typeof overrides>();
    for (const o of overrides) groups.set(keyOf(o), [...(groups.get(keyOf(o)) ?? []), o]);
    return [...groups.entries()].map(([key, items]) => toRow(key, items)).sort((a, b) => b.valueAddedUnits - a.valueAddedUnits);
  };
  const toRow = (key: string, items: typeof overrides): FvaRow => {
    const measured = items.map((o) => measure(o.id));
    const pooled = poolOverrideValueAdded(measured);
    return {
      group: key,
      overrides: items.length,
      measured: measured.filter((m) => m.status === "measured").length,
      valueAddedUnits: pooled.valueAddedUnits,
      valueAddedShare: pooled.valueAddedShare,
    };
  };
  return {
    byPlanner: group((o) => userName.get(o.createdById) ?? "Former user"),
    byCategory: group((o) => categoryOf.get(o.productId) ?? "—"),
    byReason: group((o) => o.reasonCode),
    total: toRow("All overrides", overrides),
  };
}
