import Link from "next/link";
import { FORECAST_OVERRIDE_REASON_LABEL } from "@/lib/contracts/exceptions";
import { formatInt, formatMoney } from "@/lib/contracts/format";
import { labelOf } from "@/components/ui/labels";
import { forecastMethodLabel } from "@/lib/contracts/forecast-methods";
import { KPI_DEFINITIONS, type KpiId } from "@/lib/engine/kpis/kpi-definitions";
import { formatSample, SMALL_SAMPLE, type FvaRow, type KpiDashboard, type TKpiChart } from "@/lib/contracts/kpis";
import type { TDecisionQuality } from "@/lib/contracts/simulation";
import { ChartCard } from "./chart-card";
import { DecisionQualityCard } from "./decision-quality-card";
import { DriftGroups } from "./drift-groups";
import { DashboardFilters } from "./dashboard-filters";
import { formatKpi } from "./format-kpi";
import { KpiChart } from "./kpi-chart";
import { KpiDefinitionButton } from "./kpi-definition-button";
import { KpiTile } from "./kpi-tile";

/** A line under a group's tiles where its figures need context to be read right; it may depend on what the figures were measured on. */
const GROUPS: { title: string; ids: KpiId[]; context?: string | ((dashboard: KpiDashboard) => string) }[] = [
  { title: "Service", ids: ["inStock", "fillRate", "lostSales", "returnRate"], context: "In-stock and fill rate are both weighted by demand (units sold plus estimated lost units), so a fast seller out of stock moves them more than a slow one. In-stock is the share of that demand that fell on days the item was in stock; fill rate the share actually sold, which also counts what still sold on a stock-out day, so it is never below in-stock. Returned units come back to stock after inspection; the plan counts them." },
  {
    title: "Inventory",
    ids: ["workingCapital", "turns", "weeksOfCover", "excessValue", "markdownExposure"],
    context: "Turns are a year's cost of goods sold over stock at cost; they and weeks of cover describe the same stock (52 weeks ÷ turns ≈ weeks of cover at the current sales pace).",
  },
  {
    title: "Forecast",
    ids: ["wape", "mase", "bias", "forecastValueAdded"],
    // Realized accuracy judges weekly forecasts; the backtest (used until realized weeks exist) judges days.
    context: (dashboard) =>
      dashboard.tiles.find((tile) => tile.id === "wape")?.basis === undefined
        ? "WAPE is measured per store × SKU × week: each week's stored forecast against the units sold that week, summed over series. MASE below 1 means better than a naive forecast (the week before's actual) of the same series and weeks."
        : "WAPE is measured per store × SKU × day, the level stock is planned at: most series sell a unit or two a day, where day-level errors run high even for a good forecast. MASE below 1 means better than a seasonal naive forecast of the same series.",
  },
  { title: "Team and workflow", ids: ["openExceptions", "exceptionAge", "timeToResolve", "approvalCycle", "overrideRate", "automatedShare", "decisionOutcome"] },
];

const BREAKDOWN_LABELS = { region: "Region", location: "Location", category: "Category", sku: "SKU" } as const;

function csvHref(dashboard: KpiDashboard, chart: TKpiChart): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(dashboard.query)) if (value !== undefined) params.set(key, String(value));
  params.set("chart", chart);
  params.set("format", "csv");
  return `/api/v1/kpis?${params.toString()}`;
}

function Th({ children, right }: { children: React.ReactNode; right?: boolean }) {
  return <th className={`px-2 py-1.5 text-xs font-medium text-slate-600 ${right ? "text-right" : "text-left"}`}>{children}</th>;
}
function Td({ children, right }: { children: React.ReactNode; right?: boolean }) {
  return <td className={`px-2 py-1.5 ${right ? "text-right tabular-nums" : ""}`}>{children}</td>;
}

