const DAY_MS = 86_400_000;

const utcDay = (d: Date) => Math.floor(d.getTime() / DAY_MS);

/**
 * Whole days between the newest sales data a plan used and `now`. A plan run's `asOf` is the day
 * after its last sales date, so a plan made this morning from yesterday's sales is 1 day old.
 */
export function dataAgeDays(planAsOf: Date, now: Date): number {
  return Math.max(0, utcDay(now) - utcDay(planAsOf) + 1);
}
