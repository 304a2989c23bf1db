import "server-only";
import { ACTIVE_EXCEPTION_STATUSES } from "../../contracts/exceptions";
import type { DriftGrouping } from "../../contracts/kpis";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import type { Db } from "../db";
import type { KpiSegment } from "./resolve-kpi-segment";

export interface DriftRecordFinding {
  locationId: number;
  productId: number;
  category: string;
  /** Canonical (a blend's members in alphabetical order), so one blend is one model whatever the fit's ranking. */
  method: string;
  moneyAtRisk: number;
  bias: number;
  currentBias: number;
  passedValueBar: boolean;
}

/** The latest published whole-network run's drift record within a segment, and what of it is in the queue. */
export interface DriftRecord {
  run: { id: string; asOf: Date };
  findings: DriftRecordFinding[];
  /** The findings' and the queued exceptions' products. */
  products: Map<number, { sku: string; name: string }>;
  /** The findings' and the queued exceptions' locations. */
  locations: Map<number, { code: string; name: string }>;
  /** Open or snoozed forecast drift exceptions of the segment, by `${locationId}|${productId}` (seriesKey). */
  queued: Map<string, { id: string; locationId: number; productId: number }>;
}

/**
 * The drift record the dashboard and the queue's model filter read: the latest succeeded run of the
 * whole network (a one-series replan or a failed run never is). Null before any such run wrote one.
 */
export function findDriftRecordRun(db: Db): Promise<{ id: string; asOf: Date } | null> {
  return db.planRun.findFirst({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" }, select: { id: true, asOf: true } });
}

export const seriesKey = (series: { locationId: number; productId: number }): string => `${series.locationId}|${series.productId}`;

/** Reads the record within the segment's series filter (the same one its exceptions get). */
export async function loadDriftRecord(db: Db, seriesWhere: KpiSegment["seriesWhere"]): Promise<DriftRecord | null> {
  const run = await findDriftRecordRun(db);
  if (!run) return null;
  const [rows, queued] = await Promise.all([
    db.planRunDriftFinding.findMany({
      where: { ...seriesWhere, planRunId: run.id },
      select: { locationId: true, productId: true, category: true, method: true, moneyAtRisk: true, bias: true, currentBias: true, passedValueBar: true },
    }),
    db.exception.findMany({ where: { ...seriesWhere, type: "forecast_drift", status: { in: [...ACTIVE_EXCEPTION_STATUSES] } }, select: { id: true, locationId: true, productId: true } }),
  ]);
  const [products, locations] = await Promise.all([
    db.product.findMany({ where: { id: { in: [...new Set([...rows, ...queued].map((row) => row.productId))] } }, select: { id: true, sku: true, name: true } }),
    db.location.findMany({ where: { id: { in: [...new Set([...rows, ...queued].map((row) => row.locationId))] } }, select: { id: true, code: true, name: true } }),
  ]);
  return {
    run,
    findings: rows.map((row) => ({ ...row, method: canonicalMethod(row.method) })),
    products: new Map(products.map(({ id, ...product }) => [id, product])),
    locations: new Map(locations.map(({ id, ...location }) => [id, location])),
    queued: new Map(queued.map((row) => [seriesKey(row), row])),
  };
}

/** The group a finding belongs to under a grouping: its SKU code, its category, or its model. */
export function driftGroupKey(grouping: DriftGrouping, finding: DriftRecordFinding, products: DriftRecord["products"]): string {
  if (grouping === "sku") return products.get(finding.productId)?.sku ?? String(finding.productId);
  return grouping === "category" ? finding.category : finding.method;
}

/**
 * The queue's filter that lists exactly `series`' drift items of the segment: forecast drift, open or
 * snoozed (what "in the queue" counts), the segment's category and SKU, the group's own filter (SKU,
 * category or model), and — when the segment narrows locations (a region, a store, a channel, a
 * scoped user) — the locations of those series by code. Listing the locations, rather than the
 * region, keeps the queue to the segment's series whatever narrowed it (the queue has no channel
 * filter, and a region's DC is outside the dashboard's stores and online node).
 */
export function driftQueueSearch(
  record: Pick<DriftRecord, "products" | "locations">,
  seriesWhere: KpiSegment["seriesWhere"],
  series: readonly { locationId: number; productId: number }[],
  group?: { grouping: DriftGrouping; key: string },
): string {
  const params = new URLSearchParams({ type: "forecast_drift", status: ACTIVE_EXCEPTION_STATUSES.join(",") });
  if (seriesWhere.locationId) {
    const codes = [...new Set(series.map((item) => record.locations.get(item.locationId)?.code ?? ""))].filter(Boolean).sort();
    params.set("location", codes.join(","));
  }
  if (typeof seriesWhere.category === "string") params.set("category", seriesWhere.category);
  if (seriesWhere.productId !== undefined) params.set("sku", record.products.get(seriesWhere.productId)?.sku ?? "");
  if (group) params.set(group.grouping, group.key);
  return params.toString();
}
