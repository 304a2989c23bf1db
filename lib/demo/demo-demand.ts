import type { DemoCategory, DemoLocation } from "./build-demo-network";
import type { DemoPromotion } from "./demo-promotions";
import { PLANTED } from "./demo-scenarios";

/**
 * The demo retailer's true demand process, shared by the history generator and the simulation
 * that continues it: daily rate = base rate × store volume × yearly season × weekday × trend ×
 * daily store noise × promotion lift, drawn as Poisson.
 */

/** Saturday-peaked week for stores (Sunday first); online sells more evenly. */
export const STORE_WEEK = [1.0, 0.8, 0.82, 0.85, 0.95, 1.15, 1.43] as const;
const ONLINE_WEEK = [1.1, 1.08, 1.0, 0.98, 0.95, 0.9, 0.99] as const;
const HISTORY_PROMO_LIFT = 1.35;
/** Suburban cookware sells this much slower after the overstock push (the reason it was too much). */
export const OVERSTOCK_DEMAND_FACTOR = 0.8;

/** +5 % a year. */
export function demandTrend(t: number): number {
  return 1 + (0.05 * t) / 365;
}

export function seasonalFactor(category: Pick<DemoCategory, "seasonality" | "peakDay">, dayOfYear: number): number {
  return 1 + category.seasonality * Math.cos((2 * Math.PI * (dayOfYear - category.peakDay)) / 365);
}

/** One location's factor for day t: weekday shape × trend × the day's noise (a standard normal draw). */
export function locationDayFactor(location: Pick<DemoLocation, "type">, weekday: number, t: number, normalDraw: number): number {
  return (location.type === "ECOM" ? ONLINE_WEEK : STORE_WEEK)[weekday]! * demandTrend(t) * Math.exp(0.1 * normalDraw);
}

/** Today's actual lift and promo flag per location × category, from the promotions running on day t. */
export function fillPromotionLift(
  lift: Float32Array,
  onPromo: Uint8Array,
  locations: readonly DemoLocation[],
  categories: readonly string[],
  promotions: readonly DemoPromotion[],
  t: number,
): void {
  lift.fill(1);
  onPromo.fill(0);
  for (const promo of promotions) {
    if (t < promo.startDay || t > promo.endDay) continue;
    const c = categories.indexOf(promo.category);
    for (let l = 0; l < locations.length; l++) {
      const location = locations[l]!;
      if (promo.location !== null ? promo.location !== location.code : promo.region !== location.region) continue;
      lift[l * categories.length + c] = actualLift(promo, location);
      onPromo[l * categories.length + c] = 1;
    }
  }
}

/** What the promotion really does, which for the planted spikes is far more than planned in cities. */
function actualLift(promo: DemoPromotion, location: DemoLocation): number {
  const planted = promo.actualLift;
  if (planted) return location.type === "ECOM" ? planted.online : location.cluster === "urban" ? planted.urban : planted.suburban;
  const spike = PLANTED.promoSpike;
  if (promo.code === spike.onlinePromoCode) return spike.onlineLift;
  if (promo.code === spike.regionPromoCode) return location.cluster === "urban" ? spike.urbanLift : spike.suburbanLift;
  return HISTORY_PROMO_LIFT;
}
