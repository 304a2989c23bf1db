import "server-only";
import type { SeriesPlan } from "../../engine/plan/plan-types";
import type { DemandSeries, SeriesForecast } from "../../engine/types";
import type { Db, DbTransaction } from "../db";
import { BatchedUpsert } from "../imports/batched-upsert";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { backfillForecastHistory, backfillStockHistory } from "./backfill-kpi-history";
import { buildForecastAccuracy } from "./build-forecast-accuracy";
import { buildKpiDaily, type KpiProduct } from "./build-kpi-daily";
import { buildKpiInventory } from "./build-kpi-inventory";
import { buildRunForecasts, STORED_FORECAST_WEEKS, type SeriesKey } from "./build-run-forecasts";
import { computeForecastValueAdded } from "./compute-forecast-value-added";
import { loadSalesWindow } from "./load-sales-window";
import { runWriteTransaction } from "../write-transaction";

/** Days of daily KPI facts: the current 28-day period and the one before, for the trend. */
export const KPI_WINDOW_DAYS = 56;
/** Stored forecasts older than this are no longer judged and are dropped (and plan runs' drift findings with them). */
export const FORECAST_RETENTION_DAYS = KPI_WINDOW_DAYS + STORED_FORECAST_WEEKS * 7;
const CHUNK = 1_000;
/**
 * Tens of thousands of fact rows per run (27 k daily cells and 59 k forecast rows on the medium demo)
 * go in as multi-row INSERTs with numbers written as literals (imports/batched-upsert.ts): through
 * Prisma's createMany they were most of the KPI step's CPU time.
 */
const KPI_DAILY_COLUMNS = ["planRunId", "day", "locationId", "category", "seriesDays", "stockoutDays", "stockoutDemand", "unitsSold", "revenue", "cogs", "lostUnits", "lostSales"] as const;
const PLAN_RUN_FORECAST_COLUMNS = ["planRunId", "locationId", "productId", "week", "weekStart", "mean", "p10", "p90", "method"] as const;
const KPI_ACCURACY_COLUMNS = ["planRunId", "source", "weekStart", "locationId", "category", "method", "series", "absError", "actual", "forecast", "naiveAbsError"] as const;

async function insertRows<Row extends object>(tx: DbTransaction, table: string, columns: readonly (keyof Row & string)[], rows: readonly Row[]): Promise<void> {
  const insert = new BatchedUpsert(tx, { table, columns, conflictColumns: [], comparedColumns: [] });
  for (const row of rows) {
    const values = columns.map((column) => {
      const value = row[column];
      if (value === undefined || value === null) return null;
      if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
      throw new Error(`${table}.${column}: cannot insert ${typeof value}`);
    });
    if (insert.add(values)) await insert.flush();
  }
  await insert.flush();
}

/** What the KPIs read of a series' plan: its projected stock, demand and order-up-to level. */
export interface KpiSeriesPlan {
  seriesId: string;
  projection: Pick<SeriesPlan["projection"], "onHand">;
  forecast: Pick<SeriesPlan["forecast"], "meanDaily">;
  policy: Pick<SeriesPlan["policy"], "orderUpToLevel">;
}
/** What the KPIs read of a series' forecast (its first STORED_FORECAST_WEEKS weeks are enough). */
export type KpiSeriesForecast = Pick<SeriesForecast, "firstDay" | "method" | "accuracy" | "mean" | "quantiles">;

export interface KpiRunOutput {
  /**
   * Every series' forecast of the run, after overrides, by engine series id (`${locationCode}|${sku}`),
   * in pages read through the KPI step's own transaction: a sharded run's pages come from its shard
   * rows, so a large network's forecasts (about 1 KB per series) and their rows are never all in memory.
   */
  forecastPages: (reader: DbTransaction) => AsyncIterable<ReadonlyMap<string, KpiSeriesForecast>>;
  series: readonly KpiSeriesPlan[];
  /** The plan's demand series; with them, past weeks no stored forecast covers are forecast afresh (backfill-kpi-history.ts). */
  history?: readonly DemandSeries[];
}

export type KpiSnapshotOutcome =
  | {
      status: "computed";
      dailyRows: number;
      inventoryRows: number;
      forecastRows: number;
      accuracyRows: number;
      overridesMeasured: number;
      /** Trend history back-filled from imported data: inventory rows of past weeks, forecast rows of past origins. */
      backfilled: { inventoryRows: number; forecastRows: number };
    }
  | { status: "skipped"; reason: "not-found" | "scoped-run" };

/**
 * Precomputes the dashboard's aggregates for a network plan run, so the page reads a few thousand
 * summed rows instead of scanning sales: service facts per day × location × category over the last
 * 56 days, the inventory position per location × category, the run's forecast (kept for later
 * accuracy), forecast accuracy (realized and backtest) and the value added of forecast overrides.
 * A one-series replan (after an override) changes too little to restate the network, so it is skipped.
 */
