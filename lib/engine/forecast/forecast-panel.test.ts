import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DemandSeries, SeriesForecast } from "../types";
import { forecastPanel, forecastPanelParallel } from "./forecast-panel";
import { generateSyntheticPanel } from "./generate-synthetic-panel";

const HORIZON = 14;
const synthetic = generateSyntheticPanel({ seriesCount: 60, historyDays: 420, holdoutDays: HORIZON, seed: 3, groupSize: 20 });

function expectValidForecast(forecast: SeriesForecast, horizon: number) {
  const levels = forecast.quantiles.map((q) => q.level);
  expect(levels).toEqual([...levels].sort((a, b) => a - b));
  for (const required of [0.1, 0.5, 0.9]) expect(levels).toContain(required);
  expect(forecast.mean).toHaveLength(horizon);
  for (let h = 0; h < horizon; h++) {
    expect(Number.isFinite(forecast.mean[h]!)).toBe(true);
    expect(forecast.mean[h]).toBeGreaterThanOrEqual(0);
    for (let q = 0; q < forecast.quantiles.length; q++) {
      const value = forecast.quantiles[q]!.values[h]!;
      expect(value).toBeGreaterThanOrEqual(0);
      if (q > 0) expect(value).toBeGreaterThanOrEqual(forecast.quantiles[q - 1]!.values[h]!);
    }
  }
  expect(forecast.nbSize).toBeGreaterThan(0);
}

const sameForecasts = (a: SeriesForecast[], b: SeriesForecast[]) => {
  expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
  for (let i = 0; i < a.length; i++) {
    expect(b[i]!.method).toBe(a[i]!.method);
    expect(Array.from(b[i]!.mean)).toEqual(Array.from(a[i]!.mean));
    expect(b[i]!.nbSize).toBe(a[i]!.nbSize);
    expect(b[i]!.quantiles.map((q) => Array.from(q.values))).toEqual(a[i]!.quantiles.map((q) => Array.from(q.values)));
    expect(b[i]!.accuracy).toEqual(a[i]!.accuracy);
  }
};

describe("forecastPanel", () => {
  const options = { horizon: HORIZON, futurePromo: synthetic.futurePromo, quantiles: [0.95, 0.05] };
  const forecasts = forecastPanel(synthetic.series, options);

  it("returns one valid forecast per series in input order, starting the day after the history", () => {
    expect(forecasts.map((f) => f.id)).toEqual(synthetic.series.map((s) => s.id));
    forecasts.forEach((forecast, i) => {
      expectValidForecast(forecast, HORIZON);
      expect(forecast.quantiles.map((q) => q.level)).toEqual([0.05, 0.1, 0.5, 0.9, 0.95]);
      const series = synthetic.series[i]!;
      expect(forecast.firstDay).toBe(series.firstDay + series.units.length);
    });
  });

  it("fills backtest accuracy for every series with enough history", () => {
    for (const forecast of forecasts) {
      const accuracy = forecast.accuracy!;
      expect(accuracy.coverage80).toBeGreaterThanOrEqual(0);
      expect(accuracy.coverage80).toBeLessThanOrEqual(1);
      expect(Number.isNaN(accuracy.rmsse)).toBe(false);
      expect(Number.isNaN(accuracy.trackingSignal)).toBe(false);
    }
  });

  it("is deterministic and does not mutate its input", () => {
    const before = synthetic.series.map((s) => Array.from(s.units));
    sameForecasts(forecasts, forecastPanel(synthetic.series, options));
    expect(synthetic.series.map((s) => Array.from(s.units))).toEqual(before);
  });

  it("gives exactly the single-thread result from worker threads", async () => {
    sameForecasts(forecasts, await forecastPanelParallel(synthetic.series, { ...options, workers: 2 }));
  });

  it("copes with more workers than batches and with an empty panel", async () => {
    const few = synthetic.series.slice(0, 5);
    sameForecasts(forecastPanel(few, options), await forecastPanelParallel(few, { ...options, workers: 4 }));
    expect(await forecastPanelParallel([], options)).toEqual([]);
  });

  it("warm-starts from the previous state and stays close to the cold fit", () => {
    const warmStart = new Map(forecasts.map((f) => [f.id, f.state]));
    const warm = forecastPanel(synthetic.series, { ...options, warmStart });
    let total = 0;
    let difference = 0;
    warm.forEach((f, i) => {
      for (let h = 0; h < HORIZON; h++) {
        total += forecasts[i]!.mean[h]!;
        difference += Math.abs(f.mean[h]! - forecasts[i]!.mean[h]!);
      }
    });
    expect(difference / total).toBeLessThan(0.05);
  });

  it("raises the forecast on known future promotion days", () => {
    const series = synthetic.series[0]!;
    const flags = new Uint8Array(HORIZON);
    flags[3] = 1;
    const [plain] = forecastPanel([series], { horizon: HORIZON });
    const [promoted] = forecastPanel([series], { horizon: HORIZON, futurePromo: new Map([[series.id, flags]]) });
    expect(promoted!.mean[3]!).toBeGreaterThan(plain!.mean[3]!);
    expect(promoted!.mean[4]).toBe(plain!.mean[4]);
  });

  it("handles empty, all-zero and very short series", () => {
    const tiny: DemandSeries[] = [
      { id: "empty", firstDay: 0, units: new Float64Array(0) },
      { id: "zeros", firstDay: 0, units: new Float64Array(30) },
      { id: "short", firstDay: 0, units: Float64Array.from([0, 0, 2, 1, 3]) },
    ];
    const result = forecastPanel(tiny, { horizon: 7 });
    result.forEach((f) => expectValidForecast(f, 7));
    expect(Array.from(result[1]!.mean)).toEqual(new Array(7).fill(0));
    expect(result[2]!.mean[0]).toBeGreaterThan(0);
  });

  it("keeps its invariants on arbitrary count series", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 10 }), (values, horizon) => {
        const [forecast] = forecastPanel([{ id: "x", firstDay: 20000, units: Float64Array.from(values) }], { horizon });
        expectValidForecast(forecast!, horizon);
      }),
      { numRuns: 40, seed: 7 },
    );
  });
});
