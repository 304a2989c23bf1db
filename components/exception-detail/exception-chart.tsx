"use client";

import { useMemo } from "react";
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { formatDate, formatDayMonth, formatPercent, formatUnits, inSentence } from "@/lib/contracts/format";
import { forecastMethodLabel } from "@/lib/contracts/forecast-methods";
import { ACTION_TYPE_LABEL } from "@/lib/contracts/governance";
import { labelOf } from "@/components/ui/labels";
import type { TSeriesChart } from "@/lib/contracts/exceptions";

/** History shown before the forecast start: enough to see the trend and a promotion, not a year of noise. */
const HISTORY_DAYS = 56;

const COLORS = {
  sales: "#94a3b8",
  forecast: "#2f5bd3",
  band: "#dbe6fe",
  onHand: "#047857",
  withAction: "#7c3aed",
  safety: "#b45309",
  reorder: "#475569",
  po: "#0369a1",
  promo: "#ede9fe",
  override: "#fef3c7",
  returns: "#ea580c",
} as const;

interface ChartRow {
  day: string;
  sales: number | null;
  mean: number | null;
  band: [number, number] | null;
  onHand: number | null;
  onHandPessimistic: number | null;
  onHandWithAction: number | null;
  /** Units customers returned that day (history) or returned units back in stock after inspection (horizon). */
  returns: number | null;
}

function toRows(chart: TSeriesChart): { rows: ChartRow[]; first: string; last: string } {
  const start = Math.max(0, chart.forecastStartIndex - HISTORY_DAYS);
  const rows: ChartRow[] = [];
  for (let i = start; i < chart.days.length; i++) {
    const p10 = chart.p10[i] ?? null;
    const p90 = chart.p90[i] ?? null;
    rows.push({
      day: chart.days[i]!,
      sales: chart.sales[i] ?? null,
      mean: chart.mean[i] ?? null,
      band: p10 !== null && p90 !== null ? [p10, p90] : null,
      onHand: chart.projectedOnHand[i] ?? null,
      onHandPessimistic: chart.projectedOnHandPessimistic[i] ?? null,
      onHandWithAction: chart.projectedOnHandWithAction?.values[i] ?? null,
      returns: chart.returns ? (chart.returns.received[i] ?? chart.returns.backToStock[i] ?? null) : null,
    });
  }
  return { rows, first: rows[0]?.day ?? "", last: rows.at(-1)?.day ?? "" };
}

/** Round step (1, 2, 5 × 10ⁿ) giving about `count` ticks up to `max`. */
function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

/**
 * Axis domains with both zeros on one line: when projected on hand goes negative (unmet demand),
 * the units-per-day axis extends below zero by the same proportion, its ticks kept non-negative.
 */
function alignedDomains(rows: ChartRow[], chart: TSeriesChart) {
  const rates = rows.flatMap((r) => [r.sales ?? 0, r.band?.[1] ?? 0, r.mean ?? 0, r.returns ?? 0]);
  const stocks = rows.flatMap((r) => [r.onHand ?? 0, r.onHandPessimistic ?? 0, r.onHandWithAction ?? 0]);
  const rateTicks = niceTicks(Math.max(1, ...rates) * 1.1);
  const rateMax = rateTicks.at(-1)! < Math.max(1, ...rates) ? Math.max(1, ...rates) * 1.1 : rateTicks.at(-1)!;
  const stockMax = Math.max(1, chart.reorderPoint, chart.safetyStock, ...stocks) * 1.1;
  const stockMin = Math.min(0, ...stocks) * 1.05;
  const rateMin = stockMin < 0 ? (rateMax * stockMin) / stockMax : 0;
  const step = niceTicks(stockMax - stockMin)[1] ?? 1;
  const stockTicks: number[] = [];
  for (let tick = Math.ceil(stockMin / step) * step; tick <= stockMax; tick += step) stockTicks.push(tick);
  return { rate: [rateMin, rateMax] as [number, number], rateTicks, stock: [stockMin, stockMax] as [number, number], stockTicks };
}

/**
 * A DC sells little itself: its sales and forecast lines show the demand pulled through it (its own
 * plus that of the locations it supplies), the demand its projection and levels are planned on.
 */
function demandPulledThroughLabel(suppliedLocations: number) {
  const locations = `${suppliedLocations} location${suppliedLocations === 1 ? "" : "s"} it supplies`;
  return {
    sales: `Sales at the DC and the ${locations}`,
    forecast: "Forecast of that demand",
    sentence: `Daily demand pulled through this DC (its own sales and those of the ${locations})`,
    model: `the ${locations}' forecasts and the DC's own, added day by day`,
  };
}

const clampDay = (day: string, first: string, last: string) => (day < first ? first : day > last ? last : day);

