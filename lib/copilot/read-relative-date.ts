import type { DateRange } from "./copilot.types";
import { NUMBER_WORDS, WEEKDAYS } from "./lexicon";
import { MS_PER_DAY } from "../engine/calendar";


function parseDay(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return isoDay(parseDay(iso) + days * MS_PER_DAY);
}

/** Monday of the ISO week holding the day. */
function weekStart(iso: string): string {
  const weekday = (new Date(parseDay(iso)).getUTCDay() + 6) % 7;
  return addDays(iso, -weekday);
}

function monthStart(iso: string, offset: number): string {
  const d = new Date(parseDay(iso));
  return isoDay(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}

function countOf(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (/^\d{1,3}$/.test(word)) return Number.parseInt(word, 10);
  return NUMBER_WORDS[word] ?? null;
}

const UNIT_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, fortnight: 14, month: 30, months: 30 };

export interface DateReading {
  range: DateRange;
  /** Token indexes the expression used. */
  start: number;
  end: number;
}

type Rule = (words: readonly string[], i: number, today: string) => { range: Omit<DateRange, "label">; length: number } | null;

const at = (words: readonly string[], i: number, ...expected: string[]) => expected.every((w, k) => words[i + k] === w);

/**
 * Rules tried at each position, longest expressions first. Ranges are inclusive calendar days
 * around `today`; a week runs Monday to Sunday.
 */
const RULES: Rule[] = [
  // "next 3 days", "the next two weeks", "coming 10 days", "within 5 days", "in the next 7 days"
  (w, i, today) => {
    if (!["next", "coming", "within"].includes(w[i]!)) return null;
    const n = countOf(w[i + 1]);
    const unit = UNIT_DAYS[w[i + 2] ?? ""];
    if (n === null || unit === undefined) return null;
    return { range: { from: today, to: addDays(today, n * unit - 1) }, length: 3 };
  },
  // "last 7 days", "past two weeks", "previous 30 days"
  (w, i, today) => {
    if (!["last", "past", "previous"].includes(w[i]!)) return null;
    const n = countOf(w[i + 1]);
    const unit = UNIT_DAYS[w[i + 2] ?? ""];
    if (n === null || unit === undefined) return null;
    return { range: { from: addDays(today, -n * unit + 1), to: today }, length: 3 };
  },
  (w, i, today) => (at(w, i, "since", "yesterday") ? { range: { from: addDays(today, -1), to: today }, length: 2 } : null),
  (w, i, today) => (at(w, i, "since", "last", "week") ? { range: { from: addDays(weekStart(today), -7), to: today }, length: 3 } : null),
  (w, i, today) => {
    if (w[i] !== "since" || !WEEKDAYS.includes(w[i + 1] as (typeof WEEKDAYS)[number])) return null;
    const target = WEEKDAYS.indexOf(w[i + 1] as (typeof WEEKDAYS)[number]);
    const todayIndex = (new Date(parseDay(today)).getUTCDay() + 6) % 7;
    const back = (todayIndex - target + 7) % 7 || 7;
    return { range: { from: addDays(today, -back), to: today }, length: 2 };
  },
  (w, i, today) => {
    if (w[i] !== "since" || !/^\d{4}-\d{2}-\d{2}$/.test(w[i + 1] ?? "")) return null;
    return { range: { from: w[i + 1]!, to: today }, length: 2 };
  },
  (w, i, today) => (at(w, i, "this", "week") ? { range: { from: weekStart(today), to: addDays(weekStart(today), 6) }, length: 2 } : null),
  (w, i, today) => (at(w, i, "next", "week") ? { range: { from: addDays(weekStart(today), 7), to: addDays(weekStart(today), 13) }, length: 2 } : null),
  (w, i, today) =>
    at(w, i, "last", "week") || at(w, i, "past", "week") || at(w, i, "previous", "week")
      ? { range: { from: addDays(weekStart(today), -7), to: addDays(weekStart(today), -1) }, length: 2 }
      : null,
  (w, i, today) => (at(w, i, "this", "month") ? { range: { from: monthStart(today, 0), to: addDays(monthStart(today, 1), -1) }, length: 2 } : null),
  (w, i, today) => (at(w, i, "next", "month") ? { range: { from: monthStart(today, 1), to: addDays(monthStart(today, 2), -1) }, length: 2 } : null),
  (w, i, today) => (at(w, i, "last", "month") ? { range: { from: monthStart(today, -1), to: addDays(monthStart(today, 0), -1) }, length: 2 } : null),
  (w, i, today) => (at(w, i, "next", "fortnight") ? { range: { from: today, to: addDays(today, 13) }, length: 2 } : null),
  (w, i, today) => (w[i] === "today" || w[i] === "tonight" ? { range: { from: today, to: today }, length: 1 } : null),
  (w, i, today) => (w[i] === "yesterday" ? { range: { from: addDays(today, -1), to: addDays(today, -1) }, length: 1 } : null),
  (w, i, today) => (w[i] === "tomorrow" ? { range: { from: addDays(today, 1), to: addDays(today, 1) }, length: 1 } : null),
  (w, i) => (/^\d{4}-\d{2}-\d{2}$/.test(w[i] ?? "") && !Number.isNaN(parseDay(w[i]!)) ? { range: { from: w[i]!, to: w[i]! }, length: 1 } : null),
];

/**
 * The first relative date in the words (e.g. "next week", "since yesterday", "last 7 days"), as
 * an inclusive range of days around `today`, or null. Words already used by something else are skipped.
 */
export function readRelativeDate(words: readonly string[], used: readonly boolean[], today: string): DateReading | null {
  for (let i = 0; i < words.length; i++) {
    if (used[i]) continue;
    for (const rule of RULES) {
      const hit = rule(words, i, today);
      if (!hit) continue;
      if (used.slice(i, i + hit.length).some(Boolean)) continue;
      return { range: { ...hit.range, label: words.slice(i, i + hit.length).join(" ") }, start: i, end: i + hit.length };
    }
  }
  return null;
}
