import "server-only";
import type { KpiDaily, KpiForecastAccuracy, KpiInventory, Prisma } from "@prisma/client";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { pooledBias, pooledMase, pooledWape, sumForecastErrorTotals } from "../../engine/kpis/forecast-accuracy";
import { inventoryTurns, summarizeStockPositions, weeksOfCover } from "../../engine/kpis/inventory-health";
import { returnRate } from "../../engine/kpis/return-rate";
import { demandUnits, fillRate, inStockRate, sumServiceTotals } from "../../engine/kpis/service-level";
import type { Db } from "../db";
import { hasGlobalReach, type ScopedActor } from "../../contracts/permissions";
import { fromDayNumber, isoDay, toDayNumber } from "../../engine/calendar";
import { parseSeriesChartData } from "../../contracts/plan-runs";
import { formatDate } from "../../contracts/format";
import { assessDecisionOutcomes } from "./assess-decision-outcomes";
import { FORECAST_HISTORY_RUN_PREFIX, isStockHistoryRun } from "./backfill-kpi-history";
import { buildKpiDaily } from "./build-kpi-daily";
import { KPI_WINDOW_DAYS } from "./compute-kpi-snapshot";
import type { AccuracyPoint, BreakdownRow, InventoryPoint, KpiDashboard, KpiTile, ModelMixRow, ServicePoint, TKpiQuery } from "../../contracts/kpis";
import { loadSalesWindow } from "./load-sales-window";
import { groupForecastDrift, NO_DRIFT_RECORD } from "./group-forecast-drift";
import { drillQuery, resolveKpiSegment, type KpiSegment } from "./resolve-kpi-segment";
import { PLANNER_OVERRIDES, summarizeForecastValueAdded } from "./summarize-forecast-value-added";
import { summarizeWorkflow } from "./summarize-workflow";

/** Methods listed one by one in the model mix; the long tail is one "other" row. */
const MODEL_MIX_ROWS = 10;
/** Plan runs shown in the inventory trend. */
const INVENTORY_RUNS = 12;

type ServiceSums = Pick<KpiDaily, "seriesDays" | "stockoutDays" | "stockoutDemand" | "unitsSold" | "revenue" | "lostUnits" | "lostSales">;
/** Service sums of one segment cell over the current period (location × category, or × SKU when live). */
type DailyCell = ServiceSums & Pick<KpiDaily, "locationId" | "category"> & { productId?: number };
/** Service sums by day over the window (for the chart and the period-over-period tiles), and by cell over the period. */
interface DailyAggregates {
  byDay: (ServiceSums & { day: Date })[];
  bySegment: DailyCell[];
  /** Live SKU level only: cost of goods sold over the last 28 days per product, for inventory turns. */
  cogs28ByProduct?: Map<number, number>;
}
const SERVICE_SUMS = { seriesDays: true, stockoutDays: true, stockoutDemand: true, unitsSold: true, revenue: true, lostUnits: true, lostSales: true } as const;
type InventoryCell = Pick<KpiInventory, "planRunId" | "asOf" | "locationId" | "category" | "onHandUnits" | "onHandCost" | "dailyDemand" | "markdownExposure" | "cogs28"> & {
  excessValue: number | null;
  productId?: number;
};
type AccuracyCell = Pick<KpiForecastAccuracy, "source" | "weekStart" | "locationId" | "category" | "absError" | "actual" | "forecast" | "naiveAbsError">;
type MethodAccuracy = Pick<KpiForecastAccuracy, "source" | "method" | "absError" | "actual" | "forecast" | "naiveAbsError">;
const ERROR_SUMS = { absError: true, actual: true, forecast: true, naiveAbsError: true } as const;
const errorSums = (s: Partial<Record<keyof typeof ERROR_SUMS, number | null>>) => ({
  absError: s.absError ?? 0,
  actual: s.actual ?? 0,
  forecast: s.forecast ?? 0,
  naiveAbsError: s.naiveAbsError ?? 0,
});

