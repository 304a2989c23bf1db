"use client";

import { useState, type FormEvent } from "react";
import { formatUnits } from "@/lib/contracts/format";
import { FORECAST_OVERRIDE_REASON_LABEL, FORECAST_OVERRIDE_REASONS, type TExceptionDecisionRequest, type TExceptionDetail, type TSeriesChart } from "@/lib/contracts/exceptions";

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Mean daily forecast over the first two weeks: the natural starting point for an override. A DC's
 * chart shows the demand pulled through it; an override replaces the DC's own forecast, so that one.
 */
export function nearTermMean(chart: Pick<TSeriesChart, "mean" | "ownMean" | "forecastStartIndex"> | null): number | null {
  if (!chart) return null;
  const next = (chart.ownMean ?? chart.mean).slice(chart.forecastStartIndex, chart.forecastStartIndex + 14).filter((v): v is number => v !== null);
  return next.length > 0 ? next.reduce((a, b) => a + b, 0) / next.length : null;
}

const APPLIED_STATUSES: ReadonlySet<string> = new Set(["approved", "auto_approved", "exported"]);

/**
 * Units per day that approved "adjust forecast" actions add to the forecast the chart shows: the
 * chart's run computed its forecast before they were approved, so its mean alone reads stale.
 */
export function approvedForecastAdjustment(detail: Pick<TExceptionDetail, "recommendations" | "chart">): number {
  if (!detail.chart) return 0;
  const planRunId = detail.chart.planRunId;
  return detail.recommendations
    .filter((r) => r.actionType === "adjust_forecast" && APPLIED_STATUSES.has(r.status) && r.planRunId === planRunId)
    .reduce((sum, r) => sum + r.quantity, 0);
}

const perDay = (units: number) => formatUnits(Math.round(units * 10) / 10);

/** Replace the forecast for a date range; the series is replanned and its override tracked for forecast value added. */
export function ForecastOverrideForm({
  asOf,
  chart,
  approvedAdjustment,
  busy,
  onSubmit,
}: {
  asOf: string;
  chart: TSeriesChart | null;
  /** Signed units per day of approved forecast adjustments the chart does not include yet. */
  approvedAdjustment: number;
  busy: boolean;
  onSubmit: (request: Extract<TExceptionDecisionRequest, { decision: "override_forecast" }>) => void;
}) {
  const statistical = nearTermMean(chart);
  const current = statistical === null ? null : Math.max(0, statistical + approvedAdjustment);
  const start = asOf.slice(0, 10);
  const [startDate, setStartDate] = useState(start);
  const [endDate, setEndDate] = useState(addDays(start, 13));
  const [dailyUnits, setDailyUnits] = useState(current === null ? "" : String(Math.round(current * 10) / 10));
  const [reasonCode, setReasonCode] = useState<(typeof FORECAST_OVERRIDE_REASONS)[number] | "">("");
  const [comment, setComment] = useState("");
  const invalidRange = endDate < startDate;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reasonCode || invalidRange || dailyUnits === "") return;
    onSubmit({ decision: "override_forecast", startDate, endDate, dailyUnits: Number(dailyUnits), reasonCode, comment: comment.trim() || undefined });
  };
  const input = "mt-0.5 h-8 w-full rounded-md border border-slate-300 bg-white px-2 text-sm tabular-nums";
  return (
    <form onSubmit={submit} className="space-y-3 px-4 py-3 text-sm" aria-label="Override the forecast">
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="override-start" className="block text-xs font-medium text-slate-700">
            From
          </label>
          <input id="override-start" type="date" required className={input} min={start} value={startDate} onChange={(e) => setStartDate(e.target.value)} />
        </div>
        <div>
          <label htmlFor="override-end" className="block text-xs font-medium text-slate-700">
            To
          </label>
          <input id="override-end" type="date" required className={input} min={startDate} value={endDate} onChange={(e) => setEndDate(e.target.value)} aria-invalid={invalidRange} />
        </div>
      </div>
      <div>
        <label htmlFor="override-units" className="block text-xs font-medium text-slate-700">
          Units per day
        </label>
        <input id="override-units" type="number" min={0} step="any" required className={input} value={dailyUnits} onChange={(e) => setDailyUnits(e.target.value)} />
        {current !== null && statistical !== null ? (
          <p className="mt-0.5 text-xs text-slate-600">
            {chart?.ownMean ? "This DC's own forecast, without its stores' demand" : "Current forecast"}: {perDay(current)} per day over the next two weeks
            {approvedAdjustment !== 0
              ? ` (the plan's ${perDay(statistical)} ${approvedAdjustment > 0 ? "+" : "−"} ${perDay(Math.abs(approvedAdjustment))} from the approved adjustment)`
              : ""}
            .
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor="override-reason" className="block text-xs font-medium text-slate-700">
          Reason
        </label>
        <select id="override-reason" required className={input} value={reasonCode} onChange={(e) => setReasonCode(e.target.value as typeof reasonCode)}>
          <option value="" disabled>
            Choose a reason…
          </option>
          {FORECAST_OVERRIDE_REASONS.map((code) => (
            <option key={code} value={code}>
              {FORECAST_OVERRIDE_REASON_LABEL[code]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="override-comment" className="block text-xs font-medium text-slate-700">
          Comment {reasonCode === "other" ? "" : <span className="font-normal text-slate-600">(optional)</span>}
        </label>
        <input id="override-comment" className={input} maxLength={1000} required={reasonCode === "other"} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {invalidRange ? <p className="text-xs text-red-800">The end date is before the start date.</p> : null}
      <button type="submit" className="btn-secondary w-full" disabled={busy || !reasonCode || invalidRange}>
        Override and replan
      </button>
    </form>
  );
}
