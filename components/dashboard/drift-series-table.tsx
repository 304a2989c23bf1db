import Link from "next/link";
import { formatInt, formatMoney, formatPercent } from "@/lib/contracts/format";
import type { DriftSeriesList, DriftSeriesRow } from "@/lib/contracts/kpis";

/** "+40% over" / "−30% under": the sign says which way the forecast misses, the word says it to a planner. */
function formatBias(bias: number): string {
  if (Math.round(bias * 100) === 0) return "0%";
  return bias > 0 ? `+${formatPercent(bias)} over` : `−${formatPercent(-bias)} under`;
}

function QueueState({ row }: { row: DriftSeriesRow }) {
  if (row.exceptionId) {
    return (
      <Link href={`/exceptions/${row.exceptionId}`} className="font-medium text-brand-700 hover:underline" aria-label={`${row.product.name} at ${row.location.name}: open its drift item`}>
        In the queue
      </Link>
    );
  }
  if (!row.passedValueBar) {
    return (
      <span className="text-slate-600">
        Monitored<span className="max-sm:hidden">: below the value bar</span>
      </span>
    );
  }
  // Past the bar, yet no open item: someone decided on it (or the policy did) since the plan raised it.
  return <span className="text-slate-600">Decided, not open</span>;
}

/**
 * A drift group's series: product, location, model, the bias that made it drift, its money effect
 * and whether it is in the queue. The summary's queue link opens exactly the group's queued items.
 */
export function DriftSeriesTable({ list }: { list: DriftSeriesList }) {
  if (list.rows.length === 0) {
    return <p className="text-sm text-slate-600">No series of this group drifts in your view of the plan: nothing to list.</p>;
  }
  const series = list.rows.length;
  // A model group's page names its model in the title: a column repeating it would say nothing.
  const showModel = list.grouping !== "model";
  return (
    <div>
      <p className="mb-1 text-sm">
        <span className="font-medium">
          {formatInt(series)} drifting series
        </span>{" "}
        <span className="text-slate-600">· {formatMoney(list.moneyAtRisk)} at risk</span>
      </p>
      <p className="mb-3 text-sm text-slate-600">
        {list.queueSearch ? (
          <Link href={`/queue?${list.queueSearch}`} className="font-medium text-brand-700 hover:underline">
            Open the {formatInt(list.inQueue)} in the queue
          </Link>
        ) : (
          <span>None in the queue</span>
        )}{" "}
        · {formatInt(list.belowValueBar)} below the value bar: monitored here, not in the queue
      </p>
      <div className="card overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Drifting series of {list.label}, largest money at risk first</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs font-medium text-slate-600">
              <th scope="col" className="px-2 sm:px-3 py-2">
                Product
              </th>
              <th scope="col" className="px-2 sm:px-3 py-2 max-sm:hidden">
                Location
              </th>
              {showModel ? (
                <th scope="col" className="px-2 sm:px-3 py-2 max-md:hidden">
                  Model
                </th>
              ) : null}
              <th scope="col" className="px-2 sm:px-3 py-2 text-right" title="Backtest bias: the forecast against the sales it was tested on">
                Bias
              </th>
              <th scope="col" className="px-2 sm:px-3 py-2 text-right max-md:hidden" title="The current forecast against the last backtest window of sales">
                Recent bias
              </th>
              <th scope="col" className="px-2 sm:px-3 py-2 text-right">
                At risk
              </th>
              <th scope="col" className="px-2 sm:px-3 py-2">
                Queue
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={`${row.location.code}|${row.product.sku}`} className="border-b border-slate-100 last:border-0" data-drift-series>
                <td className="px-2 sm:px-3 py-1.5">
                  <span className="font-medium text-slate-900">{row.product.name}</span>
                  <span className="block text-xs text-slate-500">
                    {row.product.sku}
                    {/* On a phone the location rides under the product: four columns fit, seven do not. */}
                    <span className="sm:hidden"> · {row.location.name}</span>
                  </span>
                </td>
                <td className="px-2 sm:px-3 py-1.5 max-sm:hidden">{row.location.name}</td>
                {showModel ? (
                  <td className="px-2 sm:px-3 py-1.5 max-md:hidden" data-drift-model>
                    {row.model}
                  </td>
                ) : null}
                <td className="px-2 sm:px-3 py-1.5 text-right tabular-nums whitespace-nowrap">{formatBias(row.bias)}</td>
                <td className="px-2 sm:px-3 py-1.5 text-right tabular-nums whitespace-nowrap max-md:hidden">{formatBias(row.currentBias)}</td>
                <td className="px-2 sm:px-3 py-1.5 text-right tabular-nums">{formatMoney(row.moneyAtRisk)}</td>
                <td className="px-2 sm:px-3 py-1.5">
                  <QueueState row={row} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
