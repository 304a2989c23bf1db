import { KPI_DEFINITIONS } from "@/lib/engine/kpis/kpi-definitions";
import type { KpiTile as TKpiTile } from "@/lib/contracts/kpis";
import { describeChange, formatKpi } from "./format-kpi";
import { formatSample, SMALL_SAMPLE } from "@/lib/contracts/kpis";
import { KpiDefinitionButton } from "./kpi-definition-button";

/** A headline figure with its trend against the previous period and its definition. */
export function KpiTile({ tile, periodLabel }: { tile: TKpiTile; periodLabel: string }) {
  const kpi = KPI_DEFINITIONS[tile.id];
  const hasTrend = tile.value !== null && tile.previous !== null && Number.isFinite(tile.value) && Number.isFinite(tile.previous);
  const change = hasTrend ? describeChange(tile.value!, tile.previous!, kpi.unit) : null;
  const good = !change || kpi.higherIsBetter === null || change.direction === 0 ? null : (change.direction > 0) === kpi.higherIsBetter;
  const tone = good === null ? "text-slate-500" : good ? "text-emerald-700" : "text-red-700";
  return (
    <div className="card flex flex-col gap-1 p-3" data-kpi={tile.id}>
      <div className="flex items-center gap-1.5 text-xs font-medium text-slate-600">
        <span>{kpi.label}</span>
        <KpiDefinitionButton label={kpi.label} definition={kpi.definition} />
      </div>
      <div className="text-xl font-semibold tabular-nums text-slate-900" data-kpi-value>{formatKpi(tile.value, kpi.unit)}</div>
      <div className="text-xs text-slate-500">
        {change ? (
          <span className={tone}>
            {change.direction > 0 ? "▲" : change.direction < 0 ? "▼" : "■"} {change.text}
          </span>
        ) : (
          <span>no earlier figure</span>
        )}
        <span> · {tile.basis ?? periodLabel}</span>
      </div>
      {tile.sample && tile.sample.count < SMALL_SAMPLE && tile.value !== null ? (
        <div className="text-xs font-medium text-amber-800">{formatSample(tile.sample)} — too few to read much into</div>
      ) : null}
    </div>
  );
}
