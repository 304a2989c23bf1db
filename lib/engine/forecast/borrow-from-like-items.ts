import type { DemandSeries, QuantileSeries, SeriesForecast } from "../types";
import { calibratedLevel, type QuantileCalibration } from "./calibrate-quantile-levels";
import { countQuantile } from "./count-quantile";

/** Below this many days since its first sale a product is new: it borrows, and its own sales weigh days / 56. */
export const NEW_PRODUCT_DAYS = 56;
/** Like items: same category and a price within this factor either way (the price band). */
const PRICE_BAND = 1.25;
const MAX_LIKE_ITEMS = 5;

/** A planner's choice: forecast this series like `referenceId`, scaled by `factor`, until its own sales take over. */
export interface ForecastReference {
  referenceId: string;
  factor: number;
}

function daysSinceFirstSale(series: DemandSeries): number {
  const units = series.units;
  for (let t = 0; t < units.length; t++) if (units[t]! > 0) return units.length - t;
  return 0;
}

function nameOf(series: DemandSeries): string {
  const product = series.product;
  if (!product?.sku) return series.id;
  return product.name ? `SKU ${product.sku} (${product.name})` : `SKU ${product.sku}`;
}
const formatFactor = (factor: number) => `×${Number(factor.toFixed(2))}`;

/**
 * New products (fewer than 56 days since their first sale, or none yet) borrow the forecast shape and
 * level of a planner-chosen reference series × its factor, or else of up to five like items — same
 * group and category, price within ×1.25, the closest in price — blended with their own forecast by
 * days sold / 56. Established series and new ones with nothing to borrow from are returned as they
 * are. Quantiles are recomputed from the blended mean with a dispersion mixed the same way.
 */
export function borrowFromLikeItems(
  series: DemandSeries[],
  forecasts: SeriesForecast[],
  options: { references?: Map<string, ForecastReference>; calibration?: QuantileCalibration; likeItemsForUnsold?: boolean },
): SeriesForecast[] {
  const ages = series.map(daysSinceFirstSale);
  const position = new Map(series.map((s, i) => [s.id, i]));
  let anyNew = false;
  for (const age of ages) if (age < NEW_PRODUCT_DAYS) anyNew = true;
  if (!anyNew) return forecasts;
  // Established series by group and category, the pool like items come from.
  const pool = new Map<string, number[]>();
  series.forEach((s, i) => {
    if (ages[i]! < NEW_PRODUCT_DAYS || !s.product?.category) return;
    const key = `${s.group ?? ""}\u0000${s.product.category}`;
    const list = pool.get(key) ?? [];
    list.push(i);
    pool.set(key, list);
  });

  return forecasts.map((own, i) => {
    const target = series[i]!;
    const age = ages[i]!;
    if (age >= NEW_PRODUCT_DAYS) return own;
    let sources: number[] = [];
    let factor = 1;
    const reference = options.references?.get(target.id);
    const referenced = reference ? position.get(reference.referenceId) : undefined;
    if (reference && referenced !== undefined && referenced !== i) {
      sources = [referenced];
      factor = reference.factor;
    } else if (target.product?.category && (age > 0 || options.likeItemsForUnsold === true)) {
      const price = target.product.price;
      sources = (pool.get(`${target.group ?? ""}\u0000${target.product.category}`) ?? [])
        .filter((j) => {
          const other = series[j]!.product?.price;
          return price === undefined || other === undefined || (other <= price * PRICE_BAND && other >= price / PRICE_BAND);
        })
        .sort((a, b) => {
          if (price === undefined) return a - b;
          const distance = (j: number) => Math.abs(Math.log((series[j]!.product?.price ?? price) / price));
          return distance(a) - distance(b) || a - b;
        })
        .slice(0, MAX_LIKE_ITEMS);
    }
    if (sources.length === 0) return own;

    const ownWeight = Math.min(1, age / NEW_PRODUCT_DAYS);
    const horizon = own.mean.length;
    const mean = new Float64Array(horizon);
    let inverseSize = 0;
    for (const j of sources) {
      const source = forecasts[j]!;
      for (let h = 0; h < horizon; h++) mean[h] = mean[h]! + (factor * source.mean[h]!) / sources.length;
      inverseSize += (Number.isFinite(source.nbSize) ? 1 / source.nbSize : 0) / sources.length;
    }
    for (let h = 0; h < horizon; h++) mean[h] = ownWeight * own.mean[h]! + (1 - ownWeight) * mean[h]!;
    inverseSize = ownWeight * (Number.isFinite(own.nbSize) ? 1 / own.nbSize : 0) + (1 - ownWeight) * inverseSize;
    const nbSize = inverseSize > 0 ? 1 / inverseSize : Infinity;
    const demandClass = age > 0 ? own.demandClass : forecasts[sources[0]!]!.demandClass;
    const quantiles: QuantileSeries[] = own.quantiles.map(({ level }) => ({
      level,
      values: mean.map((mu) => countQuantile(calibratedLevel(options.calibration, demandClass, level), mu, nbSize, true)),
    }));
    const names = sources.map((j) => nameOf(series[j]!));
    const share = Math.round((1 - ownWeight) * 100);
    const text = `based on ${names.join(", ")} ${formatFactor(factor)}${ownWeight > 0 ? ` (${share} %; own sales ${100 - share} %)` : ""}`;
    return {
      ...own,
      method: ownWeight > 0 ? `blend(like-items+${own.method})` : "like-items",
      demandClass,
      mean,
      nbSize,
      quantiles,
      basedOn: { seriesIds: sources.map((j) => series[j]!.id), names, factor, ownWeight, text },
    };
  });
}
