import "server-only";
import type { PlanRunForecast, Prisma } from "@prisma/client";
import { fromDayNumber, isoDay } from "../../engine/calendar";
import { forecastPanel } from "../../engine/forecast/forecast-panel";
import type { DayNumber, DemandSeries, SeriesForecast } from "../../engine/types";
import type { Db } from "../db";
import type { KpiProduct } from "./build-kpi-daily";
import { buildKpiInventory } from "./build-kpi-inventory";
import { buildRunForecasts, type SeriesKey } from "./build-run-forecasts";
import type { KpiSeriesPlan } from "./compute-kpi-snapshot";
import { loadSalesWindow } from "./load-sales-window";

/**
 * Trend points of a new database come from the data it imported, never from runs it did not make.
 * Their "plan run" ids say where they came from, so nothing takes them for a run.
 */
export const STOCK_HISTORY_RUN_PREFIX = "stock-history:";
export const FORECAST_HISTORY_RUN_PREFIX = "forecast-history:";
export const isStockHistoryRun = (planRunId: string) => planRunId.startsWith(STOCK_HISTORY_RUN_PREFIX);

/** Weekly inventory points back-filled before the first run: with the run itself, the dashboard's twelve. */
export const STOCK_HISTORY_WEEKS = 11;
/** A snapshot counts for a week if it was taken in the seven days up to the week's date. */
const SNAPSHOT_WEEK_DAYS = 7;
/** A week is back-filled only if its snapshots hold at least this share of the run's planned series. */
const MIN_SNAPSHOT_COVERAGE = 0.5;
/** Demand of a back-filled week: the mean daily units sold over the days before it (as cogs28). */
const DEMAND_DAYS = 28;
/** One-week-ahead forecasts back-filled for the weeks the realized accuracy judges (a naive week before each must fit the 56-day window). */
export const FORECAST_HISTORY_WEEKS = 7;
/**
 * At most this many series are forecast afresh per past week: seven extra forecasts of a whole
 * retailer's network would cost a first plan run seven times its forecasting. Larger networks are
 * judged on an evenly spaced sample of their series (every k-th by id), as WAPE pools well.
 */
export const FORECAST_HISTORY_MAX_SERIES = 5_000;
/** A series needs this much history at an origin to be forecast there. */
const MIN_ORIGIN_HISTORY_DAYS = 28;

/**
 * Inventory trend points for the weeks before the first plan run, from the imported stock snapshots
 * (inventory.csv rows of earlier `as_of` dates, as an ERP's stock history export holds them). For
 * each week's date, each series' latest snapshot of the seven days up to it; demand is what sold in
 * the 28 days before, and excess is judged against today's policy levels (the only policy there is).
 * A week whose snapshots cover less than half of today's planned series, and every week before it,
 * is left out: one stock count is not a history.
 */
export async function backfillStockHistory(
  db: Db,
  input: {
    asOfDay: DayNumber;
    /** Today's plan: which series are stocked, and their order-up-to levels. */
    series: readonly KpiSeriesPlan[];
    resolveSeries: (seriesId: string) => SeriesKey | null;
    products: ReadonlyMap<number, KpiProduct>;
  },
): Promise<Prisma.KpiInventoryCreateManyInput[]> {
  const covered = new Set((await db.kpiInventory.groupBy({ by: ["asOf"] })).map((row) => row.asOf.getTime()));
  const weeks = Array.from({ length: STOCK_HISTORY_WEEKS }, (_, k) => input.asOfDay - SNAPSHOT_WEEK_DAYS * (k + 1)).filter(
    (day) => !covered.has(fromDayNumber(day).getTime()),
  );
  if (weeks.length === 0) return [];
  const oldest = Math.min(...weeks);
  const positions = await db.inventoryPosition.findMany({
    where: { asOf: { gt: fromDayNumber(oldest - SNAPSHOT_WEEK_DAYS), lt: fromDayNumber(input.asOfDay) } },
    select: { locationId: true, productId: true, asOf: true, onHand: true },
    orderBy: { asOf: "asc" },
  });
  if (positions.length === 0) return [];

  const orderUpTo = new Map<string, number>();
  for (const plan of input.series) {
    const key = input.resolveSeries(plan.seriesId);
    if (key) orderUpTo.set(`${key.locationId}|${key.productId}`, plan.policy.orderUpToLevel);
  }
  const window = await loadSalesWindow(oldest - DEMAND_DAYS, input.asOfDay - (oldest - DEMAND_DAYS));
  const salesByKey = new Map(window.series.map((s) => [`${s.locationId}|${s.productId}`, s.units]));
  const unitsBefore = (key: string, day: DayNumber) => {
    const units = salesByKey.get(key);
    if (!units) return 0;
    let total = 0;
    for (let i = day - DEMAND_DAYS - window.firstDay; i < day - window.firstDay; i++) total += units[i] ?? 0;
    return total;
  };
  const parseKey = (key: string): SeriesKey => {
    const [locationId, productId] = key.split("|").map(Number) as [number, number];
    return { locationId, productId };
  };

  const rows: Prisma.KpiInventoryCreateManyInput[] = [];
  for (const day of weeks.sort((a, b) => b - a)) {
    const latest = new Map<string, number>();
    for (const position of positions) {
      const positionDay = position.asOf.getTime();
      if (positionDay > fromDayNumber(day).getTime() || positionDay <= fromDayNumber(day - SNAPSHOT_WEEK_DAYS).getTime()) continue;
      latest.set(`${position.locationId}|${position.productId}`, position.onHand);
    }
    if (latest.size < MIN_SNAPSHOT_COVERAGE * orderUpTo.size) break;
    const series: KpiSeriesPlan[] = [];
    const cogs28 = new Map<string, number>();
    for (const [key, onHand] of latest) {
      const { locationId, productId } = parseKey(key);
      const product = input.products.get(productId);
      if (!product) continue;
      const sold = unitsBefore(key, day);
      series.push({ seriesId: key, projection: { onHand }, forecast: { meanDaily: sold / DEMAND_DAYS }, policy: { orderUpToLevel: orderUpTo.get(key) ?? Infinity } });
      const cell = `${locationId}|${product.category}`;
      cogs28.set(cell, (cogs28.get(cell) ?? 0) + sold * product.unitCost);
    }
    rows.push(
      ...buildKpiInventory({
        planRunId: `${STOCK_HISTORY_RUN_PREFIX}${isoDay(day)}`,
        asOf: fromDayNumber(day),
        series,
        resolveSeries: parseKey,
        products: input.products,
        cogs28,
      }),
    );
  }
  return rows;
}

