import { describe, expect, it } from "vitest";
import type { DemandSeries } from "../types";
import { stoppedSellingLevel } from "./detect-stopped-selling";
import { forecastPanel } from "./forecast-panel";
import { prepareHistory } from "./prepare-history";

/** `days` of history selling `size` units every `every`-th day, the last sale exactly `silent` days before the end. */
function seller(every: number, size: number, silent: number, days = 400): DemandSeries {
  const units = new Float64Array(days);
  for (let t = days - silent - 1; t >= 0; t -= every) units[t] = size;
  return { id: `every-${every}-silent-${silent}`, firstDay: 19000, units };
}

describe("stoppedSellingLevel", () => {
  it("moves a daily seller silent for three weeks to the rate since the stop: half a sale in 21 days", () => {
    const history = prepareHistory(seller(1, 6, 21));
    expect(stoppedSellingLevel(history, history.units.length)).toBeCloseTo((0.5 / 21) * 6, 10);
  });

  it("needs three weeks, and a run that chance explains less than once in a thousand", () => {
    const daily = prepareHistory(seller(1, 6, 20));
    expect(stoppedSellingLevel(daily, daily.units.length)).toBeNull();
    // Selling every 4th day, 22 silent days have a chance of 0.75^22 ≈ 0.002; 31 days 0.0001.
    const slow = prepareHistory(seller(4, 1, 22));
    expect(stoppedSellingLevel(slow, slow.units.length)).toBeNull();
    const stopped = prepareHistory(seller(4, 1, 31));
    expect(stoppedSellingLevel(stopped, stopped.units.length)).toBeCloseTo(0.5 / 31, 10);
    // A lumpy item selling once in 50 days is silent for 60 days about 30 % of the time.
    const lumpy = prepareHistory(seller(50, 20, 60));
    expect(stoppedSellingLevel(lumpy, lumpy.units.length)).toBeNull();
  });

  it("neither counts nor breaks a run on flagged stock-out days", () => {
    const series = seller(1, 6, 30);
    series.stockout = new Uint8Array(series.units.length);
    // Out of stock on 15 of the 30 silent days: 15 observed zeros are not yet a stop …
    for (let t = series.units.length - 30; t < series.units.length - 15; t++) series.stockout[t] = 1;
    const history = prepareHistory(series);
    expect(stoppedSellingLevel(history, history.units.length)).toBeNull();
    // … but 25 are, with the out-of-stock days in the middle of them.
    series.stockout.fill(0);
    for (let t = series.units.length - 20; t < series.units.length - 15; t++) series.stockout[t] = 1;
    const later = prepareHistory(series);
    expect(stoppedSellingLevel(later, later.units.length)).toBeCloseTo((0.5 / 25) * 6, 10);
  });
});

describe("forecastPanel on a series that stopped selling", () => {
  it("forecasts the new regime's small rate, never all zeros while it sold in the last 8 weeks, and says so", () => {
    // One unit every 4th day for two years, then 35 silent days: its year's mean alone would say 0.25 a day.
    const [forecast] = forecastPanel([seller(4, 1, 35, 730)], { horizon: 28 });
    const total = forecast!.mean.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeCloseTo((0.5 / 35) * 28, 6);
    expect(forecast!.method).toMatch(/ after a stop$/);
  });

  it("leaves a slow mover in a run that chance explains alone", () => {
    const [forecast] = forecastPanel([seller(4, 1, 20, 730)], { horizon: 28 });
    expect(forecast!.method).not.toMatch(/after a stop/);
    expect(forecast!.mean.reduce((a, b) => a + b, 0) / 28).toBeGreaterThan(0.1);
  });
});
