/** A date without time of day, as every date column in the CSV files is. Stored as midnight UTC. */
export interface CalendarDay {
  /** Days since 1970-01-01; a compact key for in-memory duplicate checks. */
  dayNumber: number;
  date: Date;
}

const MS_PER_DAY = 86_400_000;
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
