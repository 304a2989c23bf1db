import { beforeAll, describe, expect, it } from "vitest";
import { MS_PER_DAY, toDayNumber } from "../../engine/calendar";
import { createLocation, createProduct } from "../../test/factories";
import { db } from "../db";
import { executePlanRun } from "../plan-runs/execute-plan-run";
import { requestPlanRun } from "../plan-runs/request-plan-run";
import { ZKpiQuery, type TKpiQuery } from "../../contracts/kpis";
import { estimateLostUnits } from "../../engine/kpis/service-level";
import { FORECAST_HISTORY_WEEKS } from "./backfill-kpi-history";
import { buildKpiDaily } from "./build-kpi-daily";
import { getKpiDashboard } from "./get-kpi-dashboard";
import { KPI_WINDOW_DAYS } from "./compute-kpi-snapshot";
import { loadSalesWindow } from "./load-sales-window";

let runId: string;

beforeAll(async () => {
  const dc = await createLocation({ type: "DC", code: "DC-KPI", cluster: "dc" });
  const stores = [await createLocation({ sourceDcCode: dc.code, cluster: "urban" }), await createLocation({ sourceDcCode: dc.code, cluster: "urban" })];
  const products = [await createProduct({ casePack: 1 }), await createProduct({ casePack: 1, category: "DRINKS" })];
  const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  for (const [s, store] of stores.entries()) {
    for (const [p, product] of products.entries()) {
      await db.salesDaily.createMany({
        data: Array.from({ length: 120 }, (_, day) => ({
          locationId: store.id,
          productId: product.id,
          date: new Date(today - (120 - day) * MS_PER_DAY),
          units: 2 + ((day + s + p) % 5),
          revenue: 7.5 + day / 10,
          stockout: day % 17 === 0 ? true : null,
        })),
      });
      await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand: 10 + 30 * s } });
      // Three earlier weekly snapshots (the stock history an ERP export holds); none before them.
      for (const week of [1, 2, 3]) {
        await db.inventoryPosition.create({
          data: { locationId: store.id, productId: product.id, asOf: new Date(today - (1 + 7 * week) * MS_PER_DAY), onHand: 10 * week + s + p },
        });
      }
    }
  }
  const run = await requestPlanRun(db, { trigger: "manual" });
  expect(await executePlanRun(db, run.id, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
  runId = run.id;
}, 120_000);