/**
 * One-week-ahead forecasts for the past weeks no stored forecast covers: the engine forecasts each
 * series from its history up to the week before (a rolling origin), with the week's planned
 * promotions known, as a plan run on that day would have. Realized accuracy then judges those weeks
 * like any other. Statistical forecasts only: planners' overrides of the time are not known.
 */
export function backfillForecastHistory(input: {
  asOfDay: DayNumber;
  /** The plan's demand series, ending the day before `asOfDay`. */
  history: readonly DemandSeries[];
  /** Stored forecasts of the weeks the realized accuracy judges. */
  stored: readonly Pick<PlanRunForecast, "weekStart">[];
  resolveSeries: (seriesId: string) => SeriesKey | null;
  backtestDays?: number;
  maxSeries?: number;
}): PlanRunForecast[] {
  const storedWeeks = new Set(input.stored.map((row) => row.weekStart.getTime()));
  const sample = evenlySpacedSample(input.history, input.maxSeries ?? FORECAST_HISTORY_MAX_SERIES);
  const rows: PlanRunForecast[] = [];
  for (let k = 1; k <= FORECAST_HISTORY_WEEKS; k++) {
    const origin = input.asOfDay - 7 * k;
    if (storedWeeks.has(fromDayNumber(origin).getTime())) continue;
    const futurePromo = new Map<string, Uint8Array>();
    const series: DemandSeries[] = [];
    for (const full of sample) {
      const length = origin - full.firstDay;
      if (length < MIN_ORIGIN_HISTORY_DAYS) continue;
      const cut: DemandSeries = { id: full.id, firstDay: full.firstDay, units: full.units.subarray(0, length) };
      if (full.onPromo) {
        cut.onPromo = full.onPromo.subarray(0, length);
        futurePromo.set(full.id, full.onPromo.slice(length, length + 7));
      }
      if (full.stockout) cut.stockout = full.stockout.subarray(0, length);
      if (full.group !== undefined) cut.group = full.group;
      series.push(cut);
    }
    if (series.length === 0) continue;
    const forecasts = new Map<string, Pick<SeriesForecast, "firstDay" | "method" | "mean" | "quantiles">>(
      forecastPanel(series, { horizon: 7, futurePromo, ...(input.backtestDays === undefined ? {} : { backtestDays: input.backtestDays }) }).map((forecast) => [forecast.id, forecast]),
    );
    for (const row of buildRunForecasts(`${FORECAST_HISTORY_RUN_PREFIX}${isoDay(origin)}`, forecasts, input.resolveSeries)) {
      rows.push({ ...row, weekStart: new Date(row.weekStart) });
    }
  }
  return rows;
}

function evenlySpacedSample(history: readonly DemandSeries[], size: number): readonly DemandSeries[] {
  if (history.length <= size) return history;
  const byId = [...history].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return Array.from({ length: size }, (_, k) => byId[Math.floor((k * byId.length) / size)]!);
}