function FvaTable({ title, rows, groupLabel = (group) => group }: { title: string; rows: FvaRow[]; groupLabel?: (group: string) => string }) {
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-xs text-slate-500">No forecast overrides.</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-slate-200">
              <Th>{title.replace("By ", "")}</Th>
              <Th right>Overrides</Th>
              <Th right>Measured</Th>
              <Th right>FVA (units)</Th>
              <Th right>FVA %</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.group} className="border-b border-slate-100">
                <Td>{groupLabel(r.group)}</Td>
                <Td right>{formatInt(r.overrides)}</Td>
                <Td right>{formatInt(r.measured)}</Td>
                <Td right>
                  <span className={r.measured === 0 ? "" : r.valueAddedUnits >= 0 ? "text-emerald-700" : "text-red-700"}>
                    {r.measured === 0 ? "—" : formatKpi(r.valueAddedUnits, "units")}
                  </span>
                </Td>
                <Td right>{formatKpi(r.valueAddedShare, "percent")}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The executive dashboard: read only — links and definitions, no actions. */
export function DashboardView({ dashboard, decisionQuality }: { dashboard: KpiDashboard; decisionQuality: TDecisionQuality | null }) {
  const periodLabel = `last ${dashboard.query.period} days vs the ${dashboard.query.period} before`;
  const tiles = new Map(dashboard.tiles.map((t) => [t.id, t]));
  const serviceRows = dashboard.service.map((p) => ({ ...p }));
  const inventoryRows = dashboard.inventory.map((p) => ({ ...p }));
  const accuracyRows = dashboard.accuracy.map((p) => ({ ...p }));
  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Drill-down" className="text-sm">
          <ol className="flex flex-wrap items-center gap-1 text-slate-600">
            {dashboard.crumbs.map((crumb, i) => (
              <li key={crumb.label + i} className="flex items-center gap-1">
                {i > 0 ? <span aria-hidden>›</span> : null}
                {i === dashboard.crumbs.length - 1 ? (
                  <span aria-current="page" className="font-medium text-slate-900">
                    {crumb.label}
                  </span>
                ) : (
                  <Link href={`/dashboard?${crumb.query}`} className="text-brand-700 hover:underline">
                    {crumb.label}
                  </Link>
                )}
              </li>
            ))}
          </ol>
        </nav>
        <DashboardFilters query={dashboard.query} regions={dashboard.options.regions} categories={dashboard.options.categories} />
      </div>

      {dashboard.status === "no-snapshot" ? (
        <div className="card p-6 text-sm text-slate-600">
          No KPI snapshot yet. KPIs are computed when a plan run over the whole network completes; none has since this version was installed.
        </div>
      ) : (
        <>
          {GROUPS.map((group) => (
            <section key={group.title} aria-label={group.title}>
              <h2 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{group.title}</h2>
              {/* Two tiles a row on a phone: one a row made the executive's dashboard nine screens long. */}
              <div className="grid grid-cols-2 gap-3 sm:grid-cols-[repeat(auto-fill,minmax(11.5rem,1fr))]">
                {group.ids.flatMap((id) => {
                  const tile = tiles.get(id);
                  return tile ? [<KpiTile key={id} tile={tile} periodLabel={periodLabel} />] : [];
                })}
              </div>
              {group.context ? (
                <p className="mt-1.5 max-w-4xl text-xs text-slate-600">{typeof group.context === "function" ? group.context(dashboard) : group.context}</p>
              ) : null}
            </section>
          ))}

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard title="In-stock, fill rate and lost sales by day" csvHref={csvHref(dashboard, "service")} note="In-stock and fill rate of each day, weighted by that day's demand.">
              <KpiChart
                rows={serviceRows}
                xKey="day"
                series={[
                  { key: "lostSales", label: "Lost sales", color: "#f87171", unit: "money", kind: "bar" },
                  { key: "inStock", label: "In-stock", color: "#2f5bd3", unit: "percent" },
                  { key: "fillRate", label: "Fill rate", color: "#047857", unit: "percent" },
                ]}
              />
            </ChartCard>
            <ChartCard
              title="Inventory at cost by plan run"
              csvHref={csvHref(dashboard, "inventory")}
              note={
                dashboard.inventory.some((point) => point.source === "stock-history")
                  ? `The first ${formatInt(dashboard.inventory.filter((point) => point.source === "stock-history").length)} points are imported weekly stock snapshots from before the first plan run: their demand is the 28 days of sales before each, their excess is judged against today's policy.`
                  : dashboard.inventory.length < 2
                    ? "One point per network plan run; the trend fills in as runs accumulate."
                    : undefined
              }
            >
              <KpiChart
                rows={inventoryRows}
                xKey="asOf"
                series={[
                  { key: "workingCapital", label: "Working capital", color: "#2f5bd3", unit: "money" },
                  { key: "excessValue", label: "Excess", color: "#b45309", unit: "money" },
                  { key: "markdownExposure", label: "Markdown exposure (retail)", color: "#be123c", unit: "money" },
                ]}
              />
            </ChartCard>
          </div>

          {dashboard.breakdownLevel ? (
            <ChartCard title={`By ${BREAKDOWN_LABELS[dashboard.breakdownLevel].toLowerCase()}`} csvHref={csvHref(dashboard, "breakdown")} note="Select a row to drill down.">
              <div className="overflow-x-auto">
                <table className="w-full text-sm">
                  <thead>
                    <tr className="border-b border-slate-200">
                      <Th>{BREAKDOWN_LABELS[dashboard.breakdownLevel]}</Th>
                      <Th right>Revenue</Th>
                      <Th right>In-stock</Th>
                      <Th right>Fill rate</Th>
                      <Th right>Lost sales</Th>
                      <Th right>Working capital</Th>
                      <Th right>Weeks of cover</Th>
                      <Th right>Excess</Th>
                      <Th right>WAPE</Th>
                      <Th right>Bias</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {dashboard.breakdown.map((row) => (
                      <tr key={row.key} className="border-b border-slate-100 hover:bg-slate-50">
                        <Td>
                          {row.drill !== null ? (
                            <Link href={`/dashboard?${row.drill}`} className="font-medium text-brand-700 hover:underline">
                              {row.label}
                            </Link>
                          ) : (
                            row.label
                          )}
                        </Td>
                        <Td right>{formatMoney(row.revenue)}</Td>
                        <Td right>
                          {formatKpi(row.inStock, "percent")}
                          {row.inStock !== null && row.demandUnits < SMALL_SAMPLE ? (
                            <span className="block text-xs font-medium text-amber-800">{formatSample({ count: Math.round(row.demandUnits), of: "demand unit" })}</span>
                          ) : null}
                        </Td>
                        <Td right>{formatKpi(row.fillRate, "percent")}</Td>
                        <Td right>{formatKpi(row.lostSales, "money")}</Td>
                        <Td right>{formatKpi(row.workingCapital, "money")}</Td>
                        <Td right>{formatKpi(row.weeksOfCover, "weeks")}</Td>
                        <Td right>{formatKpi(row.excessValue, "money")}</Td>
                        <Td right>{formatKpi(row.wape, "percent")}</Td>
                        <Td right>{formatKpi(row.bias, "percent")}</Td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {dashboard.breakdown.length === 0 ? <p className="p-2 text-sm text-slate-500">Nothing in this segment.</p> : null}
              </div>
            </ChartCard>
          ) : null}

          <h2 className="mt-2 text-sm font-semibold text-slate-800">Forecast monitoring</h2>
          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard
              title="Forecast error and bias by week"
              csvHref={csvHref(dashboard, "accuracy")}
              note={`Realized: each week's stored forecast against the actuals that arrived since. Backtest (one point, day-level errors): the engine's own backtest at the last run, shown only until realized weeks exist.${
                dashboard.backfilledForecastWeeks > 0
                  ? ` ${formatInt(dashboard.backfilledForecastWeeks)} weeks before the first plan run are judged on one-week-ahead forecasts of ${formatInt(dashboard.backfilledForecastSeries)} series made afresh from the sales up to each week.`
                  : ""
              }`}
            >
              {accuracyRows.length === 0 ? (
                <p className="py-8 text-center text-sm text-slate-500">Accuracy is kept per location and category; it is shown from the category level up.</p>
              ) : (
                <KpiChart
                  rows={accuracyRows}
                  xKey="weekStart"
                  series={[
                    { key: "wape", label: "WAPE", color: "#2f5bd3", unit: "percent" },
                    { key: "bias", label: "Bias", color: "#b45309", unit: "percent" },
                  ]}
                />
              )}
            </ChartCard>
            <ChartCard title="Model mix and its accuracy" csvHref={csvHref(dashboard, "model-mix")}>
              <table className="w-full text-sm">
                <thead>
                  <tr className="border-b border-slate-200">
                    <Th>Method</Th>
                    <Th right>Series</Th>
                    <Th right>Share</Th>
                    <Th right>
                      <span className="inline-flex items-center gap-1">
                        WAPE <KpiDefinitionButton label="WAPE" definition={KPI_DEFINITIONS.wape.definition} />
                      </span>
                    </Th>
                    <Th right>Bias</Th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.modelMix.map((m) => (
                    <tr key={m.method} className="border-b border-slate-100">
                      <Td>
                        <span title={m.method}>{forecastMethodLabel(m.method)}</span>
                      </Td>
                      <Td right>{formatInt(m.series)}</Td>
                      <Td right>{formatKpi(m.share, "percent")}</Td>
                      <Td right>{formatKpi(m.wape, "percent")}</Td>
                      <Td right>{formatKpi(m.bias, "percent")}</Td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {dashboard.modelMix[0] ? <p className="mt-1 text-xs text-slate-500">Accuracy: {dashboard.modelMix[0].source}.</p> : null}
            </ChartCard>
            <ChartCard
              title="Forecast drift, grouped"
              csvHref={csvHref(dashboard, "drift")}
              note="Drift is model monitoring: one SKU drifting at many stores, or one model drifting everywhere, is one finding. Every finding of the latest network plan is recorded here; it enters the queue only when its money effect passes the approval policy's value bar, as any other item. A group's name lists its drifting series; its in-queue count opens exactly those items in the queue."
            >
              <DriftGroups drift={dashboard.drift} query={dashboard.query} />
            </ChartCard>
          </div>

          <div className="grid gap-4 lg:grid-cols-2">
            <ChartCard title="Forecast value added of overrides" csvHref={csvHref(dashboard, "fva")} note={KPI_DEFINITIONS.forecastValueAdded.definition}>
              <div className="flex flex-col gap-4">
                <FvaTable title="By planner" rows={dashboard.fva.byPlanner} />
                <FvaTable title="By category" rows={dashboard.fva.byCategory} />
                <FvaTable title="By reason" rows={dashboard.fva.byReason} groupLabel={(reason) => labelOf(FORECAST_OVERRIDE_REASON_LABEL, reason)} />
              </div>
            </ChartCard>
            <ChartCard title="Outcome of approved actions" csvHref={csvHref(dashboard, "outcomes")} note={KPI_DEFINITIONS.decisionOutcome.definition}>
              <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
                {(
                  [
                    ["Approved", formatInt(dashboard.outcomes.approved)],
                    ["Protected", formatInt(dashboard.outcomes.protected)],
                    ["Missed", formatInt(dashboard.outcomes.missed)],
                    ["Awaiting actuals", formatInt(dashboard.outcomes.pending)],
                    ["Value protected", formatMoney(dashboard.outcomes.valueProtected)],
                  ] as const
                ).map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-xs text-slate-500">{label}</dt>
                    <dd className="text-lg font-semibold tabular-nums">{value}</dd>
                  </div>
                ))}
              </dl>
            </ChartCard>
          </div>
        </>
      )}

      <DecisionQualityCard decisionQuality={decisionQuality} />
    </div>
  );
}
