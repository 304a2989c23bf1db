import "server-only";
import { poolOverrideValueAdded, type ForecastValueAdded } from "../../engine/kpis/forecast-value-added";
import type { Db } from "../db";
import type { FvaRow, KpiDashboard } from "../../contracts/kpis";

/** The total line: the planners' own overrides. */
export const PLANNER_OVERRIDES = "Planner overrides";

/**
 * Forecast value added of the segment's overrides, pooled by planner, category and reason code. It
 * judges the planners' own numbers against the statistical forecast, so the planner, category and
 * total lines count planners' overrides only. Overrides that approved "adjust forecast"
 * recommendations wrote are the engine's own correction, not a planner's judgement: they are
 * measured the same way but shown only as their own line among the reasons
 * (APPROVED_RECOMMENDATION_REASON), which says whether those corrections beat the forecast they replaced.
 */
export async function summarizeForecastValueAdded(db: Db, segment: { locationIds: number[]; productIds?: number[] }): Promise<KpiDashboard["fva"]> {
  const all = await db.forecastOverride.findMany({
    where: { locationId: { in: segment.locationIds }, ...(segment.productIds ? { productId: { in: segment.productIds } } : {}) },
    select: { id: true, createdById: true, reasonCode: true, productId: true, sourceActionId: true },
  });
  const overrides = all.filter((o) => o.sourceActionId === null);
  const [outcomes, users, products] = await Promise.all([
    db.forecastOverrideOutcome.findMany({ where: { overrideId: { in: all.map((o) => o.id) } } }),
    db.user.findMany({ where: { id: { in: [...new Set(overrides.flatMap((o) => (o.createdById ? [o.createdById] : [])))] } }, select: { id: true, name: true } }),
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
  const group = (keyOf: (o: (typeof overrides)[number]) => string, items = overrides): FvaRow[] => {
    const groups = new Map<string, typeof overrides>();
    for (const o of items) groups.set(keyOf(o), [...(groups.get(keyOf(o)) ?? []), o]);
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
    byPlanner: group((o) => (o.createdById ? userName.get(o.createdById) : undefined) ?? "Former user"),
    byCategory: group((o) => categoryOf.get(o.productId) ?? "—"),
    byReason: group((o) => o.reasonCode, all),
    total: toRow(PLANNER_OVERRIDES, overrides),
  };
}
