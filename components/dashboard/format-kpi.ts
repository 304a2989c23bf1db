import { formatInt, formatMoney, formatMoneyCompact, formatPercent } from "@/components/format";
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
      return `${value.toFixed(1)} d`;
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

/** Change against the previous period, in the unit's natural terms: points for %, relative for the rest. */
export function formatChange(value: number, previous: number, unit: KpiUnit): string {
  const delta = value - previous;
  const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
  if (unit === "percent") return `${sign}${Math.abs(delta * 100).toFixed(1)} pts`;
  if (previous === 0) return `${sign}${formatKpi(Math.abs(delta), unit)}`;
  return `${sign}${Math.abs((delta / Math.abs(previous)) * 100).toFixed(1)}%`;
}
