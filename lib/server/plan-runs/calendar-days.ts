import type { DayNumber } from "../../engine/types";

const MS_PER_DAY = 86_400_000;

/** Stored dates are midnight UTC (see imports/calendar-day.ts); the engine counts whole days. */
export function toDayNumber(date: Date): DayNumber {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

export function fromDayNumber(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

export function isoDay(day: DayNumber): string {
  return fromDayNumber(day).toISOString().slice(0, 10);
}