const sum = <T>(rows: readonly T[], pick: (row: T) => number) => rows.reduce((s, r) => s + pick(r), 0);

/**
 * Everything the dashboard shows for one drill position and filter set, from the aggregates the last
 * network plan run precomputed. Only the SKU level (one location × category) reads sales and stock
 * live, which is a few thousand rows.
 */
export async function getKpiDashboard(db: Db, query: TKpiQuery, actor: ScopedActor, now: Date = new Date()): Promise<KpiDashboard> {
  const segment = await resolveKpiSegment(db, query, actor);
  const runs = await db.kpiInventory.groupBy({ by: ["planRunId", "asOf"], orderBy: { asOf: "desc" }, take: INVENTORY_RUNS });
  const empty: KpiDashboard = {
    status: "no-snapshot",
    query,
    asOf: null,
    level: segment.level,
    breakdownLevel: segment.breakdownLevel,
    crumbs: segment.crumbs,
    options: { regions: segment.regions, categories: segment.categories },
    tiles: [],
    service: [],
    backfilledForecastWeeks: 0,
    backfilledForecastSeries: 0,
    inventory: [],
    accuracy: [],
    breakdown: [],
    modelMix: [],
    drift: NO_DRIFT_RECORD,
    fva: { byPlanner: [], byCategory: [], byReason: [], total: { group: PLANNER_OVERRIDES, overrides: 0, measured: 0, valueAddedUnits: 0, valueAddedShare: null } },
    outcomes: { approved: 0, protected: 0, missed: 0, pending: 0, valueProtected: 0 },
  };
  const latest = runs[0];
  if (!latest) return empty;
  const asOfDay = toDayNumber(latest.asOf);
  const locationIds = segment.locations.map((l) => l.id);
  const productIds = segment.category || !hasGlobalReach(actor.role) ? await scopedProductIds(db, segment) : undefined;
  const live = segment.breakdownLevel === "sku" || segment.level === "sku";

  const periodStart = fromDayNumber(asOfDay - query.period);
  const dailyWhere = { locationId: { in: locationIds }, category: segment.categoryWhere };
  // One SKU is only known live. A location × category position shows the stored aggregates its
  // parent row showed (so a drilled page agrees with the row it came from) and lists its SKUs live.
  const skuTiles = segment.level === "sku";
  const [stored, skuRows, storedInventory, skuInventory, accuracy, methodAccuracy, mixCounts, drift, workflow, fva, outcomes, returned, backfilledOrigins] = await Promise.all([
    skuTiles ? Promise.resolve(null) : loadDailyAggregates(db, dailyWhere, periodStart),
    live ? loadLiveDaily(db, segment, asOfDay, periodStart) : Promise.resolve(null),
    skuTiles ? Promise.resolve([] as InventoryCell[]) : db.kpiInventory.findMany({ where: { planRunId: { in: runs.map((r) => r.planRunId) }, locationId: { in: locationIds }, category: segment.categoryWhere } }),
    live ? loadLiveInventory(db, segment, latest) : Promise.resolve(null),
    skuTiles
      ? Promise.resolve([] as AccuracyCell[])
      : db.kpiForecastAccuracy
          .groupBy({ by: ["source", "weekStart", "locationId", "category"], where: dailyWhere, _sum: ERROR_SUMS })
          .then((rows) => rows.map(({ _sum, ...key }): AccuracyCell => ({ ...key, ...errorSums(_sum) }))),
    skuTiles
      ? Promise.resolve([] as MethodAccuracy[])
      : db.kpiForecastAccuracy
          .groupBy({ by: ["source", "method"], where: dailyWhere, _sum: ERROR_SUMS })
          .then((rows) => rows.map(({ _sum, ...key }): MethodAccuracy => ({ ...key, ...errorSums(_sum) }))),
    db.planRunForecast.groupBy({
      by: ["method"],
      where: { planRunId: latest.planRunId, week: 0, locationId: { in: locationIds }, ...(productIds ? { productId: { in: productIds } } : {}) },
      _count: { _all: true },
    }),
    groupForecastDrift(db, segment.seriesWhere),
    summarizeWorkflow(db, segment.exceptionWhere, query.period, now),
    summarizeForecastValueAdded(db, { locationIds, productIds }),
    assessDecisionOutcomes(db, segment.exceptionWhere, asOfDay - 1),
    loadReturnedUnits(db, segment, locationIds, asOfDay, query.period),
    db.planRunForecast.groupBy({ by: ["planRunId"], where: { planRunId: { startsWith: FORECAST_HISTORY_RUN_PREFIX } }, _count: { _all: true } }),
  ]);
  const daily = stored ?? skuRows!;
  const cogs28ByProduct = skuRows?.cogs28ByProduct;
  if (cogs28ByProduct && skuInventory) for (const cell of skuInventory) cell.cogs28 = cogs28ByProduct.get(cell.productId ?? -1) ?? 0;
  const inventory: InventoryCell[] = skuTiles ? (skuInventory ?? []) : storedInventory;

  const period = query.period;
  const current = daily.byDay.filter((d) => toDayNumber(d.day) >= asOfDay - period);
  const previous = daily.byDay.filter((d) => toDayNumber(d.day) >= asOfDay - 2 * period && toDayNumber(d.day) < asOfDay - period);
  const serviceNow = sumServiceTotals(current);
  const serviceBefore = sumServiceTotals(previous);

  const latestInventory = inventory.filter((i) => i.planRunId === latest.planRunId);
  const previousRun = runs[1];
  const previousInventory = previousRun ? inventory.filter((i) => i.planRunId === previousRun.planRunId) : [];
  const stock = (cells: InventoryCell[]) => ({
    onHandUnits: sum(cells, (c) => c.onHandUnits),
    onHandCost: sum(cells, (c) => c.onHandCost),
    dailyDemand: sum(cells, (c) => c.dailyDemand),
    excessValue: cells.some((c) => c.excessValue === null) ? null : sum(cells, (c) => c.excessValue ?? 0),
    markdownExposure: sum(cells, (c) => c.markdownExposure),
    cogs: sum(cells, (c) => c.cogs28),
    cogsDays: 28,
  });
  const stockNow = stock(latestInventory);
  const stockBefore = previousRun ? stock(previousInventory) : null;

  const realized = accuracy.filter((a) => a.source === "realized");
  const backtest = accuracy.filter((a) => a.source === "backtest");
  const realizedNow = realized.filter((a) => a.weekStart >= periodStart);
  const realizedBefore = realized.filter((a) => a.weekStart < periodStart && a.weekStart >= fromDayNumber(asOfDay - 2 * period));
  // The tiles and the breakdown rows pool the same weeks: a region that is the whole scope reads the tile's WAPE.
  const accuracyWeeks = realizedNow.length > 0 ? realizedNow : backtest;
  const accuracyNow = sumForecastErrorTotals(accuracyWeeks);
  const accuracyBefore = realizedNow.length > 0 && realizedBefore.length > 0 ? sumForecastErrorTotals(realizedBefore) : null;
  const accuracyBasis = realizedNow.length > 0 ? undefined : "backtest, last plan run";
  const stockBasis =
    previousRun && isStockHistoryRun(previousRun.planRunId) ? `last plan run vs the stock snapshot of ${formatDate(previousRun.asOf.toISOString())}` : "last plan run vs the one before";

  // Both rates divide by the period's demand: a rate on a few units is anecdote, and the tiles say so.
  const demandSample = { count: Math.round(demandUnits(serviceNow)), of: "demand unit" };
  const tiles: KpiTile[] = [
    { id: "inStock", value: inStockRate(serviceNow), previous: inStockRate(serviceBefore), sample: demandSample },
    { id: "fillRate", value: fillRate(serviceNow), previous: fillRate(serviceBefore), sample: demandSample },
    { id: "lostSales", value: serviceNow.lostSales, previous: previous.length > 0 ? serviceBefore.lostSales : null },
    {
      id: "returnRate",
      value: returnRate(returned.current, serviceNow.unitsSold),
      previous: previous.length > 0 ? returnRate(returned.previous, serviceBefore.unitsSold) : null,
    },
    { id: "wape", value: pooledWape(accuracyNow), previous: accuracyBefore && pooledWape(accuracyBefore), basis: accuracyBasis },
    { id: "mase", value: pooledMase(accuracyNow), previous: accuracyBefore && pooledMase(accuracyBefore), basis: accuracyBasis },
    { id: "bias", value: pooledBias(accuracyNow), previous: accuracyBefore && pooledBias(accuracyBefore), basis: accuracyBasis },
    { id: "workingCapital", value: stockNow.onHandCost, previous: stockBefore?.onHandCost ?? null, basis: stockBasis },
    { id: "turns", value: inventoryTurns(stockNow), previous: stockBefore && inventoryTurns(stockBefore), basis: stockBasis },
    { id: "weeksOfCover", value: weeksOfCover(stockNow), previous: stockBefore && weeksOfCover(stockBefore), basis: stockBasis },
    { id: "excessValue", value: stockNow.excessValue, previous: stockBefore?.excessValue ?? null, basis: stockBasis },
    { id: "markdownExposure", value: stockNow.markdownExposure, previous: stockBefore?.markdownExposure ?? null, basis: stockBasis },
    ...workflow,
    {
      id: "forecastValueAdded",
      value: fva.total.measured > 0 ? fva.total.valueAddedUnits : null,
      previous: null,
      basis: "planner overrides with actuals",
      sample: { count: fva.total.measured, of: "measured override" },
    },
    {
      id: "decisionOutcome",
      value: outcomes.approved > 0 ? outcomes.valueProtected : null,
      previous: null,
      basis: "approved actions",
      sample: { count: outcomes.approved, of: "approved action" },
    },
  ];

  const service: ServicePoint[] = daily.byDay.map((d) => ({
    day: isoDay(toDayNumber(d.day)),
    inStock: inStockRate(d),
    fillRate: fillRate(d),
    lostSales: d.lostSales,
    revenue: d.revenue,
  }));

  const inventoryPoints: InventoryPoint[] = runs
    .map((run) => {
      const s = stock(inventory.filter((i) => i.planRunId === run.planRunId));
      return {
        asOf: isoDay(toDayNumber(run.asOf)),
        source: isStockHistoryRun(run.planRunId) ? ("stock-history" as const) : ("plan-run" as const),
        workingCapital: s.onHandCost,
        excessValue: s.excessValue ?? 0,
        markdownExposure: s.markdownExposure,
        weeksOfCover: weeksOfCover(s),
      };
    })
    .reverse();

  // Realized weeks and the day-level backtest measure different things: one line draws one of them.
  const accuracyPoints: AccuracyPoint[] = [...groupBy(realized.length > 0 ? realized : backtest, (a) => `${a.source}|${a.weekStart.toISOString()}`).values()]
    .map((cells) => {
      const t = sumForecastErrorTotals(cells);
      return { weekStart: cells[0]!.weekStart.toISOString().slice(0, 10), source: cells[0]!.source as AccuracyPoint["source"], wape: pooledWape(t), mase: pooledMase(t), bias: pooledBias(t) };
    })
    .sort((a, b) => (a.weekStart < b.weekStart ? -1 : 1));

  const mixTotal = sum(mixCounts, (m) => m._count._all);
  const mixSource: ModelMixRow["source"] = realized.length > 0 ? "realized" : "backtest";
  const mixAccuracy = methodAccuracy.filter((a) => a.source === mixSource);
  const mixSeries = new Map<string, number>();
  for (const m of mixCounts) mixSeries.set(canonicalMethod(m.method), (mixSeries.get(canonicalMethod(m.method)) ?? 0) + m._count._all);
  const modelMix: ModelMixRow[] = [...mixSeries.entries()]
    .map(([method, series]) => {
      const t = sumForecastErrorTotals(mixAccuracy.filter((a) => canonicalMethod(a.method) === method));
      return {
        method,
        series,
        share: mixTotal > 0 ? series / mixTotal : 0,
        wape: pooledWape(t),
        bias: pooledBias(t),
        source: mixSource,
      };
    })
    .sort((a, b) => b.series - a.series);
  const shownMix = modelMix.slice(0, MODEL_MIX_ROWS);
  const otherMix = modelMix.slice(MODEL_MIX_ROWS);
  if (otherMix.length > 0) {
    const t = sumForecastErrorTotals(mixAccuracy.filter((a) => !shownMix.some((m) => m.method === canonicalMethod(a.method))));
    const series = sum(otherMix, (m) => m.series);
    shownMix.push({ method: `${otherMix.length} other methods`, series, share: mixTotal > 0 ? series / mixTotal : 0, wape: pooledWape(t), bias: pooledBias(t), source: mixSource });
  }

  return {
    ...empty,
    status: "ready",
    asOf: isoDay(asOfDay),
    tiles,
    service,
    backfilledForecastWeeks: backfilledOrigins.length,
    backfilledForecastSeries: Math.max(0, ...backfilledOrigins.map((origin) => origin._count._all)),
    inventory: inventoryPoints,
    accuracy: accuracyPoints,
    breakdown: live
      ? buildBreakdown(query, segment, skuRows?.bySegment ?? [], skuInventory ?? [], [])
      : buildBreakdown(query, segment, daily.bySegment, latestInventory, accuracyWeeks),
    modelMix: shownMix,
    drift,
    fva,
    outcomes,
  };
}

