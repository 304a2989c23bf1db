"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDayMonth } from "@/lib/contracts/format";
import type { KpiUnit } from "@/lib/engine/kpis/kpi-definitions";
import { formatKpi } from "./format-kpi";

/** Rates never exceed 100%: the axis runs from just below the lowest value to 100%, so a flat 100% stays readable. */
const PERCENT_DOMAIN: [(min: number) => number, (max: number) => number] = [(min) => Math.floor(min * 100 - 1) / 100, (max) => Math.max(1, max)];

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
            domain={leftUnit === "percent" ? PERCENT_DOMAIN : ["auto", "auto"]}
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
