import { MS_PER_DAY } from "../engine/calendar";

/**
 * Day indexes of the demo history: day 0 is the first day of sales, day `days` is the end date
 * (the inventory snapshot); sales run to the day before it. Weekday and day of year drive seasonality.
 */
export class DemoCalendar {
  private readonly startMs: number;

  constructor(
    endDate: string,
    readonly days: number,
  ) {
    this.startMs = Date.parse(`${endDate}T00:00:00.000Z`) - days * MS_PER_DAY;
    if (Number.isNaN(this.startMs)) throw new Error(`end date ${endDate} is not a YYYY-MM-DD date`);
  }

  /** YYYY-MM-DD of day `t` (may lie past the end date, for future promotions and receipts). */
  date(t: number): string {
    return new Date(this.startMs + t * MS_PER_DAY).toISOString().slice(0, 10);
  }

  /** 0 = Sunday … 6 = Saturday. */
  weekday(t: number): number {
    return new Date(this.startMs + t * MS_PER_DAY).getUTCDay();
  }

  dayOfYear(t: number): number {
    const date = new Date(this.startMs + t * MS_PER_DAY);
    return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1;
  }
}
