import type { DayNumber } from "./types";

/**
 * The one calendar. Every stored date is a calendar day at midnight UTC; the engine counts whole
 * days since 1970-01-01 (`DayNumber`). It lives in the engine, the bottom layer, so the engine,
 * the contracts, the server, the UI, the demo generator and the scripts all share it.
 */
export const MS_PER_DAY = 86_400_000;

export function toDayNumber(date: Date): DayNumber {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function fromDayNumber(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

export function isoDay(day: DayNumber): string {
  return fromDayNumber(day).toISOString().slice(0, 10);
}

/** Midnight UTC of the day `at` falls on. */
export function startOfUtcDay(at: Date): Date {
  return fromDayNumber(toDayNumber(at));
}

/** `at` moved by a whole number of days (negative moves back). */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * MS_PER_DAY);
}

/** A date without time of day, as every date column in the CSV files is. Stored as midnight UTC. */
export interface CalendarDay {
  /** Days since 1970-01-01; a compact key for in-memory duplicate checks. */
  dayNumber: DayNumber;
  date: Date;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Returns null when the text is not an existing calendar date in YYYY-MM-DD form. */
export function parseCalendarDay(text: string): CalendarDay | null {
  const match = DAY_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC rolls 2024-02-30 over to March; a round trip exposes such non-dates.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { dayNumber: ms / MS_PER_DAY, date };
}

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
