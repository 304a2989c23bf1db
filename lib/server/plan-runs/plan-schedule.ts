import "server-only";
import { z } from "zod";

/** STOCKPILOT_PLAN_SCHEDULE: the daily start time of the scheduled plan run, "HH:MM" in the server's time zone. */
export const ZPlanSchedule = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "STOCKPILOT_PLAN_SCHEDULE must be HH:MM, e.g. 02:00")
  .optional();

/** The configured daily time, or null when no schedule is set. Invalid values fail loudly at start-up. */
export function readPlanSchedule(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  return ZPlanSchedule.parse(env.STOCKPILOT_PLAN_SCHEDULE?.trim() || undefined) ?? null;
}

/** The next moment at HH:MM (local time) strictly after `now`. */
export function nextScheduledRun(dailyAt: string, now: Date): Date {
  const [hours, minutes] = dailyAt.split(":").map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(hours, minutes, 0, 0);
  if (next <= now) next.setDate(next.getDate() + 1);
  return next;
}
