import "server-only";
import { isoDay, toDayNumber } from "../../engine/calendar";
import { forecastMethodLabel } from "../../contracts/forecast-methods";
import type { DriftGrouping, DriftSeriesList, DriftSeriesRow } from "../../contracts/kpis";
import type { Db } from "../db";
import { driftGroupLabel } from "./group-forecast-drift";
import { driftGroupKey, driftQueueSearch, loadDriftRecord, seriesKey } from "./load-drift-record";
import type { KpiSegment } from "./resolve-kpi-segment";

export type DriftSeriesResult = { status: "ok"; list: DriftSeriesList } | { status: "no-record" } | { status: "not-found" };

/**
 * The drifting series of one dashboard drift group (a SKU, a category or a model) within the segment,
 * largest money at risk first: the whole group, below the value bar or not, each saying whether its
 * drift is in the queue. A SKU or category the viewer may not see is "not-found", like an unknown
 * one; a model is no one's scope, so an unknown one is simply an empty group.
 */
export async function listDriftSeries(
  db: Db,
  segment: Pick<KpiSegment, "seriesWhere" | "categories">,
  grouping: DriftGrouping,
  key: string,
): Promise<DriftSeriesResult> {
  if (grouping === "category" && !segment.categories.includes(key)) return { status: "not-found" };
  const product = grouping === "sku" ? await db.product.findUnique({ where: { sku: key }, select: { name: true, category: true } }) : null;
  if (grouping === "sku" && (!product || !segment.categories.includes(product.category))) return { status: "not-found" };
  const record = await loadDriftRecord(db, segment.seriesWhere);
  if (!record) return { status: "no-record" };
  const findings = record.findings.filter((finding) => driftGroupKey(grouping, finding, record.products) === key);
  const rows: DriftSeriesRow[] = findings
    .map((finding) => ({
      product: record.products.get(finding.productId) ?? { sku: String(finding.productId), name: String(finding.productId) },
      location: record.locations.get(finding.locationId) ?? { code: String(finding.locationId), name: String(finding.locationId) },
      model: forecastMethodLabel(finding.method),
      bias: finding.bias,
      currentBias: finding.currentBias,
      moneyAtRisk: finding.moneyAtRisk,
      passedValueBar: finding.passedValueBar,
      exceptionId: record.queued.get(seriesKey(finding))?.id ?? null,
    }))
    .sort((a, b) => b.moneyAtRisk - a.moneyAtRisk || a.product.name.localeCompare(b.product.name) || a.location.name.localeCompare(b.location.name));
  const queued = findings.filter((finding) => record.queued.has(seriesKey(finding)));
  return {
    status: "ok",
    list: {
      asOf: isoDay(toDayNumber(record.run.asOf)),
      grouping,
      key,
      label: findings[0] ? driftGroupLabel(grouping, key, record, findings[0]) : grouping === "model" ? forecastMethodLabel(key) : (product?.name ?? key),
      rows,
      moneyAtRisk: rows.reduce((sum, row) => sum + row.moneyAtRisk, 0),
      inQueue: queued.length,
      belowValueBar: rows.filter((row) => !row.passedValueBar).length,
      queueSearch: queued.length > 0 ? driftQueueSearch(record, segment.seriesWhere, queued, { grouping, key }) : null,
    },
  };
}
