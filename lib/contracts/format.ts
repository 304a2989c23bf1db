import { MS_PER_DAY } from "../engine/calendar";

/** Number, money and date formatting shared by server answers (copilot, exports) and the UI; fixed locale and UTC so both render alike. */
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
// Zero reads "0", never "-0": a chart's axis tick at -0 (Math.ceil(-0.3) × step) or a value that
// rounds to zero from below (-0.04 units) is no negative quantity.
const integer = new Intl.NumberFormat("en-US", { signDisplay: "negative" });

export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

export function formatInt(n: number): string {
  return integer.format(n);
}

export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const moneyCompact = new Intl.NumberFormat("en-US", {
  style: "currency",
  currency: "USD",
  notation: "compact",
  maximumFractionDigits: 1,
});
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** Whole currency units: "$12,400". Amounts that round to zero read "$0", never "-$0". */
export function formatMoney(amount: number): string {
  const rounded = Math.round(amount);
  return money.format(rounded === 0 ? 0 : rounded);
}

/** For tight spaces (chips, totals): "$12.4K", "$1.2M"; below $10,000 the full amount. */
export function formatMoneyCompact(amount: number): string {
  return Math.abs(amount) < 10_000 ? formatMoney(amount) : moneyCompact.format(amount);
}

/** Days until the impact lands: "today", "in 1 d", "in 12 d"; past dates read "overdue". */
export function formatDaysToImpact(days: number | null | undefined): string {
  if (days === null || days === undefined) return "—";
  if (days < 0) return "overdue";
  if (days === 0) return "today";
  return `in ${days} d`;
}

/** A 0..1 fraction as a whole percentage: 0.824 → "82%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/**
 * A KPI rate with one decimal: "97.4%" (in-stock and fill rate live between 95% and 100%, where
 * whole points hide the story); beyond ±1000% whole points.
 */
export function formatRate(fraction: number): string {
  return Math.abs(fraction) < 10 ? `${(fraction * 100).toFixed(1)}%` : formatPercent(fraction);
}

/** Time since an event, short: "12 min", "5 h", "3 d". */
export function formatAge(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.round(hours / 24)} d`;
}

/** A calendar date (ISO date or timestamp), UTC: "12 Mar 2025". */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dateOnly.format(new Date(iso)) : "—";
}

/**
 * The last day of sales a plan used: a plan is made for the day after its newest complete sales day
 * (`PlanRun.asOf`), so the data it stands on is never later than today.
 */
export function formatSalesThrough(planDateIso: string | null | undefined): string {
  return planDateIso ? dateOnly.format(new Date(new Date(planDateIso).getTime() - MS_PER_DAY)) : "—";
}

/** A calendar date without the year, for chart axes: "12 Mar". */
export function formatDayMonth(iso: string): string {
  return dayMonth.format(new Date(iso));
}

/** Units with thousands separators and at most one decimal: 1,204 or 3.5. */
export function formatUnits(units: number): string {
  return Number.isInteger(units) ? integer.format(units) : integer.format(Math.round(units * 10) / 10);
}

/** A label inside a sentence: "Cut PO" reads "cut PO", "Raise order" reads "raise order" (acronyms keep their case). */
export function inSentence(label: string): string {
  return label
    .split(" ")
    .map((word) => (/^[A-Z]{2,}$/.test(word) ? word : word.toLowerCase()))
    .join(" ");
}
