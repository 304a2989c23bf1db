import { z } from "zod";
import { parseCalendarDay, type CalendarDay } from "../engine/calendar";

/**
 * Dates on the wire. Day arithmetic (the day length, day numbers) is the engine's calendar
 * (`lib/engine/calendar.ts`); these are the schemas that accept a calendar day at a boundary.
 */

/** A calendar day as text, YYYY-MM-DD, kept as text (query strings, JSON bodies). */
export const ZIsoDate = z.iso.date();

/** A CSV cell holding a calendar day, parsed to midnight UTC and its day number. */
export const ZCalendarDay = z.string().transform((text, ctx): CalendarDay => {
  const day = parseCalendarDay(text);
  if (day) return day;
  ctx.addIssue({ code: "custom", message: "must be a date in YYYY-MM-DD form" });
  return z.NEVER;
});