/**
 * Units returned in the period and the one before, over the same days, locations and categories as
 * the units sold the rate divides by.
 */
async function loadReturnedUnits(db: Db, segment: KpiSegment, locationIds: number[], asOfDay: number, period: number): Promise<{ current: number; previous: number }> {
  const rows = await db.returnDaily.groupBy({
    by: ["date"],
    where: {
      locationId: { in: locationIds },
      date: { gte: fromDayNumber(asOfDay - 2 * period) },
      ...(segment.productId !== undefined ? { productId: segment.productId } : { product: { category: segment.categoryWhere } }),
    },
    _sum: { units: true },
  });
  let current = 0;
  let previous = 0;
  for (const row of rows) {
    if (toDayNumber(row.date) >= asOfDay - period) current += row._sum.units ?? 0;
    else previous += row._sum.units ?? 0;
  }
  return { current, previous };
}

/** Product ids of the segment's categories, for the tables keyed by product (stored forecasts, overrides). */
async function scopedProductIds(db: Db, segment: KpiSegment): Promise<number[]> {
  if (segment.products.length > 0) return segment.products.map((p) => p.id);
  const rows = await db.product.findMany({ where: { category: segment.categoryWhere }, select: { id: true } });
  return rows.map((r) => r.id);
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = out.get(key);
    if (list) list.push(row);
    else out.set(key, [row]);
  }
  return out;
}

