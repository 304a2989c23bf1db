import "server-only";
import { toDayNumber } from "../../engine/calendar";

/**
 * Whole days between the newest sales data a plan used and `now`. A plan run's `asOf` is the day
 * after its last sales date, so a plan made this morning from yesterday's sales is 1 day old.
 */
export function dataAgeDays(planAsOf: Date, now: Date): number {
  return Math.max(0, toDayNumber(now) - toDayNumber(planAsOf) + 1);
}
