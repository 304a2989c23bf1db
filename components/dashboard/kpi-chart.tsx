"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDayMonth } from "@/lib/contracts/format";
import type { KpiUnit } from "@/lib/engine/kpis/kpi-definitions";
import { formatKpi } from "./format-kpi";

/** Steps between a percentage axis' ticks, as fractions: round numbers a reader takes in at a glance. */
const PERCENT_STEPS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5];
const MAX_TICK_INTERVALS = 5;

/**
 * A percentage axis from just below the lowest value to at least 100% (so a flat 100% stays
 * readable), with ticks on round steps: 92%, 94% … 100%, or −25%, 0%, 25% …, never 23%, 53%, 83%.
 */
export function percentAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const finite = values.filter((v) => Number.isFinite(v));
  const high = Math.max(1, ...finite);
  const low = Math.min(high - 0.01, ...finite);
  const step = PERCENT_STEPS.find((s) => (high - low) / s <= MAX_TICK_INTERVALS) ?? PERCENT_STEPS.at(-1)!;
  // Rounded to whole steps (and cleaned of float dust such as 0.9400000000000001).
  const clean = (v: number) => Math.round(v * 1e9) / 1e9;
  const from = clean(Math.floor(clean(low / step)) * step);
  const to = clean(Math.ceil(clean(high / step)) * step);
  const ticks: number[] = [];
  for (let k = 0; from + k * step <= to + 1e-9; k++) ticks.push(clean(from + k * step));
  return { domain: [from, to], ticks };
}

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  unit: KpiUnit;
  /** Bars on the right axis (e.g. money beside rates); lines on the left otherwise. */
  kind?: "line" | "bar";
}

/** A time chart over ISO-dated rows; the left axis uses the line series' unit, the right one the bars'. */
export function KpiChart({ rows, xKey, series, height = 220 }: { rows: Record<string, string | number | null>[]; xKey: string; series: ChartSeries[]; height?: number }) {
  const lines = series.filter((s) => s.kind !== "bar");
  const bars = series.filter((s) => s.kind === "bar");
  const leftUnit = lines[0]?.unit ?? "count";
  const rightUnit = bars[0]?.unit;
  const percent = leftUnit === "percent" ? percentAxis(rows.flatMap((row) => lines.map((line) => row[line.key]).filter((v): v is number => typeof v === "number"))) : null;
  return (
    <div style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey={xKey} tickFormatter={(v: string) => formatDayMonth(v)} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={24} />
          <YAxis
            yAxisId="left"
            tickFormatter={(v: number) => formatKpi(v, leftUnit)}
            tick={{ fontSize: 11, fill: "#475569" }}
            width={56}
            {...(percent ? { domain: percent.domain, ticks: percent.ticks } : { domain: ["auto", "auto"] })}
          />
          {rightUnit ? (
            <YAxis yAxisId="right" orientation="right" tickFormatter={(v: number) => formatKpi(v, rightUnit)} tick={{ fontSize: 11, fill: "#475569" }} width={56} />
          ) : null}
          <Tooltip
            labelFormatter={(v) => formatDayMonth(String(v))}
            formatter={(value, name) => {
              const s = series.find((x) => x.label === name);
              return [formatKpi(typeof value === "number" ? value : null, s?.unit ?? "count", false), name];
            }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {bars.map((s) => (
            <Bar key={s.key} yAxisId="right" dataKey={s.key} name={s.label} fill={s.color} isAnimationActive={false} />
          ))}
          {lines.map((s) => (
            <Line key={s.key} yAxisId="left" type="monotone" dataKey={s.key} name={s.label} stroke={s.color} dot={false} strokeWidth={2} connectNulls isAnimationActive={false} />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