/** One row per member of the next drill level, with the period's service figures and the latest stock. */
function buildBreakdown(query: TKpiQuery, segment: KpiSegment, daily: DailyCell[], inventory: InventoryCell[], accuracy: AccuracyCell[]): BreakdownRow[] {
  const level = segment.breakdownLevel;
  if (!level) return [];
  const locationById = new Map(segment.locations.map((l) => [l.id, l]));
  const productById = new Map(segment.products.map((p) => [p.id, p]));
  const keyOf = (cell: { locationId: number; category: string; productId?: number }): string =>
    level === "region" ? (locationById.get(cell.locationId)?.region ?? "") : level === "location" ? (locationById.get(cell.locationId)?.code ?? "") : level === "category" ? cell.category : String(cell.productId ?? "");
  const dailyBy = groupBy(daily, keyOf);
  const stockBy = groupBy(inventory, keyOf);
  const accuracyBy = groupBy(accuracy, keyOf);
  const keys = [...new Set([...dailyBy.keys(), ...stockBy.keys()])].filter(Boolean);
  return keys
    .map((key): BreakdownRow => {
      const service = sumServiceTotals(dailyBy.get(key) ?? []);
      const cells = stockBy.get(key) ?? [];
      const errors = sumForecastErrorTotals(accuracyBy.get(key) ?? []);
      const location = level === "location" ? segment.locations.find((l) => l.code === key) : undefined;
      const product = level === "sku" ? productById.get(Number(key)) : undefined;
      const label = location ? `${location.name} (${location.code})` : product ? `${product.sku} · ${product.name}` : key;
      const position =
        level === "region"
          ? { region: key }
          : level === "location"
            ? { region: query.region, location: key }
            : level === "category"
              ? { region: query.region, location: query.location, category: key }
              : { region: query.region, location: query.location, category: query.category, sku: product?.sku };
      return {
        key,
        label,
        drill: drillQuery(query, position),
        revenue: sum(dailyBy.get(key) ?? [], (c) => c.revenue),
        demandUnits: demandUnits(service),
        inStock: inStockRate(service),
        fillRate: fillRate(service),
        lostSales: service.lostSales,
        workingCapital: sum(cells, (c) => c.onHandCost),
        weeksOfCover: weeksOfCover({ onHandUnits: sum(cells, (c) => c.onHandUnits), dailyDemand: sum(cells, (c) => c.dailyDemand) }),
        excessValue: cells.some((c) => c.excessValue === null) ? null : sum(cells, (c) => c.excessValue ?? 0),
        wape: pooledWape(errors),
        bias: pooledBias(errors),
      };
    })
    .sort((a, b) => b.revenue - a.revenue);
}

