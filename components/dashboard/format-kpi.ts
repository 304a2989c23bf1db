import { formatInt, formatMoney, formatMoneyCompact, formatRate } from "@/lib/contracts/format";
import type { KpiUnit } from "@/lib/engine/kpis/kpi-definitions";

/** A KPI value in its unit: "99.4%", "$1.2M", "5.3 wk", "0.84"; "—" when it cannot be computed. */
export function formatKpi(value: number | null | undefined, unit: KpiUnit, compact = true): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  switch (unit) {
    case "percent":
      return formatRate(value);
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

/** A change against the previous period as the tile shows it: its direction and its text. */
export interface ShownChange {
  direction: -1 | 0 | 1;
  text: string;
}

/**
 * Change against the previous period, in the unit's natural terms: points for %, relative for the
 * rest — except from a tiny base, where "from $400" tells more than "+8,878%". A change too small to
 * show at that precision reads "no change" with no direction: "▼ −0.0 pts" in red would report a fall
 * nobody can see.
 */
export function describeChange(value: number, previous: number, unit: KpiUnit): ShownChange {
  const delta = value - previous;
  const direction = delta > 0 ? 1 : -1;
  const sign = delta > 0 ? "+" : "−";
  const unchanged: ShownChange = { direction: 0, text: "no change" };
  if (delta === 0) return unchanged;
  if (unit === "percent") {
    const points = Math.round(Math.abs(delta) * 1000) / 10;
    return points === 0 ? unchanged : { direction, text: `${sign}${points.toFixed(1)} pts` };
  }
  const relative = previous === 0 ? Infinity : Math.abs(delta / previous);
  if (relative > MAX_READABLE_CHANGE) return { direction, text: `${sign}${formatKpi(Math.abs(delta), unit)} from ${formatKpi(previous, unit)}` };
  const percent = Math.round(relative * 1000) / 10;
  return percent === 0 ? unchanged : { direction, text: `${sign}${formatInt(percent)}%` };
}
