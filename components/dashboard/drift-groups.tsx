"use client";

import Link, { useLinkStatus } from "next/link";
import { useId, useState } from "react";
import { formatDate, formatInt, formatMoney, inSentence } from "@/lib/contracts/format";
import { DRIFT_GROUPING_LABEL, DRIFT_GROUPINGS, driftSeriesHref, type DriftGrouping, type DriftMonitoring, type TKpiQuery } from "@/lib/contracts/kpis";

/**
 * Forecast drift as model monitoring: the latest network plan run's drift record grouped by SKU,
 * category or forecasting model, largest money at risk first. A group's name opens the list of its
 * drifting series (the whole group: drift below the value bar is monitored, not queued); its "in
 * queue" count, when there is one, opens the queue filtered to exactly those items.
 */
export function DriftGroups({ drift, query }: { drift: DriftMonitoring; query: TKpiQuery }) {
  const id = useId();
  const [grouping, setGrouping] = useState<DriftGrouping>("sku");
  const rows = drift.groups[grouping];
  if (drift.asOf === null) {
    return <p className="text-sm text-slate-600">No drift record yet: the next plan run of the whole network writes one.</p>;
  }
  if (drift.findings === 0) {
    return <p className="text-sm text-slate-600">No forecast drift found in this segment by the plan of {formatDate(drift.asOf)}.</p>;
  }
  return (
    <div>
      <p className="mb-1 text-sm">
        <span className="font-medium">
          {formatInt(drift.findings)} forecast drift {drift.findings === 1 ? "finding" : "findings"}
        </span>{" "}
        <span className="text-slate-600">
          · {formatMoney(drift.moneyAtRisk)} at risk · plan of {formatDate(drift.asOf)}
        </span>
      </p>
      <p className="mb-2 text-xs text-slate-600">
        {drift.queueSearch ? (
          <Link href={`/queue?${drift.queueSearch}`} className="font-medium text-brand-700 hover:underline">
            {formatInt(drift.inQueue)} in the queue
          </Link>
        ) : (
          <span>None in the queue</span>
        )}{" "}
        · {formatInt(drift.belowValueBar)} below the value bar: monitored, not in the queue
      </p>
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
          Forecast drift by {inSentence(DRIFT_GROUPING_LABEL[grouping])}
        </caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-500">
            <th className="py-1 pr-2">{DRIFT_GROUPING_LABEL[grouping]}</th>
            <th className="py-1 pr-2 text-right">Findings</th>
            <th className="py-1 pr-2 text-right">In queue</th>
            <th className="py-1 pr-2 text-right max-sm:hidden">Below bar</th>
            <th className="py-1 pr-2 text-right max-sm:hidden">Locations</th>
            <th className="py-1 text-right">At risk</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-slate-100">
              <td className="py-1 pr-2">
                <Link href={driftSeriesHref(query, grouping, row.key)} className="text-brand-700 hover:underline" title={`List its ${formatInt(row.findings)} drifting series`}>
                  {row.label}
                  <LoadingMark />
                </Link>
                {grouping === "sku" && row.label !== row.key ? <span className="ml-1 text-xs text-slate-500">{row.key}</span> : null}
              </td>
              <td className="py-1 pr-2 text-right tabular-nums">{formatInt(row.findings)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">
                {row.queueSearch ? (
                  <Link
                    href={`/queue?${row.queueSearch}`}
                    className="font-medium text-brand-700 hover:underline"
                    aria-label={`Open the ${formatInt(row.inQueue)} of ${row.label} in the queue`}
                    title="Open exactly these drift items in the queue"
                  >
                    {formatInt(row.inQueue)}
                  </Link>
                ) : (
                  formatInt(row.inQueue)
                )}
              </td>
              <td className="py-1 pr-2 text-right tabular-nums max-sm:hidden">{formatInt(row.belowValueBar)}</td>
              <td className="py-1 pr-2 text-right tabular-nums max-sm:hidden">{formatInt(row.locations)}</td>
              <td className="py-1 text-right tabular-nums">{formatMoney(row.moneyAtRisk)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Shown on a link while its page loads. The drift page has no loading.tsx on purpose: a streamed page
 * answers 200 before it knows, and a SKU or category the viewer may not see must answer 404.
 */
function LoadingMark() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span role="status" className="ml-1 text-xs text-slate-500">
      loading…
    </span>
  ) : null;
}