/** Summed in SQLite: the page reads ~100 aggregate rows instead of tens of thousands of facts. */
async function loadDailyAggregates(db: Db, where: Prisma.KpiDailyWhereInput, periodStart: Date): Promise<DailyAggregates> {
  const [byDay, bySegment] = await Promise.all([
    db.kpiDaily.groupBy({ by: ["day"], where, _sum: SERVICE_SUMS, orderBy: { day: "asc" } }),
    db.kpiDaily.groupBy({ by: ["locationId", "category"], where: { ...where, day: { gte: periodStart } }, _sum: SERVICE_SUMS }),
  ]);
  const sums = (s: Partial<Record<keyof ServiceSums, number | null>>): ServiceSums => ({
    seriesDays: s.seriesDays ?? 0,
    stockoutDays: s.stockoutDays ?? 0,
    // Null only on facts stored before it was measured: in-stock is then unknown, not 100 %.
    stockoutDemand: s.stockoutDemand ?? null,
    unitsSold: s.unitsSold ?? 0,
    revenue: s.revenue ?? 0,
    lostUnits: s.lostUnits ?? 0,
    lostSales: s.lostSales ?? 0,
  });
  return {
    byDay: byDay.map((d) => ({ day: d.day, ...sums(d._sum) })),
    bySegment: bySegment.map((c) => ({ locationId: c.locationId, category: c.category, ...sums(c._sum) })),
  };
}

