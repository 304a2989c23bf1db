import { describe, expect, it } from "vitest";
import type { DemandSeries } from "../types";
import { forecastPanel } from "./forecast-panel";

const HORIZON = 28;

/** Sold one unit every fourth day for two years, then nothing for the last `quietDays` (the backtest window is silent). */
function quietAtTheEnd(quietDays: number): DemandSeries {
  const units = new Float64Array(730);
  for (let t = 0; t < units.length - quietDays; t += 4) units[t] = 1;
  return { id: `quiet-${quietDays}`, firstDay: 19000, units };
}

describe("forecastSeries on a quiet backtest window", () => {
  it("never forecasts all zeros for a series that sold in the last 8 weeks", () => {
    for (const quietDays of [29, 35, 42, 52]) {
      const [forecast] = forecastPanel([quietAtTheEnd(quietDays)], { horizon: HORIZON });
      const sum = forecast!.mean.reduce((a, b) => a + b, 0);
      expect(sum, `${quietDays} quiet days: ${forecast!.method}`).toBeGreaterThan(0);
      expect(forecast!.method).not.toMatch(/^(snaive|ma28|mean\(ma28\+snaive\)|mean\(snaive\+ma28\))$/);
    }
  });
  it("lets a series silent for 4 months be forecast as dead when its backtest says so", () => {
    const [forecast] = forecastPanel([quietAtTheEnd(120)], { horizon: HORIZON });
    expect(forecast!.mean.every((value) => value === 0)).toBe(true);
  });
});

describe("forecastSeries on a spiky slow mover", () => {
  it("does not carry last week's single bulk order into the next four weeks", () => {
    // About 0.33 units a day, then one order of 40 three days before the origin (0.39 a day if such orders recur every two years).
    const units = new Float64Array(730);
    for (let t = 0; t < units.length; t += 4) units[t] = 1 + (t % 3 === 0 ? 1 : 0);
    units[727] = 40;
    const [forecast] = forecastPanel([{ id: "spiky", firstDay: 19000, units }], { horizon: HORIZON });
    const dailyMean = forecast!.mean.reduce((a, b) => a + b, 0) / HORIZON;
    expect(forecast!.method).not.toContain("snaive");
    expect(dailyMean).toBeGreaterThan(0.3);
    expect(dailyMean).toBeLessThan(0.5);
  });
});

describe("forecastSeries combination for slow movers", () => {
  it("shrinks a slow mover's backtest choice toward ADIDA and the year's mean, and leaves a smooth series' choice alone", () => {
    // Intermittent: a sale of 1–3 every third to sixth day; after a quiet spell the last 28 days sell twice as often.
    const slow = new Float64Array(730);
    for (let t = 0, k = 0; t < slow.length; k++) {
      slow[t] = 1 + (k % 3);
      t += t >= 702 ? 2 : 3 + (k % 4);
    }
    const smooth = Float64Array.from({ length: 730 }, (_, t) => 20 + (t % 7) + (t % 5));
    const [slowForecast, smoothForecast] = forecastPanel(
      [
        { id: "slow", firstDay: 19000, units: slow },
        { id: "smooth", firstDay: 19000, units: smooth },
      ],
      { horizon: HORIZON },
    );
    expect(slowForecast!.demandClass === "intermittent" || slowForecast!.demandClass === "lumpy").toBe(true);
    expect(slowForecast!.method).toMatch(/^mean\(.*\)$/);
    const members = slowForecast!.method.slice(5, -1).split("+");
    expect(members).toContain("adida");
    expect(members).toContain("ma365");
    expect(smoothForecast!.demandClass).toBe("smooth");
    expect(smoothForecast!.method).not.toContain("ma365");
  });
});
