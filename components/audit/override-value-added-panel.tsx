"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime, formatPercent, formatUnits } from "@/lib/contracts/format";
import type { TAuditPage } from "@/lib/contracts/audit";
import { apiFetch } from "@/components/ui/api-client";
import { readValueAdded, valueAddedQuery } from "./override-value-added";

/**
 * Forecast value added of one override, from its newest `forecast.value_added_measured` audit
 * record: how much closer to the actuals the planner's forecast was than the statistical one.
 */
export function OverrideValueAddedPanel({ overrideId }: { overrideId: string }) {
  const latest = useQuery({
    queryKey: ["audit", "forecast-value-added", overrideId],
    queryFn: () => apiFetch<TAuditPage>(`/api/v1/audit?${valueAddedQuery(overrideId)}`),
  });
  const event = latest.data?.events[0];
  const measured = readValueAdded(event);

  return (
    <section aria-label="Forecast value added" className="mb-3 rounded-md border border-slate-200 bg-white p-3 text-xs text-slate-700">
      <h3 className="mb-2 text-sm font-medium text-slate-900">Forecast value added</h3>
      {latest.isPending ? (
        <p className="text-slate-600">Loading the measurement…</p>
      ) : latest.error ? (
        <p role="alert" className="text-red-800">{latest.error.message}</p>
      ) : !measured || !event ? (
        <p className="text-slate-600">Not measured yet: actuals for the override&apos;s window have not arrived.</p>
      ) : (
        <>
          <p className={`mb-2 text-sm ${measured.fva > 0 ? "text-emerald-800" : measured.fva < 0 ? "text-red-800" : "text-slate-800"}`}>
            {measured.fva > 0
              ? `The override was ${formatUnits(measured.fva)} units closer to the actuals than the statistical forecast`
              : measured.fva < 0
                ? `The override was ${formatUnits(-measured.fva)} units further from the actuals than the statistical forecast`
                : "The override was as close to the actuals as the statistical forecast"}
            {measured.statisticalAbsError > 0 ? ` (${formatPercent(measured.fva / measured.statisticalAbsError)} of the statistical error).` : "."}
          </p>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-1 md:grid-cols-5">
            <div><dt className="text-slate-500">Value added</dt><dd className="font-mono">{measured.fva > 0 ? "+" : ""}{formatUnits(measured.fva)} units</dd></div>
            <div><dt className="text-slate-500">Statistical error</dt><dd className="font-mono">{formatUnits(measured.statisticalAbsError)} units</dd></div>
            <div><dt className="text-slate-500">Override error</dt><dd className="font-mono">{formatUnits(measured.overrideAbsError)} units</dd></div>
            <div><dt className="text-slate-500">Actuals</dt><dd className="font-mono">{formatUnits(measured.actualUnits)} units over {measured.daysMeasured} d</dd></div>
            <div><dt className="text-slate-500">Measured</dt><dd>{formatDateTime(event.at)} (record #{event.seq})</dd></div>
          </dl>
        </>
      )}
    </section>
  );
}