export async function computeKpiSnapshot(db: Db, planRunId: string, output: KpiRunOutput, now: Date = new Date()): Promise<KpiSnapshotOutcome> {
  const run = await db.planRun.findUnique({ where: { id: planRunId }, select: { asOf: true, scope: true } });
  if (!run) return { status: "skipped", reason: "not-found" };
  if (run.scope) return { status: "skipped", reason: "scoped-run" };

  const asOfDay = toDayNumber(run.asOf);
  const [locations, productRows] = await Promise.all([
    db.location.findMany({ select: { id: true, code: true } }),
    db.product.findMany({ select: { id: true, sku: true, category: true, unitCost: true, unitPrice: true } }),
  ]);
  const locationIds = new Map(locations.map((l) => [l.code, l.id]));
  const productIds = new Map(productRows.map((p) => [p.sku, p.id]));
  const products = new Map<number, KpiProduct>(productRows.map((p) => [p.id, p]));
  const resolveSeries = (seriesId: string): SeriesKey | null => {
    const [code, sku] = seriesId.split("|");
    const locationId = code === undefined ? undefined : locationIds.get(code);
    const productId = sku === undefined ? undefined : productIds.get(sku);
    return locationId === undefined || productId === undefined ? null : { locationId, productId };
  };

  const window = await loadSalesWindow(asOfDay - KPI_WINDOW_DAYS, KPI_WINDOW_DAYS);
  const daily = buildKpiDaily(planRunId, window, products);
  const cogs28 = new Map<string, number>();
  const recentFrom = fromDayNumber(asOfDay - 28).getTime();
  for (const cell of daily) {
    if ((cell.day as Date).getTime() < recentFrom) continue;
    const key = `${cell.locationId}|${cell.category}`;
    cogs28.set(key, (cogs28.get(key) ?? 0) + (cell.cogs ?? 0));
  }
  const inventory = buildKpiInventory({ planRunId, asOf: run.asOf, series: output.series, resolveSeries, products, cogs28 });
  const stored = await db.planRunForecast.findMany({
    where: { weekStart: { gte: fromDayNumber(asOfDay - KPI_WINDOW_DAYS), lte: fromDayNumber(asOfDay - 7) } },
  });
  const stockHistory = await backfillStockHistory(db, { asOfDay, series: output.series, resolveSeries, products });
  const forecastHistory = output.history ? backfillForecastHistory({ asOfDay, history: output.history, stored, resolveSeries }) : [];

  const { forecastRows, accuracy } = await runWriteTransaction(db, async (tx) => {
      await tx.kpiDaily.deleteMany({});
      await tx.kpiForecastAccuracy.deleteMany({});
      await tx.kpiInventory.deleteMany({ where: { planRunId } });
      await tx.planRunForecast.deleteMany({ where: { OR: [{ planRunId }, { weekStart: { lt: fromDayNumber(asOfDay - FORECAST_RETENTION_DAYS) } }] } });
      await insertRows(tx, "KpiDaily", KPI_DAILY_COLUMNS, daily);
      const inventoryRows = [...inventory, ...stockHistory];
      for (let i = 0; i < inventoryRows.length; i += CHUNK) await tx.kpiInventory.createMany({ data: inventoryRows.slice(i, i + CHUNK) });
      // The run's forecasts page by page: their weekly rows are written, and only what the backtest
      // accuracy reads of each (its method and backtest figures) is kept.
      const backtests = new Map<string, Pick<KpiSeriesForecast, "method" | "accuracy">>();
      let forecastRows = 0;
      for await (const page of output.forecastPages(tx)) {
        const rows = buildRunForecasts(planRunId, page, resolveSeries);
        forecastRows += rows.length;
        await insertRows(tx, "PlanRunForecast", PLAN_RUN_FORECAST_COLUMNS, rows);
        for (const [seriesId, forecast] of page) backtests.set(seriesId, { method: forecast.method, ...(forecast.accuracy ? { accuracy: forecast.accuracy } : {}) });
      }
      await insertRows(tx, "PlanRunForecast", PLAN_RUN_FORECAST_COLUMNS, forecastHistory);
      const accuracy = buildForecastAccuracy({ planRunId, asOfDay, window, stored: [...stored, ...forecastHistory], forecasts: backtests, resolveSeries, products });
      await insertRows(tx, "KpiForecastAccuracy", KPI_ACCURACY_COLUMNS, accuracy);
      return { forecastRows, accuracy };
    },
    // Only the KPI step writes these tables: decisions and imports need not wait for it (PostgreSQL).
    { maxWait: 60_000, timeout: 10 * 60_000, lock: { keys: ["kpi-snapshot"] } },
  );
  const overridesMeasured = await computeForecastValueAdded(db, asOfDay - 1, now);
  return {
    status: "computed",
    dailyRows: daily.length,
    inventoryRows: inventory.length,
    forecastRows,
    accuracyRows: accuracy.length,
    overridesMeasured,
    backfilled: { inventoryRows: stockHistory.length, forecastRows: forecastHistory.length },
  };
}