/** SKU level: the location's SKUs of the category, per SKU, straight from the sales window. */
async function loadLiveDaily(db: Db, segment: KpiSegment, asOfDay: number, periodStart: Date): Promise<DailyAggregates> {
  const location = segment.locations[0];
  if (!location || segment.products.length === 0) return { byDay: [], bySegment: [] };
  const products = await db.product.findMany({ where: { id: { in: segment.products.map((p) => p.id) } }, select: { id: true, category: true, unitCost: true, unitPrice: true } });
  const byId = new Map(products.map((p) => [p.id, p]));
  const window = await loadSalesWindow(asOfDay - KPI_WINDOW_DAYS, KPI_WINDOW_DAYS, { locationId: location.id, productIds: products.map((p) => p.id) });
  const cells = window.series.flatMap((series) => buildKpiDaily("live", { ...window, series: [series] }, byId).map((cell) => ({ ...cell, productId: series.productId })));
  const byDay = [...groupBy(cells, (c) => (c.day as Date).toISOString()).values()].map((group) => ({ day: group[0]!.day as Date, ...sumServiceTotals(group), revenue: sum(group, (c) => c.revenue) }));
  const recent = cells.filter((c) => (c.day as Date) >= periodStart);
  const bySegment = [...groupBy(recent, (c) => String(c.productId)).values()].map((group) => ({
    locationId: location.id,
    category: group[0]!.category,
    productId: group[0]!.productId,
    ...sumServiceTotals(group),
    revenue: sum(group, (c) => c.revenue),
  }));
  const cogs28ByProduct = new Map<number, number>();
  for (const c of cells) if ((c.day as Date).getTime() >= fromDayNumber(asOfDay - 28).getTime()) cogs28ByProduct.set(c.productId, (cogs28ByProduct.get(c.productId) ?? 0) + (c.cogs ?? 0));
  return { byDay: byDay.sort((x, y) => x.day.getTime() - y.day.getTime()), bySegment, cogs28ByProduct };
}

