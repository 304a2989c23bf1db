import type { DayNumber } from "../types";

/** Weekday index 0–6 of a day number (0 = Thursday 1970-01-01; only consistency matters). */
export function weekdayOf(day: DayNumber): number {
  return ((day % 7) + 7) % 7;
}

/** Number of day-of-year buckets: a 365.25-day cycle keeps the same season in the same bucket across leap years. */
export const YEAR_BUCKETS = 366;

/** Position 0–365 in a 365.25-day solar cycle, without the cost of building a Date. */
export function yearBucketOf(day: DayNumber): number {
  const phase = ((day % 365.25) + 365.25) % 365.25;
  return Math.floor(phase);
}
