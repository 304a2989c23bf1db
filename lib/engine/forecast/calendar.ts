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

/** Day of the month 1–31 of a day number (civil-from-days, proleptic Gregorian), without building a Date. */
export function dayOfMonthOf(day: DayNumber): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  return dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
}
