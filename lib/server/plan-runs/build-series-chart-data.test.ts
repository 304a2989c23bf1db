import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "../../engine/plan/plan-fixtures";
import type { ForecastStep, PlanSnapshot } from "../../engine/plan/plan-types";
import { runPlan } from "../../engine/plan/run-plan";
import type { SeriesForecast } from "../../engine/types";
import { buildSeriesChart } from "../exceptions/build-series-chart";
import { buildSeriesChartData } from "./build-series-chart-data";
import { ZSeriesChartData } from "../../contracts/plan-runs";

describe("the series chart of a plan run", () => {
  it("carries a new product's 'based on' text and the series' returns (received, back in stock, rate) through to the API's aligned arrays", async () => {
    const base = buildSmallSnapshot(5);
    const snapshot: PlanSnapshot = {
      ...base,
      returns: [
        { locationId: "ST1", sku: "SKU1", day: base.asOf - 3, units: 2 },
        { locationId: "ST1", sku: "SKU1", day: base.asOf, units: 4 },
      ],
    };
    const forecasts = new Map<string, SeriesForecast>();
    const step: ForecastStep = async (series, options) => {
      const results = await flatForecastStep(series, options);
      for (const forecast of results) {
        if (forecast.id === "ST1|SKU1") forecast.basedOn = { seriesIds: ["ST1|SKU2"], names: ["SKU SKU2 (Urban jeans)"], factor: 0.8, ownWeight: 0, text: "based on SKU SKU2 (Urban jeans) ×0.8" };
        forecasts.set(forecast.id, forecast);
      }
      return results;
    };
    const result = await runPlan(snapshot, { horizonDays: 28, returnInspectionDays: { store: 1, ecommerce: 3, dc: 3 } }, step);
    const plan = result.series.find((s) => s.seriesId === "ST1|SKU1")!;
    const history = snapshot.demand.find((s) => s.id === "ST1|SKU1")!;
    const data = ZSeriesChartData.parse(buildSeriesChartData(history, forecasts.get("ST1|SKU1")!, plan, snapshot, []));
    expect(data.basedOn).toBe("based on SKU SKU2 (Urban jeans) ×0.8");
    expect(data.returns!.received.slice(-4)).toEqual([2, 0, 0, 4]);
    // Today's 4 units are sellable after a day's inspection: the first horizon day.
    expect(data.returns!.backToStock[0]).toBeGreaterThanOrEqual(4);
    const chart = buildSeriesChart("run-1", data);
    expect(chart.basedOn).toBe(data.basedOn);
    expect(chart.returns!.received).toHaveLength(chart.days.length);
    expect(chart.returns!.received[chart.forecastStartIndex - 1]).toBe(4);
    expect(chart.returns!.backToStock[chart.forecastStartIndex]).toBe(data.returns!.backToStock[0]);
    expect(chart.returns!.backToStock[chart.forecastStartIndex - 1]).toBeNull();
  });

  it("shows a DC the demand its projection plans against: its own sales plus its stores', history and forecast, labelled as pulled through", async () => {
    const base = buildSmallSnapshot(5);
    const days = base.demand[0]!.units.length;
    // The DC sells nothing itself; its six stores sell 2–10 a day each.
    const snapshot: PlanSnapshot = { ...base, demand: [...base.demand, { id: "DC1|SKU1", firstDay: base.demand[0]!.firstDay, units: new Float64Array(days) }] };
    const forecasts = new Map<string, SeriesForecast>();
    const step: ForecastStep = async (series, options) => {
      const results = await flatForecastStep(series, options);
      for (const forecast of results) forecasts.set(forecast.id, forecast);
      return results;
    };
    const result = await runPlan(snapshot, { horizonDays: 28 }, step);
    const dcPlan = result.series.find((s) => s.seriesId === "DC1|SKU1")!;
    const storeIds = snapshot.demand.filter((series) => series.id.endsWith("|SKU1") && series.id.startsWith("ST")).map((series) => series.id);
    const data = ZSeriesChartData.parse(buildSeriesChartData(snapshot.demand.at(-1)!, forecasts.get("DC1|SKU1")!, dcPlan, snapshot, []));
    expect(data.pulledThrough).toEqual({ suppliedLocations: 6 });
    const storeSales = (offset: number) => storeIds.reduce((sum, id) => sum + snapshot.demand.find((series) => series.id === id)!.units[days - offset]!, 0);
    expect(data.sales.at(-1)).toBeCloseTo(storeSales(1), 2);
    expect(data.sales.at(-30)).toBeCloseTo(storeSales(30), 2);
    const storeForecast = storeIds.reduce((sum, id) => sum + forecasts.get(id)!.mean[0]!, 0);
    expect(storeForecast).toBeGreaterThan(0);
    expect(data.mean[0]).toBeCloseTo(storeForecast, 1);
    // The DC's own forecast rides along: it is what a forecast override of the DC replaces.
    expect(data.ownMean).toEqual(Array.from(forecasts.get("DC1|SKU1")!.mean, (v) => Math.round(v * 100) / 100));
    expect(data.p90[0]).toBeGreaterThan(data.mean[0]!);
    // The summed forecast has no backtest of its own.
    expect(data.accuracy).toBeNull();
    expect(buildSeriesChart("run-1", data).pulledThrough).toEqual({ suppliedLocations: 6 });

    const storePlan = result.series.find((s) => s.seriesId === "ST1|SKU1")!;
    const storeData = buildSeriesChartData(snapshot.demand.find((series) => series.id === "ST1|SKU1")!, forecasts.get("ST1|SKU1")!, storePlan, snapshot, []);
    expect(storeData.pulledThrough).toBeUndefined();
    expect(storeData.ownMean).toBeUndefined();
    expect(buildSeriesChart("run-1", storeData).pulledThrough).toBeNull();
  });
});