/**
 * SKU level stock: the latest on-hand per SKU at the location, forecast demand from the run's stored
 * forecast, and the policy's order-up-to level where the run kept the series' chart (series with an
 * exception); elsewhere excess is unknown rather than guessed.
 */
async function loadLiveInventory(db: Db, segment: KpiSegment, run: { planRunId: string; asOf: Date }): Promise<InventoryCell[]> {
  const location = segment.locations[0];
  if (!location || segment.products.length === 0) return [];
  const productIds = segment.products.map((p) => p.id);
  const [positions, forecasts, charts, products] = await Promise.all([
    db.inventoryPosition.findMany({ where: { locationId: location.id, productId: { in: productIds } }, orderBy: { asOf: "desc" } }),
    db.planRunForecast.findMany({ where: { planRunId: run.planRunId, locationId: location.id, productId: { in: productIds }, week: 0 } }),
    db.planRunSeries.findMany({ where: { planRunId: run.planRunId, locationId: location.id, productId: { in: productIds } } }),
    db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, category: true, unitCost: true, unitPrice: true } }),
  ]);
  const onHand = new Map<number, number>();
  for (const p of positions) if (!onHand.has(p.productId)) onHand.set(p.productId, p.onHand);
  const demand = new Map(forecasts.map((f) => [f.productId, f.mean / 7]));
  const orderUpTo = new Map(charts.flatMap((c) => {
    const chart = parseSeriesChartData(c.data);
    return chart ? [[c.productId, chart.orderUpToLevel] as const] : [];
  }));
  return products.map((product) => {
    const level = orderUpTo.get(product.id);
    const totals = summarizeStockPositions([
      { onHand: onHand.get(product.id) ?? 0, unitCost: product.unitCost, unitPrice: product.unitPrice, dailyDemand: demand.get(product.id) ?? 0, orderUpToLevel: level ?? Infinity },
    ]);
    return { planRunId: run.planRunId, asOf: run.asOf, locationId: location.id, category: product.category, productId: product.id, cogs28: 0, ...totals, excessValue: level === undefined ? null : totals.excessValue };
  });
}