function LegendItem({ color, label, dashed = false, area = false }: { color: string; label: string; dashed?: boolean; area?: boolean }) {
  return (
    <li className="flex items-center gap-1.5">
      {area ? (
        <span aria-hidden="true" className="h-2.5 w-3.5 rounded-sm" style={{ background: color }} />
      ) : (
        <span aria-hidden="true" className="w-4 border-t-2" style={{ borderColor: color, borderStyle: dashed ? "dashed" : "solid" }} />
      )}
      {label}
    </li>
  );
}

/**
 * Sales history and the forecast (mean with its p10–p90 band) on the left axis in units per day;
 * projected on hand against safety stock and reorder point on the right axis in units. PO
 * arrivals are vertical markers, promotions and forecast overrides shaded spans.
 */
export function ExceptionChart({ chart }: { chart: TSeriesChart }) {
  const { rows, first, last } = useMemo(() => toRows(chart), [chart]);
  const domains = useMemo(() => alignedDomains(rows, chart), [rows, chart]);
  const today = chart.days[chart.forecastStartIndex];
  const promotions = chart.promotions.filter((p) => p.endDate >= first && p.startDate <= last);
  const arrivals = chart.poArrivals.filter((po) => po.date >= first && po.date <= last);
  const overrides = chart.overrides.filter((o) => o.endDate >= first && o.startDate <= last);
  const pulledThrough = chart.pulledThrough;
  const demandLabel = pulledThrough ? demandPulledThroughLabel(pulledThrough.suppliedLocations) : null;
  const description =
    (demandLabel
      ? `${demandLabel.sentence} for ${HISTORY_DAYS} days and its forecast from ${formatDate(today)} — what this DC's projection plans against — with projected on hand `
      : `Daily sales for ${HISTORY_DAYS} days and the forecast from ${formatDate(today)}, with projected on hand `) +
    `against safety stock ${formatUnits(chart.safetyStock)} and reorder point ${formatUnits(chart.reorderPoint)} units` +
    (arrivals.length > 0 ? `; ${arrivals.length} PO arrival${arrivals.length === 1 ? "" : "s"}` : "") +
    (promotions.length > 0 ? `; ${promotions.length} promotion${promotions.length === 1 ? "" : "s"}` : "") +
    (chart.returns ? `; customer returns received and returned units back in stock after inspection (return rate ${formatPercent(chart.returns.rate)}, about ${chart.returns.lagDays} days after the sale)` : "") +
    ".";
  return (
    <figure aria-label="Sales, forecast and projected inventory" className="m-0">
      <ul className="mb-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
        <LegendItem color={COLORS.sales} label={demandLabel?.sales ?? "Sales"} area />
        <LegendItem color={COLORS.forecast} label={demandLabel?.forecast ?? "Forecast"} dashed />
        <LegendItem color={COLORS.band} label="p10–p90" area />
        <LegendItem color={COLORS.onHand} label="Projected on hand" />
        <LegendItem color={COLORS.onHand} label="On hand, pessimistic" dashed />
        {chart.projectedOnHandWithAction ? (
          <LegendItem color={COLORS.withAction} label={`On hand with ${inSentence(labelOf(ACTION_TYPE_LABEL, chart.projectedOnHandWithAction.actionType))} (${formatUnits(chart.projectedOnHandWithAction.quantity)} units)`} />
        ) : null}
        <LegendItem color={COLORS.safety} label="Safety stock" dashed />
        <LegendItem color={COLORS.reorder} label="Reorder point" dashed />
        {arrivals.length > 0 ? <LegendItem color={COLORS.po} label="PO arrival" /> : null}
        {promotions.length > 0 ? <LegendItem color={COLORS.promo} label="Promotion" area /> : null}
        {overrides.length > 0 ? <LegendItem color={COLORS.override} label="Forecast override" area /> : null}
        {chart.returns ? <LegendItem color={COLORS.returns} label={`Returns: received, then back in stock (${formatPercent(chart.returns.rate)} of sales)`} area /> : null}
      </ul>
      <div className="h-72 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="day" tickFormatter={formatDayMonth} tick={{ fontSize: 11, fill: "#475569" }} minTickGap={32} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
            <YAxis
              yAxisId="rate"
              domain={domains.rate}
              ticks={domains.rateTicks}
              allowDataOverflow
              tick={{ fontSize: 11, fill: "#475569" }}
              tickLine={false}
              axisLine={false}
              width={54}
              tickFormatter={(v: number) => formatUnits(v)}
              label={{ value: "units / day", angle: -90, position: "insideLeft", offset: 4, style: { fontSize: 11, fill: "#64748b" } }}
            />
            <YAxis
              yAxisId="stock"
              orientation="right"
              domain={domains.stock}
              ticks={domains.stockTicks}
              allowDataOverflow
              tick={{ fontSize: 11, fill: "#475569" }}
              tickLine={false}
              axisLine={false}
              width={62}
              tickFormatter={(v: number) => formatUnits(v)}
              label={{ value: "on hand", angle: 90, position: "insideRight", offset: 4, style: { fontSize: 11, fill: "#64748b" } }}
            />
            {promotions.map((promo) => (
              <ReferenceArea
                key={promo.code}
                yAxisId="rate"
                x1={clampDay(promo.startDate, first, last)}
                x2={clampDay(promo.endDate, first, last)}
                fill={COLORS.promo}
                fillOpacity={0.7}
                ifOverflow="hidden"
                label={{ value: promo.code, position: "insideTopLeft", fontSize: 10, fill: "#5b21b6" }}
              />
            ))}
            {overrides.map((o) => (
              <ReferenceArea key={`${o.startDate}-${o.endDate}`} yAxisId="rate" x1={clampDay(o.startDate, first, last)} x2={clampDay(o.endDate, first, last)} fill={COLORS.override} fillOpacity={0.7} />
            ))}
            <Area yAxisId="rate" dataKey="band" stroke="none" fill={COLORS.band} fillOpacity={0.9} isAnimationActive={false} name="p10–p90" />
            <Bar yAxisId="rate" dataKey="sales" fill={COLORS.sales} barSize={3} isAnimationActive={false} name={demandLabel?.sales ?? "Sales"} />
            {chart.returns ? <Bar yAxisId="rate" dataKey="returns" fill={COLORS.returns} barSize={3} isAnimationActive={false} name="Returns" /> : null}
            <Line yAxisId="rate" dataKey="mean" stroke={COLORS.forecast} strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} name={demandLabel?.forecast ?? "Forecast"} />
            <Line yAxisId="stock" dataKey="onHand" type="stepAfter" stroke={COLORS.onHand} strokeWidth={2} dot={false} isAnimationActive={false} name="Projected on hand" />
            {chart.projectedOnHandWithAction ? (
              <Line yAxisId="stock" dataKey="onHandWithAction" type="stepAfter" stroke={COLORS.withAction} strokeWidth={2} dot={false} isAnimationActive={false} name="On hand with the action" />
            ) : null}
            <Line yAxisId="stock" dataKey="onHandPessimistic" type="stepAfter" stroke={COLORS.onHand} strokeWidth={1} strokeDasharray="3 3" dot={false} isAnimationActive={false} name="On hand, pessimistic" />
            <ReferenceLine yAxisId="stock" y={chart.safetyStock} stroke={COLORS.safety} strokeDasharray="5 4" label={{ value: "SS", position: "right", fontSize: 10, fill: COLORS.safety }} />
            <ReferenceLine yAxisId="stock" y={chart.reorderPoint} stroke={COLORS.reorder} strokeDasharray="5 4" label={{ value: "ROP", position: "right", fontSize: 10, fill: COLORS.reorder }} />
            <ReferenceLine yAxisId="stock" y={0} stroke="#64748b" />
            {today ? <ReferenceLine yAxisId="rate" x={today} stroke="#0f172a" strokeOpacity={0.5} label={{ value: "Today", position: "top", fontSize: 10, fill: "#334155" }} /> : null}
            {arrivals.map((po) => (
              <ReferenceLine
                key={`${po.poNumber}-${po.date}`}
                yAxisId="stock"
                x={po.date}
                stroke={COLORS.po}
                strokeWidth={1.5}
                // Only the units on the chart: PO numbers side by side overlap; they are listed below it.
                label={{ value: `+${formatUnits(po.quantity)}`, position: "insideTopRight", fontSize: 10, fill: COLORS.po }}
              />
            ))}
            <Tooltip
              labelFormatter={(label) => formatDate(String(label))}
              formatter={(value, name) => {
                if (Array.isArray(value)) return [`${formatUnits(Number(value[0]))} – ${formatUnits(Number(value[1]))}`, name];
                return [formatUnits(Number(value)), name];
              }}
              contentStyle={{ fontSize: 12, borderRadius: 6, borderColor: "#e2e8f0" }}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
        <span>
          {description}
          {arrivals.length > 0 ? (
            <span className="mt-0.5 block">
              Arriving:{" "}
              {arrivals.map((po, i) => (
                <span key={`${po.poNumber}-${po.date}`}>
                  {i > 0 ? "; " : ""}
                  <span className="font-mono">{po.poNumber}</span> +{formatUnits(po.quantity)} on {formatDate(po.date)}
                </span>
              ))}
            </span>
          ) : null}
        </span>
        <span className="tabular-nums">
          {demandLabel ? (
            <span title={chart.method}>Forecast: {demandLabel.model}</span>
          ) : (
            <>
              <span title={chart.method}>Model: {forecastMethodLabel(chart.method)}</span>
              {chart.basedOn ? ` · new product, forecast ${chart.basedOn}` : ""} · {chart.demandClass} demand
            </>
          )}
          {chart.accuracy ? ` · WAPE ${formatPercent(chart.accuracy.wape)} · bias ${formatPercent(chart.accuracy.bias)} · 80% interval covers ${formatPercent(chart.accuracy.coverage80)}` : ""}
        </span>
      </figcaption>
    </figure>
  );
}
