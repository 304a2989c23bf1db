import { beforeAll, describe, expect, it } from "vitest";
import { MS_PER_DAY, toDayNumber } from "../../engine/calendar";
import { createLocation, createProduct } from "../../test/factories";
import { db } from "../db";
import { executePlanRun } from "../plan-runs/execute-plan-run";
import { requestPlanRun } from "../plan-runs/request-plan-run";
import { buildKpiDaily } from "./build-kpi-daily";
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
});
