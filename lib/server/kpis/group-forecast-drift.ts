import "server-only";
import { ACTIVE_EXCEPTION_STATUSES } from "../../contracts/exceptions";
import { forecastMethodLabel } from "../../contracts/forecast-methods";
import { isoDay, toDayNumber } from "../../engine/calendar";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { DRIFT_GROUPINGS, type DriftGroupRow, type DriftGrouping, type DriftMonitoring } from "../../contracts/kpis";
import type { Db } from "../db";
import type { KpiSegment } from "./resolve-kpi-segment";

/** Rows per grouping: the largest by money at risk; the totals above the table count them all. */
const ROWS_PER_GROUPING = 10;

export const NO_DRIFT_RECORD: DriftMonitoring = { asOf: null, findings: 0, belowValueBar: 0, inQueue: 0, moneyAtRisk: 0, groups: { sku: [], category: [], model: [] } };

type GroupAccumulator = Omit<DriftGroupRow, "locations" | "queueSearch"> & { locationIds: Set<number>; queueSearch: string };

/**
 * Forecast drift is model monitoring: the same SKU drifting at many stores, or one method drifting
 * everywhere, is one finding. Reads the latest published whole-network run's drift record (every
 * finding, below the value bar or not) within the segment — the same location, category and SKU
 * filter as its exceptions, so a store manager sees only their stores — and groups it by SKU,
 * category and forecasting method, largest money at risk first. A group links to the queue only when
 * some of its drift is there (open or snoozed); the rest is monitored here, not queued.
 */
export async function groupForecastDrift(db: Db, seriesWhere: KpiSegment["seriesWhere"]): Promise<DriftMonitoring> {
  const run = await db.planRun.findFirst({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" }, select: { id: true, asOf: true } });
  if (!run) return NO_DRIFT_RECORD;
  const [findings, queued] = await Promise.all([
    db.planRunDriftFinding.findMany({
      where: { ...seriesWhere, planRunId: run.id },
      select: { locationId: true, productId: true, category: true, method: true, moneyAtRisk: true, passedValueBar: true },
    }),
    db.exception.findMany({ where: { ...seriesWhere, type: "forecast_drift", status: { in: [...ACTIVE_EXCEPTION_STATUSES] } }, select: { locationId: true, productId: true } }),
  ]);
  const inQueue = new Set(queued.map((row) => `${row.locationId}|${row.productId}`));
  const products = await db.product.findMany({ where: { id: { in: [...new Set(findings.map((finding) => finding.productId))] } }, select: { id: true, sku: true, name: true } });
  const productById = new Map(products.map((product) => [product.id, product]));
  const groups = Object.fromEntries(DRIFT_GROUPINGS.map((grouping) => [grouping, new Map<string, GroupAccumulator>()])) as Record<DriftGrouping, Map<string, GroupAccumulator>>;
  const add = (grouping: DriftGrouping, key: string, label: string, queueSearch: string, finding: (typeof findings)[number], queuedHere: boolean) => {
    const group = groups[grouping].get(key) ?? { key, label, findings: 0, belowValueBar: 0, inQueue: 0, moneyAtRisk: 0, queueSearch, locationIds: new Set<number>() };
    group.findings += 1;
    if (!finding.passedValueBar) group.belowValueBar += 1;
    if (queuedHere) group.inQueue += 1;
    group.moneyAtRisk += finding.moneyAtRisk;
    group.locationIds.add(finding.locationId);
    groups[grouping].set(key, group);
  };
  for (const finding of findings) {
    const product = productById.get(finding.productId);
    const sku = product?.sku ?? String(finding.productId);
    const queuedHere = inQueue.has(`${finding.locationId}|${finding.productId}`);
    add("sku", sku, product?.name ?? sku, new URLSearchParams({ type: "forecast_drift", q: sku }).toString(), finding, queuedHere);
    add("category", finding.category, finding.category, new URLSearchParams({ type: "forecast_drift", category: finding.category }).toString(), finding, queuedHere);
    const method = canonicalMethod(finding.method);
    add("model", method, forecastMethodLabel(method), new URLSearchParams({ type: "forecast_drift" }).toString(), finding, queuedHere);
  }
  const ranked = (grouping: DriftGrouping): DriftGroupRow[] =>
    [...groups[grouping].values()]
      .sort((a, b) => b.moneyAtRisk - a.moneyAtRisk || (a.key < b.key ? -1 : 1))
      .slice(0, ROWS_PER_GROUPING)
      .map(({ locationIds, queueSearch, ...row }) => ({ ...row, locations: locationIds.size, queueSearch: row.inQueue > 0 ? queueSearch : null }));
  return {
    asOf: isoDay(toDayNumber(run.asOf)),
    findings: findings.length,
    belowValueBar: findings.filter((finding) => !finding.passedValueBar).length,
    inQueue: queued.length,
    moneyAtRisk: findings.reduce((sum, finding) => sum + finding.moneyAtRisk, 0),
    groups: { sku: ranked("sku"), category: ranked("category"), model: ranked("model") },
  };
}
