import { formatInt, formatMoney, formatMoneyCompact, formatPercent } from "@/lib/contracts/format";
import type { KpiUnit } from "@/lib/engine/kpis/kpi-definitions";

/** A KPI value in its unit: "99.4%", "$1.2M", "5.3 wk", "0.84"; "—" when it cannot be computed. */
export function formatKpi(value: number | null | undefined, unit: KpiUnit, compact = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "percent":
      // One decimal: in-stock and fill rate live between 95% and 100%, where whole points hide the story.
      return Math.abs(value) < 10 ? `${(value * 100).toFixed(1)}%` : formatPercent(value);
    case "money":
      return compact ? formatMoneyCompact(value) : formatMoney(value);
    case "weeks":
      return `${value.toFixed(1)} wk`;
    case "days":
      // Under a day, "0.0 d" hides the figure; hours show it.
      return value < 1 ? `${Math.round(value * 24)} h` : `${value.toFixed(1)} d`;
    case "hours":
      return `${value.toFixed(1)} h`;
    case "turns":
      return `${value.toFixed(1)}×`;
    case "ratio":
      return value.toFixed(2);
    case "units":
      return `${value > 0 ? "+" : ""}${formatInt(Math.round(value))} units`;
    case "count":
      return formatInt(Math.round(value));
  }
}

/** Beyond this relative change a percentage says nothing ("+8,878%"); the figures themselves do. */
const MAX_READABLE_CHANGE = 10;

/**
 * Change against the previous period, in the unit's natural terms: points for %, relative for the
 * rest — except from a tiny base, where "from $400" tells more than "+8,878%".
 */
export function formatChange(value: number, previous: number, unit: KpiUnit): string {
  const delta = value - previous;
  if (delta === 0) return "no change";
  const sign = delta > 0 ? "+" : "−";
  if (unit === "percent") return `${sign}${Math.abs(delta * 100).toFixed(1)} pts`;
  const relative = previous === 0 ? Infinity : Math.abs(delta / previous);
  if (relative > MAX_READABLE_CHANGE) return `${sign}${formatKpi(Math.abs(delta), unit)} from ${formatKpi(previous, unit)}`;
  return `${sign}${formatInt(Math.round(relative * 1000) / 10)}%`;
}

/** Below this many observations a rate or median is anecdote, and the tile says so. */
export const SMALL_SAMPLE = 30;

/** "from 1 decision by a person", "from 3 approved actions": the noun before "by" (or the last word) takes the plural. */
export function formatSample(sample: { count: number; of: string }): string {
  if (sample.count === 1) return `from 1 ${sample.of}`;
  const [noun, qualifier] = sample.of.split(" by ");
  return `from ${formatInt(sample.count)} ${noun}s${qualifier ? ` by ${qualifier}` : ""}`;
}
