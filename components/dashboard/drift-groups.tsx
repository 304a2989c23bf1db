"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { formatInt, formatMoney } from "@/lib/contracts/format";
import { DRIFT_GROUPING_LABEL, DRIFT_GROUPINGS, type DriftGrouping, type DriftMonitoring } from "@/lib/contracts/kpis";

/**
 * Forecast drift as model monitoring: the open drift exceptions grouped by SKU, category or
 * forecasting model, largest money at risk first, each group linking to its items in the queue.
 */
export function DriftGroups({ drift, queueHref, scope }: { drift: DriftMonitoring; queueHref: string; scope: { region?: string | undefined; category?: string | undefined } }) {
  const id = useId();
  const [grouping, setGrouping] = useState<DriftGrouping>("sku");
  const rows = drift.groups[grouping];
  return (
    <div>
      <p className="mb-2 text-sm">
        <Link href={queueHref} className="font-medium text-brand-700 hover:underline">
          {formatInt(drift.open)} open forecast drift {drift.open === 1 ? "exception" : "exceptions"}
        </Link>{" "}
        <span className="text-slate-600">· {formatMoney(drift.moneyAtRisk)} at risk</span>{" "}
        <span className="text-xs text-slate-500">(forecast still off the way its backtest says, raised by the plan run)</span>
      </p>
      {drift.open === 0 ? null : (
        <>
          {/* A select, not buttons: the dashboard is read-only and offers no actions. */}
          <label className="mb-2 inline-flex items-center gap-2 text-xs text-slate-600">
            Group by
            <select
              className="h-7 rounded-md border border-slate-300 bg-white px-1.5 text-xs font-medium text-slate-700"
              value={grouping}
              onChange={(event) => setGrouping(event.target.value as DriftGrouping)}
            >
              {DRIFT_GROUPINGS.map((option) => (
                <option key={option} value={option}>
                  {DRIFT_GROUPING_LABEL[option]}
                </option>
              ))}
            </select>
          </label>
          <table className="w-full text-sm" aria-labelledby={`${id}-caption`}>
            <caption id={`${id}-caption`} className="sr-only">
              Forecast drift by {DRIFT_GROUPING_LABEL[grouping].toLowerCase()}
            </caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500">
                <th className="py-1 pr-2">{DRIFT_GROUPING_LABEL[grouping]}</th>
                <th className="py-1 pr-2 text-right">Exceptions</th>
                <th className="py-1 pr-2 text-right">Locations</th>
                <th className="py-1 text-right">At risk</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key} className="border-b border-slate-100">
                  <td className="py-1 pr-2">
                    <Link href={groupHref(row.queueSearch, scope)} className="text-brand-700 hover:underline">
                      {row.label}
                    </Link>
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatInt(row.exceptions)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{formatInt(row.locations)}</td>
                  <td className="py-1 text-right tabular-nums">{formatMoney(row.moneyAtRisk)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** The group's queue filter within the dashboard's region and category. */
function groupHref(queueSearch: string, scope: { region?: string | undefined; category?: string | undefined }): string {
  const params = new URLSearchParams(queueSearch);
  if (scope.region) params.set("region", scope.region);
  if (scope.category && !params.has("category")) params.set("category", scope.category);
  return `/queue?${params.toString()}`;
}
