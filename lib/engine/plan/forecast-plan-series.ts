import type { ForecastReference } from "../forecast/borrow-from-like-items";
import type { DemandSeries, SeriesForecast } from "../types";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import type { ForecastStep, PlanOptions } from "./plan-types";

/**
 * Stage 1: forecast every accepted series over the horizon, with known future promotion days
 * flagged. Each series carries its product's name, category and price, so a new product can borrow
 * from like items, and a product with a planner's reference SKU borrows from that SKU at the same
 * location (× its factor).
 */
export async function forecastPlanSeries(indexed: IndexedPlanSnapshot, settings: PlanOptions, forecastStep: ForecastStep): Promise<SeriesForecast[]> {
  const { asOf } = indexed;
  const horizon = settings.horizonDays;
  const futurePromo = new Map<string, Uint8Array>();
  for (const { series } of indexed.accepted) {
    const promotions = indexed.promotionsBySeries.get(series.id);
    if (!promotions) continue;
    const flags = new Uint8Array(horizon);
    for (const promotion of promotions) {
      for (let day = Math.max(promotion.startDay, asOf + 1); day <= Math.min(promotion.endDay, asOf + horizon); day += 1) flags[day - asOf - 1] = 1;
    }
    futurePromo.set(series.id, flags);
  }
  const references = new Map<string, ForecastReference>();
  const series = indexed.accepted.map(({ series, location, product }): DemandSeries => {
    if (product.reference) references.set(series.id, { referenceId: `${location.id}|${product.reference.sku}`, factor: product.reference.factor });
    return { ...series, product: { sku: product.sku, price: product.unitPrice, ...(product.name ? { name: product.name } : {}), ...(product.category ? { category: product.category } : {}) } };
  });
  return forecastStep(series, {
    horizon,
    futurePromo,
    backtestDays: settings.backtestDays,
    ...(settings.forecastWorkers === undefined ? {} : { workers: settings.forecastWorkers }),
    ...(references.size > 0 ? { references } : {}),
  });
}
