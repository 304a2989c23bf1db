import { formatDateTime, formatMoneyCompact } from "@/lib/contracts/format";
import type { DecisionQualityTarget } from "@/lib/engine/simulation/decision-quality-targets";
import type { TDecisionQuality } from "@/lib/contracts/simulation";

const POLICY_LABELS: Record<string, string> = {
  stockpilot: "Following Stockpilot",
  minmax: "Static min-max",
  none: "No action on exceptions",
};

const PRECISION_LABELS: Record<string, string> = {
  projected_stockout: "Projected stock-out",
  excess_stock: "Excess",
  inventory_inaccuracy: "Inventory inaccuracy",
  supplier_delay: "Supplier delay",
};

function formatTargetValue(target: DecisionQualityTarget): string {
  const value = target.value;
  if (value === null) return "not measured";
  switch (target.unit) {
    case "points":
      return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} pts`;
    case "percent":
      return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} %`;
    case "money":
      return `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatMoneyCompact(Math.abs(value))}`;
    case "count":
      return value.toFixed(1);
    case "share":
      return value.toFixed(2);
  }
}

function Verdict({ met }: { met: boolean | null }) {
  if (met === null) return <span className="text-slate-500">—</span>;
  return met ? <span className="font-medium text-emerald-700">met</span> : <span className="font-medium text-red-700">not met</span>;
}

/**
 * The last `npm run simulate`: the demo retailer's digital twin run with and without following
 * Stockpilot, against static min-max, and how precise its exceptions were against the hidden truth.
 */
export function DecisionQualityCard({ decisionQuality }: { decisionQuality: TDecisionQuality | null }) {
  return (
    <section className="card p-4" aria-label="Decision quality">
      <h2 className="text-sm font-semibold text-slate-800">Decision quality</h2>
      {decisionQuality === null ? (
        <p className="mt-2 text-sm text-slate-600">
          No simulation yet. <code className="text-xs">npm run simulate</code> replays days of hidden demand through the plan engine and shows here whether following Stockpilot beats a static min-max policy.
        </p>
      ) : (
        <DecisionQualityFigures decisionQuality={decisionQuality} />
      )}
    </section>
  );
}

function DecisionQualityFigures({ decisionQuality }: { decisionQuality: TDecisionQuality }) {
  const { report, targets } = decisionQuality;
  return (
    <div className="mt-1 flex flex-col gap-3">
      <p className="text-xs text-slate-500">
        Last simulation {formatDateTime(decisionQuality.ranAt)}: {report.size} demo retailer, seed {report.seed}, {report.days} days. Precision and recall are judged against what really happened with no action taken.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-xs text-slate-600">
              <th className="px-2 py-1.5 text-left font-medium">Policy</th>
              <th className="px-2 py-1.5 text-right font-medium">In-stock</th>
              <th className="px-2 py-1.5 text-right font-medium">Fill rate</th>
              <th className="px-2 py-1.5 text-right font-medium">Lost sales</th>
              <th className="px-2 py-1.5 text-right font-medium">Avg inventory</th>
              <th className="px-2 py-1.5 text-right font-medium">Total cost</th>
              <th className="px-2 py-1.5 text-right font-medium">Decisions / planner-day</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(report.policies).map(([policy, figures]) => (
              <tr key={policy} className="border-b border-slate-100">
                <td className="px-2 py-1.5">{POLICY_LABELS[policy] ?? policy}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{figures.inStockPct.toFixed(1)}%</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{(figures.fillRate * 100).toFixed(1)}%</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatMoneyCompact(figures.lostSalesValue)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatMoneyCompact(figures.avgInventoryValue)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatMoneyCompact(figures.totalCost)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{figures.decisionsPerPlannerDay.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
        {Object.entries(report.exceptions.precision).map(([type, value]) => (
          <div key={type}>
            <dt className="text-xs text-slate-500">{PRECISION_LABELS[type] ?? type} precision</dt>
            <dd className="text-lg font-semibold tabular-nums">{value === null ? "—" : value.toFixed(2)}</dd>
          </div>
        ))}
      </dl>
      <table className="w-full text-sm" aria-label="Targets">
        <thead>
          <tr className="border-b border-slate-200 text-xs text-slate-600">
            <th className="px-2 py-1.5 text-left font-medium">Target</th>
            <th className="px-2 py-1.5 text-right font-medium">Goal</th>
            <th className="px-2 py-1.5 text-right font-medium">Measured</th>
            <th className="px-2 py-1.5 text-right font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((target) => (
            <tr key={target.id} className="border-b border-slate-100">
              <td className="px-2 py-1.5">{target.label}</td>
              <td className="px-2 py-1.5 text-right">{target.target}</td>
              <td className="px-2 py-1.5 text-right tabular-nums">{formatTargetValue(target)}</td>
              <td className="px-2 py-1.5 text-right">
                <Verdict met={target.met} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
