import { z } from "zod";
import type { KpiId } from "../engine/kpis/kpi-definitions";
import { formatInt } from "./format";

export const KPI_PERIODS = [7, 14, 28] as const;
export const KPI_CHANNELS = ["all", "stores", "online"] as const;
export const KPI_CHARTS = ["service", "inventory", "accuracy", "breakdown", "model-mix", "drift", "fva", "outcomes"] as const;
export type TKpiChart = (typeof KPI_CHARTS)[number];

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : undefined));

/** Dashboard filters and drill-down position, from the URL. Unknown values are refused (422) at the API. */
export const ZKpiQuery = z.object({
  period: z.coerce
    .number()
    .refine((n): n is (typeof KPI_PERIODS)[number] => (KPI_PERIODS as readonly number[]).includes(n), "period is 7, 14 or 28 days")
    .default(28),
  channel: z.enum(KPI_CHANNELS).default("all"),
  region: optionalText,
  location: optionalText,
  category: optionalText,
  sku: optionalText,
});
export type TKpiQuery = z.infer<typeof ZKpiQuery>;

export const ZKpiApiQuery = ZKpiQuery.extend({
  chart: z.enum(KPI_CHARTS).default("service"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type TKpiApiQuery = z.infer<typeof ZKpiApiQuery>;

/** Below this many observations a rate or median is anecdote, and the tile says so. */
export const SMALL_SAMPLE = 30;

/** "from 1 decision by a person", "from 3 approved actions": the noun before "by" (or the last word) takes the plural. */
export function formatSample(sample: { count: number; of: string }): string {
  if (sample.count === 1) return `from 1 ${sample.of}`;
  const [noun, qualifier] = sample.of.split(" by ");
  return `from ${formatInt(sample.count)} ${noun}s${qualifier ? ` by ${qualifier}` : ""}`;
}

export interface KpiTile {
  id: KpiId;
  value: number | null;
  previous: number | null;
  /** What the figure covers when it is not the selected period, e.g. "at the last plan run". */
  basis?: string;
  /** How many observations a rate or median rests on, e.g. { count: 1, of: "decision" }; shown when small. */
  sample?: { count: number; of: string };
}

export interface ServicePoint {
  day: string;
  inStock: number | null;
  fillRate: number | null;
  lostSales: number;
  revenue: number;
}

export interface InventoryPoint {
  asOf: string;
  /** "plan-run": a run's stock position; "stock-history": an imported stock snapshot from before the first run. */
  source: "plan-run" | "stock-history";
  workingCapital: number;
  excessValue: number;
  markdownExposure: number;
  weeksOfCover: number | null;
}

export interface AccuracyPoint {
  weekStart: string;
  source: "realized" | "backtest";
  wape: number | null;
  mase: number | null;
  bias: number | null;
}

export interface BreakdownRow {
  key: string;
  label: string;
  /** Query string of the drill-down one level deeper; null at the deepest level. */
  drill: string | null;
  revenue: number;
  /** Units demanded in the period (sold plus estimated lost): what in-stock and fill rate are weighted by. */
  demandUnits: number;
  inStock: number | null;
  fillRate: number | null;
  lostSales: number;
  workingCapital: number;
  weeksOfCover: number | null;
  /** Null at SKU level for a series without stored policy levels. */
  excessValue: number | null;
  wape: number | null;
  bias: number | null;
}

/**
 * Forecast drift in the segment as model monitoring: the latest whole-network plan run's drift record
 * (every finding, below the value bar or not), grouped the ways a forecaster looks at it.
 */
export interface DriftMonitoring {
  /** Plan date of the run the record is of; null before any network run has written one. */
  asOf: string | null;
  findings: number;
  /** Findings whose money effect is below the value bar: monitored here, not in the queue. */
  belowValueBar: number;
  /** Open or snoozed forecast drift exceptions in the queue. */
  inQueue: number;
  /** Money at risk of all the findings together. */
  moneyAtRisk: number;
  /** Queue filter listing exactly the segment's drift in the queue; null when none is. */
  queueSearch: string | null;
  groups: Record<DriftGrouping, DriftGroupRow[]>;
}

export const DRIFT_GROUPINGS = ["sku", "category", "model"] as const;
export type DriftGrouping = (typeof DRIFT_GROUPINGS)[number];
export const DRIFT_GROUPING_LABEL: Record<DriftGrouping, string> = { sku: "SKU", category: "Category", model: "Model" };

export interface DriftGroupRow {
  /** SKU code, category name or forecasting method. */
  key: string;
  /** What a planner reads: the product's name, the category, the method in words. */
  label: string;
  findings: number;
  /** Of them, below the value bar (not in the queue). */
  belowValueBar: number;
  /** Of them, open or snoozed in the queue. */
  inQueue: number;
  /** Locations where the drift was found. */
  locations: number;
  moneyAtRisk: number;
  /**
   * Queue filter that lists exactly this group's drift items in the queue (by SKU, category or model,
   * within the segment); null when none of its drift is in the queue.
   */
  queueSearch: string | null;
}

/** A drift group's page: `/dashboard/drift?by=model&key=…` with the dashboard's segment filters. */
export const ZDriftSeriesQuery = ZKpiQuery.extend({
  by: z.enum(DRIFT_GROUPINGS),
  key: z.string().trim().min(1).max(200),
});
export type TDriftSeriesQuery = z.infer<typeof ZDriftSeriesQuery>;

/** The drift page of a dashboard group, keeping the dashboard's segment (period aside: the record is the latest plan's). */
export function driftSeriesHref(query: TKpiQuery, grouping: DriftGrouping, key: string): string {
  const params = new URLSearchParams();
  if (query.channel !== "all") params.set("channel", query.channel);
  for (const name of ["region", "location", "category", "sku"] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  params.set("by", grouping);
  params.set("key", key);
  return `/dashboard/drift?${params.toString()}`;
}

/** One drifting series of a group, as the drift page lists it. */
export interface DriftSeriesRow {
  product: { sku: string; name: string };
  location: { code: string; name: string };
  /** The forecasting method in words. */
  model: string;
  /** Backtest bias, (forecast − actual) / actual: positive means over-forecast. */
  bias: number;
  /** The current forecast against the last backtest window of sales. */
  currentBias: number;
  moneyAtRisk: number;
  passedValueBar: boolean;
  /** Its open or snoozed drift exception, when it is in the queue. */
  exceptionId: string | null;
}

export interface DriftSeriesList {
  /** Plan date of the record's run. */
  asOf: string;
  grouping: DriftGrouping;
  key: string;
  /** The group in words, as the dashboard's row names it. */
  label: string;
  /** Largest money at risk first. */
  rows: DriftSeriesRow[];
  moneyAtRisk: number;
  inQueue: number;
  belowValueBar: number;
  /** Queue filter listing exactly the group's drift in the queue; null when none is. */
  queueSearch: string | null;
}

export interface ModelMixRow {
  method: string;
  series: number;
  share: number;
  wape: number | null;
  bias: number | null;
  source: "realized" | "backtest";
}

export interface FvaRow {
  group: string;
  overrides: number;
  measured: number;
  valueAddedUnits: number;
  valueAddedShare: number | null;
}

export interface OutcomeSummary {
  approved: number;
  protected: number;
  missed: number;
  pending: number;
  valueProtected: number;
}

export interface Crumb {
  label: string;
  query: string;
}

export interface KpiDashboard {
  status: "ready" | "no-snapshot";
  query: TKpiQuery;
  asOf: string | null;
  level: "network" | "region" | "location" | "category" | "sku";
  breakdownLevel: "region" | "location" | "category" | "sku" | null;
  crumbs: Crumb[];
  options: { regions: string[]; categories: string[] };
  tiles: KpiTile[];
  service: ServicePoint[];
  /** Weeks whose realized accuracy judges forecasts made afresh from the history up to them (no run had forecast them). */
  backfilledForecastWeeks: number;
  /** Series forecast afresh for the most covered back-filled week (a sample on large networks). */
  backfilledForecastSeries: number;
  inventory: InventoryPoint[];
  accuracy: AccuracyPoint[];
  breakdown: BreakdownRow[];
  modelMix: ModelMixRow[];
  drift: DriftMonitoring;
  fva: { byPlanner: FvaRow[]; byCategory: FvaRow[]; byReason: FvaRow[]; total: FvaRow };
  outcomes: OutcomeSummary;
}