describe("KPI snapshot of a plan run", () => {
  it("stores every daily fact exactly as built, dates as dates", async () => {
    const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
    const asOfDay = toDayNumber(run.asOf);
    const products = new Map((await db.product.findMany()).map((p) => [p.id, p]));
    const built = buildKpiDaily(runId, await loadSalesWindow(asOfDay - KPI_WINDOW_DAYS, KPI_WINDOW_DAYS), products);
    const stored = await db.kpiDaily.findMany({ where: { planRunId: runId } });
    const key = (row: { day: Date | string; locationId: number; category: string }) => `${new Date(row.day).toISOString()}|${row.locationId}|${row.category}`;
    expect(stored.length).toBe(built.length);
    expect(stored.length).toBeGreaterThan(0);
    const byKey = new Map(stored.map((row) => [key(row), row]));
    for (const cell of built) {
      const row = byKey.get(key(cell));
      expect(row, key(cell)).toBeDefined();
      expect(row!.day).toBeInstanceOf(Date);
      expect({ ...row, day: row!.day.toISOString() }).toEqual({ ...cell, day: new Date(cell.day).toISOString() });
    }
  });

  it("keeps four weeks of every series' forecast, weeks starting the day after the plan's data", async () => {
    const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
    const counts = JSON.parse(run.counts!) as { series: number };
    const forecasts = await db.planRunForecast.findMany({ where: { planRunId: runId }, orderBy: [{ locationId: "asc" }, { productId: "asc" }, { week: "asc" }] });
    expect(forecasts.length).toBe(counts.series * 4);
    expect(forecasts[0]!.weekStart.getTime()).toBe(run.asOf.getTime());
    expect(forecasts[1]!.weekStart.getTime() - forecasts[0]!.weekStart.getTime()).toBe(7 * MS_PER_DAY);
    for (const row of forecasts) expect(row.p10 <= row.mean && row.mean <= row.p90).toBe(true);
    expect(await db.kpiForecastAccuracy.count({ where: { planRunId: runId, source: "backtest" } })).toBeGreaterThan(0);
  });

  it("back-fills the inventory trend from the imported weekly stock snapshots, and only the weeks they cover", async () => {
    const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
    const asOfDay = toDayNumber(run.asOf);
    const history = await db.kpiInventory.findMany({ where: { planRunId: { startsWith: "stock-history:" } }, orderBy: { asOf: "desc" } });
    const weeks = [...new Set(history.map((row) => toDayNumber(row.asOf)))];
    expect(weeks).toEqual([asOfDay - 7, asOfDay - 14, asOfDay - 21]);
    const products = new Map((await db.product.findMany()).map((p) => [p.id, p]));
    const window = await loadSalesWindow(asOfDay - 60, 60);
    for (const day of weeks) {
      const rows = history.filter((row) => toDayNumber(row.asOf) === day);
      const positions = await db.inventoryPosition.findMany({ where: { asOf: new Date((day - 1) * MS_PER_DAY) } });
      expect(rows.reduce((t, r) => t + r.onHandCost, 0)).toBeCloseTo(positions.reduce((t, p) => t + p.onHand * products.get(p.productId)!.unitCost, 0), 6);
      // Demand of a back-filled week: what sold in the 28 days before it.
      const sold = window.series.reduce((t, s) => t + s.units.slice(day - 28 - window.firstDay, day - window.firstDay).reduce((a, b) => a + b, 0), 0);
      expect(rows.reduce((t, r) => t + r.dailyDemand, 0)).toBeCloseTo(sold / 28, 6);
    }

    const dashboard = await getKpiDashboard(db, ZKpiQuery.parse({}), { role: "admin", scopes: [] });
    expect(dashboard.inventory.map((point) => point.source)).toEqual(["stock-history", "stock-history", "stock-history", "plan-run"]);
    expect(dashboard.tiles.find((tile) => tile.id === "workingCapital")?.basis).toMatch(/vs the stock snapshot of/);
  });

  it("back-fills one-week-ahead forecasts for past weeks, so realized accuracy has weeks on a new database", async () => {
    const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
    const asOfDay = toDayNumber(run.asOf);
    const counts = JSON.parse(run.counts!) as { series: number };
    const backfilled = await db.planRunForecast.findMany({ where: { planRunId: { startsWith: "forecast-history:" } } });
    expect(backfilled.every((row) => row.week === 0)).toBe(true);
    expect(new Set(backfilled.map((row) => toDayNumber(row.weekStart)))).toEqual(new Set(Array.from({ length: FORECAST_HISTORY_WEEKS }, (_, k) => asOfDay - 7 * (k + 1))));
    expect(backfilled).toHaveLength(counts.series * FORECAST_HISTORY_WEEKS);
    const realizedWeeks = await db.kpiForecastAccuracy.groupBy({ by: ["weekStart"], where: { planRunId: runId, source: "realized" } });
    expect(realizedWeeks).toHaveLength(FORECAST_HISTORY_WEEKS);
    const dashboard = await getKpiDashboard(db, ZKpiQuery.parse({}), { role: "admin", scopes: [] });
    expect(dashboard.backfilledForecastWeeks).toBe(FORECAST_HISTORY_WEEKS);
    expect(dashboard.backfilledForecastSeries).toBe(counts.series);
    expect(dashboard.accuracy.filter((point) => point.source === "realized")).toHaveLength(FORECAST_HISTORY_WEEKS);
  });

  it("back-fills nothing twice: a second run finds the weeks covered", async () => {
    const before = { inventory: await db.kpiInventory.count({ where: { planRunId: { startsWith: "stock-history:" } } }), forecasts: await db.planRunForecast.count({ where: { planRunId: { startsWith: "forecast-history:" } } }) };
    const again = await requestPlanRun(db, { trigger: "manual" });
    expect(await executePlanRun(db, again.id, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    expect(await db.kpiInventory.count({ where: { planRunId: { startsWith: "stock-history:" } } })).toBe(before.inventory);
    expect(await db.planRunForecast.count({ where: { planRunId: { startsWith: "forecast-history:" } } })).toBe(before.forecasts);
  }, 120_000);

  it("weighs in-stock by demand, as worked out from the sales, and every drill level agrees with the row it came from", async () => {
    const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
    const asOfDay = toDayNumber(run.asOf);
    const window = await loadSalesWindow(asOfDay - KPI_WINDOW_DAYS, KPI_WINDOW_DAYS);
    let demand = 0;
    let stockoutDemand = 0;
    let days = 0;
    let stockoutDays = 0;
    for (const series of window.series) {
      const lost = estimateLostUnits([...series.units], [...series.stockout].map((flag) => flag === 1));
      for (let i = KPI_WINDOW_DAYS - 28; i < KPI_WINDOW_DAYS; i++) {
        const dayDemand = series.units[i]! + lost[i]!;
        demand += dayDemand;
        days += 1;
        if (series.stockout[i]) {
          stockoutDemand += dayDemand;
          stockoutDays += 1;
        }
      }
    }
    expect(stockoutDays).toBeGreaterThan(0);
    const admin = { role: "admin" as const, scopes: [] };
    const network = await getKpiDashboard(db, ZKpiQuery.parse({}), admin);
    const tile = network.tiles.find((t) => t.id === "inStock")!;
    expect(tile.value).toBeCloseTo(1 - stockoutDemand / demand, 9);
    // The stock-outs fall on days with more demand than most: counting days alike would read higher.
    expect((days - stockoutDays) / days - tile.value!).toBeGreaterThan(1e-4);
    expect(tile.sample).toEqual({ count: Math.round(demand), of: "demand unit" });

    const walk = async (query: TKpiQuery, inStock: number | null, depth: number): Promise<number> => {
      const page = await getKpiDashboard(db, query, admin);
      expect(page.tiles.find((t) => t.id === "inStock")!.value, JSON.stringify(query)).toBeCloseTo(inStock!, 9);
      if (page.breakdown.length === 0) return depth;
      // The rows' in-stock, weighted by their demand, is the page's own figure.
      const rowsDemand = page.breakdown.reduce((t, r) => t + r.demandUnits, 0);
      const weighted = page.breakdown.reduce((t, r) => t + r.demandUnits * (r.inStock ?? 0), 0) / rowsDemand;
      expect(weighted, JSON.stringify(query)).toBeCloseTo(inStock!, 9);
      const row = page.breakdown[0]!;
      return row.drill === null ? depth + 1 : walk(ZKpiQuery.parse(Object.fromEntries(new URLSearchParams(row.drill))), row.inStock, depth + 1);
    };
    // network → region → location → category → SKU
    expect(await walk(ZKpiQuery.parse({}), tile.value, 0)).toBe(4);
  });
});
