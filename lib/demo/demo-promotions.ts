import type { DemoCalendar } from "./demo-calendar";
import { PLANTED } from "./demo-scenarios";

export interface DemoPromotion {
  code: string;
  name: string;
  category: string;
  /** Exactly one of region and location is set, as in promotions.csv. */
  region: string | null;
  location: string | null;
  startDay: number;
  endDay: number;
  expectedUplift: number;
  /** What the promotion really does, where it differs from the usual history lift (planted spikes). */
  actualLift?: { urban: number; suburban: number; online: number };
}

const HISTORY_EVERY_DAYS = 42;
const HISTORY_LENGTH_DAYS = 7;

/**
 * Past promotions (one category in one region every six weeks, so the history shows what a
 * promotion does), the running promotion behind the planted spike and an upcoming one.
 */
export function planDemoPromotions(calendar: DemoCalendar, regions: readonly string[], categories: readonly string[]): DemoPromotion[] {
  const promotions: DemoPromotion[] = [];
  const lastHistoryStart = calendar.days - PLANTED.promoSpike.startedDaysAgo - 2 * HISTORY_LENGTH_DAYS;
  for (let start = 20, n = 0; start <= lastHistoryStart; start += HISTORY_EVERY_DAYS, n++) {
    const category = categories[n % categories.length]!;
    const region = regions[n % regions.length]!;
    promotions.push({
      code: `PROMO-H${String(n + 1).padStart(3, "0")}`,
      name: `${category} week ${region}`,
      category,
      region,
      location: null,
      startDay: start,
      endDay: start + HISTORY_LENGTH_DAYS - 1,
      expectedUplift: 0.3,
    });
  }
  const spike = PLANTED.promoSpike;
  const spikeStart = calendar.days - spike.startedDaysAgo;
  promotions.push(
    { code: spike.regionPromoCode, name: `${spike.category} event ${spike.region}`, category: spike.category, region: spike.region, location: null, startDay: spikeStart, endDay: calendar.days + 4, expectedUplift: spike.expectedUplift },
    { code: spike.onlinePromoCode, name: `${spike.category} event online`, category: spike.category, region: null, location: "ECOM01", startDay: spikeStart, endDay: calendar.days + 4, expectedUplift: spike.expectedUplift },
  );
  const upcoming = PLANTED.upcomingPromo;
  const upcomingStart = calendar.days + upcoming.startsInDays;
  promotions.push({
    code: upcoming.code,
    name: `${upcoming.category} launch ${upcoming.region}`,
    category: upcoming.category,
    region: upcoming.region,
    location: null,
    startDay: upcomingStart,
    endDay: upcomingStart + upcoming.days - 1,
    expectedUplift: upcoming.expectedUplift,
  });
  return promotions;
}
