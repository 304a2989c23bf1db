import "server-only";
import { forecastMethodLabel } from "../../contracts/forecast-methods";
import { isoDay, toDayNumber } from "../../engine/calendar";
import { DRIFT_GROUPINGS, type DriftGroupRow, type DriftGrouping, type DriftMonitoring } from "../../contracts/kpis";
import type { Db } from "../db";
import { driftGroupKey, driftQueueSearch, loadDriftRecord, seriesKey, type DriftRecord, type DriftRecordFinding } from "./load-drift-record";
import type { KpiSegment } from "./resolve-kpi-segment";

/** Rows per grouping: the largest by money at risk; the totals above the table count them all. */
const ROWS_PER_GROUPING = 10;

export const NO_DRIFT_RECORD: DriftMonitoring = { asOf: null, findings: 0, belowValueBar: 0, inQueue: 0, moneyAtRisk: 0, queueSearch: null, groups: { sku: [], category: [], model: [] } };

type GroupAccumulator = Omit<DriftGroupRow, "locations" | "queueSearch"> & { locationIds: Set<number>; queued: DriftRecordFinding[] };

/** What a planner reads for a group: the product's name, the category, the model in words. */
export function driftGroupLabel(grouping: DriftGrouping, key: string, record: Pick<DriftRecord, "products">, finding: DriftRecordFinding): string {
  if (grouping === "sku") return record.products.get(finding.productId)?.name ?? key;
  return grouping === "model" ? forecastMethodLabel(key) : key;
}

/**
 * Forecast drift is model monitoring: the same SKU drifting at many stores, or one method drifting
 * everywhere, is one finding. Reads the latest published whole-network run's drift record (every
 * finding, below the value bar or not) within the segment — the same location, category and SKU
 * filter as its exceptions, so a store manager sees only their stores — and groups it by SKU,
 * category and forecasting method, largest money at risk first. Each group lists its series on the
 * drift page; a group with drift in the queue (open or snoozed) also carries the queue filter that
 * lists exactly those items.
 */
export async function groupForecastDrift(db: Db, seriesWhere: KpiSegment["seriesWhere"]): Promise<DriftMonitoring> {
  const record = await loadDriftRecord(db, seriesWhere);
  if (!record) return NO_DRIFT_RECORD;
  const groups = Object.fromEntries(DRIFT_GROUPINGS.map((grouping) => [grouping, new Map<string, GroupAccumulator>()])) as Record<DriftGrouping, Map<string, GroupAccumulator>>;
  for (const finding of record.findings) {
    const queuedHere = record.queued.has(seriesKey(finding));
    for (const grouping of DRIFT_GROUPINGS) {
      const key = driftGroupKey(grouping, finding, record.products);
      const group = groups[grouping].get(key) ?? { key, label: driftGroupLabel(grouping, key, record, finding), findings: 0, belowValueBar: 0, inQueue: 0, moneyAtRisk: 0, locationIds: new Set<number>(), queued: [] };
      group.findings += 1;
      if (!finding.passedValueBar) group.belowValueBar += 1;
      if (queuedHere) {
        group.inQueue += 1;
        group.queued.push(finding);
      }
      group.moneyAtRisk += finding.moneyAtRisk;
      group.locationIds.add(finding.locationId);
      groups[grouping].set(key, group);
    }
  }
  const ranked = (grouping: DriftGrouping): DriftGroupRow[] =>
    [...groups[grouping].values()]
      .sort((a, b) => b.moneyAtRisk - a.moneyAtRisk || (a.key < b.key ? -1 : 1))
      .slice(0, ROWS_PER_GROUPING)
      .map(({ locationIds, queued, ...row }) => ({
        ...row,
        locations: locationIds.size,
        queueSearch: queued.length > 0 ? driftQueueSearch(record, seriesWhere, queued, { grouping, key: row.key }) : null,
      }));
  const queued = [...record.queued.values()];
  return {
    asOf: isoDay(toDayNumber(record.run.asOf)),
    findings: record.findings.length,
    belowValueBar: record.findings.filter((finding) => !finding.passedValueBar).length,
    inQueue: record.queued.size,
    moneyAtRisk: record.findings.reduce((sum, finding) => sum + finding.moneyAtRisk, 0),
    queueSearch: queued.length > 0 ? driftQueueSearch(record, seriesWhere, queued) : null,
    groups: { sku: ranked("sku"), category: ranked("category"), model: ranked("model") },
  };
}
